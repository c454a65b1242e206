import { z } from 'zod';
import type { InboundMessage } from '../../engine/messages';
import { readButtonData } from '../button-data';

export const WHATSAPP_CLOUD = 'whatsapp-cloud';

/** The delivery states WhatsApp reports for a message we sent, from least to most advanced. */
export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** What one message of a webhook means for Pendamping, before anything is stored. */
export interface CloudArrival {
  inbound: InboundMessage;
  /** A photo or voice note still to be downloaded and stored; its stored id goes into `inbound.media`. */
  media?: { mediaId: string; kind: 'photo' | 'voice'; mimeType?: string };
}

/** WhatsApp telling how a message we sent fares. */
export interface DeliveryStatusUpdate {
  /** The `wamid...` the Graph API gave when the message was sent. */
  platformMessageId: string;
  status: DeliveryStatus;
  at: Date;
  /** Why it failed, as WhatsApp says it (code and title), for a failed message. */
  error?: string;
}

export interface Notification {
  arrivals: CloudArrival[];
  statuses: DeliveryStatusUpdate[];
  /** Messages left aside (contacts, stickers, reactions...), by type: for the log. */
  ignored: string[];
}

const media = z.object({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  caption: z.string().optional(),
});

/** One message as the Cloud API describes it; only the parts Pendamping reads are checked. */
const messageSchema = z.object({
  from: z.string().regex(/^\d{5,20}$/),
  id: z.string().min(1),
  timestamp: z.coerce.number().int().positive(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string().optional() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string().optional() }).optional(),
    })
    .optional(),
  /** A tap on a template's quick-reply button. */
  button: z.object({ text: z.string(), payload: z.string().optional() }).optional(),
  image: media.optional(),
  audio: media.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
});

const statusSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: z.coerce.number().int().positive(),
  errors: z
    .array(
      z.object({ code: z.number().optional(), title: z.string().optional(), message: z.string().optional() }),
    )
    .optional(),
});

const changeSchema = z.object({
  field: z.string(),
  value: z
    .object({
      metadata: z.object({ phone_number_id: z.string() }).optional(),
      messages: z.array(z.unknown()).optional(),
      statuses: z.array(z.unknown()).optional(),
    })
    .optional(),
});

const notificationSchema = z.object({
  object: z.string(),
  entry: z.array(z.object({ changes: z.array(z.unknown()).optional() })).optional(),
});

/**
 * Reads a webhook notification: the messages people sent to our number and the statuses of the
 * messages we sent. Pure. Anything for another number of the same business account is left alone
 * (it would otherwise be answered from ours), as is anything malformed: one odd message never makes
 * the others fail.
 */
export function readNotification(body: unknown, phoneNumberId: string): Notification {
  const result: Notification = { arrivals: [], statuses: [], ignored: [] };
  const notification = notificationSchema.safeParse(body);
  if (!notification.success || notification.data.object !== 'whatsapp_business_account') return result;
  for (const entry of notification.data.entry ?? []) {
    for (const rawChange of entry.changes ?? []) {
      const change = changeSchema.safeParse(rawChange);
      if (!change.success || change.data.field !== 'messages' || !change.data.value) continue;
      const { metadata, messages = [], statuses = [] } = change.data.value;
      if (metadata?.phone_number_id !== phoneNumberId) continue;
      for (const rawMessage of messages) {
        const message = messageSchema.safeParse(rawMessage);
        const arrival = message.success ? readMessage(message.data) : undefined;
        if (arrival) result.arrivals.push(arrival);
        else result.ignored.push(message.success ? message.data.type : 'malformed');
      }
      for (const rawStatus of statuses) {
        const status = statusSchema.safeParse(rawStatus);
        const update = status.success ? readStatus(status.data) : undefined;
        if (update) result.statuses.push(update);
      }
    }
  }
  return result;
}

function readMessage(message: z.infer<typeof messageSchema>): CloudArrival | undefined {
  const inbound: InboundMessage = {
    channel: WHATSAPP_CLOUD,
    // The wa_id: the person's number in digits, which is how the conversation service finds them.
    chatId: message.from,
    platformMessageId: message.id,
    receivedAt: new Date(message.timestamp * 1000),
  };
  switch (message.type) {
    case 'text':
      if (!message.text) return undefined;
      return { inbound: { ...inbound, text: message.text.body } };
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      // The id we gave the option: the engine takes it as the person's choice.
      return reply ? { inbound: { ...inbound, ...readButtonData(reply.id) } } : undefined;
    }
    case 'button':
      return message.button ? { inbound: { ...inbound, text: message.button.text } } : undefined;
    case 'image':
    case 'audio': {
      const file = message.type === 'image' ? message.image : message.audio;
      if (!file) return undefined;
      return {
        inbound: { ...inbound, ...(file.caption !== undefined ? { text: file.caption } : {}) },
        media: {
          mediaId: file.id,
          kind: message.type === 'image' ? 'photo' : 'voice',
          ...(file.mime_type ? { mimeType: file.mime_type } : {}),
        },
      };
    }
    case 'location':
      if (!message.location) return undefined;
      return {
        inbound: {
          ...inbound,
          location: { latitude: message.location.latitude, longitude: message.location.longitude },
        },
      };
    default:
      // Contacts, stickers, reactions, videos, documents, system notices: nothing a flow asks for.
      return undefined;
  }
}

function readStatus(status: z.infer<typeof statusSchema>): DeliveryStatusUpdate | undefined {
  const known = DELIVERY_STATUSES.find((name) => name === status.status);
  if (!known) return undefined;
  const error = status.errors?.[0];
  const reason = error
    ? [error.code, error.title ?? error.message].filter((part) => part !== undefined).join(' ')
    : undefined;
  return {
    platformMessageId: status.id,
    status: known,
    at: new Date(status.timestamp * 1000),
    ...(known === 'failed' && reason ? { error: reason } : {}),
  };
}
