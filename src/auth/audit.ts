import type { Types } from 'mongoose';
import { appendToAuditDay } from '../db/audit-days';
import { isDuplicateKey } from '../db/errors';
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
  /** The line's own `_id`, for a job that may write it again when resumed: then it is kept once. */
  key?: Types.ObjectId | undefined;
}

/**
 * Writes one line of the audit log, and adds it to its day for the audit page. Awaited by every change
 * and every bulk read of personal data: a request whose audit line cannot be written fails rather
 * than going unrecorded. Dashboard, API and command-line actions only (and staff's chat commands on a
 * request for a person), never a participant's message.
 */
export async function recordAudit(models: Models, entry: AuditEntry, at: Date): Promise<void> {
  const line = {
    at,
    actor: entry.actor,
    action: entry.action,
    ...(entry.target ? { target: entry.target } : {}),
    ...(entry.from ? { from: entry.from } : {}),
    ...(entry.details ? { details: entry.details } : {}),
  };
  let created;
  try {
    created = await models.auditEvents.create({ ...(entry.key ? { _id: entry.key } : {}), ...line });
  } catch (error) {
    // Written before, by the run this one resumes: its day has it too.
    if (entry.key && isDuplicateKey(error)) return;
    throw error;
  }
  // One more write, for the audit page: the entry in its day's document (src/db/audit-days.ts).
  await appendToAuditDay(models, { event: created._id, ...line });
}
