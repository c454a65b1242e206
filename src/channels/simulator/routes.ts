import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ConversationService } from '../../conversations/conversation-service';
import type { Models } from '../../db/models';
import { normalizePhone } from '../../domain/identity';
import type { InboundMessage } from '../../engine/messages';
import { parseOr400 } from '../../http/validation';
import {
  deliverOwnReplies,
  deliverSimulatorReplies,
  inTurnOfChat,
  repliesToMessage,
  SIMULATOR,
  simulatorTranscript,
} from './deliver';
import { inboundKey } from '../../db/models/inbound-message';
import { gridFsMediaStore, type MediaStore } from '../../db/media-store';
import { simulatorPhoto } from './photo';
import { SIMULATOR_PAGE, SIMULATOR_SCRIPT, SIMULATOR_STYLE } from './page';

const phoneField = z.string().transform((text, ctx) => {
  const phone = normalizePhone(text);
  if (!phone.ok) {
    ctx.addIssue({ code: 'custom', message: phone.reason });
    return z.NEVER;
  }
  return phone.value;
});

const messageBody = z
  .object({
    from: phoneField,
    // The page shows this explanation as it is, as it does the phone number's (in Indonesian).
    text: z
      .string()
      .trim()
      .min(1, { error: 'write a message' })
      .max(4096, { error: 'pesan terlalu panjang: paling banyak 4096 huruf' })
      .optional(),
    /** Sharing one's own number, as the contact button of a chat app does. */
    contact: z
      .object({ phone: phoneField, name: z.string().max(200).optional() })
      .strict()
      .optional(),
    /** A photo, by name: the simulator does not upload files, and stands in a picture of the name. */
    photo: z.string().min(1).max(200).optional(),
    /** The browser's own id for this message, so that a retried request has one effect. */
    id: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((body) => body.text !== undefined || body.contact !== undefined || body.photo !== undefined, {
    error: 'send text, contact or photo',
  });

export interface SimulatorDependencies {
  models: Models;
  conversations: ConversationService;
  clock: () => Date;
  /** Where the stand-in pictures of photos go; the database's GridFS bucket `media` by default. */
  media?: MediaStore;
}

/**
 * The web simulator: a chat page at `/simulator` and its API at `/api/simulator`, going through
 * exactly the same path as WhatsApp and Telegram (inbound store, engine, outbox), for trying flows
 * and for demos without a phone.
 */
export function simulatorRouters({
  models,
  conversations,
  clock,
  media = gridFsMediaStore(models.inboundMessages.db),
}: SimulatorDependencies): { path: string; router: Router }[] {
  const page = Router();
  page.get('/', (_request, response) => {
    response.type('html').send(SIMULATOR_PAGE);
  });
  page.get('/app.css', (_request, response) => {
    response.type('text/css').send(SIMULATOR_STYLE);
  });
  page.get('/app.js', (_request, response) => {
    response.type('application/javascript').send(SIMULATOR_SCRIPT);
  });

  const api = Router();
  api.post('/messages', async (request: Request, response: Response) => {
    const body = parseOr400(messageBody, request.body, response);
    if (!body) return;
    // Stored like a phone's photo, under its name: the same name is the same picture.
    const photoId =
      body.photo && (await media.save(`simulator:${body.photo}`, simulatorPhoto(body.photo), 'image/png'));
    const inbound: InboundMessage = {
      channel: SIMULATOR,
      chatId: body.from,
      platformMessageId: body.id ?? randomUUID(),
      receivedAt: clock(),
      ...(body.text !== undefined ? { text: body.text } : {}),
      ...(body.contact
        ? {
            contact: { phone: body.contact.phone, ...(body.contact.name ? { name: body.contact.name } : {}) },
          }
        : {}),
      ...(photoId ? { media: { kind: 'photo' as const, fileId: photoId, mimeType: 'image/png' } } : {}),
    };
    // The replies to what this request handled; anything else for the chat (a reminder, news of a
    // complaint) reaches the page when it asks for what is new.
    const { status, delivered } = await inTurnOfChat(body.from, async () => {
      const handled = await conversations.converse(inbound);
      return {
        status: handled.status,
        delivered: await deliverOwnReplies(models, handled.replies, clock()),
      };
    });
    // Sent again (the answer to the first try was lost): its own replies, as the first try got them.
    const replies =
      status === 'duplicate'
        ? await repliesToMessage(models, inboundKey(SIMULATOR, inbound.platformMessageId))
        : delivered;
    response.status(status === 'accepted' ? 201 : 200).json({ status, replies });
  });

  api.get('/conversations/:phone', async (request: Request, response: Response) => {
    const params = parseOr400(z.object({ phone: phoneField }), request.params, response);
    if (!params) return;
    await inTurnOfChat(params.phone, () => deliverSimulatorReplies(models, params.phone, clock()));
    response.json({ phone: params.phone, lines: await simulatorTranscript(models, params.phone) });
  });

  // What the page asks every few seconds: only what came for the chat since (a reminder, an answer
  // from staff), taken from the queue of unsent messages, never a read of the chat's history.
  api.get('/conversations/:phone/new', async (request: Request, response: Response) => {
    const params = parseOr400(z.object({ phone: phoneField }), request.params, response);
    if (!params) return;
    const replies = await inTurnOfChat(params.phone, () =>
      deliverSimulatorReplies(models, params.phone, clock()),
    );
    response.json({ phone: params.phone, replies });
  });

  return [
    { path: '/simulator', router: page },
    { path: '/api/simulator', router: api },
  ];
}
