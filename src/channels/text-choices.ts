import type { OutboundMessage } from '../engine/messages';
import { say } from '../i18n';

type Choice = NonNullable<OutboundMessage['choices']>[number];

/**
 * A message's choices written into its text, for where they cannot be buttons (WhatsApp Web, or a
 * WhatsApp text too long for a list). Choices that say what to type (a digest's actions) are shown
 * as those words; others are numbered, unless the prompt numbers its options already. The engine's
 * choice parser reads both a number and the option's words.
 */
export function withChoicesAsText(text: string, choices: readonly Choice[] = []): string {
  const typed = choices.filter((choice) => choice.typed);
  // Replies carry no language, and Indonesian is the program's own.
  if (typed.length > 0)
    return [text, '', say('channel.typeOneOf', 'id'), ...typed.map((choice) => `- ${choice.typed}`)].join(
      '\n',
    );
  if (choices.length === 0 || /^\s*1[.)]\s/m.test(text)) return text;
  return [text, ...choices.map((choice, index) => `${index + 1}. ${choice.label}`)].join('\n');
}
