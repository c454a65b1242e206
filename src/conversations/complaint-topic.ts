import type { InboundMessage } from '../engine/messages';
import { statusQueryOf } from './complaint-status';

/**
 * The flows in which a person tells a complaint, answers its staff or rates the answer: what a
 * complainant says there is for the Puskesos only. A complaint may be about the mentor, who reads the
 * participant's transcript.
 */
const COMPLAINT_FLOWS: ReadonlySet<string> = new Set([
  'complaint',
  'complaint-reply',
  'complaint-rating',
  'resident-complaint',
]);

export type MessageTopic = 'complaint';

/**
 * Whether a message and its replies belong to a complaint: news of one, a question about its status,
 * or a step of a complaint's flow (the one it was written in, or the one it led to).
 */
export function topicOfTurn(
  inbound: Pick<InboundMessage, 'complaintUpdate' | 'text'>,
  flowBefore: string | undefined,
  flowAfter: string | undefined,
  fromMentor: boolean,
): MessageTopic | undefined {
  const complaint =
    Boolean(inbound.complaintUpdate) ||
    (!fromMentor && statusQueryOf(inbound.text) !== undefined) ||
    [flowBefore, flowAfter].some((flow) => flow !== undefined && COMPLAINT_FLOWS.has(flow));
  return complaint ? 'complaint' : undefined;
}
