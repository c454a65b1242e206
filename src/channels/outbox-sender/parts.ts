import type { Models } from '../../db/models';

/**
 * Makes the calls that deliver one outbox entry in several messages (a photo, then its text; a text
 * in parts), skipping those an earlier attempt already had confirmed (`partsSent`): a retry after
 * the second part failed must not send the photo again. Resolves with the last call's result.
 */
export async function sendInParts<Result>(
  models: Models,
  entryId: string,
  calls: readonly (() => Promise<Result>)[],
): Promise<Result | undefined> {
  const done =
    calls.length > 1 ? ((await models.outbox.findById(entryId, { partsSent: 1 }).lean())?.partsSent ?? 0) : 0;
  let result: Result | undefined;
  for (const [index, call] of calls.entries()) {
    if (index < done) continue;
    result = await call();
    if (index < calls.length - 1) {
      await models.outbox.updateOne({ _id: entryId }, { $set: { partsSent: index + 1 } });
    }
  }
  return result;
}
