import { KeyedWriteGroups } from '../../db/group-commit';
import { writeUnderLease } from '../../db/leases';
import type { Models } from '../../db/models';
import type { Cluster, ParticipantStatus, Stage } from '../program';

/*
 * The participant roster: what lists, filters and the overview's counts need of each participant,
 * kept in documents read by `_id` (one a kecamatan, one a mentor; see the model's comment), because
 * FerretDB reads the whole `participants` collection for any other filter. Every write of a
 * participant's listed fields tells the roster (`recordInRoster`); `rebuildParticipantRoster` builds
 * it again from the records in one read (a migration at start-up, `npm run summaries:rebuild`).
 */

/** A participant as lists show and filter them. Never the NIK. */
export interface RosterEntry {
  name: string;
  phone: string;
  kecamatan: string;
  desa: string;
  cluster: Cluster;
  stage: Stage;
  status: ParticipantStatus;
  /** Their MiBi's and TKSK's ids, when they have one. */
  mibi?: string;
  tksk?: string;
}

/** A roster entry with the participant's id, as a list reads it. */
export type ListedParticipant = RosterEntry & { id: string };

/** Where a participant sits in the roster: their kecamatan and mentors. */
export interface RosterPlacement {
  kecamatan: string;
  mentors?: { mibi?: unknown; tksk?: unknown } | null;
}

/** What the roster reads of a participant's record. */
export type RosterSource = RosterPlacement & {
  _id: unknown;
  name: string;
  phone: string;
  desa: string;
  cluster: Cluster;
  stage: Stage;
  status: ParticipantStatus;
};

/** The record's fields an entry is made of, for a projection. */
export const ROSTER_FIELDS = {
  name: 1,
  phone: 1,
  kecamatan: 1,
  desa: 1,
  cluster: 1,
  stage: 1,
  status: 1,
  mentors: 1,
} as const;

/** The document naming every kecamatan that has (or had) a document of its own. */
const DIRECTORY = 'kecamatan';
export const kecamatanRosterKey = (kecamatan: string) => `kecamatan:${kecamatan}`;
export const mentorRosterKey = (mentor: string) => `mentor:${mentor}`;

/** A kecamatan as a field name of the directory: no `.` or `$`, which a path would read as operators. */
const fieldOfKecamatan = (kecamatan: string) => encodeURIComponent(kecamatan).replace(/\./g, '%2E');

const mentorIdsOf = (placement: RosterPlacement) =>
  [placement.mentors?.mibi, placement.mentors?.tksk]
    .filter((id) => id !== undefined && id !== null)
    .map(String);

/** The documents that hold a participant's entry. */
export function rosterKeysOf(placement: RosterPlacement): string[] {
  return [kecamatanRosterKey(placement.kecamatan), ...new Set(mentorIdsOf(placement).map(mentorRosterKey))];
}

export function rosterEntryOf(participant: RosterSource): RosterEntry {
  const mibi = participant.mentors?.mibi;
  const tksk = participant.mentors?.tksk;
  return {
    name: participant.name,
    phone: participant.phone,
    kecamatan: participant.kecamatan,
    desa: participant.desa,
    cluster: participant.cluster,
    stage: participant.stage,
    status: participant.status,
    ...(mibi ? { mibi: String(mibi) } : {}),
    ...(tksk ? { tksk: String(tksk) } : {}),
  };
}

/**
 * An entry as stored: one string, the fields in a JSON array. FerretDB turns every field of a document
 * it reads or updates into a value of its own, so entries as subdocuments cost about seven times what
 * they cost as strings (measured: 1.8 s against 0.27 s to read 5,000 entries).
 */
export function storedEntryOf(entry: RosterEntry): string {
  const { name, phone, kecamatan, desa, cluster, stage, status, mibi, tksk } = entry;
  return JSON.stringify([name, phone, kecamatan, desa, cluster, stage, status, mibi ?? null, tksk ?? null]);
}

export function entryOfStored(stored: string): RosterEntry {
  const [name, phone, kecamatan, desa, cluster, stage, status, mibi, tksk] = JSON.parse(stored) as [
    string,
    string,
    string,
    string,
    Cluster,
    Stage,
    ParticipantStatus,
    string | null,
    string | null,
  ];
  return {
    name,
    phone,
    kecamatan,
    desa,
    cluster,
    stage,
    status,
    ...(mibi ? { mibi } : {}),
    ...(tksk ? { tksk } : {}),
  };
}

/** A participant's record before and after a write (null: none before, or erased from the roster). */
export interface RosterChange {
  id: string;
  before: RosterPlacement | null;
  after: RosterSource | null;
}

/** Changes of one roster document: a field (`entries.<id>`) set to a value, or removed (undefined). */
export type DocumentChanges = Map<string, unknown>;

/**
 * What the changes do to each roster document: the entry set where the participant is now, removed
 * where they no longer are, and their kecamatan named in the directory. Later changes of the same
 * participant win.
 */
export function rosterChangesOf(changes: readonly RosterChange[]): Map<string, DocumentChanges> {
  const documents = new Map<string, DocumentChanges>();
  const change = (key: string, field: string, value: unknown) => {
    const fields = documents.get(key) ?? new Map<string, unknown>();
    fields.set(field, value);
    documents.set(key, fields);
  };
  for (const { id, before, after } of changes) {
    const now = after ? rosterKeysOf(after) : [];
    for (const key of before ? rosterKeysOf(before) : [])
      if (!now.includes(key)) change(key, `entries.${id}`, undefined);
    if (!after) continue;
    const entry = storedEntryOf(rosterEntryOf(after));
    for (const key of now) change(key, `entries.${id}`, entry);
    if (before?.kecamatan !== after.kecamatan)
      change(DIRECTORY, `entries.${fieldOfKecamatan(after.kecamatan)}`, true);
  }
  return documents;
}

