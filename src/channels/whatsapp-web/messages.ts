import { z } from 'zod';
import type { InboundMessage } from '../../engine/messages';
import type { WebMessage } from './client';

export const WHATSAPP_WEB = 'whatsapp-web';

/** What one WhatsApp Web message means for Pendamping, before anything is stored. */
export type WebArrival =
  | {
      inbound: InboundMessage;
      /** A photo or voice note still to be downloaded; its stored id goes into `inbound.media`. */
      media?: { kind: 'photo' | 'voice'; declaredBytes?: number };
    }
  | { ignored: string };

/** A person's own chat: `6281234567890@c.us`. Groups are `@g.us`, statuses `status@broadcast`. */
const PERSON_CHAT = /^\d{5,20}@c\.us$/;

/** The size WhatsApp states for a file, before anything is downloaded; not in the library's typings. */
const rawSize = z.object({ size: z.number().int().nonnegative() });

/**
 * Reads a message event. Only people's own chats are taken: groups, status updates, broadcasts,
 * channels and the bot's own messages (sent from the phone, or echoed) are left aside, and so are
 * stickers, documents, videos and the like, which no flow asks for.
 */
export function readWebMessage(message: WebMessage): WebArrival {
  if (message.fromMe || message.id.fromMe) return { ignored: 'from_me' };
  if (message.isStatus || message.broadcast) return { ignored: 'status_or_broadcast' };
  if (!PERSON_CHAT.test(message.from)) return { ignored: 'not_a_person' };
  const inbound: InboundMessage = {
    channel: WHATSAPP_WEB,
    chatId: message.from,
    platformMessageId: message.id._serialized,
    receivedAt: new Date(message.timestamp * 1000),
  };
  const text = message.body.trim();
  switch (message.type) {
    case 'chat':
      return text === '' ? { ignored: 'empty' } : { inbound: { ...inbound, text } };
    case 'image':
      // The caption, when there is one, is read like a typed answer (a photo of the sales book with "150rb").
      return { inbound: text ? { ...inbound, text } : inbound, media: mediaOf('photo', message) };
    case 'ptt':
    case 'audio':
      return { inbound, media: mediaOf('voice', message) };
    default:
      return { ignored: message.type };
  }
}

function mediaOf(kind: 'photo' | 'voice', message: WebMessage) {
  const size = rawSize.safeParse(message.rawData);
  return size.success ? { kind, declaredBytes: size.data.size } : { kind };
}
