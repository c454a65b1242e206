import type { Server } from 'node:http';
import { simulatorRouters } from '../../src/channels/simulator';
import { databaseReachable } from '../../src/db/connect';
import { queueOnce } from '../../src/db/outbox';
import { createHttpApp } from '../../src/http';
import { actOnComplaint } from '../../src/domain/complaints';
import { createLogger } from '../../src/log';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** A clock the test moves by hand: a Saturday afternoon in Bandung Barat. */
let now = new Date('2026-11-28T09:00:00Z');
const clock = () => new Date(now.getTime());
const tick = (milliseconds = 1000) => {
  now = new Date(now.getTime() + milliseconds);
};

const newService = () => testConversationService(db.models, clock, logger);

let server: Server;
let base = '';

beforeAll(async () => {
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: simulatorRouters({ models: db.models, conversations: newService(), clock }),
    logger,
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let messageCounter = 0;
/** Sends a message through the simulator over real HTTP; returns the texts the bot answered. */
async function send(phone: string, text: string, id = `m${++messageCounter}`): Promise<string[]> {
  tick();
  const response = await fetch(`${base}/api/simulator/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: phone, text, id }),
  });
  const body = (await response.json()) as { replies: { text: string }[] };
  if (!response.ok) throw new Error(`simulator answered ${response.status}: ${JSON.stringify(body)}`);
  return body.replies.map((reply) => reply.text);
}

async function registerParticipant(phone: string, consented = true) {
  return db.models.participants.create(
    siti(phone, { consentedOn: consented ? 'simulator' : undefined, at: now }),
  );
}

describe('a conversation through the simulator, on the real database', () => {
  it('tells an unregistered number how to get registered, and keeps nothing of what it wrote', async () => {
    const replies = await send('0812-0000-0001', 'halo, saya Ibu Euis dari Cililin', 'stranger-1');
    expect(replies.join('\n')).toContain('belum terdaftar sebagai peserta ProKUS');
    expect(replies.join('\n')).toContain('171');
    const stored = await db.models.inboundMessages.findOne({ platformMessageId: 'stranger-1' }).lean();
    expect(stored).toMatchObject({ status: 'processed' });
    expect(JSON.stringify(stored)).not.toContain('Euis');
  });

  it('asks consent before anything else and records it', async () => {
    const participant = await registerParticipant('+6281200000002', false);
    expect((await send('0812-0000-0002', 'halo')).join('\n')).toContain('Apakah Bapak/Ibu setuju?');
    const replies = await send('0812-0000-0002', '1');
    expect(replies[0]).toBe('Terima kasih, Bapak/Ibu.');
    expect(replies[1]).toContain('Ada yang bisa kami bantu');
    const stored = await db.models.participants.findById(participant._id).lean();
    expect(stored?.consent).toMatchObject({ channel: 'simulator', givenAt: expect.any(Date) });
  });

  it('takes a weekly report in under ten messages and stores whole rupiah with the savings balance', async () => {
    const participant = await registerParticipant('+6281200000003');
    const phone = '0812 0000 0003';
    expect((await send(phone, 'halo')).join('\n')).toContain('1. Laporan mingguan');
    // This week, obviously on a Saturday with nothing reported: no question about the week.
    expect((await send(phone, '1')).join('\n')).toContain('Berapa omzet');
    await send(phone, '1,5jt');
    await send(phone, '200 ribu');
    await send(phone, 'goban');
    await send(phone, 'tidak');
    const saved = await send(phone, 'ya');
    expect(saved.join('\n')).toContain('sudah tersimpan');
    expect(saved.join('\n')).toContain('Total tabungan: Rp50.000.');

    const reports = await db.models.weeklyReports.find({ participant: participant._id }).lean();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      week: '2026-W48',
      sales: 1_500_000,
      spending: 200_000,
      savingsDeposit: 50_000,
      savingsWithdrawal: 0,
      savingsBalance: 50_000,
      channel: 'simulator',
    });
  });

  it('gives a message delivered twice, or twenty times at once, exactly one effect, and each the same replies', async () => {
    await registerParticipant('+6281200000004');
    const phone = '0812-0000-0004';
    const first = await send(phone, 'halo', 'same-id');
    // Sent again because the answer to the first try was lost: the same replies, nothing done twice.
    const again = await send(phone, 'halo', 'same-id');
    expect(first.length).toBeGreaterThan(0);
    expect(again).toEqual(first);

    const storm = await Promise.all(Array.from({ length: 20 }, () => send(phone, '1', 'storm-id')));
    for (const replies of storm) expect(replies.join('\n')).toContain('Berapa omzet');
    expect(await db.models.inboundMessages.countDocuments({ platformMessageId: 'storm-id' })).toBe(1);
    const asked = await db.models.outbox.find({ chatId: '+6281200000004' }).lean();
    expect(
      asked.filter((entry) => String((entry.message as { text: string }).text).includes('Berapa omzet')),
    ).toHaveLength(1);
  });

  it('handles a chat’s waiting messages once each and in the order they arrived, whichever instances drain them', async () => {
    const participant = await registerParticipant('+6281200000005');
    const phone = '+6281200000005';
    await send(phone, 'halo');
    await send(phone, '1');
    const instances = [newService(), newService(), newService()];
    for (const [index, text] of ['300rb', '0', '10rb', 'tidak', 'ya'].entries()) {
      tick();
      await instances[index % 3]?.accept({
        channel: 'simulator',
        chatId: phone,
        platformMessageId: `burst-${index}`,
        receivedAt: clock(),
        text,
      });
    }
    await Promise.all(
      instances.flatMap((instance) => [
        instance.drain('simulator', phone),
        instance.drain('simulator', phone),
      ]),
    );
    const report = await db.models.weeklyReports.findOne({ participant: participant._id }).lean();
    expect(report).toMatchObject({ sales: 300_000, spending: 0, savingsDeposit: 10_000, revisions: [] });
    expect(await db.models.inboundMessages.countDocuments({ chatId: phone, status: 'processed' })).toBe(7);
  });

  it('continues at the same step in another instance of the service', async () => {
    const participant = await registerParticipant('+6281200000006');
    const phone = '+6281200000006';
    await send(phone, 'halo');
    await send(phone, '1');
    await send(phone, '750rb');
    const conversation = await db.models.conversations.findOne({ chatId: phone }).lean();
    expect(conversation?.flow).toMatchObject({
      flowId: 'weekly-report',
      stepId: 'spending',
      answers: { sales: 750_000 },
    });

    const otherInstance = newService();
    for (const [index, text] of ['0', '0', 'tidak', 'ya'].entries()) {
      tick();
      await otherInstance.receive({
        channel: 'simulator',
        chatId: phone,
        platformMessageId: `other-${index}`,
        receivedAt: clock(),
        text,
      });
    }
    expect(await db.models.weeklyReports.findOne({ participant: participant._id }).lean()).toMatchObject({
      sales: 750_000,
    });
  });

  it('ends an idle conversation politely and resumes its answers at the next start', async () => {
    await registerParticipant('+6281200000007');
    const phone = '+6281200000007';
    await send(phone, 'halo');
    await send(phone, '1');
    await send(phone, '400rb');
    tick(25 * 3_600_000);
    const afterIdle = await send(phone, 'halo');
    expect(afterIdle[0]).toContain('lama tidak dibalas');
    expect(afterIdle.join('\n')).toContain('Ada yang bisa kami bantu');
    const resumed = await send(phone, '1');
    expect(resumed[0]).toContain('Kita lanjutkan yang belum selesai');
    expect(resumed[1]).toContain('Berapa belanja');
    const conversation = await db.models.conversations.findOne({ chatId: phone }).lean();
    expect(conversation?.flow).toMatchObject({
      stepId: 'spending',
      answers: { week: '2026-W48', sales: 400_000 },
    });
  });

  it('corrects an earlier week without counting it twice, and keeps the earlier figures', async () => {
    const participant = await registerParticipant('+6281200000008');
    const phone = '+6281200000008';
    const report = async (sales: string, savings: string) => {
      await send(phone, 'menu');
      // Once this week is reported, which week is asked (it may be a correction, or another week).
      if ((await send(phone, '1')).join('\n').includes('minggu yang mana')) await send(phone, 'minggu ini');
      await send(phone, sales);
      await send(phone, '0');
      await send(phone, savings);
      await send(phone, 'tidak');
      return send(phone, 'ya');
    };
    await report('100rb', '10rb');
    const corrected = await report('120rb', '15rb');
    expect(corrected.join('\n')).toContain('Laporan minggu itu sudah diganti dengan yang baru.');
    const stored = await db.models.weeklyReports.find({ participant: participant._id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      sales: 120_000,
      savingsDeposit: 15_000,
      savingsBalance: 15_000,
      revisions: [expect.objectContaining({ sales: 100_000, savingsDeposit: 10_000 })],
    });
  });

  it('understands MENU, BATAL and STOP at any step', async () => {
    const participant = await registerParticipant('+6281200000009');
    const phone = '+6281200000009';
    await send(phone, 'halo');
    await send(phone, '1');
    expect((await send(phone, 'BATAL')).join('\n')).toContain('Baik, dibatalkan.');
    expect((await send(phone, 'stop')).join('\n')).toContain('tidak akan menerima pengingat');
    expect(
      (await db.models.participants.findById(participant._id).lean())?.remindersStoppedAt,
    ).toBeInstanceOf(Date);
    await send(phone, 'mulai');
    expect(
      (await db.models.participants.findById(participant._id).lean())?.remindersStoppedAt,
    ).toBeUndefined();
  });

  it('turns reminders back on with the English RESUME or START, and takes START as MENU otherwise', async () => {
    const participant = await registerParticipant('+6281200000031');
    const phone = '+6281200000031';
    const stopped = async () =>
      (await db.models.participants.findById(participant._id).lean())?.remindersStoppedAt;
    for (const word of ['resume', 'START']) {
      await send(phone, 'STOP');
      expect(await stopped()).toBeInstanceOf(Date);
      expect((await send(phone, word)).join('\n')).toContain('Pengingat aktif kembali');
      expect(await stopped()).toBeUndefined();
    }
    // Reminders on already: START shows the menu, and so does Telegram's /start.
    expect((await send(phone, 'start')).join('\n')).toContain('Ada yang bisa kami bantu');
    expect((await send(phone, '/start')).join('\n')).toContain('Ada yang bisa kami bantu');
  });

  it('takes a menu number typed outside any flow as the choice, and goes back a question with KEMBALI', async () => {
    await registerParticipant('+6281200000011');
    const phone = '+6281200000011';
    expect((await send(phone, 'halo')).join('\n')).toContain('Ada yang bisa kami bantu');
    expect((await send(phone, '2')).join('\n')).toContain('Belum ada laporan');
    const direct = await send(phone, '1');
    expect(direct.join('\n')).not.toContain('Ada yang bisa kami bantu');
    expect(direct.join('\n')).toContain('Berapa omzet');
    await send(phone, '300rb');
    expect((await send(phone, 'kembali')).join('\n')).toContain('Berapa omzet');
    await send(phone, '350rb');
    const conversation = await db.models.conversations.findOne({ chatId: phone }).lean();
    expect(conversation?.flow).toMatchObject({ stepId: 'spending', answers: { sales: 350_000 } });
  });

  it('changes language from the menu and then speaks it; BANTUAN asks for a person', async () => {
    const participant = await registerParticipant('+6281200000012');
    const phone = '+6281200000012';
    await send(phone, 'halo');
    expect((await send(phone, '6')).join('\n')).toContain('Pilih bahasa');
    expect((await send(phone, 'sunda')).join('\n')).toContain('Muhun, Bapak/Ibu. Serat MENU');
    expect((await db.models.participants.findById(participant._id).lean())?.language).toBe('su');
    expect((await send(phone, 'menu')).join('\n')).toContain('Aya nu tiasa dibantos, Bapak/Ibu?');
    expect((await send(phone, 'bantuan')).join('\n')).toContain('Paménta Bapak/Ibu parantos');
    expect((await db.models.conversations.findOne({ chatId: phone }).lean())?.handoff).toBe(true);
  });

  it('opens a complaint with the Puskesos of the desa and gives its number', async () => {
    await db.models.puskesos.create({
      name: 'Puskesos Lumpaat',
      desa: 'Batulayang',
      kecamatan: 'Cililin',
      services: ['PKH'],
    });
    await registerParticipant('+6281200000010');
    const phone = '+6281200000010';
    await send(phone, 'halo');
    await send(phone, '3');
    await send(phone, '1');
    await send(phone, 'Bantuan PKH tahap 4 belum cair sampai sekarang');
    await send(phone, '-');
    const sent = await send(phone, '1');
    expect(sent.join('\n')).toMatch(/Nomor pengaduan Bapak\/Ibu: PGD-2026-\d{6} \(Puskesos Lumpaat\)/);
    const complaint = await db.models.complaints.findOne({ complainantPhone: '+6281200000010' }).lean();
    expect(complaint).toMatchObject({ category: 'pkh', status: 'new', desa: 'Batulayang' });
  });

  it('takes a complaint from a resident who is not a participant, asking consent and desa, and relays the staff reply', async () => {
    const resident = '+6285700000001';
    expect((await send(resident, 'halo')).join('\n')).toContain('ketik ADUAN');
    expect((await send(resident, 'ADUAN')).join('\n')).toContain('Setuju?');
    expect((await send(resident, '1')).join('\n')).toContain('desa/kelurahan apa?');
    expect((await send(resident, 'batulayang')).join('\n')).toContain('Pengaduan tentang layanan apa');
    await send(resident, '6');
    await send(resident, 'KTP anak saya belum jadi sejak tiga bulan');
    expect((await send(resident, '-')).join('\n')).toContain('(desa batulayang)');
    const [number] = (await send(resident, '1')).join('\n').match(/PGD-2026-\d{6}/) ?? [];
    const complaint = await db.models.complaints.findOne({ number }).lean();
    expect(complaint).toMatchObject({
      complainantPhone: resident,
      complainantChat: { channel: 'simulator', chatId: resident },
      category: 'adminduk',
      desa: 'batulayang',
    });
    expect(complaint?.participant).toBeUndefined();

    const staff = await db.models.staff.create({
      name: 'Rina',
      phone: '+6281300000099',
      role: 'front_office',
      puskesos: complaint?.puskesos,
    });
    const service = newService();
    const outcome = await actOnComplaint(
      db.models,
      number ?? '',
      { kind: 'reply', text: 'Silakan datang ke kantor desa hari Kamis, Pak.' },
      { kind: 'staff', staffId: String(staff._id) },
      clock(),
      { calendar: { timeZone: 'Asia/Jakarta', holidays: new Set() } },
    );
    expect(outcome.ok).toBe(true);
    if (outcome.ok) await service.notify(outcome.notices);
    const transcript = await fetch(`${base}/api/simulator/conversations/${encodeURIComponent(resident)}`);
    const { lines } = (await transcript.json()) as { lines: { direction: string; text: string }[] };
    const outgoing = lines.filter((line) => line.direction === 'out').map((line) => line.text);
    expect(outgoing.join('\n')).toContain(
      `Balasan Puskesos Lumpaat untuk pengaduan ${number}:\nSilakan datang ke kantor desa hari Kamis, Pak.`,
    );
    // The resident's own messages are not kept (only the complaint is); the news is not shown as theirs.
    expect(lines.filter((line) => line.direction === 'in')).toHaveLength(8);
    expect((await send(resident, 'Baik, terima kasih')).join('\n')).toContain('sudah kami teruskan');
    const thread = await db.models.complaints.findOne({ number }).lean();
    expect(thread?.events.at(-1)).toMatchObject({ kind: 'message', text: 'Baik, terima kasih' });
    expect((await send(resident, `status ${number}`)).join('\n')).toContain('sudah diterima petugas');
  });

  it('stores a resident’s complaint from a desa no Puskesos serves, says so truthfully, and queues it for the Dinsos', async () => {
    const resident = '+6285700000002';
    await send(resident, 'aduan');
    await send(resident, 'ya');
    await send(resident, 'Desa Entah');
    await send(resident, '1');
    await send(resident, 'Bantuan tidak pernah sampai ke rumah kami');
    await send(resident, '-');
    const reply = (await send(resident, '1')).join('\n');
    const [number] = reply.match(/PGD-2026-\d{6}/) ?? [];
    expect(reply).toBe(
      `Pengaduan Bapak/Ibu nomor ${number} sudah kami simpan. Belum ada Puskesos untuk desa Desa Entah di sistem kami; petugas Dinas Sosial akan meneruskannya dan memberi kabar. Tanyakan perkembangannya: ketik STATUS ${number}.`,
    );
    const complaint = await db.models.complaints.findOne({ complainantPhone: resident }).lean();
    expect(complaint).toMatchObject({ number, status: 'unrouted', desa: 'Desa Entah', category: 'pkh' });
    expect(complaint?.puskesos).toBeUndefined();
    expect(complaint?.dueAt).toBeUndefined();
    expect(await db.models.unroutedComplaints.findById(number).lean()).toMatchObject({
      desa: 'Desa Entah',
      category: 'pkh',
    });
    expect((await send(resident, `status ${number}`)).join('\n')).toContain(
      'menunggu Dinas Sosial meneruskannya ke Puskesos',
    );
  });

  it('stores a participant’s complaint when no Puskesos serves their desa or kecamatan, without saying it was passed on', async () => {
    const phone = '+6281200000091';
    await db.models.participants.create({
      ...siti(phone, { consentedOn: 'simulator', at: now }),
      kecamatan: 'Padalarang',
      desa: 'Kertajaya',
    });
    await send(phone, 'halo');
    await send(phone, '3');
    await send(phone, '5');
    await send(phone, 'Rumah kami bocor dan belum ada bantuan RTLH');
    await send(phone, '-');
    const replies = await send(phone, '1');
    expect(replies.join('\n')).not.toContain('teruskan ke Puskesos');
    expect(replies.join('\n')).toContain('Belum ada Puskesos untuk desa Kertajaya');
    const [number] = replies.join('\n').match(/PGD-2026-\d{6}/) ?? [];
    expect(await db.models.complaints.findOne({ number }).lean()).toMatchObject({
      status: 'unrouted',
      category: 'rtlh',
    });
    expect(await db.models.unroutedComplaints.countDocuments({ _id: number })).toBe(1);
  });

  it('answers a bad request with a JSON error naming the field', async () => {
    const response = await fetch(`${base}/api/simulator/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '12345', text: '', extra: true }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: { field: string; message: string }[] };
    expect(body.fields.map((field) => field.field).sort()).toEqual(['(body)', 'from', 'text']);
    expect(body.fields.find((field) => field.field === 'from')?.message).toContain('contoh: 0812-3456-7890');
  });
});

