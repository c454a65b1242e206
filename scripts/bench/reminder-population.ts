import type { Types } from 'mongoose';
import type { Models } from '../../src/db/models';
import { shiftIsoWeek } from '../../src/domain/calendar';
import { CLUSTERS, LANGUAGES, MENTOR_TYPES, STAGES } from '../../src/domain/program';
import { PLACES } from './participants';
import { rebuildWeekSummaries } from '../../src/domain/reports/week-summaries';

/**
 * Why a participant of the reminder run is or is not due a reminder. Written down from docs/reminders-and-digests.md's
 * rule ("every active participant who consented, has not sent STOP, is inside the mentoring window
 * and has not reported that week") rather than from the job's query, so that the check is independent.
 */
export type ReminderCase =
  | 'due'
  | 'window_open'
  | 'reported_last_week'
  | 'reported'
  | 'stopped'
  | 'window_over'
  | 'withdrawn'
  | 'graduated'
  | 'no_chat_app';

/** About two thirds are due; every reason for not being due is represented at 5 to 10 %. */
export function reminderCaseOf(index: number): ReminderCase {
  switch (index % 20) {
    case 0:
    case 10:
      return 'reported';
    case 1:
    case 11:
      return 'stopped';
    case 2:
    case 12:
      return 'window_over';
    case 3:
      return 'window_open';
    case 4:
      return 'withdrawn';
    case 14:
      return 'graduated';
    case 5:
      return 'no_chat_app';
    case 6:
      return 'reported_last_week';
    default:
      return 'due';
  }
}

export const isDue = (reminderCase: ReminderCase) =>
  reminderCase === 'due' || reminderCase === 'window_open' || reminderCase === 'reported_last_week';

/**
 * Who the job looks at at all (active, consenting, not stopped, inside the window): those of them
 * it does not queue are counted as skipped (reported already, or no chat app to reach them on).
 */
export const isCandidate = (reminderCase: ReminderCase) =>
  isDue(reminderCase) || reminderCase === 'reported' || reminderCase === 'no_chat_app';

/** Phones `+62815` and eight digits: apart from bench:engine's `+62812` and the digest run's. */
const phoneOf = (index: number) => `+62815${String(index).padStart(8, '0')}`;
const mentorPhoneOf = (index: number) => `+62818${String(index).padStart(8, '0')}`;

/** A mentor follows about this many participants, as in the program. */
const PARTICIPANTS_PER_MENTOR = 100;
/** Big batches: one insertMany per 10,000 participants (and one for their reports). */
const BATCH = 10_000;
const DAY_MS = 86_400_000;

export interface ReminderPopulation {
  /** Participant ids in the order of their index. */
  ids: Types.ObjectId[];
  mentors: number;
  reports: number;
}

/**
 * Inserts `count` participants spread over mentors and kecamatan, each in the case `reminderCaseOf`
 * gives, and the weekly reports of those who reported this week or last week.
 */
export async function seedReminderPopulation(
  models: Models,
  count: number,
  week: string,
  now: Date,
  progress: (done: number) => void,
): Promise<ReminderPopulation> {
  const mentorCount = Math.ceil(count / PARTICIPANTS_PER_MENTOR);
  const mentorIds: Types.ObjectId[] = [];
  for (let start = 0; start < mentorCount; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, mentorCount - start) }, (_, offset) => {
      const index = start + offset;
      return {
        name: `Pendamping Jadwal ${index + 1}`,
        phone: mentorPhoneOf(index),
        type: MENTOR_TYPES[index % MENTOR_TYPES.length],
        kecamatan: [(PLACES[index % PLACES.length] ?? PLACES[0]).kecamatan],
      };
    });
    for (const mentor of await models.mentors.insertMany(batch)) mentorIds.push(mentor._id);
  }

  const ids: Types.ObjectId[] = [];
  let reports = 0;
  for (let start = 0; start < count; start += BATCH) {
    const indexes = Array.from({ length: Math.min(BATCH, count - start) }, (_, offset) => start + offset);
    const inserted = await models.participants.insertMany(
      indexes.map((index) => participantOf(index, mentorIds, now)),
      { ordered: true },
    );
    for (const participant of inserted) ids.push(participant._id);
    const reportsOfBatch = indexes.flatMap((index) => {
      const reminderCase = reminderCaseOf(index);
      const participant = ids[index];
      if (!participant || (reminderCase !== 'reported' && reminderCase !== 'reported_last_week')) return [];
      return [
        {
          participant,
          week: reminderCase === 'reported' ? week : shiftIsoWeek(week, -1),
          sales: 500_000,
          savingsDeposit: 20_000,
          savingsBalance: 20_000,
          channel: 'telegram',
          submittedAt: now,
        },
      ];
    });
    if (reportsOfBatch.length > 0) await models.weeklyReports.insertMany(reportsOfBatch);
    reports += reportsOfBatch.length;
    progress(start + indexes.length);
  }
  // Written around the service, as a seed is: who reported a week is read from its summary.
  await rebuildWeekSummaries(models);
  return { ids, mentors: mentorCount, reports };
}

function participantOf(index: number, mentorIds: Types.ObjectId[], now: Date) {
  const reminderCase = reminderCaseOf(index);
  const place = PLACES[index % PLACES.length] ?? PLACES[0];
  const mentor = mentorIds[Math.floor(index / PARTICIPANTS_PER_MENTOR)];
  const mentorType = MENTOR_TYPES[Math.floor(index / PARTICIPANTS_PER_MENTOR) % MENTOR_TYPES.length];
  return {
    name: `Peserta Jadwal ${index + 1}`,
    phone: phoneOf(index),
    kecamatan: place.kecamatan,
    desa: place.desa,
    cluster: CLUSTERS[index % CLUSTERS.length],
    stage: STAGES[index % STAGES.length],
    language: LANGUAGES[index % LANGUAGES.length],
    mentors: mentorType === 'MiBi' ? { mibi: mentor } : { tksk: mentor },
    consent: {
      purpose: 'benchmark',
      givenAt: new Date(now.getTime() - 60 * DAY_MS),
      channel: 'telegram',
      ...(reminderCase === 'withdrawn' ? { withdrawnAt: new Date(now.getTime() - DAY_MS) } : {}),
    },
    status: reminderCase === 'graduated' ? 'graduated' : 'active',
    ...(reminderCase === 'stopped' ? { remindersStoppedAt: new Date(now.getTime() - 7 * DAY_MS) } : {}),
    ...(reminderCase === 'window_over'
      ? {
          mentoringWindow: {
            start: new Date(now.getTime() - 120 * DAY_MS),
            end: new Date(now.getTime() - 30 * DAY_MS),
          },
        }
      : {}),
    ...(reminderCase === 'window_open'
      ? {
          mentoringWindow: {
            start: new Date(now.getTime() - 30 * DAY_MS),
            end: new Date(now.getTime() + 60 * DAY_MS),
          },
        }
      : {}),
    // Everyone is on Telegram, a quarter on WhatsApp Web too (a fallback the outbox entry carries).
    channels:
      reminderCase === 'no_chat_app'
        ? {}
        : {
            telegramUserId: String(5_000_000_000 + index),
            lastUsed: 'telegram',
            ...(index % 4 === 3 ? { whatsappId: `62815${String(index).padStart(8, '0')}@c.us` } : {}),
          },
  };
}

/** The dedupe key the job is expected to give participant `id`'s first reminder of `week`. */
export const reminderKeyOf = (id: Types.ObjectId, week: string) =>
  `weekly-report-reminder:${String(id)}:${week}:first`;
