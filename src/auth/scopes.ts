import { Types } from 'mongoose';
import { isAdmin, type Account } from './accounts';
import type { Models } from '../db/models';
import type { BroadcastScope } from '../domain/broadcasts';

/**
 * Which complaints an account may see: a Dinsos admin all, Puskesos staff their own Puskesos's,
 * mentors none (they see their participants, not the Puskesos's desk). `undefined` means none.
 */
export function complaintScopeOf(account: Account): { puskesos?: Types.ObjectId } | undefined {
  if (account.kind !== 'staff') return undefined;
  // As actOnComplaint decides: a Puskesos first, and only an admin without one sees every complaint.
  if (account.puskesos) return { puskesos: new Types.ObjectId(account.puskesos) };
  return isAdmin(account) ? {} : undefined;
}

/** Who may send broadcasts: a Dinsos admin, a Puskesos koordinator, a mentor. */
export function broadcastScopeOf(account: Account): BroadcastScope | undefined {
  if (account.kind === 'mentor') return { kind: 'mentor', mentor: account.id };
  if (isAdmin(account)) return { kind: 'all' };
  if (account.role === 'koordinator' && account.puskesos)
    return { kind: 'puskesos', puskesos: account.puskesos };
  return undefined;
}

/**
 * Which participants an account may see, and how much of them: a mentor their own participants in
 * full, an admin everyone in full, Puskesos staff only those with a complaint at their Puskesos and
 * only what a complaint needs. NIK is never shown unmasked to anyone.
 */
export async function participantScopeOf(
  models: Models,
  account: Account,
): Promise<{ filter: Record<string, unknown>; view: 'full' | 'complaint' } | undefined> {
  if (account.kind === 'mentor') {
    const mentor = new Types.ObjectId(account.id);
    return { filter: { $or: [{ 'mentors.mibi': mentor }, { 'mentors.tksk': mentor }] }, view: 'full' };
  }
  if (isAdmin(account)) return { filter: {}, view: 'full' };
  const complaints = complaintScopeOf(account);
  if (!complaints) return undefined;
  const withComplaints = await models.complaints
    .find({ ...complaints, participant: { $exists: true } }, { participant: 1 })
    .lean();
  const ids = [...new Set(withComplaints.map((complaint) => String(complaint.participant)))];
  return { filter: { _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, view: 'complaint' };
}

/** Which sessions an account sees: a mentor their own, a Dinsos admin all, anyone else none. */
export function sessionScopeOf(account: Account): { mentor?: Types.ObjectId } | undefined {
  if (account.kind === 'mentor') return { mentor: new Types.ObjectId(account.id) };
  return isAdmin(account) ? {} : undefined;
}

/**
 * Which participants' reports an account may read and correct: a mentor's own, all for a Dinsos admin.
 * Puskesos staff none: sales and savings are sensitive data a complaint does not need.
 */
export async function reportScopeOf(
  models: Models,
  account: Account,
): Promise<{ participants: Record<string, unknown> } | undefined> {
  if (account.kind === 'staff' && !isAdmin(account)) return undefined;
  const scope = await participantScopeOf(models, account);
  return scope && { participants: scope.filter };
}
