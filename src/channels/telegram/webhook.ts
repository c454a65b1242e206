import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import { webhookCallback, type Bot } from 'grammy';

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

/**
 * grammY's own limit, a backstop: the bot's middleware stores within `WEBHOOK_STORE_MS` (less), so
 * that grammY never gives up on a handler that is still running, whose later failure nobody would hear.
 */
const GRAMMY_TIMEOUT_MS = 10_000;
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * Whether a request carries the webhook's secret. Both sides are hashed first, so the comparison
 * takes the same time whatever the header holds, its length included.
 */
export function hasWebhookSecret(header: string | undefined, secret: string): boolean {
  if (header === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(header), digest(secret));
}

function requireSecret(secret: string): RequestHandler {
  return (request, response, next) => {
    if (hasWebhookSecret(request.header(SECRET_HEADER), secret)) return next();
    response.status(401).json({ error: 'unauthorized', message: 'Wrong or missing secret token' });
  };
}

/**
 * The webhook Telegram posts updates to. A request without the secret is refused with 401 before
 * grammY sees it, so nothing of it is stored. grammY answers 200 when the bot's middleware returns,
 * which is right after the message was stored; when storing fails, or takes longer than
 * `WEBHOOK_STORE_MS` (the database is away), the error reaches the app's error handler, which
 * answers 500, and Telegram delivers the update again.
 */
export function telegramWebhookRouter(bot: Bot, secret: string): Router {
  const router = Router();
  router.post(
    '/',
    requireSecret(secret),
    express.json({ limit: '1mb' }),
    webhookCallback(bot, 'express', {
      secretToken: secret,
      onTimeout: 'throw',
      timeoutMilliseconds: GRAMMY_TIMEOUT_MS,
    }),
  );
  return router;
}
