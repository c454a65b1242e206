import { mongo, type Model } from 'mongoose';
import { isTransient } from '../../src/db/errors';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase();

/**
 * What FerretDB 1.24.2 on SQLite answers when another writer held the database too long, word for
 * word as database-locked.test.ts provokes it.
 */
function ferretdbRefusal(): Error {
  return new mongo.MongoServerError({
    ok: 0,
    errmsg:
      '[msg_update.go:133 handler.(*Handler).updateDocument] [update.go:114 common.UpdateDocument] ' +
      '[collection.go:191 sqlite.(*collection).UpdateAll] [db.go:134 fsql.(*DB).InTransaction] ' +
      'database is locked (5) (SQLITE_BUSY)',
    code: 1,
    codeName: 'InternalError',
  });
}

type DriverMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * Makes the driver's collection under `model` refuse its next `times` calls of `method` as FerretDB
 * does, then pass them on; counts every call that reaches the driver.
 */
function refuse(model: Model<never>, method: string, times: number): { calls: () => number } {
  const driver = (model.collection as unknown as { collection: Record<string, DriverMethod> }).collection;
  const real = driver[method];
  if (!real) throw new Error(`the driver's collection has no ${method}()`);
  let calls = 0;
  driver[method] = async (...args: unknown[]) => {
    calls++;
    if (calls <= times) throw ferretdbRefusal();
    return real.apply(driver, args);
  };
  afterEachRestores.push(() => {
    driver[method] = real;
  });
  return { calls: () => calls };
}

const afterEachRestores: (() => void)[] = [];
afterEach(() => {
  for (const restore of afterEachRestores.splice(0)) restore();
});

const asModel = (model: unknown) => model as Model<never>;

describe('a transient refusal of the database, retried in the data layer', () => {
  it('takes the stand-in for what isTransient recognises', () => {
    expect(isTransient(ferretdbRefusal())).toBe(true);
  });

  it('retries a create until the insert lands, once', async () => {
    const inserts = refuse(asModel(db.models.auditEvents), 'insertOne', 2);
    const at = new Date();
    const created = await db.models.auditEvents.create({ at, actor: 'cli', action: 'retry.create' });
    expect(inserts.calls()).toBe(3);
    expect(await db.models.auditEvents.countDocuments({ action: 'retry.create' })).toBe(1);
    expect(await db.models.auditEvents.findById(created._id).lean()).toMatchObject({ actor: 'cli' });
  });

  it('retries a refused single-document update, which is then applied once, even an $inc', async () => {
    const key = 'retry:update';
    await db.models.outbox.create({
      _id: key,
      dedupeKey: key,
      channel: 'simulator',
      chatId: '+6281300000009',
      message: { text: 'Halo' },
      dueAt: new Date(),
    });
    const updates = refuse(asModel(db.models.outbox), 'updateOne', 2);
    const { modifiedCount } = await db.models.outbox.updateOne({ _id: key }, { $inc: { attempts: 1 } });
    expect(modifiedCount).toBe(1);
    expect(updates.calls()).toBe(3);
    expect((await db.models.outbox.findById(key).lean())?.attempts).toBe(1);
  });

  it('retries the writes that save and findOneAndUpdate (an upsert) end in', async () => {
    const mentor = await db.models.mentors.create({ name: 'Ibu Ani', phone: '+6281300000001', type: 'MiBi' });
    refuse(asModel(db.models.mentors), 'updateOne', 1);
    mentor.name = 'Ibu Ani Suryani';
    await mentor.save();
    expect((await db.models.mentors.findById(mentor._id).lean())?.name).toBe('Ibu Ani Suryani');

    const upserts = refuse(asModel(db.models.leases), 'findOneAndUpdate', 1);
    const lease = await db.models.leases.findOneAndUpdate(
      { _id: 'retry:upsert' },
      { $set: { token: 'c', until: new Date(Date.now() + 60_000) } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(lease?.token).toBe('c');
    expect(upserts.calls()).toBe(2);
  });

  it('retries deleteMany, and updateMany when its update can be applied twice', async () => {
    const login = 'retry-many@example.org';
    const at = new Date();
    await db.models.signInAttempts.create([
      { login, ip: '10.0.0.1', at },
      { login, ip: '10.0.0.2', at },
    ]);
    const updates = refuse(asModel(db.models.signInAttempts), 'updateMany', 1);
    await db.models.signInAttempts.updateMany({ login }, { $set: { succeeded: true } });
    expect(updates.calls()).toBe(2);
    expect(await db.models.signInAttempts.countDocuments({ login, succeeded: true })).toBe(2);

    const deletes = refuse(asModel(db.models.signInAttempts), 'deleteMany', 1);
    await db.models.signInAttempts.deleteMany({ login });
    expect(deletes.calls()).toBe(2);
    expect(await db.models.signInAttempts.countDocuments({ login })).toBe(0);
  });

  it('does not retry an updateMany that could count twice, nor insertMany: the refusal surfaces', async () => {
    const increments = refuse(asModel(db.models.outbox), 'updateMany', 1);
    await expect(
      db.models.outbox.updateMany({ channel: 'simulator' }, { $inc: { attempts: 1 } }),
    ).rejects.toThrow('database is locked');
    expect(increments.calls()).toBe(1);

    const inserts = refuse(asModel(db.models.auditEvents), 'insertMany', 1);
    await expect(
      db.models.auditEvents.insertMany([
        { at: new Date(), actor: 'cli', action: 'retry.many' },
        { at: new Date(), actor: 'cli', action: 'retry.many' },
      ]),
    ).rejects.toThrow('database is locked');
    expect(inserts.calls()).toBe(1);
  });

  it('lets a duplicate key through at once, without a retry', async () => {
    await db.models.leases.create({ _id: 'retry:taken', token: 'a', until: new Date() });
    const inserts = refuse(asModel(db.models.leases), 'insertOne', 0);
    await expect(
      db.models.leases.create({ _id: 'retry:taken', token: 'b', until: new Date() }),
    ).rejects.toMatchObject({ code: 11000 });
    expect(inserts.calls()).toBe(1);
  });

  it('gives up after five refusals and says why', async () => {
    const inserts = refuse(asModel(db.models.auditEvents), 'insertOne', Infinity);
    await expect(
      db.models.auditEvents.create({ at: new Date(), actor: 'cli', action: 'retry.never' }),
    ).rejects.toThrow('database is locked');
    expect(inserts.calls()).toBe(5);
    expect(await db.models.auditEvents.countDocuments({ action: 'retry.never' })).toBe(0);
  });
});
