import type { Models } from '../db/models';

export interface AuditEntry {
  /** `staff:<id>`, `mentor:<id>`, `cli`, or the login typed for a failed sign-in. */
  actor: string;
  /** What was done, `complaint.take`, `participants.list`, `sign_in.failed`... */
  action: string;
  target?: string | undefined;
  /** The client's address (behind a proxy, as `TRUST_PROXY` allows it to be read). */
  from?: string | undefined;
  details?: Record<string, unknown> | undefined;
}

/**
 * Writes one line of the audit log. Awaited by every change and every bulk read of personal data: a
 * request whose audit line cannot be written fails rather than going unrecorded.
 */
export async function recordAudit(models: Models, entry: AuditEntry, at: Date): Promise<void> {
  await models.auditEvents.create({
    at,
    actor: entry.actor,
    action: entry.action,
    ...(entry.target ? { target: entry.target } : {}),
    ...(entry.from ? { from: entry.from } : {}),
    ...(entry.details ? { details: entry.details } : {}),
  });
}
