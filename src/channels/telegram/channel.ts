import type { Router } from 'express';
import { Bot, GrammyError, HttpError, InputFile, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Models } from '../../db/models';
import type { Logger } from '../../log';
import { retry, retryDelayMs } from '../../retry';
import { sendInParts } from '../outbox-sender';
import { BOT_COMMANDS } from './commands';
import { TelegramInbox } from './inbox';
import { MAX_PHOTO_BYTES, gridFsMediaStore, type MediaStore } from './media';
import { photoKeeper } from './photos';
import { SendRateLimiter, TELEGRAM_LIMITS, type SendLimits } from './rate-limiter';
import { classifySendFailure } from './send-errors';
import { splitForTelegram } from './replies';
import { TelegramSender, type SenderSettings } from './sender';
import { ALLOWED_UPDATES } from './updates';
import { storedWithin, WEBHOOK_STORE_MS } from '../stored-within';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhookRouter } from './webhook';
import type { InboxConversations } from '../inbox';

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

/** Telegram's limit on a photo's caption, in characters. */
const CAPTION_LIMIT = 1024;

export interface TelegramChannelOptions {
  token: string;
  /** The Bot API server: Telegram's, a self-hosted one, or a stand-in in tests. */
  apiRoot?: string;
  /** Webhook mode: Telegram posts updates to `url` (which must end in `/telegram/webhook`). Long polling otherwise. */
  webhook?: { url: string; secret: string };
  models: Models;
  conversations: InboxConversations;
  logger: Logger;
  clock: () => Date;
  /** The bot's own `getMe`, to skip that call at start (tests, or a known bot). */
  botInfo?: UserFromGetMe;
  /** Where photos go; the database's GridFS bucket `media` by default. */
  media?: MediaStore;
  maxPhotoBytes?: number;
  limits?: SendLimits;
  sender?: Partial<SenderSettings>;
}

export interface TelegramChannel {
  /** In webhook mode: the router to mount at `path`. */
  webhook?: { path: string; router: Router };
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Telegram channel: updates in (long polling or a webhook), stored and then handled by the
 * conversation service; replies out from the outbox, paced within Telegram's limits.
 */
export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  const { token, models, conversations, logger, clock } = options;
  const apiRoot = (options.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, '');
  const bot = new Bot(token, {
    // The client's timeout bounds a `sendMessage`, which must end before its outbox lease does;
    // it is longer than a long poll (30 s), which would otherwise be cut short.
    client: { apiRoot, timeoutSeconds: 45 },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });

  const media = options.media ?? gridFsMediaStore(models.inboundMessages.db);
  const sender = new TelegramSender({
    models,
    clock,
    logger,
    limiter: new SendRateLimiter(options.limits ?? TELEGRAM_LIMITS),
    settings: options.sender ?? {},
    send: async (chatId, reply, entryId) => {
      const chat = chatIdOf(chatId);
      const photo = reply.photoMediaId ? await media.read(reply.photoMediaId) : undefined;
      if (reply.photoMediaId && !photo)
        logger.warn({ entryId: String(entryId) }, 'image to send is gone; text only');
      const file =
        photo && new InputFile(photo.bytes, photo.contentType === 'image/png' ? 'gambar.png' : 'foto.jpg');
      const texts = splitForTelegram(reply.text);
      // One entry may need several calls: a photo, then a text too long for its caption, in parts.
      // The buttons go with the last part.
      const calls: (() => Promise<unknown>)[] =
        file && reply.text.length <= CAPTION_LIMIT
          ? [() => bot.api.sendPhoto(chat, file, { caption: reply.text, reply_markup: reply.reply_markup })]
          : [
              ...(file
                ? [() => bot.api.sendPhoto(chat, file, { caption: reply.text.split('\n', 1)[0] ?? '' })]
                : []),
              ...texts.map(
                (text, index) => () =>
                  bot.api.sendMessage(
                    chat,
                    text,
                    index === texts.length - 1 ? { reply_markup: reply.reply_markup } : {},
                  ),
              ),
            ];
      await sendInParts(models, entryId, calls);
    },
  });

  const inbox = new TelegramInbox({
    models,
    conversations,
    clock,
    logger,
    keepPhoto: photoKeeper({
      api: bot.api,
      fileUrl: (filePath) => `${apiRoot}/file/bot${token}/${filePath}`,
      media,
      maxBytes: options.maxPhotoBytes ?? MAX_PHOTO_BYTES,
      logger,
    }),
    answerCallbackQuery: (id) => bot.api.answerCallbackQuery(id),
    afterDrain: () => sender.wake(),
  });

