import type { ChatTarget } from '../reminders';

/** Why a recipient cannot be written to: no chat app on record, or WhatsApp without a template. */
export type Unreachable = 'no_chat' | 'no_template';

/**
 * Whether a broadcast can reach the person. WhatsApp's Cloud API lets a business write first only
 * with an approved template once 24 hours have passed since the person's last message: without one
 * configured, such a chat cannot be written to, unless the person is also on another app, which
 * the sender then falls back to.
 */
export function unreachableReason(
  target: ChatTarget | undefined,
  cloud: { templateConfigured: boolean; insideWindow: boolean },
): Unreachable | undefined {
  if (!target) return 'no_chat';
  const closed = target.channel === 'whatsapp-cloud' && !cloud.templateConfigured && !cloud.insideWindow;
  return closed && (target.fallbacks ?? []).length === 0 ? 'no_template' : undefined;
}
