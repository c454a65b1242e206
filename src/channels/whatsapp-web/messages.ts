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
/** A group: `120363025246125486@g.us`, or the older `6281234567890-1600000000@g.us`. */
const GROUP_CHAT = /^\d{5,40}(-\d{1,20})?@g\.us$/;

/** The message a group message replies to (whatsapp-web.js `getQuotedMessage`), as far as it matters. */
export interface QuotedMessage {
  /** Sent by this number: a post of Pendamping's in a staff group. */
  fromMe: boolean;
  body: string;
}

/** The size WhatsApp states for a file, before anything is downloaded; not in the library's typings. */
const rawSize = z.object({ size: z.number().int().nonnegative() });

/**
 * Reads a message event. People's own chats are taken, and in a group (a Puskesos's staff group)
 * only commands (`/ambil`) and replies to Pendamping's own posts: what members say to each other is
 * not stored. Status updates, broadcasts, channels and the bot's own messages (sent from the phone,
 * or echoed) are left aside, and so are stickers, documents, videos and the like, which no flow asks
 * for.
 */
export function readWebMessage(message: WebMessage, quoted?: QuotedMessage): WebArrival {
  if (message.fromMe || message.id.fromMe) return { ignored: 'from_me' };
  if (message.isStatus || message.broadcast) return { ignored: 'status_or_broadcast' };
  if (GROUP_CHAT.test(message.from)) return readGroupMessage(message, quoted);
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

function readGroupMessage(message: WebMessage, quoted: QuotedMessage | undefined): WebArrival {
  const text = message.type === 'chat' ? message.body.trim() : '';
  const repliesToPost = quoted?.fromMe === true;
  if (!text.startsWith('/') && !(repliesToPost && text !== '')) return { ignored: 'group_talk' };
  if (!message.author || !PERSON_CHAT.test(message.author)) return { ignored: 'group_sender_unknown' };
  return {
    inbound: {
      channel: WHATSAPP_WEB,
      chatId: message.from,
      platformMessageId: message.id._serialized,
      receivedAt: new Date(message.timestamp * 1000),
      text,
      group: true,
      sender: { id: message.author },
      ...(repliesToPost ? { replyToText: quoted.body } : {}),
    },
  };
}

function mediaOf(kind: 'photo' | 'voice', message: WebMessage) {
  const size = rawSize.safeParse(message.rawData);
  return size.success ? { kind, declaredBytes: size.data.size } : { kind };
}
