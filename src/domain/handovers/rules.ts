import { createHash } from 'node:crypto';
import type { HandoverStatus } from '../../db/models/handover';

/** Why a person is wanted: they asked (menu 7, BANTUAN), or the bot gave up on their answers. */
export type HandoverReason = 'asked' | 'gave_up';

/** What the request is about, as far as the bot can tell from where it came. */
export type HandoverTopic = 'programme' | 'social_service';

export type Assignee =
  { kind: 'mentor'; mentor: string } | { kind: 'puskesos'; puskesos: string } | { kind: 'dinsos' };

/** Flows about the Puskesos's services, not the programme: a mentor is not the one to ask there. */
const SOCIAL_SERVICE_FLOWS = new Set([
  'complaint',
  'resident-complaint',
  'complaint-reply',
  'complaint-rating',
]);

export const topicOfFlow = (flowId: string | undefined): HandoverTopic =>
  flowId && SOCIAL_SERVICE_FLOWS.has(flowId) ? 'social_service' : 'programme';

/**
 * Who takes a request: a participant's own mentor (their MiBi, else their TKSK) for questions about
 * the programme; the Puskesos serving the requester's desa for questions about its services;
 * everything else, and anyone without a mentor or a Puskesos, waits in the Dinsos admins' queue.
 */
export function assigneeOf(request: {
  topic: HandoverTopic;
  mentors?: { mibi?: string | undefined; tksk?: string | undefined } | undefined;
  /** The Puskesos serving the requester's desa, when it is known and one does. */
  puskesos?: string | undefined;
}): Assignee {
  const mentor = request.mentors?.mibi ?? request.mentors?.tksk;
  if (request.topic === 'programme' && mentor) return { kind: 'mentor', mentor };
  if (request.topic === 'social_service' && request.puskesos)
    return { kind: 'puskesos', puskesos: request.puskesos };
  return { kind: 'dinsos' };
}

export type HandoverAction = 'message' | 'answer' | 'close';

/**
 * A handover's lifecycle: `open` while the requester waits, `answered` once the person replied (the
 * requester writing again opens it again), `closed` for good. Undefined: not allowed any more.
 */
export function nextHandoverStatus(
  status: HandoverStatus,
  action: HandoverAction,
): HandoverStatus | undefined {
  if (status === 'closed') return undefined;
  return action === 'message' ? 'open' : action === 'answer' ? 'answered' : 'closed';
}

/** The requester is told their messages were passed on at most this often, not after each one. */
export const ACKNOWLEDGE_EVERY_MS = 5 * 60_000;

export const acknowledgementDue = (acknowledgedAt: Date | null | undefined, now: Date): boolean =>
  !acknowledgedAt || now.getTime() - acknowledgedAt.getTime() >= ACKNOWLEDGE_EVERY_MS;

/** Letters that cannot be misread for one another when read out over the phone (Crockford's). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The number of the handover a message opens, `BTN-7K3Q9P`: it follows from the message's key, so
 * the same message always gives the same number. `attempt` gives the next candidate should another
 * message's number be the same.
 */
export function handoverNumberOf(inboundKey: string, attempt: number): string {
  const digest = createHash('sha256').update(`${inboundKey}#${attempt}`).digest();
  let number = '';
  for (let index = 0; index < 6; index++) number += ALPHABET[(digest[index] ?? 0) % 32];
  return `BTN-${number}`;
}

const NUMBER_SOURCE = 'BTN-[0-9A-HJKMNP-TV-Z]{6}';
export const HANDOVER_NUMBER = new RegExp(`^${NUMBER_SOURCE}$`);
/** A request's number within a message (the notice or a passed-on message someone replies to). */
export const HANDOVER_NUMBER_IN_TEXT = new RegExp(NUMBER_SOURCE);

/** Who acts on a request: a mentor, a Puskesos's staff member, or a Dinsos admin. */
export type HandoverActor =
  { kind: 'mentor'; mentor: string } | { kind: 'puskesos'; puskesos: string } | { kind: 'dinsos' };

/**
 * Whether someone may read, answer and close a request: the mentor or Puskesos it is assigned to, and
 * the Dinsos admins, who see every request (their own queue among them).
 */
export function mayActOn(
  actor: HandoverActor,
  assignee: {
    kind: string;
    mentor?: { toString(): string } | null;
    puskesos?: { toString(): string } | null;
  },
): boolean {
  if (actor.kind === 'dinsos') return true;
  if (actor.kind === 'mentor') return assignee.kind === 'mentor' && String(assignee.mentor) === actor.mentor;
  return assignee.kind === 'puskesos' && String(assignee.puskesos) === actor.puskesos;
}
