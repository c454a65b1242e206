import express, { Router } from 'express';
import type { Logger } from '../../log';
import { storedWithin, WEBHOOK_STORE_MS } from '../stored-within';
import { hasValidSignature, hasVerifyToken, SIGNATURE_HEADER } from './signature';

export const WHATSAPP_CLOUD_WEBHOOK_PATH = '/whatsapp-cloud/webhook';

/** Meta's notifications are at most a few megabytes. */
const BODY_LIMIT = '3mb';

export interface CloudWebhookOptions {
  appSecret: string;
  verifyToken: string;
  /** Stores what a notification holds; resolves once it is durable. */
  receive: (body: unknown) => Promise<unknown>;
  logger: Logger;
}

/**
 * The webhook Meta calls. GET is the subscription handshake: with our verify token, the challenge
 * is echoed; without it, 403. POST carries notifications, each signed with the app secret: the
 * signature is checked on the raw bytes before anything is parsed, a bad or missing one gets 401
 * and nothing is stored. A notification is answered 200 once stored; when storing fails, or takes
 * longer than `WEBHOOK_STORE_MS` (the database is away), the error reaches the app's error handler,
 * which answers 500, and Meta delivers it again.
 */
export function cloudWebhookRouter({ appSecret, verifyToken, receive, logger }: CloudWebhookOptions): Router {
  const router = Router();

  router.get('/', (request, response) => {
    const challenge = request.query['hub.challenge'];
    if (
      request.query['hub.mode'] === 'subscribe' &&
      hasVerifyToken(request.query['hub.verify_token'], verifyToken) &&
      typeof challenge === 'string' &&
      /^[\w-]{1,256}$/.test(challenge)
    ) {
      response.type('text/plain').send(challenge);
      return;
    }
    response.status(403).json({ error: 'forbidden', message: 'Wrong verify token' });
  });

  router.post('/', express.raw({ type: () => true, limit: BODY_LIMIT }), async (request, response) => {
    const raw: Buffer = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!hasValidSignature(raw, request.header(SIGNATURE_HEADER), appSecret)) {
      response.status(401).json({ error: 'unauthorized', message: 'Wrong or missing X-Hub-Signature-256' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      response.status(400).json({ error: 'invalid_json', message: 'The body is not valid JSON' });
      return;
    }
    await storedWithin(receive(body), WEBHOOK_STORE_MS, logger, 'a WhatsApp notification');
    response.sendStatus(200);
  });

  return router;
}
