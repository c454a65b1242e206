import { isIdempotentUpdate } from '../../src/db/transient-retry';

describe('whether an update may be applied twice', () => {
  it('allows updates whose second application changes nothing more', () => {
    expect(isIdempotentUpdate({ $set: { succeeded: true } })).toBe(true);
    expect(isIdempotentUpdate({ $set: { a: 1 }, $unset: { b: 1 }, $setOnInsert: { c: 2 } })).toBe(true);
    expect(isIdempotentUpdate({ $addToSet: { tags: 'x' }, $pull: { tags: 'y' }, $max: { seen: 3 } })).toBe(
      true,
    );
  });

  it('refuses counters, appends and anything it cannot read', () => {
    expect(isIdempotentUpdate({ $inc: { attempts: 1 } })).toBe(false);
    expect(isIdempotentUpdate({ $set: { a: 1 }, $push: { events: {} } })).toBe(false);
    expect(isIdempotentUpdate({ $mul: { price: 2 } })).toBe(false);
    expect(isIdempotentUpdate([{ $set: { a: { $add: ['$a', 1] } } }])).toBe(false);
    expect(isIdempotentUpdate(undefined)).toBe(false);
  });
});