  // Aborted by stop(): ends the waits between retries, so that shutdown is not held up by them.
  let stopSignal = new AbortController();
  const polling = !options.webhook;
  bot.use(async (ctx: Context) => {
    if (!polling) {
      await storedWithin(inbox.receive(ctx.update), WEBHOOK_STORE_MS, logger, 'a Telegram update');
      return;
    }
    // In long polling, grammY confirms an update to Telegram once the middleware returns, even
    // when it threw: so the update is retried here until it is stored (the database is away),
    // holding back the next ones, which keeps the order.
    // Stopping while the database is away: grammY confirms the update anyway, so it is lost.
    await retry(() => inbox.receive(ctx.update), {
      waitMs: (attempt) => retryDelayMs(attempt, 500, 30_000),
      signal: stopSignal.signal,
      onRetry: (error, attempt) =>
        logger.error({ err: error, attempt }, 'Telegram update could not be stored; trying again'),
    });
  });
  bot.catch((error) => logger.error({ err: error.error }, 'Telegram update lost'));

  const setCommands = async () => {
    try {
      for (const { languageCode, scope, commands } of BOT_COMMANDS) {
        await bot.api.setMyCommands(commands, {
          ...(languageCode ? { language_code: languageCode } : {}),
          ...(scope ? { scope } : {}),
        });
      }
    } catch (error) {
      // Only the app's command menu depends on it: the bot works without.
      logger.warn({ err: error }, 'Telegram commands could not be set');
    }
  };

  let pollingDone: Promise<void> | undefined;
  const startPolling = () =>
    new Promise<void>((resolve, reject) => {
      let started = false;
      // grammY deletes any webhook first; pending updates are kept (never dropped).
      pollingDone = bot
        .start({
          allowed_updates: ALLOWED_UPDATES,
          drop_pending_updates: false,
          onStart: () => {
            started = true;
            resolve();
          },
        })
        .catch((error: unknown) => {
          if (!started) reject(error);
          // 401 (token revoked) or 409 (another instance polls, or a webhook was set meanwhile).
          else logger.error({ err: error }, 'Telegram long polling stopped');
        });
    });

  return {
    ...(options.webhook
      ? {
          webhook: {
            path: TELEGRAM_WEBHOOK_PATH,
            router: telegramWebhookRouter(bot, options.webhook.secret),
          },
        }
      : {}),

    async start() {
      stopSignal = new AbortController();
      await bot.init();
      await setCommands();
      if (options.webhook) {
        const { url, secret } = options.webhook;
        // Pending updates are kept (never dropped): Telegram delivers them once the webhook answers.
        await whenTelegramAnswers(
          () => bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES }),
          logger,
          stopSignal.signal,
        );
      } else {
        await startPolling();
      }
      sender.start();
      logger.info(
        { mode: options.webhook ? 'webhook' : 'long polling', bot: bot.botInfo.username },
        'Telegram channel started',
      );
    },

    async stop() {
      stopSignal.abort();
      // Stop taking updates first (the webhook stays set: Telegram keeps them until an instance
      // answers), let the chats being handled finish, then stop sending.
      if (polling && bot.isRunning()) {
        // grammY confirms the last update with one more `getUpdates`, which fails when Telegram is
        // out of reach: those updates come again at the next start, and each is handled once.
        await bot.stop().catch((error: unknown) => {
          logger.warn(
            { err: error },
            'Telegram unreachable while stopping; its last updates will come again',
          );
        });
      }
      await pollingDone;
      await inbox.settle();
      await sender.stop();
    },
  };
}

/** Telegram's chat ids are integers; the outbox keeps them as text. */
function chatIdOf(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}

/**
 * Calls Telegram until it answers: a network failure, a 5xx or a 429 is waited out (as grammY does
 * for its own start-up calls); any other error (a bad token, a refused URL) is a configuration
 * error and is thrown.
 */
async function whenTelegramAnswers<T>(
  call: () => Promise<T>,
  logger: Logger,
  signal: AbortSignal,
): Promise<T> {
  return retry(call, {
    retryable: (error) =>
      error instanceof HttpError ||
      (error instanceof GrammyError && (error.error_code === 429 || error.error_code >= 500)),
    waitMs: (attempt, error) => {
      const failure = classifySendFailure(error);
      return failure.kind === 'rate_limited' ? failure.retryAfterMs : retryDelayMs(attempt, 1000, 60_000);
    },
    signal,
    onRetry: (error, _attempt, waitMs) =>
      logger.warn(
        { reason: classifySendFailure(error).reason, waitMs },
        'Telegram did not answer; trying again',
      ),
  });
}
