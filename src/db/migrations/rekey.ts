import type { Collection, Document } from 'mongodb';

/**
 * Moves every document of `collection` whose `_id` is not yet its key to a copy under its key: the
 * copy is written first (a copy already there is kept), then the old document is removed, so an
 * interrupted run loses nothing and the next run finishes the rest. Reads the collection once.
 */
export async function rekey(
  collection: Collection,
  keyOf: (document: Document) => string,
  convert: (document: Document) => Promise<Document> | Document = (document) => document,
): Promise<number> {
  let moved = 0;
  for await (const document of collection.find({})) {
    if (typeof document._id === 'string') continue;
    const converted = await convert({ ...document, _id: keyOf(document) });
    try {
      await collection.insertOne(converted);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 11000) throw error;
    }
    await collection.deleteOne({ _id: document._id });
    moved++;
  }
  return moved;
}

/** Removes indexes an earlier layout had and this one does not; absent ones are fine. */
export async function dropIndexes(collection: Collection, names: string[]): Promise<void> {
  for (const name of names) {
    try {
      await collection.dropIndex(name);
    } catch {
      // Never built here, or already dropped.
    }
  }
}
