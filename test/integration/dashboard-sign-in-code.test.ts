import { databaseReachable } from '../../src/db/connect';
import { createHttpApp } from '../../src/http';
import { apiV1Router, type ApiDependencies } from '../../src/http/api/v1';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';

/** Signing in to the dashboard with a code sent to one's chat app, over HTTP against FerretDB. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());

const servers: { strict: string; lenient: string } = { strict: '', lenient: '' };
const closers: (() => Promise<void>)[] = [];
let addressCounter = 0;

const RINA = '+6281300000001';
const YANTI = '+6281300000006';
const WATI = '+6281300000007';
const BUDI = '+6281300000002';
const ASEP = '+6281300000003';
const EUIS = '+6281300000008';
const DEWI = '+6281300000004';
const TONO = '+6281300000201';

beforeAll(async () => {
  const [lumpaat] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
  ]);
  const staff = (name: string, phone: string, channels: Record<string, string> = {}) => ({
    name,
    phone,
    role: 'front_office' as const,
    puskesos: lumpaat?._id,
    channels,
  });
  await db.models.staff.create([
    staff('Rina', RINA, { telegramUserId: '7001' }),
    // No chat app on record: no code can reach Budi (the simulator, on in these tests, never gets one).
    staff('Budi', BUDI),
    staff('Asep', ASEP, { telegramUserId: '7003' }),
    staff('Dewi', DEWI, { whatsappCloudId: '6281300000004' }),
    staff('Yanti', YANTI, { telegramUserId: '7006' }),
    staff('Wati', WATI, { telegramUserId: '7007' }),
    staff('Euis', EUIS, { telegramUserId: '7008' }),
  ]);
  await db.models.mentors.create({
    name: 'Tono',
    phone: TONO,
    type: 'MiBi',
    kecamatan: ['Cililin'],
    channels: { whatsappId: '6281300000201@c.us' },
  });
  const base = testApiDependencies({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    clock,
    logger,
  });
  // As the service is configured: five failures lock a login. And one that lets a code's own limit show.
  const serve = async (dependencies: ApiDependencies) => {
    const app = createHttpApp({
      databaseReady: () => databaseReachable(db.connection),
      routers: [apiV1Router(dependencies), dashboardRouter(dependencies)],
      logger,
      trustProxy: ['loopback'],
    });
    const { base: address, close } = await listenOnLoopback(app);
    closers.push(close);
    return address;
  };
  servers.strict = await serve(base);
  servers.lenient = await serve({
    ...base,
    auth: { ...base.auth, signIn: { ...base.auth.signIn, maxFailuresPerAccount: 20 } },
  });
});

afterAll(async () => {
  for (const close of closers) await close();
});

/** A browser of its own address, on the strict server (five failures lock a login) unless told. */
function browserAt(server: 'strict' | 'lenient' = 'strict', address = `10.2.0.${++addressCounter}`) {
  const browser = formBrowser(servers[server], { address });
  return Object.assign(browser, {
    /** Asks for a code on the page, follows the redirect, and returns the page for typing it. */
    async askForCode(login: string) {
      await browser.get('/dashboard/masuk/kode');
      const posted = await browser.post('/dashboard/masuk/kode', { login });
      const entry = posted.status === 303 ? await browser.get('/dashboard/masuk/kode/isi') : posted;
      return { posted, entry };
    },
    async typeCode(login: string, code: string) {
      await browser.get('/dashboard/masuk/kode/isi');
      return browser.post('/dashboard/masuk/kode/isi', { login, code });
    },
  });
}

const codeMessages = (chatId: string) =>
  db.models.outbox
    .find({ dedupeKey: /^sign-in-code:/, chatId })
    .sort({ _id: 1 })
    .lean();

