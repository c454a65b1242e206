import type { z } from 'zod';
import { issueApiToken } from '../../src/auth';
import type { TelegramChannel } from '../../src/channels/telegram';
import { databaseReachable } from '../../src/db/connect';
import { createHttpApp } from '../../src/http';
import { apiV1Router, type ApiDependencies } from '../../src/http/api/v1';
import * as responses from '../../src/http/api/v1/responses';
import { createLogger } from '../../src/log';
import { nextAllowedTime, parseQuietHours } from '../../src/scheduler';
import { testApiDependencies } from '../support/api';
import {
  BROADCAST_LOGINS,
  BROADCAST_TELEGRAM,
  createBroadcastPeople,
  startTelegramSender,
} from '../support/broadcast-people';
import { BotApiStandIn, eventually } from '../support/bot-api-stand-in';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { listenOnLoopback } from '../support/http';

/**
 * Broadcasts through the API with a bearer token, as an officer's script or the Dinsos's own system
 * sends them: the preview, a send that a retry cannot repeat, the progress read back after the real
 * Telegram sender ran against the Bot API stand-in, each role's scope, and every refusal naming its
 * field. The people are those of the dashboard's broadcast test (test/support/broadcast-people.ts).
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/** Monday 23 November 2026, 09.00 in Bandung Barat: last week is 16-22 November (2026-W47). */
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
/** A minute later, so that what is sent next is the newest. */
const aMinuteLater = () => {
  now = new Date(now.getTime() + 60_000);
};

const MESSAGE = 'Besok pelatihan pembukuan di balai desa jam 09.00. Bawa buku catatan.';
const tokens = { dewi: '', koordinator: '', tono: '', rina: '', front: '' };
let sessionId = '';
let base = '';
const servers: { close: () => Promise<void> }[] = [];
let standIn: BotApiStandIn;
let telegram: TelegramChannel | undefined;

async function serve(overrides: Partial<ApiDependencies> = {}) {
  const dependencies = testApiDependencies({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    clock,
    logger,
  });
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [apiV1Router({ ...dependencies, ...overrides })],
    logger,
  });
  const server = await listenOnLoopback(app);
  servers.push(server);
  return server.base;
}

beforeAll(async () => {
  ({ sessionId } = await createBroadcastPeople(db.models, now));
  const lumpaat = await db.models.puskesos.findOne({ name: 'Lumpaat' }).orFail().lean();
  await db.models.staff.create({
    name: 'Front',
    phone: '+6281300000006',
    role: 'front_office',
    puskesos: lumpaat._id,
  });
  const staffId = async (phone: string) =>
    String((await db.models.staff.findOne({ phone }).orFail().lean())._id);
  const mentorId = async (phone: string) =>
    String((await db.models.mentors.findOne({ phone }).orFail().lean())._id);
  const dewi = await staffId(BROADCAST_LOGINS.dewi);
  // As the admin issues them with POST /api/v1/tokens.
  const issue = async (kind: 'staff' | 'mentor', id: string) =>
    (await issueApiToken(db.models, { name: 'skrip', account: { kind, id }, createdBy: dewi }, now)).token;
  tokens.dewi = await issue('staff', dewi);
  tokens.koordinator = await issue('staff', await staffId(BROADCAST_LOGINS.koordinator));
  tokens.front = await issue('staff', await staffId('+6281300000006'));
  tokens.tono = await issue('mentor', await mentorId(BROADCAST_LOGINS.tono));
  tokens.rina = await issue('mentor', await mentorId(BROADCAST_LOGINS.rina));
  base = await serve();
  standIn = await BotApiStandIn.start();
});

