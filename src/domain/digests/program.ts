import { formatRupiah, say } from '../../i18n';
import { formatIsoWeek } from '../display';
import { CLUSTER_LABELS, type Cluster } from '../program';

export interface ProgramFacts {
  participants: { id: string; kecamatan: string; cluster: Cluster }[];
  /** Reports of the week, one per participant at most. */
  reports: { participant: string; sales: number; savingsDeposit: number }[];
  sessionsHeld: number;
}

export interface RateRow {
  name: string;
  participants: number;
  reported: number;
}

export interface ProgramSummary {
  participants: number;
  reported: number;
  sales: number;
  savings: number;
  sessionsHeld: number;
  byKecamatan: RateRow[];
  byCluster: RateRow[];
}

/** The program office's view of a week: reporting rate by kecamatan and cluster, totals, sessions held. */
export function summarizeProgram(facts: ProgramFacts): ProgramSummary {
  const reported = new Set(facts.reports.map((report) => report.participant));
  const rates = (key: (participant: ProgramFacts['participants'][number]) => string): RateRow[] => {
    const rows = new Map<string, RateRow>();
    for (const participant of facts.participants) {
      const name = key(participant);
      const row = rows.get(name) ?? { name, participants: 0, reported: 0 };
      row.participants++;
      if (reported.has(participant.id)) row.reported++;
      rows.set(name, row);
    }
    // Lowest reporting rate first: that is where a mentor's visit is needed.
    return [...rows.values()].sort(
      (a, b) => a.reported / a.participants - b.reported / b.participants || a.name.localeCompare(b.name),
    );
  };
  return {
    participants: facts.participants.length,
    reported: facts.participants.filter((participant) => reported.has(participant.id)).length,
    sales: facts.reports.reduce((sum, report) => sum + report.sales, 0),
    savings: facts.reports.reduce((sum, report) => sum + report.savingsDeposit, 0),
    sessionsHeld: facts.sessionsHeld,
    byKecamatan: rates((participant) => participant.kecamatan),
    byCluster: rates((participant) => CLUSTER_LABELS[participant.cluster]),
  };
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));
const rateLine = (row: RateRow) =>
  `- ${row.name}: ${row.reported}/${row.participants} (${percent(row.reported, row.participants)}%)`;

/** The program digest as a chat message for the koordinator and Dinsos admins (Indonesian). */
export function formatProgramDigest(summary: ProgramSummary, week: string): string {
  return [
    say('digest.programTitle', 'id', { week: formatIsoWeek(week, 'id') }),
    say('digest.programReported', 'id', {
      reported: summary.reported,
      participants: summary.participants,
      rate: percent(summary.reported, summary.participants),
    }),
    say('digest.programTotals', 'id', {
      sales: formatRupiah(summary.sales),
      savings: formatRupiah(summary.savings),
      sessions: summary.sessionsHeld,
    }),
    '',
    say('digest.byKecamatan', 'id'),
    ...summary.byKecamatan.map(rateLine),
    '',
    say('digest.byCluster', 'id'),
    ...summary.byCluster.map(rateLine),
  ].join('\n');
}
