import type { Types } from 'mongoose';
import type { Models } from '../../src/db/models';
import { shiftIsoWeek } from '../../src/domain/calendar';
import { CLUSTERS, MENTOR_TYPES, STAGES } from '../../src/domain/program';
import { PLACES } from './participants';
import type { SummarisedFigures } from '../../src/db/models/week-summary';

/** Weeks of reports each participant has, the digest's week the latest. */
export const REPORT_WEEKS = 12;

/**
 * What a participant at position `position` in a mentor's group reports. The first has been silent
 * for three weeks and must head the digest (nobody else gets as urgent); the second is silent for
 * two; some have sales falling by half this week, some saved nothing for three weeks.
 */
export interface DigestPattern {
  silentWeeks: number;
  salesFalling: boolean;
  savingsStalled: boolean;
}

export function digestPatternOf(position: number): DigestPattern {
  const silentWeeks = position === 0 ? 3 : position === 1 ? 2 : 0;
  return {
    silentWeeks,
    salesFalling: silentWeeks === 0 && position % 7 === 3,
    savingsStalled: silentWeeks === 0 && position % 11 === 5,
  };
}

/** A steady weekly sales figure of its own for each participant, so that sums catch a mix-up. */
export const baseSalesOf = (index: number) => 400_000 + (index % 97) * 5_000;
const DEPOSIT = 20_000;

export interface SeededReport {
  week: string;
  sales: number;
  savingsDeposit: number;
  savingsBalance: number;
}

/** The reports of digest participant `index` (position `position` in their group), oldest first. */
export function reportsOf(index: number, position: number, week: string): SeededReport[] {
  const pattern = digestPatternOf(position);
  const reports: SeededReport[] = [];
  let balance = 0;
  for (let back = REPORT_WEEKS - 1; back >= pattern.silentWeeks; back--) {
    const deposit = pattern.savingsStalled && back <= 2 ? 0 : DEPOSIT;
    balance += deposit;
    const base = baseSalesOf(index);
    reports.push({
      week: shiftIsoWeek(week, -back),
      sales: pattern.salesFalling && back === 0 ? Math.round(base / 2) : base,
      savingsDeposit: deposit,
      savingsBalance: balance,
    });
  }
  return reports;
}

const participantPhoneOf = (index: number) => `+62816${String(index).padStart(8, '0')}`;
const mentorPhoneOf = (index: number) => `+62817${String(index).padStart(8, '0')}`;
/** The Telegram chat of mentor `mentor`, where the job must send their digest. */
export const mentorChatOf = (mentor: number) => String(6_000_000_000 + mentor);
export const participantNameOf = (index: number) => `Peserta Ringkasan ${index + 1}`;
/** A mentor's participants all live where the mentor works. */
export const placeOfMentor = (mentor: number) => PLACES[mentor % PLACES.length] ?? PLACES[0];
/** Big batches: a few round trips per 10,000 participants and 20,000 reports. */
const PARTICIPANT_BATCH = 10_000;
const REPORT_BATCH = 20_000;

export interface DigestPopulation {
  mentorIds: Types.ObjectId[];
  /** Participant ids by mentor, in their position in the group. */
  groups: Types.ObjectId[][];
  reports: number;
}

/**
 * Inserts `mentors` mentors, each with `perMentor` participants of their own (a MiBi's through
 * `mentors.mibi`, a TKSK's through `mentors.tksk`), each participant's reports and their ledger.
 */
export async function seedDigestPopulation(
  models: Models,
  { mentors, perMentor, week, now }: { mentors: number; perMentor: number; week: string; now: Date },
  progress: (participants: number, reports: number) => void,
): Promise<DigestPopulation> {
  const mentorIds: Types.ObjectId[] = [];
  for (let start = 0; start < mentors; start += PARTICIPANT_BATCH) {
    const batch = Array.from({ length: Math.min(PARTICIPANT_BATCH, mentors - start) }, (_, offset) => {
      const index = start + offset;
      return {
        name: `Pendamping Uji ${index + 1}`,
        phone: mentorPhoneOf(index),
        channels: { telegramUserId: mentorChatOf(index) },
        type: MENTOR_TYPES[index % MENTOR_TYPES.length],
        kecamatan: [placeOfMentor(index).kecamatan],
      };
    });
    for (const mentor of await models.mentors.insertMany(batch)) mentorIds.push(mentor._id);
  }

  const total = mentors * perMentor;
  const ids: Types.ObjectId[] = [];
  let pendingReports: (SeededReport & { participant: Types.ObjectId; channel: string; submittedAt: Date })[] =
    [];
  let reports = 0;
  // The week's summary, as the service keeps it beside the reports (the programme's figures read it).
  const reportedThisWeek: Record<string, SummarisedFigures> = {};
  for (let start = 0; start < total; start += PARTICIPANT_BATCH) {
    const indexes = Array.from(
      { length: Math.min(PARTICIPANT_BATCH, total - start) },
      (_, offset) => start + offset,
    );
    const inserted = await models.participants.insertMany(
      indexes.map((index) => {
        const mentor = Math.floor(index / perMentor);
        const place = placeOfMentor(mentor);
        return {
          name: participantNameOf(index),
          phone: participantPhoneOf(index),
          kecamatan: place.kecamatan,
          desa: place.desa,
          cluster: CLUSTERS[index % CLUSTERS.length],
          stage: STAGES[index % STAGES.length],
          mentors:
            MENTOR_TYPES[mentor % MENTOR_TYPES.length] === 'MiBi'
              ? { mibi: mentorIds[mentor] }
              : { tksk: mentorIds[mentor] },
          consent: { purpose: 'benchmark', givenAt: now, channel: 'telegram' },
        };
      }),
      { ordered: true },
    );
    for (const participant of inserted) ids.push(participant._id);
    // Each participant's ledger, as the service keeps it beside the reports (one document a person).
    await models.reportLedgers.insertMany(
      indexes.map((index) => ({
        _id: String(ids[index]),
        weeks: Object.fromEntries(
          reportsOf(index, index % perMentor, week).map(({ week: reported, ...figures }) => [
            reported,
            { ...figures, savingsWithdrawal: 0 },
          ]),
        ),
      })),
    );
    for (const index of indexes) {
      const participant = ids[index];
      if (!participant) continue;
      for (const report of reportsOf(index, index % perMentor, week)) {
        pendingReports.push({ ...report, participant, channel: 'telegram', submittedAt: now });
        if (report.week === week)
          reportedThisWeek[String(participant)] = {
            sales: report.sales,
            spending: 0,
            savingsDeposit: report.savingsDeposit,
            savingsWithdrawal: 0,
            savingsBalance: report.savingsBalance,
          };
      }
      if (pendingReports.length >= REPORT_BATCH) {
        await models.weeklyReports.insertMany(pendingReports);
        reports += pendingReports.length;
        pendingReports = [];
      }
    }
    progress(start + indexes.length, reports);
  }
  if (pendingReports.length > 0) await models.weeklyReports.insertMany(pendingReports);
  reports += pendingReports.length;
  await models.weekSummaries.replaceOne(
    { _id: week },
    { _id: week, reporters: reportedThisWeek },
    { upsert: true },
  );

  const groups = mentorIds.map((_, mentor) => ids.slice(mentor * perMentor, (mentor + 1) * perMentor));
  return { mentorIds, groups, reports };
}
