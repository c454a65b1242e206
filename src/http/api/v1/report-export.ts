import type { Response } from 'express';
import { Types } from 'mongoose';
import type { Models } from '../../../db/models';
import { reportersOfWeek, reportsOfWeek } from '../../../domain/reports/weekly-report-service';
import {
  weeklyReportFileName,
  weeklyReportRows,
  weeklyReportSheet,
  type MissingReports,
  type StoredFigures,
  type WeeklyReportRow,
} from '../../../exports/weekly-reports';
import type { ExportFormat } from '../../../exports/spreadsheet';
import { sendSheet } from '../../export-response';
import type { ListedParticipant } from '../../../domain/participants/roster';

/**
 * The rows of a weekly reports export: the participants given (from the roster, in the caller's
 * scope; `everyone` when that is every participant) and their mentors' names; the reports follow in
 * order of week, so that a year's file is written as it is read and never held whole. `missing` says
 * whether a week without a report is a row of its own (the page's file) or left out (the API's).
 */
export async function loadWeeklyReportRows(
  models: Models,
  weeks: string[],
  { participants, everyone }: { participants: readonly ListedParticipant[]; everyone: boolean },
  missing: MissingReports,
): Promise<AsyncIterable<WeeklyReportRow>> {
  const mentorIds = [...new Set(participants.flatMap(mentorsOf))];
  const mentorName = new Map(
    (await models.mentors.find({ _id: { $in: mentorIds } }, { name: 1 }).lean()).map((mentor) => [
      String(mentor._id),
      mentor.name,
    ]),
  );
  const among = everyone ? undefined : new Set(participants.map((person) => person.id));
  return weeklyReportRows(
    participants.map((person) => ({
      id: person.id,
      name: person.name,
      phone: person.phone,
      kecamatan: person.kecamatan,
      desa: person.desa,
      cluster: person.cluster,
      mentors: mentorsOf(person)
        .map((id) => mentorName.get(id))
        .filter((name): name is string => name !== undefined),
    })),
    storedFigures(
      weeks.length <= WEEKS_READ_BY_KEY
        ? reportsByKey(models, weeks, among)
        : models.weeklyReports
            .find({
              week: { $in: weeks },
              ...(among ? { participant: { $in: [...among].map((id) => new Types.ObjectId(id)) } } : {}),
            })
            .sort({ week: 1 })
            .lean()
            .cursor(),
    ),
    weeks,
    missing,
  );
}

const mentorsOf = (participant: ListedParticipant) =>
  [participant.mibi, participant.tksk].filter((id): id is string => id !== undefined);

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
