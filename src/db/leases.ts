import { randomUUID } from 'node:crypto';
import { isDuplicateKey } from './errors';
import { deleteGrouped } from './group-commit';
import { holderEnded, thisProcess, type LeaseHolder, type RecordedHolder } from './lease-holder';
import type { Models } from './models';

/*
 * Leases are claims in force only: every holder removes its lease when done, so the collection stays
 * as small as the work in hand. That is why removing or renewing one may name its token beside its
 * key (which FerretDB answers by reading the collection, not its index): the token is what keeps a
 * holder whose lease expired from removing its successor's.
 *
 * A lease names the process holding it. One whose holder is known to have ended (killed on this
 * machine: src/db/lease-holder.ts) is free at once, so that the instance started in its place goes on
 * with the chats and the sending it left, rather than wait for the lease to run out; one held on
 * another machine, or kept past its holder's end on purpose (`releaseLeaseAt`), runs its time.
 */

/**
 * Takes the lease `key` for `ttlMs`, or returns undefined when someone else holds it. A lease left by
 * a holder that died is taken over once it has expired, or at once when that holder ran on this machine.
 */
export async function acquireLease(
  models: Models,
  key: string,
  now: Date,
  ttlMs: number,
): Promise<string | undefined> {
  const token = randomUUID();
  const lease = { _id: key, token, until: new Date(now.getTime() + ttlMs), ...heldBy(thisProcess) };
  try {
    await models.leases.create(lease);
    return token;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const held = await models.leases.findById(key).lean();
  if (held && inForce(held, now)) return undefined;
  // Expired, or left by a holder that died: remove exactly that lease, then compete for a new one
  // like everybody else.
  if (held) await models.leases.deleteOne({ _id: key, token: held.token });
  try {
    await models.leases.create(lease);
    return token;
  } catch (error) {
    if (isDuplicateKey(error)) return undefined;
    throw error;
  }
}

export async function releaseLease(models: Models, key: string, token: string): Promise<void> {
  await deleteGrouped(models.leases, { _id: key, token });
}

/**
 * Lets the lease go at `until` rather than now, whether or not its holder still runs then: what a
 * holder about to stop hands over (a sender's last second of sending, which the next must wait out).
 */
export async function releaseLeaseAt(models: Models, key: string, token: string, until: Date): Promise<void> {
  await models.leases.updateOne({ _id: key, token }, { $set: { until }, $unset: { holder: 1 } });
}

/**
 * Whether someone holds the lease `key` now (a lease past its time, or whose holder died, is free for
 * the taking).
 */
export async function leaseTaken(models: Models, key: string, now: Date): Promise<boolean> {
  const held = await models.leases.findById(key, { until: 1, holder: 1 }).lean();
  return held !== null && inForce(held, now);
}

function inForce(lease: { until: Date; holder?: RecordedHolder | null }, now: Date): boolean {
  return lease.until > now && !holderEnded(lease.holder);
}

const heldBy = (holder: LeaseHolder | undefined) => (holder ? { holder } : {});

/** A lease someone took: its key and the token that proves it is theirs. */
export interface HeldLease {
  key: string;
  token: string;
}

/** Releases several leases with one delete (a token belongs to one lease only). */
export async function releaseLeases(models: Models, leases: readonly HeldLease[]): Promise<void> {
  if (leases.length === 0) return;
  await models.leases.deleteMany({
    _id: { $in: leases.map((lease) => lease.key) },
    token: { $in: leases.map((lease) => lease.token) },
  });
}

export async function holdsLease(models: Models, key: string, token: string): Promise<boolean> {
  const held = await models.leases.findById(key, { token: 1 }).lean();
  return held?.token === token;
}

/**
 * Extends a lease its holder still has, for holders that keep it as long as they run (the WhatsApp
 * Web session). False when the lease is gone (it expired and another took it): the holder must stop.
 * Others touch a lease only to remove it once expired; renewing well before then (a third of the
 * lease, say) keeps the update clear of them without relying on isolation.
 */
export async function renewLease(
  models: Models,
  key: string,
  token: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const result = await models.leases.updateOne(
    { _id: key, token },
    { $set: { until: new Date(now.getTime() + ttlMs) } },
  );
  return result.matchedCount === 1;
}

/**
 * Runs `work` holding the lease `key`, waiting up to `patienceMs` (of real time) while someone else
 * holds it; undefined when it stayed taken. For a document several writers change at once: FerretDB
 * applies an update by reading the document and writing it back, so two at once would lose one.
 */
export async function underLease<T>(
  models: Models,
  key: string,
  now: Date,
  timing: { ttlMs: number; patienceMs: number },
  work: () => Promise<T>,
): Promise<T | undefined> {
  const started = Date.now();
  return inTurn(models, key, timing.patienceMs, async () => {
    const patienceMs = timing.patienceMs - (Date.now() - started);
    // `now` moves on with the time spent waiting, so a lease taken late still lasts its full time.
    const later = () => new Date(now.getTime() + Date.now() - started);
    return holding(models, key, later, { ttlMs: timing.ttlMs, patienceMs }, work);
  });
}

/**
 * A write that must be made holding the lease `key` (`underLease`): when the lease stays taken it
 * throws, so that what asked for the write (a message, a request) fails and is tried again.
 */
export async function writeUnderLease(
  models: Models,
  key: string,
  now: Date,
  timing: { ttlMs: number; patienceMs: number },
  write: () => Promise<unknown>,
): Promise<void> {
  const written = await underLease(models, key, now, timing, async () => {
    await write();
    return true;
  });
  if (!written) throw new Error(`${key} stayed busy; try again`);
}

/** Who waits for a lease in this process: each waits for the one before it, not for the database. */
const queues = new WeakMap<Models, Map<string, Promise<void>>>();

/**
 * Runs `work` after the callers before it in this process that asked for the same lease, or returns
 * undefined when they take longer than `patienceMs`. Waiters that poll the database find a released
 * lease only at their next look, and all at once; in turn, each starts as soon as the one before it
 * is done, and only one of them asks the database.
 */
async function inTurn<T>(
  models: Models,
  key: string,
  patienceMs: number,
  work: () => Promise<T | undefined>,
): Promise<T | undefined> {
  let waiting = queues.get(models);
  if (!waiting) {
    waiting = new Map();
    queues.set(models, waiting);
  }
  const before = waiting.get(key) ?? Promise.resolve();
  let done = () => {};
  const mine = new Promise<void>((resolve) => (done = resolve));
  const last = before.then(() => mine);
  waiting.set(key, last);
  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = await Promise.race([
      before.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), patienceMs))),
    ]);
    return ready ? await work() : undefined;
  } finally {
    clearTimeout(timer);
    done();
    if (waiting.get(key) === last) waiting.delete(key);
  }
}

async function holding<T>(
  models: Models,
  key: string,
  now: () => Date,
  timing: { ttlMs: number; patienceMs: number },
  work: () => Promise<T>,
): Promise<T | undefined> {
  const started = Date.now();
  let token = await acquireLease(models, key, now(), timing.ttlMs);
  for (let pause = 20; !token; pause = Math.min(pause * 2, 500)) {
    if (Date.now() - started > timing.patienceMs) return undefined;
    await new Promise((resolve) => setTimeout(resolve, pause));
    token = await acquireLease(models, key, now(), timing.ttlMs);
  }
  try {
    return await work();
  } finally {
    await releaseLease(models, key, token);
  }
}
