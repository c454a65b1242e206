import { retryTransient } from '../../db/errors';
import type { Models } from '../../db/models';
import { DELIVERY_STATUSES, WHATSAPP_CLOUD, type DeliveryStatusUpdate } from './notifications';

/**
 * Records on the outbox entry how WhatsApp says its message fares. Notifications may come out of
 * order or twice, so a status never goes back (a late `sent` leaves a `read` as it is). A message
 * WhatsApp could not deliver is marked failed with WhatsApp's reason, so staff see it. Returns
 * whether an entry was changed: false for a repeat, or a message this service did not send.
 */
export async function recordDeliveryStatus(models: Models, update: DeliveryStatusUpdate): Promise<boolean> {
  const reached = DELIVERY_STATUSES.slice(DELIVERY_STATUSES.indexOf(update.status));
  const failed = update.status === 'failed';
  const result = await retryTransient(() =>
    models.outbox.updateOne(
      {
        channel: WHATSAPP_CLOUD,
        platformMessageId: update.platformMessageId,
        deliveryStatus: { $nin: reached },
      },
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
    ),
  );
  return result.modifiedCount > 0;
}
