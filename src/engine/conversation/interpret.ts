import type { FlowStep } from '../flows/schema';
import { parseChoice, parseMoney, parseWeek, parseYesNo, type ParsedReply } from '../inputs';
import { parseSessionTime } from '../inputs/session-time';
import { foldText, isSkipRequest } from '../inputs/text';
import type { ConversationContext, InboundMessage } from '../messages';
import { inLanguage, text, type LocalizedText } from '../../i18n';
import type { AnswerValue, Interpretation } from './state';

const EXPECTED = {
  photo: text('conversation.expectPhoto'),
  contact: text('conversation.expectContact'),
  location: text('conversation.expectLocation'),
  text: text('conversation.expectText'),
  integer: text('conversation.expectInteger'),
  date: text('conversation.expectDate'),
};

/**
 * Reads an inbound message as the answer the step expects, with the parsers of src/engine/inputs.
 * A tapped button (`choice`) counts as the option it names.
 */
export function interpretAnswer(
  step: FlowStep,
  inbound: InboundMessage,
  context: ConversationContext,
): Interpretation {
  const input = step.input;
  if (!input) return { kind: 'skip' };
  const typed = (inbound.choice ?? inbound.text ?? '').trim();
  const refuse = (reason: LocalizedText) => ({
    kind: 'fail' as const,
    reason: inLanguage(reason, context.language),
  });
  // The parsers of src/engine/inputs recognise a request to skip themselves; the other types here.
  const skipRequested = isSkipRequest(foldText(typed));

  switch (input.type) {
    case 'money':
      return fromParsed(parseMoney(typed, input.max === undefined ? {} : { max: input.max }), context);
    case 'yes_no':
      // A tapped Ya or Tidak button is the answer itself.
      if (inbound.choice === 'yes' || inbound.choice === 'no')
        return { kind: 'ok', value: inbound.choice === 'yes' };
      return fromParsed(parseYesNo(typed), context);
    case 'week':
      return fromParsed(parseWeek(typed, context.now, context.timeZone), context);
    case 'choice':
      return fromParsed(parseChoice(typed, input.options ?? []), context);
    case 'integer': {
      if (skipRequested) return { kind: 'skip' };
      const value = /^\d{1,9}$/.test(typed) ? Number(typed) : Number.NaN;
      if (
        Number.isNaN(value) ||
        (input.min !== undefined && value < input.min) ||
        (input.max !== undefined && value > input.max)
      ) {
        return refuse(EXPECTED.integer);
      }
      return { kind: 'ok', value };
    }
    case 'text': {
      if (skipRequested) return { kind: 'skip' };
      const min = input.min ?? 1;
      const max = input.max ?? 2000;
      if (typed.length < min || typed.length > max) {
        return refuse(text('conversation.textLength', { min, max }));
      }
      return { kind: 'ok', value: typed };
    }
    case 'photo':
      if (skipRequested && !inbound.media) return { kind: 'skip' };
      return inbound.media?.kind === 'photo'
        ? { kind: 'ok', value: { fileId: inbound.media.fileId } }
        : refuse(EXPECTED.photo);
    case 'contact':
      if (skipRequested && !inbound.contact) return { kind: 'skip' };
      return inbound.contact
        ? { kind: 'ok', value: { phone: inbound.contact.phone } }
        : refuse(EXPECTED.contact);
    case 'location':
      if (skipRequested && !inbound.location) return { kind: 'skip' };
      return inbound.location
        ? {
            kind: 'ok',
            value: { latitude: inbound.location.latitude, longitude: inbound.location.longitude },
          }
        : refuse(EXPECTED.location);
    case 'datetime':
      if (skipRequested) return { kind: 'skip' };
      return fromParsed(parseSessionTime(typed, context.now, context.timeZone), context);
    case 'date': {
      if (skipRequested) return { kind: 'skip' };
      const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
      const date = match
        ? new Date(Date.UTC(Number(match[3]), Number(match[2]) - 1, Number(match[1])))
        : undefined;
      if (!match || !date || date.getUTCDate() !== Number(match[1])) return refuse(EXPECTED.date);
      return { kind: 'ok', value: date.toISOString().slice(0, 10) };
    }
  }
}

function fromParsed(parsed: ParsedReply<AnswerValue>, context: ConversationContext): Interpretation {
  if (parsed.kind === 'ok') return { kind: 'ok', value: parsed.value };
  if (parsed.kind === 'skip') return { kind: 'skip' };
  return { kind: 'fail', reason: inLanguage(parsed.reason, context.language) };
}
