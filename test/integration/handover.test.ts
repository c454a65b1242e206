import { Types } from 'mongoose';
import { setPassword } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import { openHandover, queueHandoverSlaAlerts } from '../../src/domain/handovers';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK, testApiDependencies } from '../support/api';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import { siti } from '../support/participants';
import { useSimulatorChat } from '../support/simulator-chat';

/**
 * A request for a person, end to end: asked in the simulator's chat (the real conversation service on
 * the database), told to the mentor in their chat, answered and closed on the dashboard over HTTP.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const later = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};
const chat = useSimulatorChat(() => db.models, clock, logger);
const PASSWORD = 'rahasia-pendamping-2026';

const RIZKY = '+6281300000201';
const YANTI = '+6281300000202';
const DEWI = '+6281300000109';
let rizkyId: Types.ObjectId;
let base = '';
let close: () => Promise<void> = async () => {};
let addressCounter = 0;

beforeAll(async () => {
  const [rizky] = await db.models.mentors.create([
    { name: 'Rizky', phone: RIZKY, type: 'MiBi' },
    { name: 'Yanti', phone: YANTI, type: 'MiBi' },
  ]);
  rizkyId = rizky!._id;
  await db.models.staff.create({ name: 'Dewi', phone: DEWI, role: 'admin' });
  for (const login of [RIZKY, YANTI, DEWI]) await setPassword(db.models, login, PASSWORD);
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [
      dashboardRouter(
        testApiDependencies({ models: db.models, conversations: chat.conversations(), clock, logger }),
      ),
    ],
    logger,
    trustProxy: ['loopback'],
  });
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

let serial = 0;
async function participant(withMentor: boolean) {
  const phone = `+62812400${String(++serial).padStart(5, '0')}`;
  await db.models.participants.create({
    ...siti(phone, { consentedOn: 'simulator', at: now }),
    ...(withMentor ? { mentors: { mibi: rizkyId } } : {}),
  });
  return phone;
}

const signedIn = async (login: string) => {
  const browser = formBrowser(base, { address: `10.2.0.${++addressCounter}`, password: PASSWORD });
  expect((await browser.signIn(login)).status).toBe(303);
  return browser;
};

const numberIn = (text: string) => /BTN-[0-9A-Z]{6}/.exec(text)?.[0] ?? '';
/** The answer form's own token, which names the answer so that sending the form twice sends it once. */
const formTokenOf = (page: string) => /name="token" value="([^"]+)"/.exec(page)?.[1] ?? '';

