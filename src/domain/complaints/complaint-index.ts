import type { Types } from 'mongoose';
import { KeyedWriteGroups } from '../../db/group-commit';
import { writeUnderLease } from '../../db/leases';
import type { Models } from '../../db/models';
import type { ComplaintStatus } from './lifecycle';

/**
 * A complaint as its Puskesos's index keeps it (src/db/models/complaint-index.ts): what the lists
 * show and filter on, never its text, photos, a NIK or a phone.
 */
export interface ComplaintIndexEntry {
  /** The complaint's `_id`, to read it whole by key when a list needs more. */
  id: string;
  number: string;
  /** Absent while no Puskesos serves its desa. */
  puskesos?: string | undefined;
  status: ComplaintStatus;
  category: string;
  desa: string;
  createdAt: Date;
  /** Its next deadline while open. */
  dueAt?: Date | undefined;
  /** When staff first replied to the complainant. */
  firstReplyAt?: Date | undefined;
  /** When it was last closed. */
  closedAt?: Date | undefined;
  participant?: string | undefined;
  /** The participant's name as their record shows it (a pseudonym once erased). */
  complainant?: string | undefined;
  assignee?: string | undefined;
  assigneeName?: string | undefined;
  referredTo?: string | undefined;
  updatedAt: Date;
}

/** The part of a stored complaint its entry is made from. */
export interface IndexedComplaint {
  _id: Types.ObjectId | string;
  number: string;
  puskesos?: Types.ObjectId | null | undefined;
  status: ComplaintStatus;
  category: string;
  desa: string;
  createdAt: Date;
  updatedAt?: Date | null | undefined;
  dueAt?: Date | null | undefined;
  participant?: Types.ObjectId | null | undefined;
  assignee?: Types.ObjectId | null | undefined;
  assigneeName?: string | null | undefined;
  referredTo?: string | null | undefined;
  events?: readonly { kind?: string | null; at: Date; to?: string | null }[] | null | undefined;
}

/** What a complaint's entry is made from: enough to make it, and no text, photo or phone. */
export const INDEXED_FIELDS = {
  number: 1,
  puskesos: 1,
  status: 1,
  category: 1,
  desa: 1,
  createdAt: 1,
  updatedAt: 1,
  dueAt: 1,
  participant: 1,
  assignee: 1,
  assigneeName: 1,
  referredTo: 1,
  'events.kind': 1,
  'events.at': 1,
  'events.to': 1,
} as const;

/** The index document of a Puskesos (by id), or of the complaints that have none yet. */
export const complaintIndexKey = (puskesos: Types.ObjectId | string | null | undefined) =>
  `puskesos:${puskesos ? String(puskesos) : 'none'}`;

/** A complaint's entry; pure, so that the incremental writes and the rebuild make the same one. */
export function indexEntryOf(
  complaint: IndexedComplaint,
  complainant: string | undefined,
): ComplaintIndexEntry {
  const events = complaint.events ?? [];
  const optional = {
    puskesos: complaint.puskesos ? String(complaint.puskesos) : undefined,
    dueAt: complaint.dueAt ?? undefined,
    firstReplyAt: events.find((event) => event.kind === 'reply')?.at,
    closedAt: events.findLast((event) => (event.kind ?? 'status') === 'status' && event.to === 'closed')?.at,
    participant: complaint.participant ? String(complaint.participant) : undefined,
    complainant: complaint.participant ? complainant : undefined,
    assignee: complaint.assignee ? String(complaint.assignee) : undefined,
    assigneeName: complaint.assigneeName ?? undefined,
    referredTo: complaint.referredTo ?? undefined,
  };
  return {
    id: String(complaint._id),
    number: complaint.number,
    status: complaint.status,
    category: complaint.category,
    desa: complaint.desa,
    createdAt: complaint.createdAt,
    updatedAt: complaint.updatedAt ?? complaint.createdAt,
    // Absent fields are left out, not stored as null: an entry reads the same however it was written.
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

/**
 * Many complaints of one Puskesos change at once (the morning's work, an SLA run), and FerretDB can
 * lose one of two updates to one document at the same moment: each write holds the index's lease.
 */
const INDEX_LEASE = { ttlMs: 10_000, patienceMs: 10_000 };

/** A change of one entry of one index: written, or taken out (the complaint moved to a Puskesos). */
type IndexWrite = { number: string; entry: ComplaintIndexEntry | undefined; now: Date };

/**
 * An index's changes, one update at a time under its lease: the entries that change while one is
 * written go together in the next (as the week summaries do).
 */
const indexWrites = new KeyedWriteGroups<Models, IndexWrite>((models, key, writes) => {
  const last = new Map(writes.map((write) => [write.number, write.entry]));
  const set = [...last].filter(([, entry]) => entry);
  const unset = [...last].filter(([, entry]) => !entry);
  const update = {
    ...(set.length > 0 ? { $set: Object.fromEntries(set.map(([n, entry]) => [`entries.${n}`, entry])) } : {}),
    ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map(([n]) => [`entries.${n}`, 1])) } : {}),
  };
  return holdingIndex(models, key, writes[0]!.now, () =>
    models.complaintIndexes.updateOne({ _id: key }, update, { upsert: true }),
  );
});

