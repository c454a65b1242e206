import mongoose, { type Connection } from 'mongoose';
import type { CommandStartedEvent } from 'mongodb';
import { createModels, buildIndexes, type Models } from '../../src/db/models';
import { isDuplicateKey } from '../../src/db/errors';
import { deleteGrouped, scanGrouped, updateGrouped } from '../../src/db/group-commit';
import { acquireLease, underLease } from '../../src/db/leases';
import { testServerUri } from '../support/database';

/**
 * Writes to one collection that arrive while another is on its way go together in one command
 * (src/db/group-commit.ts). What each caller sees must not change: its own document written, its own
 * duplicate key refused, its own update applied. Counted with the driver's command monitoring.
 */
let connection: Connection;
let models: Models;
const commands: CommandStartedEvent[] = [];

beforeAll(async () => {
  connection = mongoose.createConnection(testServerUri(), {
    dbName: `test_group_${Date.now().toString(36)}`,
    autoIndex: false,
    autoCreate: false,
    monitorCommands: true,
  });
  await connection.asPromise();
  connection.getClient().on('commandStarted', (event) => commands.push(event));
  models = createModels(connection);
  await buildIndexes(models);
});

afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

const sent = (name: string, collection: string) =>
  commands.filter((event) => event.commandName === name && event.command[name] === collection).length;

const lease = (key: string) => ({ _id: key, token: `token-${key}`, until: new Date('2030-01-01') });

test('forty creates at once travel in a few commands, and each caller learns its own fate', async () => {
  await models.leases.create(lease('taken'));
  commands.length = 0;
  const keys = [...Array.from({ length: 39 }, (_, n) => `lease-${n}`), 'taken'];
  const outcomes = await Promise.allSettled(keys.map((key) => models.leases.create(lease(key))));

  const refused = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [keys[index]] : []));
  expect(refused).toEqual(['taken']);
  const refusal = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
  expect(isDuplicateKey(refusal.reason)).toBe(true);
  expect(await models.leases.countDocuments({ _id: { $regex: '^lease-' } })).toBe(39);
  // The first goes alone at once; the others wait for it and go together.
  expect(sent('insert', 'leases')).toBeLessThanOrEqual(3);
});

test('a lease is still taken once when many ask for it at once', async () => {
  const tokens = await Promise.all(
    Array.from({ length: 10 }, () =>
      acquireLease(models, 'contested', new Date('2026-12-07T10:00:00Z'), 60_000),
    ),
  );
  expect(tokens.filter(Boolean)).toHaveLength(1);
  const held = await models.leases.findById('contested').lean();
  expect(held?.token).toBe(tokens.find(Boolean));
});

test('grouped updates and deletes each reach their own document', async () => {
  await models.leases.insertMany(Array.from({ length: 20 }, (_, n) => lease(`grouped-${n}`)));
  commands.length = 0;
  await Promise.all(
    Array.from({ length: 20 }, (_, n) =>
      n % 2 === 0
        ? updateGrouped(models.leases, { _id: `grouped-${n}` }, { $set: { until: new Date('2031-01-01') } })
        : deleteGrouped(models.leases, { _id: `grouped-${n}`, token: `token-grouped-${n}` }),
    ),
  );
  const left = await models.leases.find({ _id: { $regex: '^grouped-' } }).lean();
  expect(left.map((held) => held._id).sort()).toEqual(
    Array.from({ length: 10 }, (_, n) => `grouped-${n * 2}`).sort(),
  );
  expect(left.every((held) => held.until.getTime() === new Date('2031-01-01').getTime())).toBe(true);
  expect(sent('update', 'leases')).toBeLessThanOrEqual(3);
  expect(sent('delete', 'leases')).toBeLessThanOrEqual(3);
});

test('a grouped delete naming a token that is not the holder’s removes nothing', async () => {
  await models.leases.create(lease('kept'));
  await Promise.all([
    deleteGrouped(models.leases, { _id: 'kept', token: 'someone-else' }),
    deleteGrouped(models.leases, { _id: 'absent', token: 'x' }),
  ]);
  expect(await models.leases.findById('kept').lean()).not.toBeNull();
});

