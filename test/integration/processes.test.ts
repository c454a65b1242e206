import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase } from '../../src/db/connect';
import { freeLoopbackPort } from '../../src/db/embedded/process-server';
import { buildIndexes, createModels } from '../../src/db/models';
import { testServerUri } from '../support/database';
import { siti } from '../support/participants';
import { BotApiStandIn, eventually, messageUpdate } from '../support/bot-api-stand-in';
import {
  GraphApiStandIn,
  notification,
  postNotification,
  STAND_IN_APP_SECRET,
  STAND_IN_PHONE_NUMBER_ID,
  STAND_IN_TOKEN,
  textFrom,
} from '../support/graph-api-stand-in';
import { finished, runScript, startScript, waitForLine } from '../support/spawn';

const directory = mkdtempSync(join(tmpdir(), 'pendamping-process-'));
const databaseUri = () => `${testServerUri()}proc_${randomBytes(4).toString('hex')}`;

/** A database of its own holding one consenting participant, Siti, reachable on `channel`. */
async function databaseWithSiti(uri: string, channel: string, channels: { telegramUserId?: string } = {}) {
  const connection = await connectDatabase(uri);
  const models = createModels(connection);
  await buildIndexes(models);
  await models.participants.create(siti('+6281234567890', { consentedOn: channel, ...channels }));
  return { connection, models };
}

describe('the service process', () => {
  it('stops at once with exit code 2 and names every bad variable, never a secret', async () => {
    const result = await runScript('src/main.ts', [], {
      PORT: 'abc',
      EMBEDDED_DB: 'sqlite',
      MONGODB_URI: 'postgres://user:hunter2@db/x',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT: expected an integer 1..65535, got "abc"');
    expect(result.stderr).toContain('EMBEDDED_DB:');
    expect(result.stderr).toContain('MONGODB_URI: expected a URI starting with mongodb://');
    expect(result.stderr).not.toContain('hunter2');
  });

  it('says which database it uses and where it listens, answers health checks, and stops cleanly on SIGTERM', async () => {
    const port = await freeLoopbackPort();
    const service = startScript('src/main.ts', [], {
      MONGODB_URI: databaseUri(),
      PORT: String(port),
      DATA_DIR: directory,
    });
    const done = finished(service);
    const listening = await waitForLine(service, /listening on/);
    expect(listening).toContain(`http://127.0.0.1:${port}`);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'up' });

    service.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('database: MONGODB_URI (127.0.0.1:');
    expect(result.stdout).toContain('"msg":"stopped"');
  });
});

describe('npm run import', () => {
  let uri = '';
  const env = () => ({ MONGODB_URI: uri, DATA_DIR: directory });
  beforeAll(() => {
    uri = databaseUri();
  });

  it('exits 0 when every row is stored and 1 when some are refused, with the summary last', async () => {
    const good = join(directory, 'mibi.csv');
    writeFileSync(good, 'nama,no_hp,jenis,kecamatan\nRina,0813-1111-2222,MiBi,Cililin\n');
    const first = await runScript('src/cli/import.ts', ['mentors', good], env());
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n').at(-1)).toMatch(
      /^Ringkasan mentors: 1 baris, 1 baru, 0 diperbarui, 0 tidak berubah, 0 ditolak/,
    );

    const mixed = join(directory, 'campur.csv');
    writeFileSync(
      mixed,
      'nama,no_hp,jenis,kecamatan\nRina,0813-1111-2222,MiBi,Cililin\nAsep,0813-12,TKSK,Cililin\n',
    );
    const second = await runScript('src/cli/import.ts', ['mentors', mixed, '--json'], env());
    expect(second.code).toBe(1);
    const report = JSON.parse(second.stdout) as { unchanged: number; rejected: number; problems: unknown[] };
    expect(report).toMatchObject({
      unchanged: 1,
      rejected: 1,
      problems: [{ row: 3, column: 'no_hp', reason: expect.stringContaining('panjang nomor HP') }],
    });
  });

  it('exits 2 when the file cannot be read or the command is wrong', async () => {
    const missing = await runScript(
      'src/cli/import.ts',
      ['participants', join(directory, 'hilang.xlsx')],
      env(),
    );
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain('file tidak bisa dibaca');
    const wrongKind = await runScript('src/cli/import.ts', ['pelanggan', 'x.csv'], env());
    expect(wrongKind.code).toBe(2);
    expect(wrongKind.stderr).toContain('npm run import -- <participants|mentors|staff|puskesos>');
  });
});

