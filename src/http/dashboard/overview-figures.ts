import { shiftIsoWeek } from '../../domain/calendar';
import {
  CLUSTERS,
  PARTICIPANT_STATUSES,
  STAGES,
  type Cluster,
  type ParticipantStatus,
  type Stage,
} from '../../domain/program';
import { slaBadgeOf } from './sla-badge';

/**
 * How many weeks the overview's trend covers: about the three months of mentoring, and still bars
 * wide enough to read on a phone.
 */
export const TREND_WEEKS = 12;

/** What the overview needs of a participant: where they are, their business and whether still active. */
export interface OverviewParticipant {
  id: string;
  kecamatan: string;
  cluster: Cluster;
  stage: Stage;
  status: ParticipantStatus;
}

/** What the overview needs of a weekly report. */
export interface OverviewReport {
  participant: string;
  week: string;
  sales: number;
  savingsDeposit: number;
  savingsWithdrawal: number;
}

export interface WeekFigure {
  week: string;
  /** Active participants now (the program keeps no history of who was active in a past week). */
  active: number;
  /** Of those, how many reported that week. */
  reported: number;
  /** `reported / active`, or null when nobody is active (no rate rather than a false 0 %). */
  rate: number | null;
  /** Totals of every report of that week in scope, including participants who have since left. */
  sales: number;
  savingsDeposit: number;
  savingsWithdrawal: number;
}

export interface KecamatanFigure {
  kecamatan: string;
  active: number;
  reportedThisWeek: number;
}

export interface ParticipantFigures {
  byStatus: Record<ParticipantStatus, number>;
  active: number;
  byCluster: { cluster: Cluster; active: number }[];
  byStage: { stage: Stage; active: number }[];
  byKecamatan: KecamatanFigure[];
  /**
   * Oldest first, ending with this week, every week present from the first with a report (a week
   * nobody reported in between has zeros); only this week when there is no report at all.
   */
  weeks: WeekFigure[];
  thisWeek: WeekFigure;
}

/**
 * The participants' side of the overview, from the participants and reports in the viewer's scope:
 * counts of active participants by cluster, stage and kecamatan, and for each of the last `weeks`
 * weeks (from the first with a report) the reporting rate and the sales and savings totals. A participant has at most one report a
 * week (unique index, corrections replace it), so nothing counts twice.
 */
export function participantFigures(
  participants: readonly OverviewParticipant[],
  reports: readonly OverviewReport[],
  week: string,
  weeks = TREND_WEEKS,
): ParticipantFigures {
  const byStatus = Object.fromEntries(PARTICIPANT_STATUSES.map((status) => [status, 0])) as Record<
    ParticipantStatus,
    number
  >;
  for (const participant of participants) byStatus[participant.status]++;
  const active = participants.filter((participant) => participant.status === 'active');
  const activeIds = new Set(active.map((participant) => participant.id));

  const figures = new Map<string, WeekFigure & { reporters: Set<string> }>();
  for (let back = weeks - 1; back >= 0; back--) {
    const shown = shiftIsoWeek(week, -back);
    figures.set(shown, {
      week: shown,
      active: active.length,
      reported: 0,
      rate: null,
      sales: 0,
      savingsDeposit: 0,
      savingsWithdrawal: 0,
      reporters: new Set(),
    });
  }
  for (const report of reports) {
    const figure = figures.get(report.week);
    if (!figure) continue;
    figure.sales += report.sales;
    figure.savingsDeposit += report.savingsDeposit;
    figure.savingsWithdrawal += report.savingsWithdrawal;
    if (activeIds.has(report.participant)) figure.reporters.add(report.participant);
  }
  const reportedWeeks = new Set(reports.map((report) => report.week));
  const shown = [...figures.values()];
  // Weeks before the first report are before the program (or this group) began, not weeks of 0 %.
  const first = shown.findIndex((figure) => reportedWeeks.has(figure.week));
  const weekFigures: WeekFigure[] = shown
    .slice(first < 0 ? shown.length - 1 : first)
    .map(({ reporters, ...figure }) => ({
      ...figure,
      reported: reporters.size,
      rate: figure.active === 0 ? null : reporters.size / figure.active,
    }));
  const reportedThisWeek = figures.get(week)?.reporters ?? new Set<string>();

  // The same kecamatan is sometimes typed in another case; the first spelling met names the row.
  const kecamatan = new Map<string, KecamatanFigure>();
  for (const participant of active) {
    const key = participant.kecamatan.trim().toLowerCase();
    const row = kecamatan.get(key) ?? {
      kecamatan: participant.kecamatan.trim(),
      active: 0,
      reportedThisWeek: 0,
    };
    row.active++;
    if (reportedThisWeek.has(participant.id)) row.reportedThisWeek++;
    kecamatan.set(key, row);
  }

  const thisWeek = weekFigures[weekFigures.length - 1];
  if (!thisWeek) throw new Error('the overview needs at least one week');
  return {
    byStatus,
    active: active.length,
    byCluster: CLUSTERS.map((cluster) => ({
      cluster,
      active: active.filter((participant) => participant.cluster === cluster).length,
    })),
    byStage: STAGES.map((stage) => ({
      stage,
      active: active.filter((participant) => participant.stage === stage).length,
    })),
    byKecamatan: [...kecamatan.values()].sort((a, b) => a.kecamatan.localeCompare(b.kecamatan, 'id')),
    weeks: weekFigures,
    thisWeek,
  };
}

