import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../src/db/connect';
import { defaultFerretdbBinary, type DatabaseServer } from '../../src/db/embedded';
import { startFerretdb } from '../../src/db/embedded/ferretdb';
import { findOnPath, isExecutable } from '../../src/db/embedded/find-binary';
import { isTransient } from '../../src/db/errors';
import { buildIndexes, createModels, type Models } from '../../src/db/models';

/**
 * A real "database is locked": another process holds SQLite's write lock under a FerretDB of this
 * file's own, longer than FerretDB's busy timeout (10 s), so that its write is refused. Needs the
 * FerretDB binary (built by an earlier run) and the `sqlite3` shell; skipped without them.
 */
const binary = process.env.FERRETDB_BINARY || defaultFerretdbBinary();
const sqlite3 = findOnPath('sqlite3');
const describeWithFerretdb = sqlite3 && isExecutable(binary) ? describe : describe.skip;

/** Takes the write lock of the SQLite file from another process, until `release`. */
async function holdWriteLock(shellPath: string, file: string): Promise<{ release: () => Promise<void> }> {
  const shell = spawn(shellPath, [file]);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    shell.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('held')) resolve();
    });
    shell.stderr.on('data', (chunk: Buffer) => reject(new Error(chunk.toString())));
    shell.stdin.write("BEGIN IMMEDIATE;\nSELECT 'held';\n");
  });
  return {
    release: () =>
      new Promise<void>((resolve) => {
        shell.on('exit', () => resolve());
        shell.stdin.end('COMMIT;\n');
      }),
  };
}

describeWithFerretdb('a write refused because another writer holds the SQLite database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pendamping-locked-'));
  const name = 'locked';
  let server: DatabaseServer | undefined;
  let connection: Connection | undefined;
  let models: Models | undefined;

  beforeAll(async () => {
    server = await startFerretdb(dataDir, binary, () => {});
    connection = await connectDatabase(server.uri, name);
    models = createModels(connection);
    await buildIndexes(models);
  }, 60_000);

  afterAll(async () => {
    await connection?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is retried by the data layer and lands once the lock is released', async () => {
    if (!connection || !models || !sqlite3) throw new Error('FerretDB did not start');
    await models.leases.create({ _id: 'chat:locked', token: 'a', until: new Date() });
    const lock = await holdWriteLock(sqlite3, join(dataDir, 'ferretdb', `${name}.sqlite`));
    const refusals: unknown[] = [];
    let released: Promise<void> | undefined;
    connection.on('operation-end', ({ error }: { error?: unknown }) => {
      if (error === undefined) return;
      refusals.push(error);
      released ??= lock.release();
    });

    const { modifiedCount } = await models.leases.updateOne({ _id: 'chat:locked' }, { $set: { token: 'b' } });
    await released;

    expect(refusals).toHaveLength(1);
    expect(String(refusals[0])).toContain('database is locked');
    expect(isTransient(refusals[0])).toBe(true);
    expect(modifiedCount).toBe(1);
    expect((await models.leases.findById('chat:locked').lean())?.token).toBe('b');
  }, 60_000);
});
