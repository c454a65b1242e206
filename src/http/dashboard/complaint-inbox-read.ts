import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { literalPattern } from '../../db/regex';
import { complaintIndexesInScope, type ComplaintIndexEntry } from '../../domain/complaints/complaint-index';
import { inboxSelects, searchesWords, type InboxQuery } from './complaint-inbox-query';

/**
 * The numbers of the scope's complaints whose text holds the words searched for: the one choice the
 * index cannot answer (it keeps no text), so a search by words reads `complaints` once, and only then.
 */
async function complaintsWithWords(
  models: Models,
  scope: { puskesos?: Types.ObjectId },
  query: InboxQuery,
): Promise<Set<string>> {
  if (!query.cari || !searchesWords(query)) return new Set();
  const found = await models.complaints
    .find({ ...scope, text: { $regex: literalPattern(query.cari), $options: 'i' } }, { number: 1 })
    .lean();
  return new Set(found.map((complaint) => complaint.number));
}

/**
 * The scope's complaints among the inbox's choices, newest first by number: the scope's indexes read
 * by `_id` (a Puskesos's one, or the Dinsos's few dozen) and chosen in memory.
 */
export async function selectComplaints(
  models: Models,
  scope: { puskesos?: Types.ObjectId },
  query: InboxQuery,
  context: { now: Date; timeZone: string },
): Promise<ComplaintIndexEntry[]> {
  const [entries, withWords] = await Promise.all([
    complaintIndexesInScope(models, scope),
    complaintsWithWords(models, scope, query),
  ]);
  // Staff see their own Puskesos whatever the address asks.
  const choices = scope.puskesos ? { ...query, puskesos: undefined } : query;
  const selects = inboxSelects(choices, { ...context, withWords });
  return entries.filter(selects).sort((a, b) => b.number.localeCompare(a.number));
}