/** What the overview needs of an open complaint. */
export interface OverviewComplaint {
  puskesos: string;
  dueAt?: Date | undefined;
}

export interface ComplaintFigures {
  open: number;
  /** Open and past their next deadline, as the inbox's `terlambat` badge says. */
  overdue: number;
  /** Most overdue first, then most open: where the program office should call first. */
  byPuskesos: { puskesos: string; open: number; overdue: number }[];
}

/** Counts of the open complaints in scope, overall and by Puskesos. */
export function complaintFigures(openComplaints: readonly OverviewComplaint[], now: Date): ComplaintFigures {
  const rows = new Map<string, { puskesos: string; open: number; overdue: number }>();
  let overdue = 0;
  for (const complaint of openComplaints) {
    const row = rows.get(complaint.puskesos) ?? { puskesos: complaint.puskesos, open: 0, overdue: 0 };
    row.open++;
    if (slaBadgeOf(complaint.dueAt, now) === 'terlambat') {
      row.overdue++;
      overdue++;
    }
    rows.set(complaint.puskesos, row);
  }
  return {
    open: openComplaints.length,
    overdue,
    byPuskesos: [...rows.values()].sort(
      (a, b) => b.overdue - a.overdue || b.open - a.open || a.puskesos.localeCompare(b.puskesos),
    ),
  };
}

/** What the answer figures need of a complaint: when it was filed and when staff replied. */
export interface AnsweredComplaint {
  filedAt: Date;
  replies: readonly Date[];
}

export interface AnswerFigures {
  /** Complaints whose first reply came since the start of the month. */
  answered: number;
  /** The middle of their times from filing to first reply, in hours; null when none was answered. */
  medianHoursToAnswer: number | null;
}

/** How many complaints got their first answer since `since`, and how long they waited for it. */
export function answerFigures(complaints: readonly AnsweredComplaint[], since: Date): AnswerFigures {
  const waits = complaints
    .map((complaint) => ({ filedAt: complaint.filedAt, first: Math.min(...complaint.replies.map(Number)) }))
    .filter(({ first }) => Number.isFinite(first) && first >= since.getTime())
    .map(({ filedAt, first }) => (first - filedAt.getTime()) / 3_600_000)
    .sort((a, b) => a - b);
  const middle = Math.floor(waits.length / 2);
  const median =
    waits.length === 0
      ? null
      : waits.length % 2 === 1
        ? (waits[middle] ?? null)
        : ((waits[middle - 1] ?? 0) + (waits[middle] ?? 0)) / 2;
  return { answered: waits.length, medianHoursToAnswer: median };
}

/** `30` → `30 jam`, `75` → `3,1 hari`: hours while they are few, then days. */
export function formatWait(hours: number | null, language: 'id' | 'en'): string {
  if (hours === null) return '—';
  if (hours < 48) return `${Math.round(hours)} ${language === 'en' ? 'h' : 'jam'}`;
  const days = (hours / 24).toFixed(1);
  return language === 'en' ? `${days} days` : `${days.replace('.', ',')} hari`;
}

/** `0.8333` → `83 %`; no rate (nobody active) shows as a dash. */
export const percentOf = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);
