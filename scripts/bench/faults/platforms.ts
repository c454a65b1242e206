import { messageIdOf } from '../../../src/channels/telegram/updates';
import { signatureOf } from '../../../src/channels/whatsapp-cloud/signature';
import { WHATSAPP_CLOUD } from '../../../src/channels/whatsapp-cloud/notifications';
import { inboundKey } from '../../../src/db/models/inbound-message';
import { BotApiStandIn } from '../../../test/support/bot-api-stand-in';
import {
  GraphApiStandIn,
  notification,
  STAND_IN_APP_SECRET,
  STAND_IN_PHONE_NUMBER_ID,
  STAND_IN_TOKEN,
  textFrom,
} from '../../../test/support/graph-api-stand-in';

/** A person's chat with the service: on Telegram their user id, on WhatsApp their number (wa_id). */
export interface Chat {
  channel: 'telegram' | typeof WHATSAPP_CLOUD;
  chatId: string;
}

/** Telegram gives up on an answer after about a minute; a shorter patience is the harder test. */
const WEBHOOK_PATIENCE_MS = 10_000;
const WEBHOOK_SECRET = 'bench-faults-webhook-secret-0123456789';
const BOT_TOKEN = `7000000001:AAH${'benchFaultsToken_'.repeat(2)}`;
const VERIFY_TOKEN = 'bench-faults-verify-token-0123456789';

/**
 * Telegram's and Meta's side of the run: the Bot API and Graph API stand-ins the service sends to,
 * and the webhooks they post people's messages to, each delivered again, with a growing pause, until
 * the service answers 2xx in time, as both platforms do.
 */
export class Platforms {
  private constructor(
    readonly telegram: BotApiStandIn,
    readonly whatsapp: GraphApiStandIn,
  ) {}

  static async start(): Promise<Platforms> {
    return new Platforms(await BotApiStandIn.start(BOT_TOKEN), await GraphApiStandIn.start());
  }

  /** What the service needs to use both (the webhook URL is the public one; the suite posts locally). */
  serviceEnvironment(): NodeJS.ProcessEnv {
    return {
      TELEGRAM_BOT_TOKEN: this.telegram.token,
      TELEGRAM_API_ROOT: this.telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://pendamping.example.id/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      WHATSAPP_CLOUD_TOKEN: STAND_IN_TOKEN,
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: STAND_IN_PHONE_NUMBER_ID,
      WHATSAPP_CLOUD_APP_SECRET: STAND_IN_APP_SECRET,
      WHATSAPP_CLOUD_VERIFY_TOKEN: VERIFY_TOKEN,
      WHATSAPP_CLOUD_API_ROOT: this.whatsapp.apiRoot,
    };
  }

  /** The secrets the log scan looks for besides personal data. */
  secrets(): string[] {
    return [
      BOT_TOKEN,
      BOT_TOKEN.split(':')[1] ?? '',
      WEBHOOK_SECRET,
      STAND_IN_TOKEN,
      STAND_IN_APP_SECRET,
      VERIFY_TOKEN,
    ];
  }

  /** Everything sent to the chat so far, oldest first. */
  deliveredTo(chat: Chat): string[] {
    return chat.channel === 'telegram'
      ? this.telegram.sentTo(chat.chatId).map((sent) => sent.text)
      : this.whatsapp
          .sentTo(chat.chatId)
          .map((sent) => sent.body.text?.body ?? sent.body.interactive?.body.text ?? sent.type);
  }

  deliveryCount(chat: Chat): number {
    return chat.channel === 'telegram'
      ? this.telegram.sentTo(chat.chatId).length
      : this.whatsapp.sentTo(chat.chatId).length;
  }

  /**
   * Posts the person's `number`th message to the service until it is taken; returns how many posts it
   * took. The key is the service's for that message (`inbound_messages`).
   */
  async deliver(
    serviceBase: string,
    chat: Chat,
    number: number,
    text: string,
    stopped: AbortSignal,
  ): Promise<{ key: string; posts: number }> {
    const { key, post } =
      chat.channel === 'telegram'
        ? this.telegramPost(serviceBase, chat, number, text)
        : this.whatsappPost(serviceBase, chat, number, text);
    for (let posts = 1; ; posts++) {
      try {
        const response = await post(AbortSignal.any([stopped, AbortSignal.timeout(WEBHOOK_PATIENCE_MS)]));
        await response.arrayBuffer();
        if (response.ok) return { key, posts };
      } catch {
        // Refused (the service is down), or no answer in time: delivered again.
      }
      if (stopped.aborted) throw new Error('stopped');
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** (posts - 1), 5000)));
    }
  }

  private telegramPost(base: string, chat: Chat, number: number, text: string) {
    const userId = Number(chat.chatId);
    const messageId = number;
    const update = {
      update_id: userId * 1000 + number,
      message: {
        message_id: messageId,
        from: { id: userId, is_bot: false, first_name: 'Peserta', language_code: 'id' },
        chat: { id: userId, type: 'private', first_name: 'Peserta' },
        date: Math.floor(Date.now() / 1000),
        text,
      },
    };
    const body = JSON.stringify(update);
    return {
      key: inboundKey('telegram', messageIdOf(userId, messageId)),
      post: (signal: AbortSignal) =>
        fetch(`${base}/telegram/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
          body,
          signal,
        }),
    };
  }

  private whatsappPost(base: string, chat: Chat, number: number, text: string) {
    const wamid = `wamid.bench.${chat.chatId}.${number}`;
    const raw = JSON.stringify(notification({ messages: [textFrom(chat.chatId, text, wamid)] }));
    return {
      key: inboundKey(WHATSAPP_CLOUD, wamid),
      post: (signal: AbortSignal) =>
        fetch(`${base}/whatsapp-cloud/webhook`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': signatureOf(raw, STAND_IN_APP_SECRET),
          },
          body: raw,
          signal,
        }),
    };
  }

  async close(): Promise<void> {
    await this.telegram.close();
    await this.whatsapp.close();
  }
}
