import type { Types } from 'mongoose';
import { queueOnce, type QueueMessage } from '../../db/outbox';
import type { Models } from '../../db/models';
import { instantInWeek, shiftIsoWeek } from '../calendar';
import { chatTargetOf } from '../reminders/reach';
import { digestActions } from './actions';
import { mentorDigestChart } from './chart';
import { formatMentorDigest } from './format';
import { gatherDigestWeek } from './gather';
import { formatProgramDigest, summarizeProgram, type ProgramFacts } from './program';
import { rankDigest } from './rank';

/**
 * Where digest charts are kept until a channel sends them: the GridFS bucket of received photos
 * (`gridFsMediaStore`), so that every instance's sender can read them. Saving under a key already
 * stored returns the stored id, so a rerun of the weekly job keeps one copy.
 */
export interface ChartStore {
  save(key: string, bytes: Buffer, contentType: string): Promise<string>;
}

/** The chart of a digest, drawn only when the mentor can be reached, and where to keep it. */
export interface DigestChartAttachment {
  render: () => Buffer;
  store: ChartStore;
}

/**
 * Queues a mentor's digest once per week on the app the mentor uses (Telegram first, then WhatsApp),
 * with its chart (a photo on every channel) stored first so that the queued message never refers to a missing image
 * (`message.image = { mediaId, mimeType: 'image/png' }`). Returns the channel, `duplicate` when that
 * week's digest was already queued, or undefined when the mentor has no chat app recorded (then no
 * chart is stored either).
 */
export async function queueMentorDigest(
  models: Models,
  mentor: {
    _id: Types.ObjectId;
    phone: string;
    channels?: { telegramUserId?: string | null; whatsappId?: string | null } | null;
  },
  week: string,
  text: string,
  now: Date,
  chart?: DigestChartAttachment,
  /** One-tap actions under the digest (see actions.ts). */
  choices: ReturnType<typeof digestActions> = [],
  queue: QueueMessage = (entry) => queueOnce(models, entry),
): Promise<string | undefined> {
  const target = chatTargetOf(mentor);
  if (!target) return undefined;
  const image = chart
    ? {
        mediaId: await chart.store.save(
          `digest-chart:${String(mentor._id)}:${week}`,
          chart.render(),
          'image/png',
        ),
        mimeType: 'image/png',
      }
    : undefined;
  const queued = await queue({
    dedupeKey: `digest:${String(mentor._id)}:${week}`,
    ...target,
    message: { text, ...(image ? { image } : {}), ...(choices.length > 0 ? { choices } : {}) },
    dueAt: now,
    bulk: true,
  });
  return queued ? target.channel : 'duplicate';
}

export interface DigestPlan {
  /** The week the digests look back on. */
  week: string;
  timeZone: string;
  now: Date;
  /** When the digests may go out (after quiet hours). */
  dueAt: Date;
  charts: ChartStore;
  /** Only this mentor's digest, without the program digest. */
  mentor?: Types.ObjectId | undefined;
  queue?: QueueMessage | undefined;
}

/**
 * Queues every mentor's digest of the week (text, chart and one-tap actions) and the program digest,
 * reading each collection once whatever the number of mentors; each digest once per week (dedupe key).
 */
export async function queueWeekDigests(
  models: Models,
  plan: DigestPlan,
): Promise<{ week: string; queued: number; programQueued: number }> {
  const { week, now, dueAt } = plan;
  const queue = plan.queue ?? ((entry) => queueOnce(models, entry));
  const [mentors, facts] = await Promise.all([
    models.mentors
      .find(
        { ...(plan.mentor ? { _id: plan.mentor } : {}), disabledAt: { $exists: false } },
        { phone: 1, channels: 1, language: 1 },
      )
      .lean(),
    gatherDigestWeek(models, week, ...weekBounds(week, plan.timeZone), now),
  ]);
  let queued = 0;
  for (const mentor of mentors) {
    const group = facts.byMentor.get(String(mentor._id)) ?? [];
    const rows = rankDigest(group, week, now);
    if (rows.length === 0) continue;
    const channel = await queueMentorDigest(
      models,
      mentor,
      week,
      formatMentorDigest(rows, week, mentor.language),
      dueAt,
      { render: () => mentorDigestChart(group, week, mentor.language), store: plan.charts },
      digestActions(rows, mentor.language),
      queue,
    );
    if (channel && channel !== 'duplicate') queued++;
  }
  const programQueued = plan.mentor ? 0 : await queueProgramDigest(models, week, facts.program, dueAt, queue);
  return { week, queued, programQueued };
}

/** Monday 00:00 of `week` and of the week after, in `timeZone`. */
export function weekBounds(week: string, timeZone: string): [Date, Date] {
  const monday = { weekday: 0, hour: 0, minute: 0 };
  return [instantInWeek(week, monday, timeZone), instantInWeek(shiftIsoWeek(week, 1), monday, timeZone)];
}

/** The week's program digest for every koordinator and Dinsos admin with a chat app, once per week. */
async function queueProgramDigest(
  models: Models,
  week: string,
  facts: ProgramFacts,
  dueAt: Date,
  queue: QueueMessage,
): Promise<number> {
  const text = formatProgramDigest(summarizeProgram(facts), week);
  let queued = 0;
  for (const person of await models.staff
    .find({ role: { $in: ['koordinator', 'admin'] } }, { phone: 1, channels: 1 })
    .lean()) {
    const target = chatTargetOf(person);
    if (
      target &&
      (await queue({
        dedupeKey: `program-digest:${String(person._id)}:${week}`,
        ...target,
        message: { text },
        dueAt,
      }))
    )
      queued++;
  }
  return queued;
}
