import { createHash } from 'node:crypto';
import type { HandoverStatus } from '../../db/models/handover';

/** Why a person is wanted: they asked (menu 7, BANTUAN), or the bot gave up on their answers. */
export type HandoverReason = 'asked' | 'gave_up';

/** What the request is about, as far as the bot can tell from where it came. */
export type HandoverTopic = 'programme' | 'social_service';

export type Assignee = { kind: 'mentor'; mentor: string } | { kind: 'dinsos' };

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
 * the programme; everything else, and anyone without a mentor, waits in the Dinsos admins' queue.
 */
export function assigneeOf(request: {
  topic: HandoverTopic;
  mentors?: { mibi?: string | undefined; tksk?: string | undefined } | undefined;
}): Assignee {
  const mentor = request.mentors?.mibi ?? request.mentors?.tksk;
  return request.topic === 'programme' && mentor ? { kind: 'mentor', mentor } : { kind: 'dinsos' };
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

export const HANDOVER_NUMBER = /^BTN-[0-9A-HJKMNP-TV-Z]{6}$/;
