import type { Router } from 'express';
import { conversationKey } from '../../db/models/conversation';
import type { Models } from '../../db/models';
import type { Logger } from '../../log';
import { gridFsMediaStore, type MediaStore } from '../../db/media-store';
import { answeredMessageOf } from '../../db/outbox';
import {
  OutboxSender,
  sendInParts,
  SendRateLimiter,
  type SenderSettings,
  type SendLimits,
} from '../outbox-sender';
import { GraphApi } from './graph-api';
import { classifyGraphFailure, type RateLimitWaits } from './graph-errors';
import { CloudInbox } from './inbox';
import { MAX_MEDIA_BYTES, mediaKeeper } from './media';
import { WHATSAPP_CLOUD } from './notifications';
import { renderImage, renderMessageParts, renderTemplate } from './render';
import { insideServiceWindow, templateFor, type TemplateSettings } from './service-window';
import { cloudWebhookRouter, WHATSAPP_CLOUD_WEBHOOK_PATH } from './webhook';
import type { InboxConversations } from '../inbox';

export const DEFAULT_GRAPH_API_ROOT = 'https://graph.facebook.com/v21.0';

/** The Cloud API's default throughput per number, and about one message per 6 seconds to one person. */
export const WHATSAPP_CLOUD_LIMITS: SendLimits = { perSecond: 80, perChatIntervalMs: 6000 };

export interface WhatsAppCloudChannelOptions {
  /** A system user's access token with `whatsapp_business_messaging`. */
  token: string;
  phoneNumberId: string;
  /** The app's secret: every notification is signed with it. */
  appSecret: string;
  /** What Meta sends back in the webhook's verification handshake. */
  verifyToken: string;
  /** The Graph API with its version; a stand-in in tests. */
  apiRoot?: string;
  /** The approved templates for people outside the 24-hour window; without them such messages fail. */
  templates?: Partial<TemplateSettings>;
  models: Models;
  conversations: InboxConversations;
  logger: Logger;
  clock: () => Date;
  /** Where photos and voice notes go; the database's GridFS bucket `media` by default. */
  media?: MediaStore;
  maxMediaBytes?: number;
  limits?: Partial<SendLimits>;
  /** How long to wait after WhatsApp's 130429 (throughput) and 131056 (pair rate). */
  rateLimitWaits?: Partial<RateLimitWaits>;
  sender?: Partial<SenderSettings>;
}

export interface WhatsAppCloudChannel {
  /** The router to mount at `path`, before any JSON parser: the signature is over the raw body. */
  webhook: { path: string; router: Router; readsOwnBody: true };
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The WhatsApp Cloud API channel: notifications in through a signed webhook, stored and then
 * handled by the conversation service; replies out from the outbox, as interactive messages within
 * the 24-hour window and as approved templates outside it, paced within the number's throughput
 * and the pair limit.
 */
export function createWhatsAppCloudChannel(options: WhatsAppCloudChannelOptions): WhatsAppCloudChannel {
  const { models, conversations, logger, clock } = options;
  const graph = new GraphApi({
    apiRoot: options.apiRoot ?? DEFAULT_GRAPH_API_ROOT,
    token: options.token,
    phoneNumberId: options.phoneNumberId,
  });
  const limits: SendLimits = { ...WHATSAPP_CLOUD_LIMITS, ...options.limits };
  const waits: RateLimitWaits = {
    throughputMs: 1000,
    pairMs: limits.perChatIntervalMs,
    ...options.rateLimitWaits,
  };
  const templates: TemplateSettings = { language: 'id', ...options.templates };

  /** When the person last wrote: the service window runs from there. */
  const lastInboundAt = async (chatId: string): Promise<Date | undefined> => {
    const conversation = await models.conversations
      .findById(conversationKey(WHATSAPP_CLOUD, chatId), { lastWrittenAt: 1 })
      .lean();
    return conversation?.lastWrittenAt ?? undefined;
  };
  /**
   * When the message a reply answers came (`reply:<its key>:<n>`). The conversation records it only
   * after the replies are queued, and a crash or a refused write in between leaves it unrecorded until
   * the message is handled again: the reply to a first message would otherwise count as outside the window.
   */
  const answeredAt = async (dedupeKey: string): Promise<Date | undefined> => {
    const answered = answeredMessageOf(dedupeKey);
    if (!answered) return undefined;
    return (await models.inboundMessages.findById(answered, { receivedAt: 1 }).lean())?.receivedAt;
  };

  const media = options.media ?? gridFsMediaStore(models.inboundMessages.db);
  const sender = new OutboxSender({
    channel: WHATSAPP_CLOUD,
    platform: 'WhatsApp Cloud API',
    models,
    clock,
    logger,
    limiter: new SendRateLimiter(limits),
    ...(options.sender ? { settings: options.sender } : {}),
    send: async ({ id, chatId, dedupeKey, message }) => {
      const open =
        insideServiceWindow(await lastInboundAt(chatId), clock()) ||
        insideServiceWindow(await answeredAt(dedupeKey), clock());
      if (!open) {
        const template = renderTemplate(chatId, templateFor(dedupeKey, templates), message.text);
        return { platformMessageId: await graph.sendMessage(template) };
      }
      const image = message.image ? await media.read(message.image.mediaId) : undefined;
      if (message.image && !image) logger.warn({ entryId: String(id) }, 'image to send is gone; text only');
      // A stored image goes first as a photo, a long text before its choices; the delivery status
      // followed is the last message's.
      const platformMessageId = await sendInParts(models, id, [
        ...(image
          ? [
              async () => {
                const fileName = image.contentType === 'image/png' ? 'gambar.png' : 'foto.jpg';
                const mediaId = await graph.uploadMedia(image.bytes, image.contentType, fileName);
                return graph.sendMessage(renderImage(chatId, mediaId, message.text));
              },
            ]
          : []),
        ...renderMessageParts(chatId, message).map((part) => () => graph.sendMessage(part)),
      ]);
      return { platformMessageId: platformMessageId ?? '' };
    },
    classifyFailure: (error) => classifyGraphFailure(error, waits),
  });

  const inbox = new CloudInbox({
    models,
    conversations,
    phoneNumberId: options.phoneNumberId,
    logger,
    keepMedia: mediaKeeper({
      graph,
      media,
      maxBytes: options.maxMediaBytes ?? MAX_MEDIA_BYTES,
      logger,
    }),
    afterDrain: () => sender.wake(),
  });

  return {
    webhook: {
      path: WHATSAPP_CLOUD_WEBHOOK_PATH,
      router: cloudWebhookRouter({
        appSecret: options.appSecret,
        verifyToken: options.verifyToken,
        receive: (body) => inbox.receive(body),
        logger,
      }),
      readsOwnBody: true,
    },

    // Nothing to register: the webhook's address is set once in the app dashboard.
    async start() {
      sender.start();
      logger.info('WhatsApp Cloud API channel started');
    },

    /** Lets the chats being handled finish, then stops sending; the webhook answers until the server closes. */
    async stop() {
      await inbox.settle();
      await sender.stop();
    },
  };
}
