import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createWhatsAppWebChannel,
  MongoSessionStore,
  SESSION_BUCKET,
  SESSION_LEASE,
  whatsappWebClientFactory,
  type WhatsAppWebChannel,
} from '../../src/channels/whatsapp-web';
import { createLogger } from '../../src/log';
import { eventually } from '../support/bot-api-stand-in';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { WhatsAppWebStandIn } from '../support/whatsapp-web-stand-in';

const channels: WhatsAppWebChannel[] = [];
// Registered before the database's own clean-up, so the channels free their lease while it is open.
afterAll(async () => {
  for (const channel of channels) await channel.stop();
});

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date();
const directory = mkdtempSync(join(tmpdir(), 'pendamping-wweb-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the WhatsApp Web session', () => {
  it('is owned by one instance at a time; the other stands by and takes over when the owner stops', async () => {
    const phone = new WhatsAppWebStandIn();
    phone.linked = true;
    const instance = () => {
      const channel = createWhatsAppWebChannel({
        models: db.models,
        conversations: testConversationService(db.models, clock, logger),
        logger,
        clock,
        createClient: phone.createClient,
        showQr: () => undefined,
        pacing: { intervalMs: 0, jitterMs: 0 },
        ownership: { leaseMs: 5_000, renewEveryMs: 100 },
      });
      channels.push(channel);
      return channel;
    };
    const [first, second] = [instance(), instance()];
    await Promise.all([first.start(), second.start()]);
    const owner = await eventually(
      () => [first, second].find((channel) => channel.state().phase === 'connected'),
      { what: 'an owner connected' },
    );
    const other = owner === first ? second : first;
    expect(other.state().phase).toBe('standby');
    // A few renewals later, still one client: the other never touched the session.
    const lease = await db.models.leases.findById(SESSION_LEASE).lean();
    await eventually(async () => {
      const renewed = await db.models.leases.findById(SESSION_LEASE).lean();
      return renewed && lease && renewed.until > lease.until;
    });
    expect(phone.clients).toHaveLength(1);
    expect(other.state().phase).toBe('standby');

    await owner.stop();
    expect(phone.clients[0]?.destroyed).toBe(true);
    await eventually(() => other.state().phase === 'connected', { what: 'the other instance connected' });
    expect(phone.clients).toHaveLength(2);
    expect(phone.activeClients()).toEqual([phone.clients[1]]);
  });

  it('is kept in GridFS: saved from RemoteAuth’s zip, restored, the previous copy kept, set aside at logout', async () => {
    const store = new MongoSessionStore(db.connection, directory);
    const session = 'RemoteAuth';
    const zip = join(directory, `${session}.zip`);
    expect(await store.sessionExists({ session })).toBe(false);

    for (const copy of ['satu', 'dua', 'tiga']) {
      writeFileSync(zip, `PK session ${copy}`);
      await store.save({ session });
    }
    expect(await store.sessionExists({ session })).toBe(true);
    const files = db.connection.db?.collection(`${SESSION_BUCKET}.files`);
    expect(await files?.countDocuments({ filename: session })).toBe(2);

    const restored = join(directory, 'restored.zip');
    await store.extract({ session, path: restored });
    expect(readFileSync(restored, 'utf8')).toBe('PK session tiga');

    await store.delete({ session });
    expect(await store.sessionExists({ session })).toBe(false);
    expect(await files?.countDocuments({ filename: /^RemoteAuth\.logged-out\./ })).toBe(2);
  });

  it('builds the real client with RemoteAuth on that store and the system Chromium, without starting it', async () => {
    const store = new MongoSessionStore(db.connection, directory);
    const client = await whatsappWebClientFactory({
      executablePath: '/usr/bin/chromium',
      store,
      dataPath: directory,
      backupIntervalMs: 300_000,
    })();
    const { Client, RemoteAuth } = await import('whatsapp-web.js');
    expect(client).toBeInstanceOf(Client);
    const real = client as InstanceType<typeof Client> & {
      options: { puppeteer: { executablePath: string; args: string[] } };
      authStrategy: unknown;
    };
    expect(real.options.puppeteer).toMatchObject({
      executablePath: '/usr/bin/chromium',
      args: expect.arrayContaining(['--no-sandbox']),
    });
    expect(real.authStrategy).toBeInstanceOf(RemoteAuth);
    // No Chromium was launched: that happens only in initialize().
    expect(real.pupBrowser ?? undefined).toBeUndefined();
  });
});
