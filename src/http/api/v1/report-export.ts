import type { Response } from 'express';
import type { Types } from 'mongoose';
import type { Models } from '../../../db/models';
import {
  weeklyReportFileName,
  weeklyReportRows,
  weeklyReportSheet,
  type MissingReports,
  type ReportedParticipant,
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
 * The rows of a weekly reports export, in three reads (reports, participants when not given, their
 * mentors' names). `participants` given: each of them for each week, reported or not (as the page
 * lists them); absent: the reports found, their participants read by id (as the API gives them).
 */
export async function loadWeeklyReportRows(
  models: Models,
  filter: ExportFilter,
  weeks: string[],
  participants: ExportedParticipant[] | undefined,
  missing: MissingReports,
): Promise<WeeklyReportRow[]> {
  const reports = await models.weeklyReports.find(filter).lean();
  const people =
    participants ??
    ((await models.participants
      .find({ _id: { $in: reports.map((report) => report.participant) } }, EXPORTED_PARTICIPANT_FIELDS)
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
    reports.map((report) => ({
      participant: String(report.participant),
      week: report.week,
      sales: report.sales,
      spending: report.spending ?? null,
      savingsDeposit: report.savingsDeposit,
      savingsWithdrawal: report.savingsWithdrawal,
      savingsBalance: report.savingsBalance ?? null,
      channel: report.channel,
      submittedAt: report.submittedAt,
    })),
    weeks,
    missing,
  );
}

/** Sends the rows as a file, as the API and the dashboard both hand it out; the caller has decided the scope. */
export function sendWeeklyReportFile(
  response: Response,
  rows: WeeklyReportRow[],
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
