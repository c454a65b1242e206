import type { Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase, databaseReachable } from '../../src/db/connect';
import { resolveDatabaseServer, type EmbeddedChoice } from '../../src/db/embedded';
import { createHttpApp } from '../../src/http';

const embedded = (process.env.EMBEDDED_DB ?? 'auto') as EmbeddedChoice;
const report = () => {};

describe('the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pendamping-embedded-'));

  it('keeps data across a stop and a start on the same data directory', async () => {
    const first = await resolveDatabaseServer({ embedded, dataDir, report });
    const writer = await connectDatabase(first.uri, 'pendamping');
    await writer.collection('participants').insertOne({ phone: '+6281234567890', name: 'Siti' });
    await writer.close();
    await first.stop();

    const second = await resolveDatabaseServer({ embedded, dataDir, report });
    try {
      const reader = await connectDatabase(second.uri, 'pendamping');
      expect(await reader.collection('participants').findOne({ phone: '+6281234567890' })).toMatchObject({
        name: 'Siti',
      });
      await reader.close();
    } finally {
      await second.stop();
    }
  });

  it('is shared with a second process of the project instead of started twice', async () => {
    const owner = await resolveDatabaseServer({ embedded, dataDir, report });
    try {
      const guest = await resolveDatabaseServer({ embedded, dataDir, report });
      expect(guest.uri).toBe(owner.uri);
      expect(guest.description).toContain(`shared with process ${process.pid}`);
      await guest.stop();
      const connection = await connectDatabase(owner.uri, 'pendamping');
      expect(await databaseReachable(connection)).toBe(true);
      await connection.close();
    } finally {
      await owner.stop();
    }
  });

  it('makes /readyz answer 503 while the database is down', async () => {
    const server = await resolveDatabaseServer({ embedded, dataDir, report });
    const connection = await connectDatabase(server.uri, 'pendamping');
    const app = createHttpApp({ databaseReady: () => databaseReachable(connection) });
    const http: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const address = http.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/readyz`;
    try {
      expect((await fetch(url)).status).toBe(200);
      await server.stop();
      const down = await fetch(url);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'not_ready', database: 'down' });
    } finally {
      http.close();
      await connection.close(true);
      await server.stop();
    }
  });
});