describe('a request for a person from the chat', () => {
  it('opens one request for menu 7, also when the message comes twice, and tells the mentor at once', async () => {
    const phone = await participant(true);
    await chat.send(phone, 'halo');
    const first = (await chat.send(phone, '7', 'menu-seven')).join('\n');
    const again = (await chat.send(phone, '7', 'menu-seven')).join('\n');
    expect(first).toContain('sudah kami teruskan ke Pendamping Rizky');
    expect(first).not.toContain('secepatnya');
    expect(again).toBe(first);
    const number = numberIn(first);
    expect(await db.models.handovers.find({ 'chat.chatId': phone }).lean()).toEqual([
      expect.objectContaining({ _id: number, reason: 'asked', status: 'open' }),
    ]);
    const toMentor = await chat.sentTo(RIZKY);
    expect(toMentor).toEqual([expect.stringContaining(`Permintaan bantuan ${number} dari Siti Aminah`)]);
  });

  it('opens nothing more, and tells the mentor nothing more, when the same message is handled again', async () => {
    const phone = await participant(true);
    const participantId = String((await db.models.participants.findOne({ phone }).lean())?._id);
    const request = {
      inboundKey: 'simulator:handled-again',
      chat: { channel: 'simulator', chatId: phone },
      participantId,
      reason: 'asked' as const,
      topic: 'programme' as const,
      asked: 'Ingin bicara dengan petugas.',
      language: 'id' as const,
      now,
    };
    const first = await openHandover(db.models, request, { ...TEST_COMPLAINT_DESK, fallback: 'simulator' });
    const again = await openHandover(db.models, request, { ...TEST_COMPLAINT_DESK, fallback: 'simulator' });
    expect(again).toEqual(first);
    expect(await db.models.handovers.countDocuments({ 'chat.chatId': phone })).toBe(1);
    const number = first.number;
    expect(await db.models.outbox.countDocuments({ _id: new RegExp(`^handover:${number}:opened:`) })).toBe(1);
  });

  it('passes on what the participant writes next instead of showing the menu, acknowledging once', async () => {
    const phone = await participant(true);
    await chat.send(phone, 'halo');
    const number = numberIn((await chat.send(phone, 'bantuan')).join('\n'));
    const acknowledged = (await chat.send(phone, 'Modal saya kurang untuk beli gerobak')).join('\n');
    expect(acknowledged).toContain(`Pesan Bapak/Ibu sudah kami sampaikan (nomor ${number})`);
    expect(acknowledged).not.toContain('Ada yang bisa kami bantu');
    // A second message right after is passed on without another acknowledgement.
    expect(await chat.send(phone, 'Bisa pinjam dari kelompok?')).toEqual([]);
    later(6);
    expect((await chat.send(phone, 'Terima kasih')).join('\n')).toContain('sudah kami sampaikan');
    // A photo without words is named in Indonesian to the one who reads the request.
    await chat.sendPhoto(phone, 'nota-belanja');
    const handover = await db.models.handovers.findById(number).lean();
    expect(handover?.messages.map((message) => message.text)).toEqual([
      'Modal saya kurang untuk beli gerobak',
      'Bisa pinjam dari kelompok?',
      'Terima kasih',
      '[foto tanpa teks]',
    ]);
    expect(await chat.sentTo(RIZKY)).toContainEqual(`${number} · Siti Aminah: Bisa pinjam dari kelompok?`);
  });

  it('lets MENU give the chat back to the bot and says the request stays open', async () => {
    const phone = await participant(true);
    await chat.send(phone, 'halo');
    const number = numberIn((await chat.send(phone, '7')).join('\n'));
    const menu = (await chat.send(phone, 'menu')).join('\n');
    expect(menu).toContain(`Permintaan Bapak/Ibu (nomor ${number}) tetap terbuka`);
    expect(menu).toContain('Ada yang bisa kami bantu');
    expect((await db.models.handovers.findById(number).lean())?.status).toBe('open');
    expect((await chat.send(phone, '2')).join('\n')).toContain('Belum ada laporan');
  });

  it('puts a participant without a mentor whom the bot gave up on in the Dinsos queue', async () => {
    const phone = await participant(false);
    await chat.send(phone, 'halo');
    await chat.send(phone, '1');
    await chat.send(phone, 'minggu ini');
    await chat.send(phone, 'abc');
    await chat.send(phone, 'xyz');
    const gaveUp = (await chat.send(phone, '???')).join('\n');
    expect(gaveUp).toContain('Maaf, sepertinya ada kesulitan.');
    expect(gaveUp).toContain('sudah kami teruskan ke petugas Dinsos');
    const number = numberIn(gaveUp);
    expect(await db.models.handovers.findById(number).lean()).toMatchObject({
      reason: 'gave_up',
      assignee: { kind: 'dinsos' },
      asked: expect.stringContaining('"???"'),
    });
    expect(await chat.sentTo(DEWI)).toContainEqual(expect.stringContaining(`Permintaan bantuan ${number}`));
  });

  it('gives Dinsos the request of a participant whose mentor was disabled, and tells that mentor nothing', async () => {
    const budi = await db.models.mentors.create({
      name: 'Budi',
      phone: '+6281300000299',
      type: 'MiBi',
      disabledAt: now,
    });
    const phone = `+62812400${String(++serial).padStart(5, '0')}`;
    await db.models.participants.create({
      ...siti(phone, { consentedOn: 'simulator', at: now }),
      mentors: { mibi: budi._id },
    });
    await chat.send(phone, 'halo');
    const asked = (await chat.send(phone, '7')).join('\n');
    expect(asked).toContain('sudah kami teruskan ke petugas Dinsos');
    expect(await db.models.handovers.findById(numberIn(asked)).lean()).toMatchObject({
      assignee: { kind: 'dinsos' },
    });
    expect(await chat.sentTo('+6281300000299')).toEqual([]);
  });
});

