import type { CallbackQuery, Message, PhotoSize, Update } from 'grammy/types';
import { normalizePhone } from '../../domain/identity';
import type { InboundMessage } from '../../engine/messages';
import { readButtonData } from '../button-data';

export const TELEGRAM = 'telegram';

/** The update types the bot asks Telegram for: anything else is never delivered, so never stored. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** What one Telegram update means for Pendamping, before anything is stored. */
export interface TelegramArrival {
  inbound: InboundMessage;
  /** The largest size of a photo, still to be downloaded and stored; its stored id goes into `inbound.media`. */
  photo?: { fileId: string; fileUniqueId: string; bytes?: number };
  /**
   * The sender's own number, shared with the contact button. Telegram fills `contact.user_id` itself,
   * so a contact whose user is the sender proves the number belongs to this account.
   */
  ownPhone?: string;
  /** A tapped inline button: Telegram shows a spinner until it is answered. */
  callbackQueryId?: string;
}

/**
 * Reads a Telegram update as one inbound message, or `undefined` for what Pendamping does not handle
 * (channels, other bots, talk among a group's members, update types it never asked for). Pure: `now`
 * stands in for the time of a button tap, which Telegram does not date.
 */
export function readUpdate(update: Update, now: Date): TelegramArrival | undefined {
  if (update.message) return readMessage(update.message);
  if (update.callback_query) return readCallbackQuery(update.callback_query, now);
  return undefined;
}

function readMessage(message: Message): TelegramArrival | undefined {
  if (!message.from || message.from.is_bot) return undefined;
  const group = message.chat.type === 'group' || message.chat.type === 'supergroup';
  if (message.chat.type !== 'private' && !group) return undefined;
  const text = message.text ?? message.caption;
  const repliedTo = message.reply_to_message;
  // In a staff group only commands and replies to the bot's posts are for Pendamping: what the
  // members say to each other is not stored.
  if (group && !text?.startsWith('/') && !repliedTo?.from?.is_bot) return undefined;
  const inbound: InboundMessage = {
    channel: TELEGRAM,
    chatId: String(message.chat.id),
    platformMessageId: messageIdOf(message.chat.id, message.message_id),
    receivedAt: new Date(message.date * 1000),
  };
  if (text !== undefined) inbound.text = withoutStartPayload(text);
  const repliedText = repliedTo?.text ?? repliedTo?.caption;
  if (repliedText !== undefined && repliedTo?.from?.is_bot) inbound.replyToText = repliedText;

  const arrival: TelegramArrival = { inbound };
  if (group) {
    inbound.group = true;
    inbound.sender = { id: String(message.from.id) };
    return arrival;
  }
  if (message.contact) {
    const normalized = normalizePhone(message.contact.phone_number);
    const phone = normalized.ok ? normalized.value : message.contact.phone_number;
    const name = [message.contact.first_name, message.contact.last_name].filter(Boolean).join(' ');
    const own = message.contact.user_id === message.from.id;
    inbound.contact = { phone, ...(name ? { name } : {}), own };
    if (normalized.ok && own) arrival.ownPhone = normalized.value;
  }
  if (message.location) {
    inbound.location = { latitude: message.location.latitude, longitude: message.location.longitude };
  }
  const largest = message.photo && largestPhoto(message.photo);
  if (largest) {
    arrival.photo = {
      fileId: largest.file_id,
      fileUniqueId: largest.file_unique_id,
      ...(largest.file_size !== undefined ? { bytes: largest.file_size } : {}),
    };
  }
  return arrival;
}

function readCallbackQuery(query: CallbackQuery, now: Date): TelegramArrival | undefined {
  if (query.from.is_bot || query.data === undefined) return undefined;
  if (query.message && query.message.chat.type !== 'private') return undefined;
  return {
    inbound: {
      channel: TELEGRAM,
      // In a private chat the chat is the person; a very old message may no longer be accessible.
      chatId: String(query.message?.chat.id ?? query.from.id),
      // Telegram's id of the tap itself, the same however often the update is re-sent.
      platformMessageId: `c${query.id}`,
      receivedAt: now,
      ...readButtonData(query.data),
    },
    callbackQueryId: query.id,
  };
}

/**
 * A message's id is unique within its chat, so with the chat it identifies the message for good.
 * Not the update id: Telegram restarts those at a random number after a week without updates, so
 * an old and a new update could share one.
 */
export function messageIdOf(chatId: number, messageId: number): string {
  return `m${chatId}:${messageId}`;
}

/** `/start abc` (a deep link) is still `/start`, which every flow understands as "show the menu". */
function withoutStartPayload(text: string): string {
  return /^\/start(@\w+)?\s/.test(text) ? (text.split(/\s/, 1)[0] ?? text) : text;
}

/** Telegram sends several sizes of one photo; the largest is the one worth keeping. */
function largestPhoto(sizes: PhotoSize[]): PhotoSize | undefined {
  const area = (size: PhotoSize) => size.width * size.height;
  return sizes.reduce<PhotoSize | undefined>(
    (best, size) => (!best || area(size) > area(best) ? size : best),
    undefined,
  );
}
