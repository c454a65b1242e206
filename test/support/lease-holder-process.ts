/**
 * Another instance holding a lease, as a process of its own (`tsx test/support/lease-holder-process.ts
 * <uri> <database> <key> <ttl ms> [hand-over]`): takes the lease, prints `holding <pid>` and runs until
 * killed; with `hand-over`, lets the lease go only once its time is over and exits, as a sender does
 * when it stops.
 */
import { connectDatabase } from '../../src/db/connect';
import { acquireLease, releaseLeaseAt } from '../../src/db/leases';
import { createModels } from '../../src/db/models';

async function holdLease(): Promise<void> {
  const [uri, database, key, ttl, mode] = process.argv.slice(2);
  if (!uri || !database || !key || !ttl)
    throw new Error('usage: <uri> <database> <key> <ttl ms> [hand-over]');
  const connection = await connectDatabase(uri, database);
  const models = createModels(connection);
  const now = new Date();
  const token = await acquireLease(models, key, now, Number(ttl));
  if (!token) throw new Error(`${key} is held by someone else`);
  if (mode === 'hand-over') {
    await releaseLeaseAt(models, key, token, new Date(now.getTime() + Number(ttl)));
    await connection.close();
    console.log(`handed over ${process.pid}`);
    return;
  }
  console.log(`holding ${process.pid}`);
  setInterval(() => undefined, 60_000);
}

holdLease().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
