import { BSON, MongoBulkWriteError, MongoServerError } from 'mongodb';
import type { Collection, Model } from 'mongoose';

/*
 * Group commit. On SQLite every write is a transaction of its own, and one writer goes at a time, so
 * under load the writes of all conversations queue for the same lock and each pays its own commit.
 * Here the writes to one collection that arrive while an earlier one is on its way wait for it, then
 * go together in one command: one round trip, and for inserts one transaction. Nobody waits longer
 * than the write ahead of it, and a write that finds the collection idle goes at once, alone. Each
 * caller still learns the fate of its own write.
 */

type Method = (...args: unknown[]) => Promise<unknown>;

/** One write (or read) waiting for the next command to its collection, and what its caller gets back. */
export interface Waiting<Write, Result = void> {
  write: Write;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * A queue of writes with at most one command on its way: `send` gets everything that arrived
 * meanwhile, and settles each write itself. A read may wait here as well: one that arrives while a
 * command is on its way goes in the next one, so it still sees everything written before it asked.
 */
export class WriteGroup<Write, Result = void> {
  private waiting: Waiting<Write, Result>[] = [];
  private sending = false;

  constructor(private readonly send: (writes: Waiting<Write, Result>[]) => Promise<void>) {}

  add(write: Write): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    while (this.waiting.length > 0) {
      const writes = this.waiting;
      this.waiting = [];
      // `send` settles every write; should it throw nonetheless, nobody is left waiting for ever.
      await this.send(writes).catch((error: unknown) => writes.forEach((one) => one.reject(error)));
    }
    this.sending = false;
  }
}

/**
 * A `WriteGroup` per document (`key`) of each database (`owner`, its models): the writes of one
 * document that arrive while one is on its way go together in the next, each caller learning its fate.
 */
export class KeyedWriteGroups<Owner extends object, Write> {
  private readonly groups = new WeakMap<Owner, Map<string, WriteGroup<Write>>>();

  constructor(private readonly send: (owner: Owner, key: string, writes: Write[]) => Promise<unknown>) {}

  add(owner: Owner, key: string, write: Write): Promise<void> {
    let groups = this.groups.get(owner);
    if (!groups) {
      groups = new Map();
      this.groups.set(owner, groups);
    }
    let group = groups.get(key);
    if (!group) {
      group = new WriteGroup<Write>((writes) =>
        this.send(
          owner,
          key,
          writes.map((one) => one.write),
        ).then(
          () => writes.forEach((one) => one.resolve()),
          (error: unknown) => writes.forEach((one) => one.reject(error)),
        ),
      );
      groups.set(key, group);
    }
    return group.add(write);
  }
}

const grouped = new WeakSet<Collection>();

/**
 * Makes this collection's `insertOne` travel with the others waiting: one `insertMany` (unordered)
 * whose per-document errors go back to each caller, a duplicate key as the same error `insertOne`
 * gives. Install after the transient retry, which then covers a document tried alone.
 */
export function groupInserts(collection: Collection): void {
  if (grouped.has(collection)) return;
  grouped.add(collection);
  const methods = collection as unknown as Record<string, Method>;
  const insertOne = methods.insertOne!.bind(collection);
  const insertMany = methods.insertMany!.bind(collection);
  const findOne = methods.findOne!.bind(collection);

  const inserts = new WriteGroup<Record<string, unknown>>(async (writes) => {
    if (writes.length === 1) {
      const [one] = writes as [Waiting<Record<string, unknown>>];
      await insertOne(one.write).then(() => one.resolve(), one.reject);
      return;
    }
    try {
      await insertMany(
        writes.map((one) => one.write),
        { ordered: false },
      );
      writes.forEach((one) => one.resolve());
    } catch (error) {
      if (error instanceof MongoBulkWriteError && writeErrorsOf(error).length > 0) {
        const refused = new Map(writeErrorsOf(error).map((refusal) => [refusal.index, refusal]));
        writes.forEach((one, index) => {
          const refusal = refused.get(index);
          if (refusal)
            one.reject(new MongoServerError({ message: refusal.errmsg ?? '', code: refusal.code }));
          else one.resolve();
        });
        return;
      }
      // The command failed as a whole (the database refused, the connection broke): which documents
      // it wrote before is unknown. Each is tried again alone; one found there already is this one
      // when it is the very same document (they carry times, tokens and counters of their own).
      for (const one of writes) {
        await insertOne(one.write).then(
          () => one.resolve(),
          async (refusal: unknown) => {
            const mine = await isStored(findOne, one.write).catch(() => false);
            if (mine) one.resolve();
            else one.reject(refusal);
          },
        );
      }
    }
  });

  methods.insertOne = (document, options) =>
    plain(options)
      ? inserts.add(document as Record<string, unknown>).then(() => insertedResult(document))
      : insertOne(document, options);
}

function writeErrorsOf(error: MongoBulkWriteError): { index: number; code: number; errmsg?: string }[] {
  const writeErrors = error.writeErrors as unknown;
  return Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors as never] : [];
}