describe('the service with a broken flow', () => {
  it('refuses to start and says which file, step and why', async () => {
    const flowsDir = mkdtempSync(join(tmpdir(), 'pendamping-flows-'));
    writeFileSync(
      join(flowsDir, 'menu.yaml'),
      'id: menu\nversion: 1\ntitle: { id: Menu, en: Menu }\nstart: pick\nsteps: []\n',
    );
    const result = await runScript('src/main.ts', [], {
      MONGODB_URI: databaseUri(),
      FLOWS_DIR: flowsDir,
      PORT: '1',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('menu.yaml: steps:');
  });
});

describe('npm run chat', () => {
  it('chats as a participant from a terminal, through the same path as the apps', async () => {
    const uri = databaseUri();
    const { connection, models } = await databaseWithSiti(uri, 'simulator');
    const result = await runScript(
      'src/cli/chat.ts',
      ['0812-3456-7890'],
      { MONGODB_URI: uri, DATA_DIR: directory },
      'halo\n1\nminggu ini\n150rb\n0\n10rb\ntidak\n1\n',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1. Laporan mingguan');
    expect(result.stdout).toContain('Omzet: Rp150.000');
    expect(result.stdout).toContain('sudah tersimpan');
    expect(await models.weeklyReports.countDocuments({ sales: 150_000 })).toBe(1);
    await connection.close();
  });

  it('refuses a phone number it cannot use, with the reason', async () => {
    const result = await runScript('src/cli/chat.ts', ['12345'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('contoh: 0812-3456-7890');
  });
});

describe('the service with a Telegram bot token', () => {
  it('answers a Telegram participant through the Bot API it is pointed at, and stops cleanly', async () => {
    const standIn = await BotApiStandIn.start(`123456:${'A'.repeat(35)}`);
    const uri = databaseUri();
    const { connection } = await databaseWithSiti(uri, 'telegram', { telegramUserId: '1001' });
    const port = await freeLoopbackPort();
    const service = startScript('src/main.ts', [], {
      MONGODB_URI: uri,
      PORT: String(port),
      DATA_DIR: directory,
      TELEGRAM_BOT_TOKEN: standIn.token,
      TELEGRAM_API_ROOT: standIn.apiRoot,
      // The real clock would make this week's reminder arrive too, on some days only.
      SCHEDULER_ENABLED: 'false',
    });
    const done = finished(service);
    try {
      await waitForLine(service, /Telegram: long polling/);
      standIn.queueUpdate(messageUpdate(1001, { text: 'halo' }));
      const sent = await eventually(() => standIn.sentTo(1001)[0], { what: 'the menu on Telegram' });
      expect(sent.text).toContain('Ada yang bisa kami bantu');
    } finally {
      service.kill('SIGTERM');
      expect((await done).code).toBe(0);
      await standIn.close();
      await connection.close();
    }
  });
});

describe('the service with WhatsApp Cloud API credentials', () => {
  it('mounts the signed webhook, answers a participant through the Graph API, and stops cleanly', async () => {
    const standIn = await GraphApiStandIn.start();
    const uri = databaseUri();
    const { connection } = await databaseWithSiti(uri, 'whatsapp-cloud');
    const port = await freeLoopbackPort();
    const service = startScript('src/main.ts', [], {
      MONGODB_URI: uri,
      PORT: String(port),
      DATA_DIR: directory,
      WHATSAPP_CLOUD_TOKEN: STAND_IN_TOKEN,
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: STAND_IN_PHONE_NUMBER_ID,
      WHATSAPP_CLOUD_APP_SECRET: STAND_IN_APP_SECRET,
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'verifikasi-pendamping-2026',
      WHATSAPP_CLOUD_API_ROOT: standIn.apiRoot,
      SCHEDULER_ENABLED: 'false',
    });
    const done = finished(service);
    try {
      await waitForLine(service, /WhatsApp Cloud API webhook/);
      const webhook = `http://127.0.0.1:${port}/whatsapp-cloud/webhook`;
      const response = await postNotification(
        webhook,
        notification({ messages: [textFrom('6281234567890', 'halo')] }),
      );
      expect(response.status).toBe(200);
      const [sent] = await eventually(
        () => standIn.sentTo('6281234567890').length > 0 && standIn.sentTo('6281234567890'),
        {
          what: 'the menu on WhatsApp',
        },
      );
      expect(sent?.body.interactive?.body.text).toContain('Ada yang bisa kami bantu');
    } finally {
      service.kill('SIGTERM');
      expect((await done).code).toBe(0);
      await standIn.close();
      await connection.close();
    }
  });
});

describe('npm run account, then the API of the running service', () => {
  it('sets a staff password from standard input, after which the service signs them in and the API answers', async () => {
    const uri = databaseUri();
    const connection = await connectDatabase(uri);
    const models = createModels(connection);
    await buildIndexes(models);
    await models.staff.create({ name: 'Dewi (Dinsos)', phone: '+6281300000004', role: 'admin' });

    const weak = await runScript(
      'src/cli/account.ts',
      ['set-password', '0813-0000-0004'],
      { MONGODB_URI: uri, DATA_DIR: directory },
      'pendek\n',
    );
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('kata sandi minimal 10 karakter');
    const set = await runScript(
      'src/cli/account.ts',
      ['set-password', '0813-0000-0004'],
      { MONGODB_URI: uri, DATA_DIR: directory },
      'kata-sandi-dinsos-2026\n',
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Kata sandi Dewi (Dinsos) disimpan');
    const stored = await models.staff.findOne({ phone: '+6281300000004' }).select('+passwordHash').lean();
    expect(stored?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await models.auditEvents.countDocuments({ actor: 'cli', action: 'account.set_password' })).toBe(1);

    const port = await freeLoopbackPort();
    const service = startScript('src/main.ts', [], {
      MONGODB_URI: uri,
      PORT: String(port),
      DATA_DIR: directory,
    });
    const done = finished(service);
    await waitForLine(service, /listening on/);
    const base = `http://127.0.0.1:${port}/api/v1`;
    const signedIn = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: '+62 813 0000 0004', password: 'kata-sandi-dinsos-2026' }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const me = await fetch(`${base}/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({
      account: { kind: 'staff', role: 'admin', name: 'Dewi (Dinsos)' },
    });
    expect((await fetch(`${base}/openapi.json`)).status).toBe(200);

    service.kill('SIGTERM');
    expect((await done).code).toBe(0);
    await connection.close();
  });
});
