import type { Model } from 'mongoose';
import { retryTransient } from '../../db/errors';

/** How many documents one delete command removes: bounded, so that no command holds the writer long. */
export const DELETE_BATCH = 500;

/**
 * Deletes documents by `_id`, in batches of one command each whose every statement is a filter
 * exactly `{_id}` (the one FerretDB serves from its index; `{_id: {$in}}` would scan the collection
 * once per batch). Deleting by `_id` again changes nothing, so a refused batch is simply sent again.
 */
export async function deleteByIds(model: Model<never>, ids: readonly unknown[]): Promise<number> {
  let deleted = 0;
  for (let start = 0; start < ids.length; start += DELETE_BATCH) {
    const batch = ids.slice(start, start + DELETE_BATCH);
    const result = await retryTransient(() =>
      model.collection.bulkWrite(batch.map((_id) => ({ deleteOne: { filter: { _id } } })) as never, {
        ordered: false,
      }),
    );
    deleted += result.deletedCount;
  }
  return deleted;
}
