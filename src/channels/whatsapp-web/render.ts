import type { OutboundMessage } from '../../engine/messages';
import { withChoicesAsText } from '../text-choices';

/**
 * Renders a reply's text for WhatsApp Web, which no longer shows buttons or lists sent from it:
 * choices are written into the text. An image given by address is sent as that address (a media
 * download per message costs data); a stored image goes as a photo of its own (see the sender).
 */
export function renderWebText(message: OutboundMessage): string {
  const text = message.imageUrl ? `${message.text}\n${message.imageUrl}` : message.text;
  return withChoicesAsText(text, message.choices);
}
