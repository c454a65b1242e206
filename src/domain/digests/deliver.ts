import type { Types } from 'mongoose';
import { queueOnce } from '../../db/outbox';
import type { OutboundMessage } from '../../engine/messages';
import type { Models } from '../../db/models';
import { instantInWeek, shiftIsoWeek } from '../calendar';
import { chatTargetOf } from '../reminders/reach';
import { gatherProgramFacts } from './gather';
import { formatProgramDigest, summarizeProgram } from './program';

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
  choices: NonNullable<OutboundMessage['choices']> = [],
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
  const queued = await queueOnce(models, {
    dedupeKey: `digest:${String(mentor._id)}:${week}`,
    ...target,
    message: { text, ...(image ? { image } : {}), ...(choices.length > 0 ? { choices } : {}) },
    dueAt: now,
  });
  return queued ? target.channel : 'duplicate';
}

/** The week's program digest for every koordinator and Dinsos admin with a chat app, once per week. */
export async function queueProgramDigest(
  models: Models,
  week: string,
  timeZone: string,
  dueAt: Date,
): Promise<number> {
  const start = instantInWeek(week, { weekday: 0, hour: 0, minute: 0 }, timeZone);
  const end = instantInWeek(shiftIsoWeek(week, 1), { weekday: 0, hour: 0, minute: 0 }, timeZone);
  const text = formatProgramDigest(
    summarizeProgram(await gatherProgramFacts(models, week, start, end)),
    week,
  );
  let queued = 0;
  for (const person of await models.staff
    .find({ role: { $in: ['koordinator', 'admin'] } }, { phone: 1, channels: 1 })
    .lean()) {
    const target = chatTargetOf(person);
    if (
      target &&
      (await queueOnce(models, {
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
