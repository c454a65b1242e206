import { redactNik } from '../../log/redact';

/** What of a person's message its line keeps (an inbound message of the engine has these fields). */
export interface SaidMessage {
  receivedAt: Date;
  text?: string;
  choice?: string;
  media?: { kind: 'photo' | 'voice' | 'document' | 'video' };
  contact?: unknown;
  location?: unknown;
}

/** What of the service's message its line keeps. */
export interface SentMessage {
  text: string;
  choices?: { id: string; label: string }[];
}

/** The latest lines of a chat a page shows, and so the most each store of them keeps. */
export const TRANSCRIPT_LIMIT = 50;

/** What a person sent that was not text, named on the line in its place. */
export type Attachment = 'photo' | 'voice' | 'document' | 'video' | 'contact' | 'location' | 'other';

/**
 * One line of a chat as its transcript shows it: what the person sent, or what the service said.
 * Kept with the chat (src/domain/transcripts/store.ts), so that a page reads a chat's last lines by
 * its key instead of searching every message ever sent. A NIK typed into a chat is never kept here.
 */
export interface ChatLine {
  direction: 'in' | 'out';
  at: Date;
  /** Said in a complaint's conversation: a mentor never reads it, Puskesos staff read only that. */
  topic?: 'complaint';
  text?: string;
  /** The id of a tapped choice, when that is all the person sent. */
  choice?: string;
  attachment?: Attachment;
  /** The service's line: its outbox entry, to show whether it failed. */
  key?: string;
  /** The service's line that could not be delivered (known when it was written). */
  failed?: boolean;
  /** The choices offered with the service's line (the simulator shows them as buttons). */
  choices?: { id: string; label: string }[];
}

/** Which part of a chat a viewer reads (see `TranscriptPart` in the dashboard). */
export type ChatPart = 'whole' | 'without-complaints' | 'complaints-only';

const topicOf = (topic: string | undefined): Pick<ChatLine, 'topic'> =>
  topic === 'complaint' ? { topic } : {};

/**
 * The line for what a person sent. `forget`: from someone we do not know we keep that a message came,
 * not what it said (as the message's own record does).
 */
export function personLine(
  inbound: SaidMessage,
  topic: string | undefined,
  { forget }: { forget: boolean },
): ChatLine {
  const line: ChatLine = { direction: 'in', at: inbound.receivedAt, ...topicOf(topic) };
  if (forget) return { ...line, attachment: 'other' };
  if (inbound.text) return { ...line, text: redactNik(inbound.text) };
  if (inbound.choice !== undefined) return { ...line, choice: inbound.choice };
  if (inbound.media) return { ...line, attachment: inbound.media.kind };
  if (inbound.contact) return { ...line, attachment: 'contact' };
  if (inbound.location) return { ...line, attachment: 'location' };
  return { ...line, attachment: 'other' };
}

/** The line for a message the service sent (or queued) under `key`. */
export function serviceLine(
  key: string,
  message: SentMessage,
  at: Date,
  topic: string | undefined,
  failed = false,
): ChatLine {
  return {
    direction: 'out',
    at,
    key,
    text: redactNik(message.text),
    ...topicOf(topic),
    ...(failed ? { failed } : {}),
    ...(message.choices?.length ? { choices: message.choices.map(({ id, label }) => ({ id, label })) } : {}),
  };
}

/** The lines kept after `added`: the latest `limit`, in the order they were said. */
export const keepLatest = (kept: readonly ChatLine[], added: readonly ChatLine[], limit = TRANSCRIPT_LIMIT) =>
  [...kept, ...added].slice(-limit);

const inPart = (part: ChatPart) => (line: ChatLine) =>
  part === 'whole' || (part === 'complaints-only') === (line.topic === 'complaint');

/**
 * One transcript from a person's stores of lines (each in the order it was written): the part the
 * viewer reads, said up to `until` when given, the latest `limit`, oldest first. A reply is said after
 * the message it answers, so at equal times the person's line comes first; lines of one store keep
 * their order (a turn's replies share a time).
 */
export function mergeTranscript<Line extends ChatLine>(
  stores: readonly (readonly Line[])[],
  { part, until, limit = TRANSCRIPT_LIMIT }: { part: ChatPart; until?: Date; limit?: number },
): Line[] {
  const lines = stores.flatMap((store, storeIndex) =>
    store.map((line, index) => ({ line, storeIndex, index })),
  );
  return lines
    .filter(({ line }) => inPart(part)(line) && (!until || line.at.getTime() <= until.getTime()))
    .sort(
      (a, b) =>
        a.line.at.getTime() - b.line.at.getTime() ||
        (a.storeIndex === b.storeIndex
          ? a.index - b.index
          : (a.line.direction === 'in' ? -1 : 1) - (b.line.direction === 'in' ? -1 : 1) ||
            a.storeIndex - b.storeIndex),
    )
    .slice(-limit)
    .map(({ line }) => line);
}

/** The lines said on or after `since` (older ones are past the message retention). */
export const saidSince = (lines: readonly ChatLine[], since: Date) =>
  lines.filter((line) => line.at.getTime() >= since.getTime());
