import { isDuplicateKey } from './errors';
import type { Models } from './models';

/**
 * Runs `perform` at most once for `key` (an inbound message's key and the effect's name), and gives
 * its result again to a later call, without running it. The key is claimed before the effect, so a
 * process that stopped during it leaves a claim without a result: then `recover` looks for what the
 * effect left (the complaint opened by that message, say); when it finds nothing, the effect did not
 * happen and runs now. Reads and writes by `_id` only; `recover` runs only after such a stop.
 */
export async function effectOnce<T>(
  models: Models,
  key: string,
  now: Date,
  perform: () => Promise<T>,
  recover: () => Promise<T | undefined>,
): Promise<T> {
  const recorded = await models.messageEffects.findById(key).lean();
  if (recorded?.result !== undefined && recorded.result !== null) return recorded.result as T;
  if (!recorded) {
    try {
      await models.messageEffects.create({ _id: key, startedAt: now });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  const result = (recorded ? await recover() : undefined) ?? (await perform());
  await models.messageEffects.updateOne({ _id: key }, { $set: { result } });
  return result;
}