describe('a mentor in chat', () => {
  it('gets the digest of their participants on demand, and help for anything else', async () => {
    const mentor = await db.models.mentors.create({
      name: 'Rina',
      phone: '+6281377770001',
      type: 'MiBi',
      kecamatan: ['Cililin'],
    });
    const participant = await registerParticipant('+6281277770002');
    await db.models.participants.updateOne(
      { _id: participant._id },
      { $set: { 'mentors.mibi': mentor._id } },
    );
    expect((await send('0813-7777-0001', 'halo')).join('\n')).toContain('- RINGKASAN: ringkasan peserta');
    const digest = (await send('0813-7777-0001', '/ringkasan')).join('\n');
    expect(digest).toContain('Ringkasan pendampingan 16-22 Nov 2026');
    expect(digest).toContain('1. Siti Aminah (Batulayang): belum pernah melapor');
    expect((await send('0813-7777-0001', 'ringkasan minggu ini')).join('\n')).toContain(
      'Ringkasan pendampingan 23-29 Nov 2026',
    );
  });
});

describe('messages sent to a simulator number later', () => {
  it('appear in its transcript once they are due, not before (quiet hours)', async () => {
    const phone = '+6281200000099';
    await registerParticipant(phone);
    await queueOnce(db.models, {
      dedupeKey: 'reminder-later',
      channel: 'simulator',
      chatId: phone,
      message: { text: 'Pengingat pagi' },
      dueAt: new Date(now.getTime() + 3_600_000),
    });
    const transcript = async () => {
      const response = await fetch(`${base}/api/simulator/conversations/${encodeURIComponent(phone)}`);
      return ((await response.json()) as { lines: { text: string }[] }).lines.map((line) => line.text);
    };
    expect(await transcript()).not.toContain('Pengingat pagi');
    tick(3_600_000);
    expect(await transcript()).toContain('Pengingat pagi');
  });
});