afterAll(async () => {
  await telegram?.stop();
  await standIn?.close();
  for (const server of servers) await server.close();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  at = base,
): Promise<Answer> {
  const response = await fetch(`${at}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The answer's body, checked against the schema the OpenAPI document is made of. */
function shaped<S extends z.ZodType>(schema: S, answer: Answer): z.output<S> {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new Error(`${JSON.stringify(answer.body)}: ${parsed.error.message}`);
  return parsed.data;
}

const fieldsOf = (answer: Answer) =>
  (answer.body.fields as { field: string; message: string }[] | undefined) ?? [];

const outboxOf = (id: string) => db.models.outbox.find({ dedupeKey: { $regex: `^broadcast:${id}:` } }).lean();

describe('previewing a broadcast through the API', () => {
  it('counts and names whom each filter reaches among the mentor’s own participants, and sends nothing', async () => {
    const preview = async (filter: Record<string, unknown>) => {
      const answer = await call(tokens.tono, 'POST', '/broadcasts/preview', { text: MESSAGE, ...filter });
      expect(answer.status).toBe(200);
      return shaped(responses.broadcastPreviewBody, answer);
    };
    const everyone = await preview({});
    // Siti and Dede; Euis said STOP, Asep graduated, Ujang cannot be written to, Neng is Rina's.
    expect(everyone).toMatchObject({
      to: 'Semua peserta aktif',
      recipients: 2,
      names: ['Dede Rohaeni', 'Siti Aminah'],
      message: `${MESSAGE}\n\n— Pendamping Tono`,
      leftOut: { stopped: 1, withoutConsent: 0, noChat: 0, noTemplate: 1 },
      dueAt: now.toISOString(),
    });
    expect((await preview({ cluster: 'kuliner' })).names).toEqual(['Siti Aminah']);
    expect((await preview({ stage: 'scale_up' })).names).toEqual(['Dede Rohaeni']);
    const notReported = await preview({ notReportedLastWeek: true });
    expect(notReported.names).toEqual(['Dede Rohaeni']);
    expect(notReported.to).toBe('belum lapor minggu 16-22 Nov 2026');
    const invited = await preview({ session: sessionId });
    expect(invited.names).toEqual(['Siti Aminah']);
    expect(invited.to).toBe('diundang ke sesi "Pembukuan warung"');
    expect(await preview({ kecamatan: 'Cihampelas' })).toMatchObject({
      recipients: 0,
      names: [],
      leftOut: { stopped: 1 },
    });

    expect(await db.models.outbox.countDocuments()).toBe(0);
    expect(await db.models.broadcasts.countDocuments()).toBe(0);
    const audited = await db.models.auditEvents.find({ action: 'broadcast.preview' }).lean();
    expect(audited).toHaveLength(6);
    expect(audited[0]?.details).toMatchObject({ via: 'token', recipients: 2 });
  });
});

describe('sending a broadcast through the API', () => {
  it('sends once however often the same clientId is posted, then reports the progress from the outbox', async () => {
    const post = () =>
      call(tokens.tono, 'POST', '/broadcasts', { clientId: 'rekap-2026-11-23', text: MESSAGE });
    const answers = [...(await Promise.all([post(), post()])), await post()];
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 201]);
    const sent = answers.map((answer) => shaped(responses.broadcastSentBody, answer));
    expect(sent.map((answer) => answer.status).sort()).toEqual(['already_sent', 'already_sent', 'sent']);
    const id = sent[0]?.broadcast.id ?? '';
    for (const answer of sent) {
      expect(answer.broadcast).toMatchObject({
        id,
        clientId: 'rekap-2026-11-23',
        from: 'Pendamping Tono',
        text: MESSAGE,
        recipients: 2,
        leftOut: { stopped: 1, noTemplate: 1 },
      });
    }
    const entries = await outboxOf(id);
    expect(entries.map((entry) => entry.chatId).sort()).toEqual([
      String(BROADCAST_TELEGRAM.siti),
      String(BROADCAST_TELEGRAM.dede),
    ]);
    expect(entries.map((entry) => entry.message.text)).toEqual([
      `${MESSAGE}\n\n— Pendamping Tono`,
      `${MESSAGE}\n\n— Pendamping Tono`,
    ]);
    const audited = await db.models.auditEvents.find({ action: 'broadcast.send', target: id }).lean();
    expect(audited).toHaveLength(1);
    expect(audited[0]?.details).toMatchObject({ via: 'token', recipients: 2 });

    const before = shaped(responses.broadcastBody, await call(tokens.tono, 'GET', `/broadcasts/${id}`));
    expect(before.progress).toEqual({ queued: 2, sent: 0, failed: 0, cancelled: 0 });

    // One of the two has blocked the bot: Telegram refuses for good the first message it is asked to send.
    standIn.failSendMessage({ code: 403, description: 'Forbidden: bot was blocked by the user' });
    telegram = await startTelegramSender(standIn, db.models, logger);
    const after = await eventually(async () => {
      const answer = shaped(responses.broadcastBody, await call(tokens.tono, 'GET', `/broadcasts/${id}`));
      return answer.progress.queued === 0 && answer;
    });
    await telegram.stop();
    telegram = undefined;
    expect(after.progress).toEqual({ queued: 0, sent: 1, failed: 1, cancelled: 0 });
    expect(after.failures).toEqual([
      expect.objectContaining({ reason: expect.stringContaining('bot was blocked by the user') }),
    ]);
    expect(['Siti Aminah', 'Dede Rohaeni']).toContain(after.failures[0]?.name);
    // Euis said STOP: nothing reached her.
    expect(standIn.sentTo(BROADCAST_TELEGRAM.euis)).toEqual([]);
    expect(standIn.sent).toHaveLength(1);
  });

  it('refuses a clientId used again for another message, and keeps each account’s keys apart', async () => {
    aMinuteLater();
    const first = await call(tokens.tono, 'POST', '/broadcasts', {
      clientId: 'kunci-2',
      text: 'Pelatihan ditunda ke Kamis.',
      cluster: 'kuliner',
    });
    expect(first.status).toBe(201);
    const id = shaped(responses.broadcastSentBody, first).broadcast.id;
    const reused = await call(tokens.tono, 'POST', '/broadcasts', {
      clientId: 'kunci-2',
      text: 'Pesan lain sama sekali.',
      cluster: 'kuliner',
    });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ error: 'client_id_reused', id });
    const entries = await outboxOf(id);
    expect(entries.map((entry) => entry.message.text)).toEqual([
      'Pelatihan ditunda ke Kamis.\n\n— Pendamping Tono',
    ]);

    // Rina's key of the same spelling is hers: her own broadcast, to her own participant.
    aMinuteLater();
    const rinas = await call(tokens.rina, 'POST', '/broadcasts', {
      clientId: 'kunci-2',
      text: 'Pesan lain sama sekali.',
    });
    expect(rinas.status).toBe(201);
    const hers = shaped(responses.broadcastSentBody, rinas).broadcast;
    expect(hers.id).not.toBe(id);
    expect(hers).toMatchObject({ from: 'Pendamping Rina', recipients: 1 });
    expect((await outboxOf(hers.id)).map((entry) => entry.chatId)).toEqual([String(BROADCAST_TELEGRAM.neng)]);
  });

  it('queues the messages for the end of quiet hours, as every message the programme sends', async () => {
    const quiet = parseQuietHours('21:00-07:00');
    if (!quiet) throw new Error('quiet hours not read');
    const evening = await serve({
      clock: () => new Date('2026-11-23T15:00:00Z'), // 22.00 in Bandung Barat
      allowedFrom: (due) => nextAllowedTime(due, 'Asia/Jakarta', quiet),
    });
    const morning = '2026-11-24T00:00:00.000Z'; // 07.00 the next day
    const preview = await call(tokens.tono, 'POST', '/broadcasts/preview', { text: MESSAGE }, evening);
    expect(shaped(responses.broadcastPreviewBody, preview).dueAt).toBe(morning);
    const sent = await call(
      tokens.tono,
      'POST',
      '/broadcasts',
      { clientId: 'malam', text: 'Besok pagi kumpul di balai desa.' },
      evening,
    );
    const broadcast = shaped(responses.broadcastSentBody, sent).broadcast;
    expect(broadcast.dueAt).toBe(morning);
    const entries = await outboxOf(broadcast.id);
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(entry.dueAt.toISOString()).toBe(morning);
  });
});

describe('who may broadcast and see broadcasts', () => {
  it('shows a mentor only their own broadcasts, and a Dinsos admin every one, newest first', async () => {
    const list = async (token: string, query = '') => {
      const answer = await call(token, 'GET', `/broadcasts${query}`);
      expect(answer.status).toBe(200);
      return shaped(responses.broadcastListBody, answer);
    };
    const rinas = await list(tokens.rina);
    expect(rinas.total).toBe(1);
    expect(rinas.items.map((item) => item.from)).toEqual(['Pendamping Rina']);
    const tonos = await list(tokens.tono);
    expect(tonos.items.map((item) => item.from)).toEqual([
      'Pendamping Tono',
      'Pendamping Tono',
      'Pendamping Tono',
    ]);
    expect(tonos.items.map((item) => item.text)).toEqual([
      'Besok pagi kumpul di balai desa.',
      'Pelatihan ditunda ke Kamis.',
      MESSAGE,
    ]);
    const tonosFirst = tonos.items[2]?.id ?? '';
    const notHers = await call(tokens.rina, 'GET', `/broadcasts/${tonosFirst}`);
    expect(notHers.status).toBe(404);
    expect(JSON.stringify(notHers.body)).not.toContain('Siti');

    const all = await list(tokens.dewi, '?limit=2');
    expect(all).toMatchObject({ total: 4, page: 1, limit: 2 });
    expect(all.items.map((item) => item.from)).toEqual(['Pendamping Tono', 'Pendamping Rina']);
    const secondPage = await list(tokens.dewi, '?limit=2&page=2');
    expect(secondPage.items.map((item) => item.id)).toEqual([tonos.items[1]?.id, tonosFirst]);
    expect((await call(tokens.dewi, 'GET', `/broadcasts/${tonosFirst}`)).status).toBe(200);
  });

  it('keeps a mentor to their own sessions and a koordinator to their Puskesos’s participants without reports or sessions', async () => {
    const theirs = await call(tokens.rina, 'POST', '/broadcasts/preview', {
      text: MESSAGE,
      session: sessionId,
    });
    expect(theirs.status).toBe(400);
    expect(fieldsOf(theirs).map((field) => field.field)).toEqual(['session']);
    expect(JSON.stringify(theirs.body)).not.toContain('Siti');

    const served = await call(tokens.koordinator, 'POST', '/broadcasts/preview', { text: MESSAGE });
    expect(shaped(responses.broadcastPreviewBody, served)).toMatchObject({
      names: ['Dede Rohaeni', 'Neng Sumiati', 'Siti Aminah'],
      message: `${MESSAGE}\n\n— Puskesos Lumpaat`,
    });
    const reports = await call(tokens.koordinator, 'POST', '/broadcasts', {
      clientId: 'koordinator-1',
      text: MESSAGE,
      notReportedLastWeek: true,
      session: sessionId,
    });
    expect(reports.status).toBe(400);
    expect(fieldsOf(reports).map((field) => field.field)).toEqual(['notReportedLastWeek', 'session']);
    expect(await db.models.broadcasts.countDocuments({ clientId: 'koordinator-1' })).toBe(0);
  });

  it('answers 403 to other Puskesos staff on every endpoint, before reading the body', async () => {
    const refusals = await Promise.all([
      call(tokens.front, 'POST', '/broadcasts/preview', { pesan: 'salah' }),
      call(tokens.front, 'POST', '/broadcasts', {}),
      call(tokens.front, 'GET', '/broadcasts?limit=1000'),
      call(tokens.front, 'GET', '/broadcasts/AAAAAAAAAAAAAAAAAAAAAA'),
    ]);
    for (const refusal of refusals) {
      expect(refusal.status).toBe(403);
      expect(refusal.body.error).toBe('forbidden');
      expect(refusal.body.fields).toBeUndefined();
    }
  });
});

describe('bad input', () => {
  it('names each field to correct, with the page’s explanations, and sends nothing', async () => {
    const before = await db.models.outbox.countDocuments();
    const post = (body: unknown) => call(tokens.tono, 'POST', '/broadcasts', body);

    const wrong = await post({ clientId: '', text: '   ', cluster: 'bakso', notReportedLastWeek: 'ya' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_request');
    const fields = fieldsOf(wrong);
    expect(fields.map((field) => field.field).sort()).toEqual([
      'clientId',
      'cluster',
      'notReportedLastWeek',
      'text',
    ]);
    expect(fields.find((field) => field.field === 'text')?.message).toContain('Pesan masih kosong. Contoh:');

    const long = await post({ clientId: 'panjang', text: 'a'.repeat(701) });
    expect(fieldsOf(long)).toEqual([
      { field: 'text', message: expect.stringContaining('Pesan 701 huruf; paling banyak 700') as string },
    ]);
    const withoutKey = await post({ text: MESSAGE });
    expect(fieldsOf(withoutKey).map((field) => field.field)).toEqual(['clientId']);
    const pageField = await call(tokens.tono, 'POST', '/broadcasts/preview', { pesan: MESSAGE });
    expect(pageField.status).toBe(400);
    expect(JSON.stringify(fieldsOf(pageField))).toContain('pesan');
    const badId = await call(tokens.tono, 'GET', '/broadcasts/not-an-id');
    expect(fieldsOf(badId).map((field) => field.field)).toEqual(['id']);

    expect(await db.models.outbox.countDocuments()).toBe(before);
  });

  it('describes the four operations in the OpenAPI document with their answers', async () => {
    const response = await fetch(`${base}/api/v1/openapi.json`);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    };
    const statuses = (path: string, method: string) =>
      Object.keys(document.paths[path]?.[method]?.responses ?? {}).sort();
    expect(statuses('/broadcasts', 'post')).toEqual(['200', '201', '400', '401', '403', '409']);
    expect(statuses('/broadcasts/preview', 'post')).toEqual(['200', '400', '401', '403']);
    expect(statuses('/broadcasts', 'get')).toEqual(['200', '400', '401', '403']);
    expect(statuses('/broadcasts/{id}', 'get')).toEqual(['200', '400', '401', '403', '404']);
    expect(JSON.stringify(document.paths['/broadcasts']?.post)).toContain('"clientId"');
    expect(JSON.stringify(document.paths['/broadcasts/{id}']?.get)).toContain('"progress"');
  });
});