/** The `$set` and `$unset` of a document's changes (a field is in one of them, never both). */
function updateOf(fields: DocumentChanges): Record<string, Record<string, unknown>> {
  const set = [...fields].filter(([, value]) => value !== undefined);
  const unset = [...fields].filter(([, value]) => value === undefined);
  return {
    ...(set.length > 0 ? { $set: Object.fromEntries(set) } : {}),
    ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map(([field]) => [field, 1])) } : {}),
  };
}

/**
 * A roster document changes as the week summaries do: FerretDB applies an update by reading the
 * document and writing it back, so two at once would lose one. Each update holds the document's lease;
 * changes that arrive meanwhile (an import, several edits) go together in the next.
 */
const ROSTER_LEASE = { ttlMs: 10_000, patienceMs: 10_000 };

const documentWrites = new KeyedWriteGroups<Models, DocumentChanges>((models, key, writes) =>
  holdingDocument(models, key, () =>
    models.participantRoster.updateOne(
      { _id: key },
      updateOf(new Map(writes.flatMap((fields) => [...fields]))),
      { upsert: true },
    ),
  ),
);

const holdingDocument = (models: Models, key: string, write: () => Promise<unknown>) =>
  writeUnderLease(models, `roster:${key}`, new Date(), ROSTER_LEASE, write);

/** Writes what the changes do to the roster: one update a document, whatever the number of changes. */
export async function rosterChanged(models: Models, changes: readonly RosterChange[]): Promise<void> {
  await Promise.all(
    [...rosterChangesOf(changes)].map(([key, fields]) => documentWrites.add(models, key, fields)),
  );
}

/** Records read by key at once (an import's file may hold thousands). */
const READS_AT_ONCE = 32;

/**
 * After a write of these participants' records: each record read again by `_id` and its entry put
 * where it now belongs, and taken from where it was (`before`, the placement read before the write).
 */
export async function recordInRoster(
  models: Models,
  written: readonly { id: unknown; before: RosterPlacement | null }[],
): Promise<void> {
  const after: (RosterSource | null)[] = [];
  for (let start = 0; start < written.length; start += READS_AT_ONCE)
    after.push(
      ...(await Promise.all(
        written
          .slice(start, start + READS_AT_ONCE)
          .map(({ id }) => models.participants.findById(id, ROSTER_FIELDS).lean<RosterSource>()),
      )),
    );
  await rosterChanged(
    models,
    written.map(({ id, before }, index) => ({ id: String(id), before, after: after[index] ?? null })),
  );
}

const entriesOf = (document: { _id: string; entries?: unknown } | null): ListedParticipant[] =>
  Object.entries((document?.entries ?? {}) as Record<string, string>).map(([id, stored]) => ({
    id,
    ...entryOfStored(stored),
  }));

/** A mentor's participants (as their MiBi or their TKSK): one read by `_id`. */
export async function readMentorRoster(models: Models, mentor: string): Promise<ListedParticipant[]> {
  return entriesOf(await models.participantRoster.findById(mentorRosterKey(mentor)).lean());
}

/** Every participant: the directory, then each kecamatan's document, all by `_id`. */
export async function readWholeRoster(models: Models): Promise<ListedParticipant[]> {
  const directory = await models.participantRoster.findById(DIRECTORY).lean();
  const kecamatan = Object.keys((directory?.entries ?? {}) as object).map(decodeURIComponent);
  const documents = await Promise.all(
    kecamatan.map((name) => models.participantRoster.findById(kecamatanRosterKey(name)).lean()),
  );
  return documents.flatMap(entriesOf);
}

/**
 * Builds the roster again from the participants' records, reading `participants` once, and removes
 * the documents nobody belongs to any more: after records were written around the service (a seed,
 * old data), or to check the roster. A record written while it runs may be missed; run it again then.
 * Returns how many participants it listed.
 */
export async function rebuildParticipantRoster(models: Models): Promise<number> {
  const records = await models.participants.find({}, ROSTER_FIELDS).lean<RosterSource[]>();
  const documents = new Map<string, Record<string, unknown>>();
  const put = (key: string, field: string, value: unknown) => {
    const entries = documents.get(key) ?? {};
    entries[field] = value;
    documents.set(key, entries);
  };
  for (const record of records) {
    const entry = storedEntryOf(rosterEntryOf(record));
    for (const key of rosterKeysOf(record)) put(key, String(record._id), entry);
    put(DIRECTORY, fieldOfKecamatan(record.kecamatan), true);
  }
  for (const [key, entries] of documents) {
    await holdingDocument(models, key, () =>
      models.participantRoster.replaceOne({ _id: key }, { _id: key, entries }, { upsert: true }),
    );
  }
  const stored = await models.participantRoster.find({}, { _id: 1 }).lean();
  const gone = stored.map((document) => document._id).filter((key) => !documents.has(key));
  for (const key of gone)
    await holdingDocument(models, key, () => models.participantRoster.deleteOne({ _id: key }));
  return records.length;
}