describe('what the simulator page asks for every few seconds', () => {
  it('is what came for the chat since, once, and never a reply its own messages already got', async () => {
    const phone = '+6281200000098';
    await registerParticipant(phone);
    const fresh = async () => {
      const response = await fetch(`${base}/api/simulator/conversations/${encodeURIComponent(phone)}/new`);
      return ((await response.json()) as { replies: { text: string }[] }).replies.map((reply) => reply.text);
    };
    await queueOnce(db.models, {
      dedupeKey: 'reminder-now',
      channel: 'simulator',
      chatId: phone,
      message: { text: 'Pengingat laporan mingguan' },
      dueAt: clock(),
    });
    expect(await fresh()).toEqual(['Pengingat laporan mingguan']);
    expect(await fresh()).toEqual([]);

    // The page keeps asking while its person writes: every reply reaches the page exactly once.
    const shown: string[] = [];
    let writing = true;
    const polling = (async () => {
      while (writing) shown.push(...(await fresh()));
    })();
    for (const text of ['halo', 'lapor', 'MENU', 'lapor', 'BATAL']) shown.push(...(await send(phone, text)));
    writing = false;
    await polling;
    const replies = await db.models.outbox
      .find({ chatId: phone, _id: { $regex: '^reply:' } }, { message: 1 })
      .lean();
    expect(shown.filter((text) => text !== 'Pengingat laporan mingguan').sort()).toEqual(
      replies.map((reply) => (reply.message as { text: string }).text).sort(),
    );
  });
});
