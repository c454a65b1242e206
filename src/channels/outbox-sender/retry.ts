import { acquireLease, releaseLease } from '../../db/leases';
import type { Models } from '../../db/models';
import { requeueFailedOutbox } from '../../db/outbox';

/**
 * The dedupe key of the copy the sender queues on the person's other app when an entry fails for
 * good (`markFailed` in sender.ts): `<dedupeKey>><channel>`.
 */
export const fallbackDedupeKey = (dedupeKey: string, channel: string) => `${dedupeKey}>${channel}`;

export type RetryOutcome =
  | { ok: true; channel: string; attempts: number; lastError: string | undefined }
  /** `busy`: someone else is sending it again (or the sender holds it) at this very moment. */
  | { ok: false; reason: 'not_found' | 'not_failed' | 'busy' }
  /** The message already went, or waits to go, on the person's other app: sending it again would repeat it. */
  | { ok: false; reason: 'sent_elsewhere'; channel: string };

/** Long enough for the few reads and the one write below; the lease is released right after. */
const RETRY_LEASE_MS = 30_000;

/**
 * Puts a failed outbox entry back in the queue, due now, for its channel's sender to try afresh, once:
 * a second click, or a concurrent one, changes nothing and is told so. The check and the change are
 * made under the entry's own lease (`outbox:<key>`, the one its sender claims it with): FerretDB does
 * not isolate a conditional update from a concurrent one (both would match `status: 'failed'`), while
 * a lease is an insert under a unique key, which only one can make.
 *
 * Reset: the attempts (a full set of tries again), the wait and the error of the last try, and what
 * the platform said about the earlier send (a WhatsApp Cloud message can fail after it was sent:
 * its old id and `failed` status would otherwise swallow the new message's status updates). Kept:
 * `partsSent`, so the parts of a long message that did arrive are not sent twice, and the fallbacks:
 * should it fail again, the copy for the other app has the same dedupe key and is not queued twice.
 */
export async function retryFailedOutboxEntry(models: Models, id: string, now: Date): Promise<RetryOutcome> {
  const key = `outbox:${id}`;
  const token = await acquireLease(models, key, now, RETRY_LEASE_MS);
  if (!token) {
    return (await models.outbox.findById(id, { _id: 1 }).lean())
      ? { ok: false, reason: 'busy' }
      : { ok: false, reason: 'not_found' };
  }
  try {
    return await retryUnderLease(models, id, now);
  } finally {
    await releaseLease(models, key, token).catch(() => undefined);
  }
}

async function retryUnderLease(models: Models, id: string, now: Date): Promise<RetryOutcome> {
  const entry = await models.outbox
    .findById(id, { dedupeKey: 1, channel: 1, chatId: 1, status: 1, attempts: 1, lastError: 1, fallbacks: 1 })
    .lean();
  if (!entry) return { ok: false, reason: 'not_found' };
  if (entry.status !== 'failed') {
    // Listed by a sender that stopped before it marked the entry (src/db/outbox.ts): not a failure.
    await models.outboxFailures.deleteOne({ _id: id });
    return { ok: false, reason: 'not_failed' };
  }
  const next = entry.fallbacks?.[0];
  if (next) {
    const copy = await models.outbox
      .findById(fallbackDedupeKey(entry.dedupeKey, next.channel), { status: 1 })
      .lean();
    if (copy && (copy.status === 'pending' || copy.status === 'sent')) {
      return { ok: false, reason: 'sent_elsewhere', channel: next.channel };
    }
  }
  await requeueFailedOutbox(models, entry, now);
  return {
    ok: true,
    channel: entry.channel,
    attempts: entry.attempts ?? 0,
    lastError: entry.lastError ?? undefined,
  };
}
