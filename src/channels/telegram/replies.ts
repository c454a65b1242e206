import type {
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types';
import type { OutboundMessage } from '../../engine/messages';
import { buttonData } from '../button-data';

/** Telegram refuses callback data longer than this many bytes. */
const CALLBACK_DATA_BYTES = 64;

/**
 * The contact button's label, as the conversation's welcome names it. Replies carry no language, and
 * Indonesian is the program's own.
 */
export const SHARE_CONTACT_LABEL = '📱 Bagikan nomor HP';

/** The parameters of one `sendMessage` call, apart from the chat. */
export interface TelegramReply {
  text: string;
  reply_markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;
  /** A stored image (a digest's chart, a complaint's photo) sent as a photo with the text. */
  photoMediaId?: string;
}

/**
 * Renders a reply for Telegram. Choices become buttons under the message (a tap sends the option's
 * id, after its question's token), while the text keeps its numbered list, so typing `2` still works and the message reads the
 * same when quoted or forwarded. A request for the person's number becomes the contact button.
 * Anything else removes a keyboard left from an earlier question.
 */
export function renderReply(message: OutboundMessage): TelegramReply {
  const text = message.imageUrl ? `${message.text}\n${message.imageUrl}` : message.text;
  const photo = message.image ? { photoMediaId: message.image.mediaId } : {};
  if (message.requestContact) return { text, reply_markup: contactKeyboard(message.choices ?? []), ...photo };
  if (message.choices && message.choices.length > 0) {
    const rows = message.choices.map((choice, index) => choiceRow(choice, index, message.question));
    return { text, reply_markup: { inline_keyboard: rows }, ...photo };
  }
  return { text, reply_markup: { remove_keyboard: true }, ...photo };
}

/** Telegram refuses a message longer than this many characters. */
export const MESSAGE_LIMIT = 4096;

/**
 * Cuts a long text (a digest of many participants) into messages Telegram accepts, at line breaks
 * where it can, so that no line of a list is cut in two.
 */
export function splitForTelegram(text: string, limit = MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= limit) {
      current = candidate;
      continue;
    }
    if (current !== '') parts.push(current);
    current = line;
    while (current.length > limit) {
      parts.push(current.slice(0, limit));
      current = current.slice(limit);
    }
  }
  if (current !== '' || parts.length === 0) parts.push(current);
  return parts;
}

/** One option per row: labels are whole phrases, too long to sit side by side on a phone. */
function choiceRow(
  choice: { id: string; label: string },
  index: number,
  question: string | undefined,
): InlineKeyboardButton[] {
  const fits = (data: string) => Buffer.byteLength(data, 'utf8') <= CALLBACK_DATA_BYTES;
  return [{ text: choice.label, callback_data: buttonData(choice, index, question, fits) }];
}

/**
 * The contact button, shown once. Options offered alongside (such as "skip") become keyboard
 * buttons that send their label, which the choice parser recognises like typed words.
 */
function contactKeyboard(choices: { id: string; label: string }[]): ReplyKeyboardMarkup {
  const rows: KeyboardButton[][] = [[{ text: SHARE_CONTACT_LABEL, request_contact: true }]];
  for (const choice of choices) rows.push([{ text: choice.label }]);
  return { keyboard: rows, one_time_keyboard: true, resize_keyboard: true };
}