async function isStored(
  findOne: (...args: unknown[]) => Promise<unknown>,
  document: Record<string, unknown>,
): Promise<boolean> {
  const stored = await findOne({ _id: document._id });
  return (
    stored !== null && Buffer.from(BSON.serialize(stored as BSON.Document)).equals(BSON.serialize(document))
  );
}

function insertedResult(document: unknown) {
  return { acknowledged: true, insertedId: (document as { _id?: unknown })._id };
}

/** Options that change nothing of how a write is done (mongoose passes `{}`). */
function plain(options: unknown): boolean {
  return (
    options === undefined ||
    (typeof options === 'object' &&
      options !== null &&
      Object.values(options).every((value) => value === undefined))
  );
}

type AnyModel = Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface KeyedUpdate {
  filter: Record<string, unknown>;
  update: Record<string, unknown>;
}

const updateGroups = new WeakMap<AnyModel, WriteGroup<KeyedUpdate>>();
const deleteGroups = new WeakMap<AnyModel, WriteGroup<Record<string, unknown>>>();

function groupOf<Write>(
  groups: WeakMap<AnyModel, WriteGroup<Write>>,
  model: AnyModel,
  send: (writes: Waiting<Write>[]) => Promise<void>,
): WriteGroup<Write> {
  let group = groups.get(model);
  if (!group) {
    group = new WriteGroup(send);
    groups.set(model, group);
  }
  return group;
}

/**
 * A group's send: the writes in one command, and each caller answered at once; or, when there is only
 * one or the command failed, each alone through the model's own retrying method, its caller getting
 * its own answer. Only writes that may be applied twice come here, so one the failed command did
 * apply before it failed is no harm.
 */
function togetherOrAlone<Write>(
  together: (writes: Write[]) => Promise<unknown>,
  alone: (write: Write) => Promise<unknown>,
): (writes: Waiting<Write>[]) => Promise<void> {
  return async (writes) => {
    if (writes.length > 1) {
      try {
        await together(writes.map(({ write }) => write));
        writes.forEach((one) => one.resolve());
        return;
      } catch {
        // Each is done again alone below.
      }
    }
    for (const one of writes) await alone(one.write).then(() => one.resolve(), one.reject);
  };
}

/**
 * Updates the document `filter` picks (by `_id`) with an update that may be applied twice (`$set`,
 * `$unset`) and whose result the caller does not need, in one bulk command with the others waiting.
 */
export function updateGrouped(
  model: AnyModel,
  filter: Record<string, unknown>,
  update: Record<string, unknown>,
): Promise<void> {
  const send = togetherOrAlone<KeyedUpdate>(
    (updates) =>
      model.bulkWrite(
        updates.map((one) => ({ updateOne: one })),
        { ordered: false, throwOnValidationError: true },
      ),
    (one) => model.updateOne(one.filter, one.update),
  );
  return groupOf(updateGroups, model, send).add({ filter, update });
}

/**
 * Deletes the document `filter` picks, together with the others waiting: one delete of everything
 * they name. For collections of work in hand (queues, leases), small enough that the server may read
 * them whole to find what an `$or` names.
 */
export function deleteGrouped(model: AnyModel, filter: Record<string, unknown>): Promise<void> {
  const send = togetherOrAlone<Record<string, unknown>>(
    (filters) => model.deleteMany({ $or: filters }),
    (one) => model.deleteOne(one),
  );
  return groupOf(deleteGroups, model, send).add(filter);
}

/** A scan's filter: fields of the queue's documents, each equal to a string. */
export type Equalities = Record<string, string>;

const scanGroups = new WeakMap<AnyModel, Map<string, WriteGroup<Equalities, unknown[]>>>();

/**
 * The documents of a work queue (a collection of unfinished work, small) whose fields equal
 * `filter`, read in one `find` with the scans of other callers waiting: FerretDB reads the whole
 * collection for any filter but `{_id}`, so one read of what they all name costs what one costs. A
 * scan that arrives while one is on its way waits for it and goes in the next, so it sees every
 * write made before it asked.
 */
export function scanGrouped<Entry>(
  model: AnyModel,
  filter: Equalities,
  projection: Record<string, 1>,
): Promise<Entry[]> {
  const fields = { ...projection, ...Object.fromEntries(Object.keys(filter).map((field) => [field, 1])) };
  const shape = JSON.stringify(fields);
  let groups = scanGroups.get(model);
  if (!groups) {
    groups = new Map();
    scanGroups.set(model, groups);
  }
  let group = groups.get(shape);
  if (!group) {
    group = new WriteGroup<Equalities, unknown[]>(async (scans) => {
      const filters = scans.map((scan) => scan.write);
      try {
        const found = (await model
          .find(filters.length === 1 ? filters[0]! : { $or: filters }, fields)
          .lean()) as Record<string, unknown>[];
        for (const scan of scans)
          scan.resolve(
            found.filter((entry) =>
              Object.entries(scan.write).every(([field, value]) => entry[field] === value),
            ),
          );
      } catch (error) {
        scans.forEach((scan) => scan.reject(error));
      }
    });
    groups.set(shape, group);
  }
  return group.add(filter) as Promise<Entry[]>;
}
