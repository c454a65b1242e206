import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { connectDatabase } from '../../src/db/connect';
import { defaultFerretdbBinary, type DatabaseServer } from '../../src/db/embedded';
import { startFerretdb } from '../../src/db/embedded/ferretdb';
import { isExecutable } from '../../src/db/embedded/find-binary';
import { freeLoopbackPort } from '../../src/db/embedded/process-server';
import { buildIndexes, createModels } from '../../src/db/models';
import { BotApiStandIn, eventually, messageUpdate } from '../support/bot-api-stand-in';
import { siti } from '../support/participants';
import { finished, startScript, waitForLine } from '../support/spawn';

/**
 * A database that stops answering (here FerretDB frozen with SIGSTOP, as a stalled disk or a paused
 * VM does) while Telegram posts updates to the webhook. The service must answer each post within
 * Telegram's patience, with an error so that Telegram delivers it again, keep running, and never
 * print the bot token or what the person wrote. Needs the FerretDB binary (built by the test
 * database's set-up on this machine), as it freezes a server of its own.
 */
const binary = process.env.FERRETDB_BINARY || defaultFerretdbBinary();
const describeWithFerretdb = isExecutable(binary) ? describe : describe.skip;

const SECRET = 'rahasia-webhook-0123456789';
const TOKEN = `987654:${'Rahasia_Token-'.repeat(3)}`;
const NIK = '3217014501900001';
const PHONE = '081234567890';

describeWithFerretdb('the service while its database is frozen', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pendamping-frozen-'));
  let server: DatabaseServer | undefined;

  beforeAll(async () => {
    server = await startFerretdb(dataDir, binary, () => {});
  }, 60_000);

  afterAll(async () => {
    if (server?.pid) process.kill(server.pid, 'SIGCONT');
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers Telegram at once with an error, keeps running, takes the updates again after, and leaks nothing', async () => {
    if (!server?.pid) throw new Error('FerretDB did not start');
    const uri = `${server.uri.replace(/\/?$/, '/')}frozen`;
    const connection = await connectDatabase(uri);
    const models = createModels(connection);
    await buildIndexes(models);
    await models.participants.create(
      siti('+6281234567890', { consentedOn: 'telegram', telegramUserId: 1001 }),
    );
    await connection.close();

    const standIn = await BotApiStandIn.start(TOKEN);
    const port = await freeLoopbackPort();
    const service = startScript('src/main.ts', [], {
      MONGODB_URI: uri,
      PORT: String(port),
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: standIn.apiRoot,
      TELEGRAM_WEBHOOK_URL: 'https://pendamping.example.id/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      SCHEDULER_ENABLED: 'false',
      LOG_LEVEL: 'debug',
    });
    const done = finished(service);
    let exited = false;
    service.on('exit', () => {
      exited = true;
    });
    const post = (update: Update) =>
      fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      });
    const simulate = () =>
      fetch(`http://127.0.0.1:${port}/api/simulator/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: '+6281234567890', text: 'halo', id: 'frozen-1' }),
      });
    const updates = [1, 2, 3].map((index) => ({
      update_id: 900_000 + index,
      ...messageUpdate(1001, { text: index === 1 ? `NIK saya ${NIK}, HP ${PHONE}` : 'halo' }),
    })) as Update[];
    try {
      await waitForLine(service, /Telegram: webhook/);

      process.kill(server.pid, 'SIGSTOP');
      const started = Date.now();
      const [answers, simulated] = await Promise.all([
        Promise.all(updates.map(post)),
        // A request the driver would keep for its socket's 30 s: told to try again at the deadline.
        simulate().then(async (answer) => ({
          answer,
          waited: Date.now() - started,
          body: await answer.json(),
        })),
      ]);
      const waited = Date.now() - started;
      // Telegram gives up on a webhook after about a minute; an error within seconds makes it retry.
      expect(answers.map((answer) => answer.status)).toEqual([500, 500, 500]);
      expect(waited).toBeLessThan(12_000);
      expect({ status: simulated.answer.status, body: simulated.body }).toEqual({
        status: 503,
        body: { error: 'busy', message: expect.stringContaining('coba lagi') },
      });
      expect(simulated.answer.headers.get('retry-after')).toBe('10');
      expect(simulated.waited).toBeLessThan(12_000);
      // The work those posts began fails later, as the driver gives the frozen server up.
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      expect(exited).toBe(false);

      process.kill(server.pid, 'SIGCONT');
      // Telegram delivers the updates again; now they are stored and answered.
      const again = await eventually(
        async () => {
          const statuses = await Promise.all(updates.map(async (update) => (await post(update)).status));
          return statuses.every((status) => status === 200) && statuses;
        },
        { what: 'the updates accepted again', timeoutMs: 30_000, intervalMs: 1000 },
      );
      expect(again).toEqual([200, 200, 200]);
      // The same message again, as the page would send it: answered, and its replies queued once.
      const replies = await eventually(
        async () => {
          const answer = await simulate();
          const { replies: got } = (await answer.json()) as { replies: unknown[] };
          return answer.ok && got.length > 0 && got;
        },
        { what: 'the simulator message answered', timeoutMs: 30_000, intervalMs: 1000 },
      );
      const frozenConnection = await connectDatabase(uri);
      const stored = await createModels(frozenConnection)
        .outbox.find({ _id: { $regex: '^reply:simulator:frozen-1:' } }, { _id: 1 })
        .lean();
      await frozenConnection.close();
      expect(stored).toHaveLength(replies.length);
      await eventually(() => standIn.sentTo(1001).length >= 3 && true, {
        what: 'answers to the three messages',
        timeoutMs: 30_000,
      });
      expect(exited).toBe(false);
    } finally {
      process.kill(server.pid, 'SIGCONT');
      service.kill('SIGTERM');
      const result = await done;
      await standIn.close();
      const output = result.stdout + result.stderr;
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain(TOKEN.split(':')[1]);
      expect(output).not.toContain(NIK);
      expect(output).not.toContain(PHONE);
    }
  }, 120_000);
});