const holdingIndex = (models: Models, key: string, now: Date, write: () => Promise<unknown>) =>
  writeUnderLease(models, `complaint-index:${key}`, now, INDEX_LEASE, write);

/**
 * Writes the complaint's entry again from the stored complaint, read by `_id` with its participant's
 * name, after each change of it (filed, routed, taken, answered, closed, rated, erased). `movedFrom`:
 * the Puskesos it was listed under before being passed on, whose index lets it go.
 */
export async function indexComplaint(
  models: Models,
  complaintId: Types.ObjectId | string,
  now: Date,
  movedFrom?: { puskesos: Types.ObjectId | string | null | undefined },
): Promise<void> {
  const complaint = await models.complaints.findById(complaintId, INDEXED_FIELDS).lean<IndexedComplaint>();
  if (!complaint) return;
  const participant = complaint.participant
    ? await models.participants.findById(complaint.participant, { name: 1 }).lean()
    : undefined;
  const key = complaintIndexKey(complaint.puskesos);
  const entry = indexEntryOf(complaint, participant?.name);
  const previous = movedFrom && complaintIndexKey(movedFrom.puskesos);
  await indexWrites.add(models, key, { number: complaint.number, entry, now });
  if (previous && previous !== key) {
    await indexWrites.add(models, previous, { number: complaint.number, entry: undefined, now });
  }
}

/**
 * The entries of these indexes (a Puskesos's, or every one for the Dinsos): one read by `_id` each.
 * An entry's dates come back as dates.
 */
export async function readComplaintIndexes(
  models: Models,
  puskesos: readonly (string | undefined)[],
): Promise<ComplaintIndexEntry[]> {
  const documents = await Promise.all(
    puskesos.map((id) => models.complaintIndexes.findById(complaintIndexKey(id)).lean()),
  );
  return documents.flatMap((document) =>
    document ? Object.values(document.entries as Record<string, ComplaintIndexEntry>) : [],
  );
}

/** The indexes a scope reads: its Puskesos's, or (the Dinsos) every Puskesos's and the unrouted. */
export async function complaintIndexesInScope(
  models: Models,
  scope: { puskesos?: Types.ObjectId },
): Promise<ComplaintIndexEntry[]> {
  if (scope.puskesos) return readComplaintIndexes(models, [String(scope.puskesos)]);
  // A regency has a few dozen Puskesos: the small collection is read whole.
  const units = await models.puskesos.find({}, { _id: 1 }).lean();
  return readComplaintIndexes(models, [...units.map((unit) => String(unit._id)), undefined]);
}

/**
 * Builds every index again from the complaints (read once) and the participants' names (read once),
 * and removes the indexes nothing is listed in any more: after complaints were written around the
 * service (a seed, old data converted), or to check them. A complaint changed while it runs may be
 * missed; run it again then. Returns how many complaints it listed.
 */
export async function rebuildComplaintIndexes(models: Models): Promise<number> {
  const people = await models.participants.find({}, { name: 1 }).lean();
  const names = new Map(people.map((person) => [String(person._id), person.name]));
  const indexes = new Map<string, Record<string, ComplaintIndexEntry>>();
  let listed = 0;
  const complaints = models.complaints.find({}, INDEXED_FIELDS).lean<IndexedComplaint[]>().cursor();
  for await (const complaint of complaints) {
    const key = complaintIndexKey(complaint.puskesos);
    const entries = indexes.get(key) ?? {};
    entries[complaint.number] = indexEntryOf(complaint, names.get(String(complaint.participant)));
    indexes.set(key, entries);
    listed += 1;
  }
  for (const [key, entries] of indexes) {
    await holdingIndex(models, key, new Date(), () =>
      models.complaintIndexes.replaceOne({ _id: key }, { _id: key, entries }, { upsert: true }),
    );
  }
  const stored = await models.complaintIndexes.find({}, { _id: 1 }).lean();
  const gone = stored.map((index) => index._id).filter((key) => !indexes.has(key));
  if (gone.length > 0) await models.complaintIndexes.deleteMany({ _id: { $in: gone } });
  return listed;
}
