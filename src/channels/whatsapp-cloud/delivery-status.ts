import type { Models } from '../../db/models';
import { outboxKeyOfPlatformMessage } from '../../db/outbox';
import { DELIVERY_STATUSES, WHATSAPP_CLOUD, type DeliveryStatusUpdate } from './notifications';

/**
 * Records on the outbox entry how WhatsApp says its message fares. The entry is found by `_id`
 * through the message's id, noted when it was marked sent. Notifications may come out of order or
 * twice, so a status never goes back (a late `sent` leaves a `read` as it is). A message WhatsApp
 * could not deliver is marked failed with WhatsApp's reason, so staff see it. Returns whether an entry
 * was changed: false for a repeat, a message this service did not send, or one sent again since
 * (its entry now names another message).
 */
export async function recordDeliveryStatus(models: Models, update: DeliveryStatusUpdate): Promise<boolean> {
  const key = await outboxKeyOfPlatformMessage(models, WHATSAPP_CLOUD, update.platformMessageId);
  if (key === undefined) return false;
  const entry = await models.outbox.findById(key, { platformMessageId: 1, deliveryStatus: 1 }).lean();
  if (!entry || entry.platformMessageId !== update.platformMessageId) return false;
  const reached = DELIVERY_STATUSES.slice(DELIVERY_STATUSES.indexOf(update.status));
  if (entry.deliveryStatus && reached.includes(entry.deliveryStatus)) return false;
  const failed = update.status === 'failed';
  await models.outbox.updateOne(
    { _id: key },
    {
      $set: {
        deliveryStatus: update.status,
        deliveryStatusAt: update.at,
        ...(failed
          ? {
              status: 'failed',
              lastError: `WhatsApp could not deliver it: ${update.error ?? 'no reason given'}`,
            }
          : {}),
      },
    },
  );
  return true;
}
