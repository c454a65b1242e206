import { WRITES } from '../../src/db/injected-faults';
import type { Models } from '../../src/db/models';

export class InjectedFault extends Error {
  constructor(readonly write: string) {
    super(`injected fault before write ${write}`);
  }
}

/**
 * Makes the real database refuse one chosen write, counted from `failAt`: the write is not done and
 * the caller gets an error, as when the process dies or the database goes away just before it. Every
 * model's collection is covered (on top of the retry of transient refusals, which does not retry this).
 */
export function faultInjector(models: Models) {
  const state = { count: 0, failAt: 0, fired: undefined as string | undefined };
  for (const model of Object.values(models)) {
    const collection = model.collection as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of WRITES) {
      const write = collection[name];
      if (typeof write !== 'function') continue;
      collection[name] = function (this: unknown, ...args: unknown[]) {
        if (state.failAt > 0 && ++state.count === state.failAt) {
          state.fired = `${name} on ${model.collection.collectionName}`;
          throw new InjectedFault(state.fired);
        }
        return write.apply(this, args);
      };
    }
  }
  return {
    /** Refuses the `n`th write from now (1 is the next one). */
    failAt(n: number) {
      Object.assign(state, { count: 0, failAt: n, fired: undefined });
    },
    /** Which write was refused, if the count reached it. */
    fired: () => state.fired,
    stop() {
      state.failAt = 0;
    },
  };
}
