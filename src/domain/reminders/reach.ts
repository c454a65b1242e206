/**
 * Where a message to a person goes: the chat app they use, Telegram first, then WhatsApp: the Cloud
 * API number when they have written to it (which WhatsApp requires before a business writes first),
 * else WhatsApp Web.
 */
export interface ChatTarget {
  channel: string;
  chatId: string;
}

export function chatTargetOf(
  person: {
    phone: string;
    channels?: {
      telegramUserId?: string | null;
      whatsappCloudId?: string | null;
      whatsappId?: string | null;
    } | null;
  },
  fallback?: 'simulator',
): ChatTarget | undefined {
  if (person.channels?.telegramUserId) return { channel: 'telegram', chatId: person.channels.telegramUserId };
  if (person.channels?.whatsappCloudId) {
    return { channel: 'whatsapp-cloud', chatId: person.channels.whatsappCloudId };
  }
  if (person.channels?.whatsappId) return { channel: 'whatsapp-web', chatId: person.channels.whatsappId };
  // Without a chat app on record, the simulator (when on) shows the reminder in the person's transcript.
  return fallback ? { channel: fallback, chatId: person.phone } : undefined;
}
