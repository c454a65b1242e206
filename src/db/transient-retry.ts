import type { Collection } from 'mongoose';
import { retryTransient } from './errors';

/**
 * What is retried when FerretDB on SQLite refuses it with "database is locked". Every model's queries,
 * `create` and `save` end in one of these methods of the model's collection, so retrying here covers
 * them all, and nothing above the data layer needs to know that a database may refuse a write.
 *
 * A single-document write is one SQLite transaction (FerretDB 1.24 queries, then writes the one
 * document): refused, it left nothing behind, so running it again is the same as running it once.
 * Reads change nothing; WAL mode is not expected to refuse them, but if it does they may as well be
 * asked again.
 */
const ALWAYS_RETRIED = [
  'insertOne',
  'updateOne',
  'replaceOne',
  'deleteOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'findOne',
  'countDocuments',
  'estimatedDocumentCount',
  'distinct',
  // FerretDB deletes every match in one statement; and were a refusal to leave some deleted, deleting
  // what still matches reaches the same end. Only the count returned is then the retry's.
  'deleteMany',
] as const;

/**
 * Operators whose second application to a document changes nothing more. FerretDB writes an
 * `updateMany` one document at a time, so a refusal can come after some were changed: running it again
 * changes those again, harmless with these (a `$set` of the same value), wrong with `$inc` or `$push`.
 */
const IDEMPOTENT_OPERATORS: ReadonlySet<string> = new Set([
  '$set',
  '$unset',
  '$setOnInsert',
  '$currentDate',
  '$min',
  '$max',
  '$addToSet',
  '$pull',
  '$pullAll',
]);

/** Whether applying `update` twice to a document leaves it as applying it once does. */
export function isIdempotentUpdate(update: unknown): boolean {
  if (typeof update !== 'object' || update === null || Array.isArray(update)) return false;
  return Object.keys(update).every((operator) => IDEMPOTENT_OPERATORS.has(operator));
}

type Method = (...args: unknown[]) => unknown;

const covered = new WeakSet<Collection>();

/**
 * Makes this collection retry a transient refusal of the operations above (and of an `updateMany`
 * whose update is idempotent), a few times with a short, growing pause. Not retried: `insertMany` and
 * `bulkWrite` (several documents, some of which may have been written before the refusal: whoever
 * calls them decides what a rerun means), and cursors (`find`, `aggregate`), whose reads are not
 * refused and whose errors arrive later, while the cursor is read.
 */
export function retryTransientRefusals(collection: Collection): void {
  if (covered.has(collection)) return;
  covered.add(collection);
  const methods = collection as unknown as Record<string, Method>;
  const original = (name: string): Method => {
    const method = methods[name];
    if (typeof method !== 'function') throw new Error(`a collection without ${name}()`);
    return method;
  };

  for (const name of ALWAYS_RETRIED) {
    const operation = original(name);
    methods[name] = (...args) => retryTransient(async () => operation.apply(collection, args));
  }
  const updateMany = original('updateMany');
  methods.updateMany = (...args) =>
    isIdempotentUpdate(args[1])
      ? retryTransient(async () => updateMany.apply(collection, args))
      : updateMany.apply(collection, args);
}