test('a grouped update refused by the schema fails for its caller alone', async () => {
  await models.leases.insertMany([lease('valid'), lease('invalid')]);
  const outcomes = await Promise.allSettled([
    updateGrouped(models.leases, { _id: 'valid' }, { $set: { until: new Date('2032-01-01') } }),
    updateGrouped(models.leases, { _id: 'invalid' }, { $set: { until: 'not a date' } }),
    updateGrouped(models.leases, { _id: 'valid' }, { $set: { token: 'renamed' } }),
  ]);
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  const valid = await models.leases.findById('valid').lean();
  expect(valid?.until.toISOString()).toBe('2032-01-01T00:00:00.000Z');
  expect(valid?.token).toBe('renamed');
});

test('callers of one lease in this process take turns without asking the database again and again', async () => {
  commands.length = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 8 }, (_, n) =>
      underLease(models, 'turns', new Date(), { ttlMs: 10_000, patienceMs: 10_000 }, async () => {
        order.push(n);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }),
    ),
  );
  expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  // Each takes the lease once: no insert refused while another held it, no read of who holds it.
  expect(sent('insert', 'leases')).toBeLessThanOrEqual(8);
  expect(sent('find', 'leases')).toBe(0);
});

test('a grouped insert whose command failed half-way still tells each caller the truth', async () => {
  await models.leases.create(lease('already-there'));
  // The connection breaks after the server wrote the first half of the documents: the driver's own
  // collection, under mongoose's, fails that one command as a network error would.
  const driver = (models.leases.collection as unknown as { collection: Record<string, unknown> }).collection;
  const insertMany = driver.insertMany as (documents: unknown[], options: unknown) => Promise<unknown>;
  let broken = 0;
  driver.insertMany = async function (this: unknown, documents: unknown[], options: unknown) {
    if (broken++ > 0) return insertMany.call(this, documents, options);
    await insertMany.call(this, documents.slice(0, Math.floor(documents.length / 2)), options);
    throw new Error('connection closed');
  };
  try {
    await models.leases.create(lease('first-alone'));
    const keys = ['half-0', 'half-1', 'half-2', 'half-3', 'already-there', 'half-5'];
    // Another holder's token: the lease already there is not this caller's own document.
    const pending = keys.map((key) => models.leases.create({ ...lease(key), token: `second-${key}` }));
    const outcomes = await Promise.allSettled(pending);
    expect(broken).toBeGreaterThan(0);
    const refused = outcomes.flatMap((outcome, index) =>
      outcome.status === 'rejected' ? [keys[index]] : [],
    );
    // Those the broken command wrote are the callers' own (the same documents), not duplicates.
    expect(refused).toEqual(['already-there']);
    expect(await models.leases.countDocuments({ _id: { $regex: '^half-' } })).toBe(5);
  } finally {
    driver.insertMany = insertMany;
  }
});

test("twenty chats' queue scans at once take a few reads, each chat given its own waiting messages", async () => {
  const receivedAt = new Date('2026-12-07T10:00:00Z');
  await models.inboundQueue.insertMany(
    Array.from({ length: 20 }, (_, n) => ({
      _id: `scan:${n}`,
      channel: 'simulator',
      chatId: `+62812000${n}`,
      receivedAt,
      order: n,
      payload: { text: `pesan ${n}` },
    })),
  );
  commands.length = 0;
  const scans = await Promise.all(
    Array.from({ length: 20 }, (_, n) =>
      scanGrouped<{ _id: string; chatId: string }>(
        models.inboundQueue,
        { channel: 'simulator', chatId: `+62812000${n}` },
        { payload: 1 },
      ),
    ),
  );
  expect(scans.map((found) => found.map((entry) => entry._id))).toEqual(
    Array.from({ length: 20 }, (_, n) => [`scan:${n}`]),
  );
  // The first reads alone at once; the others wait for it and read together.
  expect(sent('find', 'inbound_queue')).toBeLessThanOrEqual(3);
});