describe('the requests on the dashboard', () => {
  it('lets the mentor list and answer a request, signed with their name, and close it back to the bot', async () => {
    const phone = await participant(true);
    await chat.send(phone, 'halo');
    const number = numberIn((await chat.send(phone, '7')).join('\n'));
    await chat.send(phone, 'Kapan sesi berikutnya?');
    later(90);
    const rizky = await signedIn(RIZKY);
    const list = await rizky.get('/dashboard/bantuan');
    expect(list.status).toBe(200);
    expect(list.text).toContain(number);
    expect(list.text).toContain('1 jam');

    const page = await rizky.get(`/dashboard/bantuan/${number}`);
    expect(page.text).toContain('Kapan sesi berikutnya?');
    // Without the page's token the answer is refused and nothing is sent.
    const forged = await rizky.request('POST', `/dashboard/bantuan/${number}/jawab`, { text: 'x' });
    expect(forged.status).toBe(403);
    const answered = await rizky.post(`/dashboard/bantuan/${number}/jawab`, {
      text: 'Kamis pukul 10 di balai desa.',
      token: formTokenOf(page.text),
    });
    expect(answered.status).toBe(303);
    expect(await chat.sentTo(phone)).toContain('Pendamping Rizky: Kamis pukul 10 di balai desa.');
    expect(
      await db.models.auditEvents.findOne({ action: 'handover.answer', target: number }).lean(),
    ).not.toBeNull();

    // Their reply still goes to the mentor.
    await chat.send(phone, 'Baik, terima kasih');
    expect(await chat.sentTo(RIZKY)).toContainEqual(`${number} · Siti Aminah: Baik, terima kasih`);

    expect((await rizky.post(`/dashboard/bantuan/${number}/tutup`, {})).status).toBe(303);
    expect(await chat.sentTo(phone)).toContain('Percakapan dengan petugas selesai. Ketik MENU untuk menu.');
    expect((await rizky.get('/dashboard/bantuan')).text).not.toContain(number);
    expect((await chat.send(phone, 'halo')).join('\n')).toContain('Ada yang bisa kami bantu');
  });

  it('refuses another mentor the request, and shows the Dinsos admin the one without a mentor', async () => {
    const withMentor = await participant(true);
    await chat.send(withMentor, 'halo');
    const rizkys = numberIn((await chat.send(withMentor, '7')).join('\n'));
    const withoutMentor = await participant(false);
    await chat.send(withoutMentor, 'halo');
    const unassigned = numberIn((await chat.send(withoutMentor, '7')).join('\n'));

    const yanti = await signedIn(YANTI);
    expect((await yanti.get('/dashboard/bantuan')).text).not.toContain(rizkys);
    expect((await yanti.get(`/dashboard/bantuan/${rizkys}`)).status).toBe(403);
    expect((await yanti.post(`/dashboard/bantuan/${rizkys}/jawab`, { text: 'Halo' })).status).toBe(403);
    expect((await db.models.handovers.findById(rizkys).lean())?.messages).toEqual([]);

    const dewi = await signedIn(DEWI);
    const list = (await dewi.get('/dashboard/bantuan')).text;
    expect(list).toContain(rizkys);
    expect(list).toContain(unassigned);
    expect(list).toContain('antrean Dinsos');
    const page = await dewi.get(`/dashboard/bantuan/${unassigned}`);
    await dewi.post(`/dashboard/bantuan/${unassigned}/jawab`, {
      text: 'Silakan datang ke kantor Dinsos.',
      token: formTokenOf(page.text),
    });
    expect(await chat.sentTo(withoutMentor)).toContain(
      'Petugas Dinsos Dewi: Silakan datang ke kantor Dinsos.',
    );
  });
});

