/** A chat on one app; the others the person can be reached on, should that one fail for good. */
export interface ChatTarget {
  channel: string;
  chatId: string;
  fallbacks?: { channel: string; chatId: string }[];
}

/** The apps people are reached on, and the order tried when the one they last used is unknown. */
const APPS = [
  ['telegram', 'telegramUserId'],
  ['whatsapp-cloud', 'whatsappCloudId'],
  ['whatsapp-web', 'whatsappId'],
] as const;

/**
 * Where a message to a person goes: the app they last wrote from, else Telegram, then WhatsApp (the
 * Cloud API number when they have written to it, which WhatsApp requires before a business writes
 * first, else WhatsApp Web); the other apps they are on follow as fallbacks.
 */

export function chatTargetOf(
  person: {
    phone: string;
    channels?: {
      telegramUserId?: string | null;
      whatsappCloudId?: string | null;
      whatsappId?: string | null;
      lastUsed?: string | null;
    } | null;
  },
  fallback?: 'simulator',
): ChatTarget | undefined {
  const channels = person.channels;
  const chats = APPS.flatMap(([channel, field]) => {
    const chatId = channels?.[field];
    return chatId ? [{ channel, chatId }] : [];
  }).sort((a, b) => Number(b.channel === channels?.lastUsed) - Number(a.channel === channels?.lastUsed));
  const [first, ...rest] = chats;
  if (first) return rest.length > 0 ? { ...first, fallbacks: rest } : first;
  // Without a chat app on record, the simulator (when on) shows the reminder in the person's transcript.
  return fallback ? { channel: fallback, chatId: person.phone } : undefined;
}