/** The code in the last message sent to a chat. */
async function lastCodeSentTo(chatId: string): Promise<string> {
  const messages = await codeMessages(chatId);
  const text = String((messages.at(-1)?.message as { text?: string } | undefined)?.text ?? '');
  const code = /^Kode masuk Pendamping: (\d{6})\. Berlaku 10 menit\./.exec(text)?.[1];
  if (!code) throw new Error(`no code in "${text}"`);
  return code;
}

const audits = (action: string, target: string) =>
  db.models.auditEvents.find({ action, target }).sort({ _id: 1 }).lean();

const ANSWER = 'Jika nomor ini terdaftar, kode sudah dikirim ke WhatsApp/Telegram Anda.';
const REFUSED = 'Kode salah atau sudah tidak berlaku.';

describe('signing in with a code sent to the chat app', () => {
  it('queues one code to a staff member’s linked Telegram chat and keeps only its hash', async () => {
    const browser = browserAt();
    const { posted, entry } = await browser.askForCode('0813-0000-0001');
    expect(posted.response.status).toBe(303);
    expect(posted.response.headers.get('location')).toBe('/dashboard/masuk/kode/isi');
    expect(entry.response.status).toBe(200);
    expect(entry.text).toContain(ANSWER);
    expect(entry.text).toContain('value="0813-0000-0001"');

    const messages = await codeMessages('7001');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'telegram', status: 'pending' });
    const code = await lastCodeSentTo('7001');
    expect((messages[0]?.message as { text: string }).text).toBe(
      `Kode masuk Pendamping: ${code}. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun.`,
    );
    const stored = await db.models.signInCodes.find({}).lean();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(stored[0]?.expiresAt.getTime()).toBe(now.getTime() + 10 * 60_000);

    const [audit] = await audits('sign_in.code_requested', RINA);
    expect(audit).toMatchObject({ actor: 'anonymous', from: expect.stringMatching(/10\.2\.0\./) });
    expect(audit?.details).toEqual({ method: 'code', sentTo: 'telegram' });
  });

  it('signs in with the right code once, lands on the inbox, and refuses the same code again', async () => {
    const code = await lastCodeSentTo('7001');
    // The Telegram sender would have sent it by now.
    await db.models.outbox.updateMany({ chatId: '7001' }, { $set: { status: 'sent', sentAt: now } });
    const browser = browserAt();
    const signedIn = await browser.typeCode('0813-0000-0001', code.replace(/^(\d{3})/, '$1 '));
    expect(signedIn.response.status).toBe(303);
    expect(signedIn.response.headers.get('location')).toBe('/dashboard/pengaduan');
    expect(browser.cookies.has('pendamping_session')).toBe(true);
    expect(browser.cookies.has('pendamping_signin_login')).toBe(false);
    const inbox = await browser.request('GET', '/dashboard/pengaduan');
    expect(inbox.response.status).toBe(200);
    expect(inbox.text).toContain('Rina');

    const again = await browserAt().typeCode(RINA, code);
    expect(again.response.status).toBe(401);
    expect(again.text).toContain(REFUSED);

    const [rina] = await db.models.staff.find({ phone: RINA }).lean();
    const succeeded = await db.models.auditEvents.find({ action: 'sign_in.succeeded' }).lean();
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]).toMatchObject({ actor: `staff:${String(rina?._id)}`, details: { method: 'code' } });
    expect(await audits('sign_in.code_used', RINA)).toHaveLength(1);
    // Once used, the delivered message no longer holds the code.
    const [message] = await codeMessages('7001');
    expect((message?.message as { text: string }).text).toBe('Kode masuk Pendamping: ******.');
  });

  it('answers an unknown phone exactly as a known one, and queues nothing', async () => {
    const before = await db.models.outbox.countDocuments();
    const { posted, entry } = await browserAt().askForCode('0813-9999-0000');
    expect(posted.response.status).toBe(303);
    expect(posted.response.headers.get('location')).toBe('/dashboard/masuk/kode/isi');
    expect(entry.text).toContain(ANSWER);
    expect(await db.models.outbox.countDocuments()).toBe(before);
    const [audit] = await audits('sign_in.code_requested', '+6281399990000');
    expect(audit?.details).toEqual({ method: 'code', sentTo: null });
    const typed = await browserAt().typeCode('0813-9999-0000', '123456');
    expect(typed.response.status).toBe(401);
    expect(typed.text).toContain(REFUSED);
  });

  it('lets exactly one of several requests sent at once use a code', async () => {
    await browserAt('lenient').askForCode(WATI);
    const code = await lastCodeSentTo('7007');
    const browsers = Array.from({ length: 4 }, () => browserAt('lenient'));
    await Promise.all(browsers.map((browser) => browser.get('/dashboard/masuk/kode/isi')));
    const results = await Promise.all(
      browsers.map((browser) => browser.post('/dashboard/masuk/kode/isi', { login: WATI, code })),
    );
    expect(results.map(({ response }) => response.status).sort()).toEqual([303, 401, 401, 401]);
    expect(browsers.filter((browser) => browser.cookies.has('pendamping_session'))).toHaveLength(1);
  });

  it('never sends a code to the simulator, where anyone could read it: one without a chat app gets none', async () => {
    const { entry } = await browserAt().askForCode(BUDI);
    // The same answer as for a code sent: whether the phone is anyone's stays unknown.
    expect(entry.text).toContain(ANSWER);
    expect(await codeMessages(BUDI)).toEqual([]);
    expect(await db.models.outbox.countDocuments({ channel: 'simulator', dedupeKey: /^sign-in-code:/ })).toBe(
      0,
    );
  });

  it('voids a code after five wrong tries, even for the right code afterwards', async () => {
    const browser = browserAt('lenient');
    await browser.askForCode(EUIS);
    const code = await lastCodeSentTo('7008');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt++) {
      const refused = await browser.typeCode(EUIS, wrong);
      expect(refused.response.status).toBe(401);
    }
    const right = await browser.typeCode(EUIS, code);
    expect(right.response.status).toBe(401);
    expect(right.text).toContain(REFUSED);
    expect(browser.cookies.has('pendamping_session')).toBe(false);
    expect(await audits('sign_in.wrong_code', EUIS)).toHaveLength(5);
    expect(await audits('sign_in.code_void', EUIS)).toHaveLength(1);
  });

  it('lets a code expire after ten minutes', async () => {
    await browserAt().askForCode(TONO);
    const [message] = await codeMessages('6281300000201@c.us');
    expect(message?.channel).toBe('whatsapp-web');
    const code = await lastCodeSentTo('6281300000201@c.us');
    now = new Date(now.getTime() + 10 * 60_000 + 1000);
    const late = await browserAt().typeCode(TONO, code);
    expect(late.response.status).toBe(401);
    expect(late.text).toContain(REFUSED);
    expect(await audits('sign_in.no_code', TONO)).toHaveLength(1);
  });

  it('keeps only the newest code valid', async () => {
    const browser = browserAt();
    await browser.askForCode(DEWI);
    const first = await lastCodeSentTo('6281300000004');
    await browser.askForCode(DEWI);
    const second = await lastCodeSentTo('6281300000004');
    expect(await codeMessages('6281300000004')).toHaveLength(2);
    if (first !== second) expect((await browser.typeCode(DEWI, first)).response.status).toBe(401);
    const signedIn = await browser.typeCode(DEWI, second);
    expect(signedIn.response.status).toBe(303);
    expect(signedIn.response.headers.get('location')).toBe('/dashboard/pengaduan');
  });

  it('counts asking for a code and wrong codes as sign-in attempts, locking the login after five', async () => {
    const browser = browserAt();
    await browser.askForCode(ASEP);
    const code = await lastCodeSentTo('7003');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await browser.typeCode(ASEP, wrong)).response.status).toBe(401);
    }
    const locked = await browser.typeCode(ASEP, code);
    expect(locked.response.status).toBe(429);
    expect(locked.text).toMatch(/dikunci sementara .* Coba lagi dalam 15 menit/);
    expect(browser.cookies.has('pendamping_session')).toBe(false);
    // Asking for another code is refused too, so the person's chat cannot be flooded.
    const { posted } = await browserAt().askForCode(ASEP);
    expect(posted.response.status).toBe(429);
    expect(await codeMessages('7003')).toHaveLength(1);
    expect(await audits('sign_in.locked', ASEP)).toHaveLength(2);
  });

  it('refuses a request without the form’s cookie and sends nothing', async () => {
    const before = await db.models.outbox.countDocuments();
    const forged = await browserAt().request('POST', '/dashboard/masuk/kode', {
      csrf: 'a'.repeat(43),
      login: RINA,
    });
    expect(forged.response.status).toBe(403);
    expect(forged.text).toContain('kedaluwarsa');
    expect(await db.models.outbox.countDocuments()).toBe(before);
  });

  it('asks again for a code that is not six digits, keeping the phone', async () => {
    const typed = await browserAt().typeCode('0813-0000-0001', '12 34');
    expect(typed.response.status).toBe(400);
    expect(typed.text).toContain('Kode terdiri dari 6 angka');
    expect(typed.text).toContain('value="0813-0000-0001"');
  });

  it('speaks English on an English page, in the chat message too', async () => {
    const browser = browserAt();
    browser.cookies.set('pendamping_lang', 'en');
    const form = await browser.request('GET', '/dashboard/masuk');
    expect(form.text).toContain('Send a code to my WhatsApp/Telegram');
    const { entry } = await browser.askForCode('0813-0000-0201');
    expect(entry.text).toContain('If this number is registered, a code has been sent');
    expect(entry.text).toContain('Enter the code');
    const messages = await codeMessages('6281300000201@c.us');
    expect((messages.at(-1)?.message as { text: string }).text).toMatch(
      /^Pendamping sign-in code: \d{6}\. Valid for 10 minutes\. Do not give this code to anyone\.$/,
    );
  });
});

