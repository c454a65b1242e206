import type { OutboundMessage } from '../../engine/messages';

/**
 * Renders a reply for WhatsApp Web, which no longer shows buttons or lists sent from it: choices are
 * a numbered list in the text, answered with `1`, `2`... or the option's words, which the engine's
 * choice parser both reads. Prompts usually number their options already; when one does not, the
 * list is added. Choices that say what to type (a digest's actions) are shown as those words. An image is sent as its address: a media download per message costs data.
 */
export function renderWebText(message: OutboundMessage): string {
  const text = message.imageUrl ? `${message.text}\n${message.imageUrl}` : message.text;
  const typed = (message.choices ?? []).filter((choice) => choice.typed);
  if (typed.length > 0) {
    return [text, '', 'Ketik:', ...typed.map((choice) => `- ${choice.typed}`)].join('\n');
  }
  const choices = message.choices ?? [];
  if (choices.length === 0 || /^\s*1[.)]\s/m.test(text)) return text;
  return [text, ...choices.map((choice, index) => `${index + 1}. ${choice.label}`)].join('\n');
}
