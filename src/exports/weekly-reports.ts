import { shiftIsoWeek } from '../domain/calendar';
import { byPlaceAndName } from '../domain/display';
import { CLUSTER_LABELS, type Cluster } from '../domain/program';
import { say, type StaffLanguage } from '../i18n';
import type { Sheet } from './spreadsheet';
import { wordsIn } from './words';

/** A participant as the weekly reports export names them. */
export interface ReportedParticipant {
  id: string;
  name: string;
  phone: string;
  kecamatan: string;
  desa: string;
  cluster: Cluster;
  mentors: string[];
}

export interface StoredFigures {
  participant: string;
  week: string;
  sales: number;
  spending: number | null;
  savingsDeposit: number;
  savingsWithdrawal: number;
  savingsBalance: number | null;
  channel: string;
  submittedAt: Date;
}

/** One participant's week: their report, or none when they did not report. */
export interface WeeklyReportRow {
  participant: ReportedParticipant;
  week: string;
  report: StoredFigures | undefined;
}

/** Who goes in: everyone (a missing report as a row of its own), only those who did not report, or only reports. */
export type MissingReports = 'include' | 'only' | 'exclude';

/**
 * The rows of the export: week by week, and within a week by kecamatan, desa and name, as the
 * programme's own spreadsheets are laid out. `reports` must come in order of week (a cursor sorted
 * by week): only one week's reports are held at a time, so a year's file is written as it is read.
 */
export async function* weeklyReportRows(
  participants: ReportedParticipant[],
  reports: Iterable<StoredFigures> | AsyncIterable<StoredFigures>,
  weeks: string[],
  missing: MissingReports,
): AsyncGenerator<WeeklyReportRow> {
  const ordered = [...participants].sort(byPlaceAndName);
  const source = (async function* () {
    yield* reports;
  })();
  let next = await source.next();
  for (const week of [...weeks].sort()) {
    const reportOf = new Map<string, StoredFigures>();
    // ISO week strings sort in calendar order; a report of a week not asked for is passed over.
    while (!next.done && next.value.week <= week) {
      if (next.value.week === week) reportOf.set(next.value.participant, next.value);
      next = await source.next();
    }
    for (const participant of ordered) {
      const report = reportOf.get(participant.id);
      if (missing === 'include' || (missing === 'only' ? report === undefined : report !== undefined))
        yield { participant, week, report };
    }
  }
}

const figure =
  (key: 'sales' | 'spending' | 'savingsDeposit' | 'savingsWithdrawal' | 'savingsBalance') =>
  (row: WeeklyReportRow) =>
    row.report?.[key] ?? null;

export function weeklyReportSheet(
  weeks: { from: string; to: string },
  language: StaffLanguage = 'id',
): Sheet<WeeklyReportRow> {
  const w = wordsIn(language);
  return {
    name:
      weeks.from === weeks.to
        ? say('export.reportSheetWeek', language, { week: weeks.from })
        : say('export.reportSheetWeeks', language, weeks),
    columns: [
      { header: w('export.name'), kind: 'text', width: 24, value: (row) => row.participant.name },
      { header: w('export.phone'), kind: 'identifier', width: 16, value: (row) => row.participant.phone },
      { header: w('export.kecamatan'), kind: 'text', width: 16, value: (row) => row.participant.kecamatan },
      { header: w('export.desa'), kind: 'text', width: 16, value: (row) => row.participant.desa },
      {
        header: w('export.cluster'),
        kind: 'text',
        width: 14,
        value: (row) => CLUSTER_LABELS[row.participant.cluster],
      },
      {
        header: w('export.mentor'),
        kind: 'text',
        width: 20,
        value: (row) => row.participant.mentors.join(', '),
      },
      { header: w('export.week'), kind: 'text', width: 10, value: (row) => row.week },
      {
        header: w('export.status'),
        kind: 'text',
        width: 12,
        value: (row) => w(row.report ? 'export.reported' : 'export.notReported'),
      },
      { header: w('export.sales'), kind: 'amount', width: 14, value: figure('sales') },
      { header: w('export.spending'), kind: 'amount', width: 16, value: figure('spending') },
      { header: w('export.savingsDeposit'), kind: 'amount', width: 20, value: figure('savingsDeposit') },
      {
        header: w('export.savingsWithdrawal'),
        kind: 'amount',
        width: 22,
        value: figure('savingsWithdrawal'),
      },
      { header: w('export.savingsBalance'), kind: 'amount', width: 18, value: figure('savingsBalance') },
      { header: w('export.channel'), kind: 'text', width: 12, value: (row) => row.report?.channel ?? null },
      {
        header: w('export.reportedAt'),
        kind: 'time',
        width: 18,
        value: (row) => row.report?.submittedAt ?? null,
      },
    ],
  };
}

/** The file's name without its extension: `laporan-mingguan-2026-W47`, or with the last week of a range. */
export function weeklyReportFileName(weeks: { from: string; to: string }): string {
  return `laporan-mingguan-${weeks.from}${weeks.from === weeks.to ? '' : `_${weeks.to}`}`;
}

/**
 * The ISO weeks from `from` to `to`, both included; empty when `to` comes first. Stops one past
 * `limit` so that a caller can refuse a range too long without listing it whole.
 */
export function weeksFrom(from: string, to: string, limit = 53): string[] {
  const weeks: string[] = [];
  // ISO week strings sort in calendar order.
  for (let week = from; week <= to && weeks.length <= limit; week = shiftIsoWeek(week, 1)) weeks.push(week);
  return weeks;
}
