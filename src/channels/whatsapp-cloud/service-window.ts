import { UnsendableMessage } from './graph-errors';
import type { ApprovedTemplate } from './render';

/**
 * WhatsApp lets a business write freely only within 24 hours of the person's last message (the
 * customer-service window); after that, only an approved template may open the conversation again.
 */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The approved templates the service may use outside the window, as configured. */
export interface TemplateSettings {
  /** Reminders, nudges, session notices: a body with one variable, which gets the message's text. */
  reminder?: string | undefined;
  /** Digests: a body without variables saying the digest is ready (RINGKASAN brings it). */
  digest?: string | undefined;
  language: string;
}

/** Digests are queued under these keys (src/domain/digests/deliver.ts); everything else reads as a reminder. */
const DIGEST_KEYS = /^(digest|program-digest):/;

/** Whether the person's last message is recent enough for a free-form message. */
export function insideServiceWindow(lastInboundAt: Date | undefined, now: Date): boolean {
  return lastInboundAt !== undefined && now.getTime() - lastInboundAt.getTime() < SERVICE_WINDOW_MS;
}

/**
 * The template for an outbox entry outside the window, chosen by what the entry is (its dedupe key).
 * Throws `UnsendableMessage`, which marks the entry failed with the reason, when none is configured:
 * such a message is never dropped silently.
 */
export function templateFor(dedupeKey: string, templates: TemplateSettings): ApprovedTemplate {
  const digest = DIGEST_KEYS.test(dedupeKey);
  const name = digest ? templates.digest : templates.reminder;
  if (!name) {
    const variable = digest ? 'WHATSAPP_CLOUD_DIGEST_TEMPLATE' : 'WHATSAPP_CLOUD_REMINDER_TEMPLATE';
    throw new UnsendableMessage(
      `outside the 24-hour window (no message from this person in the last 24 hours) and no template configured (${variable})`,
    );
  }
  return { name, language: templates.language, carriesText: !digest };
}
