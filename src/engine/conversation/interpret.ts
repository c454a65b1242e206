import type { FlowStep } from '../flows/schema';
import { parseChoice, parseMoney, parseWeek, parseYesNo, type ParsedReply } from '../inputs';
import { parseSessionTime } from '../inputs/session-time';
import { foldText, isSkipRequest } from '../inputs/text';
import type { ConversationContext, InboundMessage } from '../messages';
import { inLanguage, type LocalizedText } from '../text';
import type { AnswerValue, Interpretation } from './state';

const EXPECTED: Record<'photo' | 'contact' | 'location' | 'text' | 'integer' | 'date', LocalizedText> = {
  photo: {
    id: 'Mohon kirim fotonya, Bapak/Ibu.',
    en: 'Please send a photo.',
    su: 'Mangga kintunkeun potona, Bapak/Ibu.',
  },
  contact: {
    id: 'Mohon tekan tombol "Bagikan nomor" di bawah, Bapak/Ibu.',
    en: 'Please press the "Share my number" button below.',
    su: 'Mangga pencét tombol "Bagikeun nomer" di handap, Bapak/Ibu.',
  },
  location: {
    id: 'Mohon kirim lokasi, Bapak/Ibu.',
    en: 'Please send a location.',
    su: 'Mangga kintunkeun lokasi, Bapak/Ibu.',
  },
  text: {
    id: 'Mohon tulis jawabannya, Bapak/Ibu.',
    en: 'Please type your answer.',
    su: 'Mangga serat waleranana, Bapak/Ibu.',
  },
  integer: {
    id: 'Mohon tulis angka saja, contoh: 12',
    en: 'Please type a number only, for example: 12',
    su: 'Mangga serat angka wungkul, conto: 12',
  },
  date: {
    id: 'Mohon tulis tanggal, contoh: 28/11/2026',
    en: 'Please type a date, for example: 28/11/2026',
    su: 'Mangga serat tanggal, conto: 28/11/2026',
  },
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
  const say = (text: LocalizedText) => ({
    kind: 'fail' as const,
    reason: inLanguage(text, context.language),
  });
  // The parsers of src/engine/inputs recognise a request to skip themselves; the other types here.
  const skipRequested = isSkipRequest(foldText(typed));

  switch (input.type) {
    case 'money':
      return fromParsed(parseMoney(typed, input.max === undefined ? {} : { max: input.max }), context);
    case 'yes_no':
      return fromParsed(
        parseYesNo(inbound.choice === 'yes' ? 'ya' : inbound.choice === 'no' ? 'tidak' : typed),
        context,
      );
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
        return say(EXPECTED.integer);
      }
      return { kind: 'ok', value };
    }
    case 'text': {
      if (skipRequested) return { kind: 'skip' };
      const min = input.min ?? 1;
      const max = input.max ?? 2000;
      if (typed.length < min || typed.length > max) {
        return say({
          id: `Mohon tulis ${min} sampai ${max} huruf, Bapak/Ibu.`,
          en: `Please write ${min} to ${max} characters.`,
          su: `Mangga serat ${min} dugi ka ${max} hurup, Bapak/Ibu.`,
        });
      }
      return { kind: 'ok', value: typed };
    }
    case 'photo':
      if (skipRequested && !inbound.media) return { kind: 'skip' };
      return inbound.media?.kind === 'photo'
        ? { kind: 'ok', value: { fileId: inbound.media.fileId } }
        : say(EXPECTED.photo);
    case 'contact':
      if (skipRequested && !inbound.contact) return { kind: 'skip' };
      return inbound.contact
        ? { kind: 'ok', value: { phone: inbound.contact.phone } }
        : say(EXPECTED.contact);
    case 'location':
      if (skipRequested && !inbound.location) return { kind: 'skip' };
      return inbound.location
        ? {
            kind: 'ok',
            value: { latitude: inbound.location.latitude, longitude: inbound.location.longitude },
          }
        : say(EXPECTED.location);
    case 'datetime':
      if (skipRequested) return { kind: 'skip' };
      return fromParsed(parseSessionTime(typed, context.now, context.timeZone), context);
    case 'date': {
      if (skipRequested) return { kind: 'skip' };
      const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
      const date = match
        ? new Date(Date.UTC(Number(match[3]), Number(match[2]) - 1, Number(match[1])))
        : undefined;
      if (!match || !date || date.getUTCDate() !== Number(match[1])) return say(EXPECTED.date);
      return { kind: 'ok', value: date.toISOString().slice(0, 10) };
    }
  }
}

function fromParsed(parsed: ParsedReply<AnswerValue>, context: ConversationContext): Interpretation {
  if (parsed.kind === 'ok') return { kind: 'ok', value: parsed.value };
  if (parsed.kind === 'skip') return { kind: 'skip' };
  return { kind: 'fail', reason: inLanguage(parsed.reason, context.language) };
}
