import type { FlowStep } from '../flows/schema';
import type { InboundMessage } from '../messages';

/**
 * A short token naming one question (a flow's step), sent with its buttons and brought back by a tap,
 * so that a tap on a button under an earlier message is known as such. Seven characters of
 * `[0-9a-z]`: FNV-1a of the flow and step ids, in base 36. Stable across restarts and versions of a
 * flow, so a button stays good for as long as its question is the one asked.
 */
export function questionToken(flowId: string, stepId: string): string {
  let hash = 0x811c9dc5;
  for (const character of `${flowId}/${stepId}`) {
    hash ^= character.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}

/**
 * Whether a tapped button answers the step now asked. A button carrying its question's token answers
 * only that question. One sent before buttons carried a token fits when its id is one of the step's
 * own options, as such taps were always read; any other tap is from an earlier question.
 */
export function tapFits(flowId: string, step: FlowStep, inbound: InboundMessage): boolean {
  const { choice, question } = inbound;
  if (choice === undefined) return true;
  if (question !== undefined) return question === questionToken(flowId, step.id);
  if (step.input?.type === 'yes_no') return choice === 'yes' || choice === 'no';
  const options = step.input?.type === 'choice' ? (step.input.options ?? []) : [];
  // A long id went out as the option's number.
  return (
    options.some((option) => option.id === choice) ||
    (/^\d+$/.test(choice) && Number(choice) >= 1 && Number(choice) <= options.length)
  );
}
