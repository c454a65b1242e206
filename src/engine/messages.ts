import type { ComplaintUpdate } from '../domain/complaints/messages';
import type { Language } from '../domain/program';

export const CHANNELS = ['telegram', 'whatsapp-web', 'whatsapp-cloud', 'simulator'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One message from any app, as every channel adapter hands it to the engine. */
export interface InboundMessage {
  channel: Channel;
  chatId: string;
  /** The platform's own id of the message: with the channel, it makes delivery idempotent. */
  platformMessageId: string;
  receivedAt: Date;
  text?: string;
  /** The id of a tapped button or keyboard option, when the app has them. */
  choice?: string;
  /** With `choice`: the token of the question the button was sent with (absent on older buttons). */
  question?: string;
  /** A shared contact; `own` when the app vouches that the number is the sender's own (Telegram). */
  contact?: { phone: string; name?: string; own?: boolean };
  media?: {
    kind: 'photo' | 'voice' | 'document' | 'video';
    fileId: string;
    mimeType?: string;
    bytes?: number;
  };
  location?: { latitude: number; longitude: number };
  /** In a group chat the chat is the group: this is the person who wrote. */
  sender?: { id: string; name?: string };
  group?: boolean;
  /** The text of the message this one replies to (a complaint's post, in a staff group). */
  replyToText?: string;
  /** Not from the person: news of their complaint, handled in their conversation so it can ask for an answer. */
  complaintUpdate?: ComplaintUpdate;
}

/** One message to send; each channel renders choices its own way (keyboards, numbered lists). */
export interface OutboundMessage {
  text: string;
  /**
   * `typed`: what to type for the choice on a channel without buttons, where a number would not do
   * (the text already numbers something else, or no flow is waiting for the answer).
   */
  choices?: { id: string; label: string; typed?: string }[];
  /** The question the choices answer (a flow's step), for apps whose buttons carry it back. */
  question?: string;
  requestContact?: boolean;
  imageUrl?: string;
  /**
   * An image stored in the database's GridFS bucket `media` (a digest's chart), to be sent as a
   * photo with the text.
   */
  image?: { mediaId: string; mimeType: string };
}

export interface ConversationContext {
  now: Date;
  timeZone: string;
  language: Language;
}