describe('deadlines, the live thread and saved replies', () => {
  let lumpaat: Types.ObjectId;
  const RINA = '+6281300000001';
  const YUNI = '+6281300000005';
  beforeAll(async () => {
    const [first, second] = await db.models.puskesos.create([
      { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
      { name: 'Puskesos Cihampelas', desa: 'Cihampelas', kecamatan: 'Cihampelas' },
    ]);
    lumpaat = first!._id;
    await db.models.staff.create([
      { name: 'Rina', phone: RINA, role: 'front_office', puskesos: lumpaat },
      { name: 'Yuni', phone: YUNI, role: 'front_office', puskesos: second!._id },
    ]);
    for (const login of [RINA, YUNI]) await setPassword(db.models, login, PASSWORD);
  });

  it('shows a request overdue once its working day has passed, alerts like a complaint, and clears it with the answer', async () => {
    now = new Date('2026-11-23T02:00:00Z'); // a Monday, 09:00 in Jakarta
    // The requests earlier tests left open would be overdue too: the job is counted on this one alone.
    await db.models.openHandovers.deleteMany({});
    const phone = await participant(true);
    await chat.send(phone, 'halo');
    const number = numberIn((await chat.send(phone, '7')).join('\n'));
    let rizky = await signedIn(RIZKY);
    expect((await rizky.get('/dashboard/bantuan')).text).toMatch(
      new RegExp(`${number}[\\s\\S]*?<span class="badge aman">aman</span>`),
    );
    const alerts = () =>
      queueHandoverSlaAlerts(db.models, now, now, { ...TEST_COMPLAINT_DESK, fallback: 'simulator' });
    expect(await alerts()).toEqual({ reminder: 0, overdue: 0, escalated: 0 });

    later(25 * 60); // Tuesday 10:00: a working day and an hour later
    rizky = await signedIn(RIZKY); // the session of the day before has expired
    const list = (await rizky.get('/dashboard/bantuan')).text;
    expect(list).toMatch(new RegExp(`${number}[\\s\\S]*?<span class="badge terlambat">terlambat</span>`));
    expect((await rizky.get(`/dashboard/bantuan/${number}`)).text).toContain('badge terlambat');
    expect(await alerts()).toMatchObject({ reminder: 1, overdue: 1, escalated: 0 });
    // Run again (every hour, on any instance), nobody is told twice.
    expect(await alerts()).toEqual({ reminder: 0, overdue: 0, escalated: 0 });
    expect(await chat.sentTo(RIZKY)).toContainEqual(
      expect.stringContaining(`TERLAMBAT: permintaan bantuan ${number} dari Siti Aminah belum dijawab`),
    );
    later(24 * 60); // a further working day: the Dinsos admins hear of it
    expect(await alerts()).toMatchObject({ escalated: 1 });
    rizky = await signedIn(RIZKY);
    expect(await chat.sentTo(DEWI)).toContainEqual(
      expect.stringContaining(`ESKALASI Dinsos: permintaan bantuan ${number} dari Siti Aminah (untuk Rizky)`),
    );

    const page = await rizky.get(`/dashboard/bantuan/${number}`);
    await rizky.post(`/dashboard/bantuan/${number}/jawab`, {
      text: 'Maaf terlambat.',
      token: formTokenOf(page.text),
    });
    expect((await rizky.get('/dashboard/bantuan')).text).toMatch(
      new RegExp(`${number}[\\s\\S]*?<span class="badge selesai">`),
    );
    expect((await db.models.openHandovers.findOne({ handover: number }).lean())?.dueAt).toBeUndefined();
  });

  it('gives the open page the messages after the last it shows, and nothing of another mentor’s request', async () => {
    const phone = await participant(true);
    await chat.send(phone, 'halo');
    const number = numberIn((await chat.send(phone, '7')).join('\n'));
    const rizky = await signedIn(RIZKY);
    const page = (await rizky.get(`/dashboard/bantuan/${number}`)).text;
    expect(page).toContain(`src="/dashboard/bantuan.js"`);
    const since = /data-since="(\d+)"/.exec(page)?.[1] ?? '';
    const poll = async (after: string) =>
      JSON.parse((await rizky.get(`/dashboard/bantuan/${number}/pesan?sejak=${after}`)).text) as {
        since: number;
        items: string;
      };
    expect((await poll(since)).items).toBe('');

    later(1);
    await chat.send(phone, 'Apakah sudah dibaca?');
    const fresh = await poll(since);
    expect(fresh.items).toContain('Apakah sudah dibaca?');
    expect(fresh.since).toBe(now.getTime());
    expect((await poll(String(fresh.since))).items).toBe('');
    expect((await (await signedIn(YANTI)).get(`/dashboard/bantuan/${number}/pesan?sejak=0`)).status).toBe(
      403,
    );
  });

  it('lets a Puskesos keep saved replies, offers them on its requests, and sends a picked one without script', async () => {
    const rina = await signedIn(RINA);
    const form = await rina.get('/dashboard/bantuan/balasan');
    expect(form.status).toBe(200);
    const saved = await rina.post('/dashboard/bantuan/balasan', {
      owner: `puskesos:${String(lumpaat)}`,
      balasan: ['Silakan datang ke Puskesos membawa KK dan KTP.', '', 'Terima kasih, kami cek dulu.'],
    });
    expect(saved.status).toBe(303);
    expect((await db.models.savedReplies.findById(`puskesos:${String(lumpaat)}`).lean())?.texts).toEqual([
      'Silakan datang ke Puskesos membawa KK dan KTP.',
      'Terima kasih, kami cek dulu.',
    ]);
    // Another Puskesos's staff can neither read nor change them.
    const yuni = await signedIn(YUNI);
    expect((await yuni.get(`/dashboard/bantuan/balasan?pemilik=puskesos:${String(lumpaat)}`)).status).toBe(
      403,
    );
    expect(
      (await yuni.post('/dashboard/bantuan/balasan', { owner: `puskesos:${String(lumpaat)}`, balasan: 'x' }))
        .status,
    ).toBe(403);
    // The Dinsos admin keeps the Dinsos's and may keep a Puskesos's.
    const dewi = await signedIn(DEWI);
    expect((await dewi.get(`/dashboard/bantuan/balasan?pemilik=puskesos:${String(lumpaat)}`)).text).toContain(
      'Terima kasih, kami cek dulu.',
    );

    const phone = await participant(true);
    await chat.send(phone, 'halo');
    await chat.send(phone, '3');
    const number = numberIn((await chat.send(phone, 'bantuan')).join('\n'));
    const page = await rina.get(`/dashboard/bantuan/${number}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<option value="Silakan datang ke Puskesos membawa KK dan KTP.">');
    expect((await yuni.get(`/dashboard/bantuan/${number}`)).status).toBe(403);
    await rina.post(`/dashboard/bantuan/${number}/jawab`, {
      text: '',
      saved: 'Silakan datang ke Puskesos membawa KK dan KTP.',
      token: formTokenOf(page.text),
    });
    expect(await chat.sentTo(phone)).toContain(
      'Puskesos Lumpaat: Silakan datang ke Puskesos membawa KK dan KTP.',
    );
    // Neither typed nor picked: said so with an example, and nothing is sent.
    const again = await rina.get(`/dashboard/bantuan/${number}`);
    await rina.post(`/dashboard/bantuan/${number}/jawab`, { text: ' ', token: formTokenOf(again.text) });
    expect((await rina.get(`/dashboard/bantuan/${number}`)).text).toContain('Tulis jawabannya dulu, contoh:');
  });

  it('gives a resident’s request, once their desa is known, to the Puskesos that serves it', async () => {
    const resident = '+6285711112222';
    await chat.send(resident, 'aduan');
    await chat.send(resident, '1');
    await chat.send(resident, 'Batulayang');
    await chat.send(resident, 'xyz');
    await chat.send(resident, 'abc');
    const gaveUp = (await chat.send(resident, '???')).join('\n');
    expect(gaveUp).toContain('sudah kami teruskan ke Puskesos Lumpaat');
    expect(await db.models.handovers.findById(numberIn(gaveUp)).lean()).toMatchObject({
      requester: { kind: 'resident' },
      assignee: { kind: 'puskesos', puskesos: lumpaat, name: 'Puskesos Lumpaat' },
    });
  });

  it('shows Puskesos staff the complaint’s part of the chat before the request, and nothing of the business', async () => {
    const phone = await participant(true);
    later(1);
    expect((await chat.send(phone, 'jual 1,5jt tabung 50rb')).join('\n')).toContain('Rp1.500.000');
    later(1);
    await chat.send(phone, 'halo');
    later(1);
    // The complaint flow's first question, as far as its first line.
    const asked = (await chat.send(phone, '3'))[0]?.split('\n')[0] ?? '';
    expect(asked).not.toBe('');
    later(1);
    const number = numberIn((await chat.send(phone, 'bantuan')).join('\n'));
    const earlier = (page: string) => page.slice(page.indexOf('id="earlier"'), page.indexOf('id="thread"'));

    const rina = earlier((await (await signedIn(RINA)).get(`/dashboard/bantuan/${number}`)).text);
    expect(rina).toContain(asked);
    expect(rina).toContain(number);
    expect(rina).not.toContain('jual 1,5jt');
    expect(rina).not.toContain('Rp1.500.000');
    // The Dinsos admin reads it all: the report, then the complaint begun.
    const dewi = earlier((await (await signedIn(DEWI)).get(`/dashboard/bantuan/${number}`)).text);
    expect(dewi.indexOf('jual 1,5jt')).toBeGreaterThan(-1);
    expect(dewi.indexOf('jual 1,5jt')).toBeLessThan(dewi.indexOf(asked));
  });
});
