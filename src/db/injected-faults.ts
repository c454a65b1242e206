import type { Models } from './models';

/** Every collection method that writes: a fault before one of them is a crash between two writes. */
export const WRITES = [
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'bulkWrite',
] as const;

/**
 * For testing only (`npm run bench:faults` sets it; never set it in production): with
 * `PENDAMPING_TEST_WRITE_FAULTS=N`, about one write in N is refused as SQLite refuses one whose
 * retries ran out, before it reaches the database, so the process goes on as after a crash between two
 * writes. Faults are at least N/2 writes apart, so a message handled again is not refused again at once.
 */
export function injectWriteFaults(models: Models, setting: string | undefined): void {
  const every = Number(setting);
  if (!setting || !Number.isInteger(every) || every < 2) return;
  const gap = () => Math.floor(every / 2 + Math.random() * every);
  let left = gap();
  for (const model of Object.values(models)) {
    const collection = model.collection as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of WRITES) {
      const write = collection[name];
      if (typeof write !== 'function') continue;
      collection[name] = function (this: unknown, ...args: unknown[]) {
        if (--left > 0) return write.apply(this, args);
        left = gap();
        return Promise.reject(new Error('database is locked (SQLITE_BUSY): injected test fault'));
      };
    }
  }
}