describe('signing in with a code through the API', () => {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${servers.strict}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.3.0.${++addressCounter}` },
      body: JSON.stringify(body),
    });
    return { response, body: (await response.json()) as Record<string, unknown> };
  };

  it('sends a code on POST /session/code and signs in once with it on POST /session', async () => {
    const asked = await post('/session/code', { login: '0813-0000-0006', language: 'en' });
    expect(asked.response.status).toBe(202);
    const unknown = await post('/session/code', { login: '0813-8888-0000' });
    expect(unknown.response.status).toBe(202);
    expect(unknown.body).toEqual(asked.body);
    const [message] = await codeMessages('7006');
    const text = (message?.message as { text: string }).text;
    const code = /^Pendamping sign-in code: (\d{6})\./.exec(text)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);

    const both = await post('/session', { login: YANTI, password: 'x', code });
    expect(both.response.status).toBe(400);
    const short = await post('/session', { login: YANTI, code: '123' });
    expect(short.response.status).toBe(400);
    expect(JSON.stringify(short.body.fields)).toContain('6 digits');

    const signedIn = await post('/session', { login: YANTI, code });
    expect(signedIn.response.status).toBe(200);
    expect(signedIn.body.account).toMatchObject({ kind: 'staff', name: 'Yanti' });
    expect(signedIn.response.headers.getSetCookie()[0]).toMatch(/^pendamping_session=/);
    const again = await post('/session', { login: YANTI, code });
    expect(again.response.status).toBe(401);
    expect(again.body.error).toBe('wrong_code');
  });

  it('lists both in the OpenAPI document', async () => {
    const document = (await (await fetch(`${servers.strict}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    expect(JSON.stringify(document.paths['/session/code']?.post?.requestBody)).toContain('"login"');
    expect(JSON.stringify(document.paths['/session']?.post?.requestBody)).toContain('"code"');
  });
});
