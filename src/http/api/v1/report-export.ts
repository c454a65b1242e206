import type { Response } from 'express';
import type { Types } from 'mongoose';
import type { Models } from '../../../db/models';
import { reportersOfWeek, reportsOfWeek } from '../../../domain/reports/weekly-report-service';
import {
  weeklyReportFileName,
  weeklyReportRows,
  weeklyReportSheet,
  type MissingReports,
  type ReportedParticipant,
  type StoredFigures,
  type WeeklyReportRow,
} from '../../../exports/weekly-reports';
import type { ExportFormat } from '../../../exports/spreadsheet';
import { sendSheet } from '../../export-response';

/** The participant fields the weekly reports export reads. */
export const EXPORTED_PARTICIPANT_FIELDS = {
  name: 1,
  phone: 1,
  kecamatan: 1,
  desa: 1,
  cluster: 1,
  mentors: 1,
} as const;

type ExportedParticipant = Omit<ReportedParticipant, 'id' | 'mentors'> & {
  _id: Types.ObjectId;
  mentors?: { mibi?: Types.ObjectId | null; tksk?: Types.ObjectId | null } | null;
};

/** Which reports go into a file: weeks, and the participants the caller may see (all when absent). */
export interface ExportFilter {
  week: string | { $in: string[] };
  participant?: { $in: Types.ObjectId[] };
}

/**
 * The rows of a weekly reports export: the participants (those given, else those the filter names,
 * else all) and their mentors' names are read first; the reports follow as a cursor in order of week,
 * so that a year's file is written as it is read and never held whole. `missing` says whether a week
 * without a report is a row of its own (the page's file) or left out (the API's).
 */
export async function loadWeeklyReportRows(
  models: Models,
  filter: ExportFilter,
  weeks: string[],
  participants: ExportedParticipant[] | undefined,
  missing: MissingReports,
): Promise<AsyncIterable<WeeklyReportRow>> {
  const people =
    participants ??
    ((await models.participants
      .find(filter.participant ? { _id: filter.participant } : {}, EXPORTED_PARTICIPANT_FIELDS)
      .lean()) as ExportedParticipant[]);
  const mentorIds = people.flatMap((person) =>
    [person.mentors?.mibi, person.mentors?.tksk].filter((id): id is Types.ObjectId => Boolean(id)),
  );
  const mentorName = new Map(
    (await models.mentors.find({ _id: { $in: mentorIds } }, { name: 1 }).lean()).map((mentor) => [
      String(mentor._id),
      mentor.name,
    ]),
  );
  return weeklyReportRows(
    people.map((person) => ({
      id: String(person._id),
      name: person.name,
      phone: person.phone,
      kecamatan: person.kecamatan,
      desa: person.desa,
      cluster: person.cluster,
      mentors: [person.mentors?.mibi, person.mentors?.tksk]
        .map((id) => (id ? mentorName.get(String(id)) : undefined))
        .filter((name): name is string => name !== undefined),
    })),
    storedFigures(
      weeks.length <= WEEKS_READ_BY_KEY
        ? reportsByKey(models, weeks, filter.participant && new Set(filter.participant.$in.map(String)))
        : models.weeklyReports.find(filter).sort({ week: 1 }).lean().cursor(),
    ),
    weeks,
    missing,
  );
}

/**
 * Up to this many weeks, who reported comes from the weeks' summaries and each report is read by its
 * key; a longer range is read as one pass over the reports (FerretDB reads them all for any filter).
 */
const WEEKS_READ_BY_KEY = 8;
/** The reports of these weeks, week after week, of the participants given (all when absent). */
async function* reportsByKey(models: Models, weeks: string[], participants: Set<string> | undefined) {
  for (const week of [...weeks].sort())
    yield* await reportsOfWeek(models, week, await reportersOfWeek(models, week, participants));
}

async function* storedFigures(
  reports: AsyncIterable<{
    participant: Types.ObjectId;
    week: string;
    sales: number;
    spending?: number | null;
    savingsDeposit: number;
    savingsWithdrawal: number;
    savingsBalance?: number | null;
    channel: string;
    submittedAt: Date;
  }>,
): AsyncGenerator<StoredFigures> {
  for await (const report of reports)
    yield {
      participant: String(report.participant),
      week: report.week,
      sales: report.sales,
      spending: report.spending ?? null,
      savingsDeposit: report.savingsDeposit,
      savingsWithdrawal: report.savingsWithdrawal,
      savingsBalance: report.savingsBalance ?? null,
      channel: report.channel,
      submittedAt: report.submittedAt,
    };
}

/** Sends the rows as a file, as the API and the dashboard both hand it out; the caller has decided the scope. */
export function sendWeeklyReportFile(
  response: Response,
  rows: AsyncIterable<WeeklyReportRow>,
  weeks: { from: string; to: string },
  download: { format: ExportFormat; timeZone: string },
  audit: (count: number) => Promise<unknown>,
): Promise<void> {
  return sendSheet(
    response,
    { fileName: weeklyReportFileName(weeks), ...download },
    weeklyReportSheet(weeks),
    rows,
    audit,
  );
}
