import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultSchedule } from '../support/schedule';
import { NikVault } from '../../src/domain/identity';
import { storePuskesos } from '../../src/imports/store';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram';
import { createLogger } from '../../src/log';
import { JobRunner, programJobs } from '../../src/scheduler';
import {
  BotApiStandIn,
  eventually,
  groupMessageUpdate,
  messageUpdate,
  STAND_IN_BOT,
  type SentMessage,
} from '../support/bot-api-stand-in';
import type { ConversationService } from '../../src/conversations';
import { simulatorRouters } from '../../src/channels/simulator';
import { createHttpApp } from '../../src/http';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';

/**
 * A complaint's whole life over Telegram: a participant files it in a private chat, the Puskesos staff
 * handle it from their group and their own chats, the participant answers and rates, and deadlines
 * escalate with a clock the test moves. Real grammY bot, real database, a Bot API stand-in.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
/**
 * The service's clock runs at the pace of real time (Telegram's per-chat pacing waits on it) from a
 * moment the test sets: `setNow` moves it.
 */
let offset = 0;
const clock = () => new Date(Date.now() + offset);
const setNow = (iso: string) => {
  offset = new Date(iso).getTime() - Date.now();
};
setNow('2026-11-30T02:00:00Z'); // Monday 30 November, 09:00 in Jakarta

const GROUP = -1001234567890;
const SITI = 5_100_001;
const RINA = 5_200_001; // front office
const BUDI = 5_200_002; // back office
const ASEP = 5_200_003; // koordinator
const DINSOS = 5_200_004; // Dinsos admin
const JOKO = 5_200_009; // in the group, not staff
const NUMBER = 'PGD-2026-000001';
const BANKBOOK = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 9)]);

let standIn: BotApiStandIn;
let channel: TelegramChannel;
let conversations: ConversationService;

beforeAll(async () => {
  // Stored as the import stores it (an upsert), which leaves out the lists a new document would get.
  await storePuskesos(
    [
      {
        row: 2,
        name: 'Puskesos Lumpaat',
        desa: 'Batulayang',
        kecamatan: 'Cililin',
        services: ['PKH', 'KIS'],
        sla: {},
      },
    ],
    { models: db.models, nikVault: new NikVault(randomBytes(32)) },
  );
  const puskesos = await db.models.puskesos.findOne({ name: 'Puskesos Lumpaat' }).orFail().lean();
  const staff = (
    name: string,
    phone: string,
    role: 'front_office' | 'back_office' | 'koordinator' | 'admin',
    telegramUserId: number,
    inPuskesos = true,
  ) => ({
    name,
    phone,
    role,
    ...(inPuskesos ? { puskesos: puskesos._id } : {}),
    channels: { telegramUserId: String(telegramUserId) },
  });
  await db.models.staff.create([
    staff('Rina', '+6281300000001', 'front_office', RINA),
    staff('Budi', '+6281300000002', 'back_office', BUDI),
    staff('Asep', '+6281300000003', 'koordinator', ASEP),
    staff('Dewi (Dinsos)', '+6281300000004', 'admin', DINSOS, false),
  ]);
  await db.models.participants.create(
    siti('+6281200007777', { consentedOn: 'telegram', telegramUserId: SITI }),
  );

  standIn = await BotApiStandIn.start();
  conversations = testConversationService(db.models, clock, logger);
  channel = createTelegramChannel({
    token: standIn.token,
    apiRoot: standIn.apiRoot,
    models: db.models,
    conversations,
    logger,
    clock,
    botInfo: STAND_IN_BOT,
  });
  await channel.start();
});

afterAll(async () => {
  await channel?.stop();
  await standIn?.close();
});

/** The bot's messages to a chat, once there are more than `seen`. */
const after = (chatId: number, seen: number) =>
  eventually(() => standIn.sentTo(chatId).length > seen && standIn.sentTo(chatId).slice(seen), {
    what: `a new message to ${chatId}`,
  });

/**
 * Sends a message and returns the bot's answers in `chatId` (the sender's chat by default) once
 * everything it set off is handled and delivered.
 */
async function say(
  from: number,
  text: string,
  options: { group?: boolean; replyTo?: SentMessage; photo?: Buffer } = {},
) {
  const chatId = options.group ? GROUP : from;
  const seen = standIn.sentTo(chatId).length;
  if (options.photo) standIn.addFile(`photo-${seen}`, options.photo);
  const photo = options.photo
    ? {
        photo: [
          {
            file_id: `photo-${seen}`,
            file_unique_id: `u-${seen}`,
            width: 640,
            height: 480,
            file_size: options.photo.length,
          },
        ],
      }
    : {};
  standIn.queueUpdate(
    options.group
      ? groupMessageUpdate(GROUP, from, text, options.replyTo)
      : messageUpdate(from, options.photo ? { caption: text, ...photo } : { text }),
  );
  await after(chatId, seen);
  await eventually(
    async () =>
      !(await db.models.inboundMessages.exists({ status: 'received' })) &&
      !(await db.models.outbox.exists({ status: 'pending', dueAt: { $lte: clock() } })),
    { what: 'everything handled and sent' },
  );
  return standIn
    .sentTo(chatId)
    .slice(seen)
    .map((message) => message.text)
    .join('\n');
}

const complaint = () => db.models.complaints.findOne({ number: NUMBER }).lean();
const lastTo = (chatId: number) => standIn.sentTo(chatId).at(-1)?.text ?? '';
const postOf = () =>
  standIn.sentTo(GROUP).find((message) => message.text.startsWith(`Pengaduan baru ${NUMBER}`));

describe('a complaint from a participant on Telegram to the Puskesos staff group and back', () => {
  it('makes a group the staff group when a registered staff member asks', async () => {
    expect(await say(RINA, '/daftargrup@pendamping_test_bot', { group: true })).toBe(
      'Grup ini sekarang menerima pengaduan untuk Puskesos Lumpaat.',
    );
    // Asked again (by another member, say): the group is not added twice.
    expect(await say(BUDI, '/daftargrup', { group: true })).toBe(
      'Grup ini sekarang menerima pengaduan untuk Puskesos Lumpaat.',
    );
    const puskesos = await db.models.puskesos.findOne({ name: 'Puskesos Lumpaat' }).lean();
    expect(puskesos?.staffGroups).toEqual([{ channel: 'telegram', chatId: String(GROUP) }]);
  });

  it('posts a participant’s complaint to the group with its number and a masked phone', async () => {
    await say(SITI, 'halo');
    await say(SITI, '3');
    await say(SITI, '1');
    await say(SITI, 'Bantuan PKH tahap 4 belum masuk ke rekening saya');
    await say(SITI, 'buku tabungan', { photo: BANKBOOK });
    const seenInGroup = standIn.sentTo(GROUP).length;
    expect(await say(SITI, '1')).toContain(`Nomor pengaduan Bapak/Ibu: ${NUMBER} (Puskesos Lumpaat)`);
    const [post] = await after(GROUP, seenInGroup);
    expect(post?.text).toContain(`Pengaduan baru ${NUMBER}`);
    expect(post?.text).toContain('Kategori: PKH');
    expect(post?.text).toContain('Desa: Batulayang');
    expect(post?.text).toContain('Pelapor: 0812-****-7777 (peserta ProKUS)');
    expect(post?.text).not.toContain('+6281200007777');
    // Her photo goes with the post, as a photo with the post as its caption.
    expect(post?.text).toContain('Foto: 1 (terlampir)');
    expect(post?.photo?.equals(BANKBOOK)).toBe(true);
    // Telegram is now the app she last wrote from: reminders for her go there first.
    const siti = await db.models.participants.findOne({ phone: '+6281200007777' }).lean();
    expect(siti?.channels?.lastUsed).toBe('telegram');
    expect(await complaint()).toMatchObject({
      status: 'new',
      complainantChat: { channel: 'telegram', chatId: String(SITI) },
      // Monday 09:00 + 1 working day; + 5 working days.
      acknowledgeBy: new Date('2026-12-01T02:00:00Z'),
      answerBy: new Date('2026-12-07T02:00:00Z'),
      dueAt: new Date('2026-12-01T02:00:00Z'),
    });
  });

  it('ignores, and does not store, commands from someone in the group who is not staff', async () => {
    const seen = standIn.sentTo(GROUP).length;
    standIn.queueUpdate(groupMessageUpdate(GROUP, JOKO, '/ambil', postOf()));
    standIn.queueUpdate(groupMessageUpdate(GROUP, JOKO, 'ngobrol biasa antar anggota'));
    // Rina's status request after them shows they were handled (in order) and left no trace.
    expect(await say(RINA, `/status ${NUMBER}`, { group: true })).toContain(`${NUMBER}: diterima sistem`);
    expect(standIn.sentTo(GROUP).slice(seen)).toHaveLength(1);
    expect((await complaint())?.status).toBe('new');
    expect(
      await db.models.inboundMessages.countDocuments({ 'payload.text': 'ngobrol biasa antar anggota' }),
    ).toBe(0);
  });

  it('gives the complaint to one of two staff taking it at once and tells the other who has it', async () => {
    const seenGroup = standIn.sentTo(GROUP).length;
    const seenBudi = standIn.sentTo(BUDI).length;
    standIn.queueUpdate(groupMessageUpdate(GROUP, RINA, '/ambil', postOf()));
    standIn.queueUpdate(messageUpdate(BUDI, { text: `/ambil ${NUMBER}` }));
    const answers = [
      ...(await after(GROUP, seenGroup)).map((message) => message.text),
      ...(await after(BUDI, seenBudi)).map((message) => message.text),
    ].join('\n');
    const taken = await complaint();
    const winner = taken?.assigneeName;
    const loser = winner === 'Rina' ? 'Budi' : 'Rina';
    expect(['Rina', 'Budi']).toContain(winner);
    expect(taken?.status).toBe('in_progress');
    expect(answers).toContain(`${NUMBER} diambil oleh ${winner}.`);
    expect(answers).toContain(`${NUMBER} sudah diambil oleh ${winner}.`);
    expect(taken?.events.filter((event) => event.to === 'in_progress')).toHaveLength(1);
    expect(loser).not.toBe(winner);
    // Siti hears, once, that her complaint is being handled.
    await eventually(() => lastTo(SITI) === `Pengaduan ${NUMBER} sedang ditangani. Puskesos Lumpaat`);
    expect(standIn.sentTo(SITI).filter((message) => message.text.includes('sedang ditangani'))).toHaveLength(
      1,
    );
  });

  it('relays a staff reply to the complainant, signed by the Puskesos, and her answer back to the group', async () => {
    const seenSiti = standIn.sentTo(SITI).length;
    expect(
      await say(RINA, 'Baik Bu, kami cek ke bank penyalur hari ini.', { group: true, replyTo: postOf() }),
    ).toBe(`${NUMBER}: balasan Rina terkirim ke pelapor.`);
    const toSiti = (
      await eventually(
        () => standIn.sentTo(SITI).length >= seenSiti + 2 && standIn.sentTo(SITI).slice(seenSiti),
      )
    )
      .map((message) => message.text)
      .join('\n');
    expect(toSiti).toContain(
      `Balasan Puskesos Lumpaat untuk pengaduan ${NUMBER}:\nBaik Bu, kami cek ke bank penyalur hari ini.`,
    );
    expect(toSiti).not.toMatch(/Rina|\+62813/);
    expect(toSiti).toContain(`Untuk membalas petugas tentang ${NUMBER}`);

    const seenGroup = standIn.sentTo(GROUP).length;
    expect(await say(SITI, 'Terima kasih, saya tunggu kabarnya')).toContain('sudah kami teruskan');
    const [relayed] = await after(GROUP, seenGroup);
    expect(relayed?.text).toBe(
      `Pesan pelapor untuk ${NUMBER}:\nTerima kasih, saya tunggu kabarnya\n\n(Balas pesan ini untuk menjawab.)`,
    );
  });

  it('refers and keeps internal notes away from the complainant', async () => {
    const seenSiti = standIn.sentTo(SITI).length;
    expect(
      await say(RINA, '/catatan sudah telepon BRI unit Cililin', { group: true, replyTo: postOf() }),
    ).toContain('catatan internal');
    expect(await say(RINA, '/rujuk Dinas Sosial Kabupaten', { group: true, replyTo: postOf() })).toBe(
      `${NUMBER} dirujuk ke Dinas Sosial Kabupaten oleh Rina.`,
    );
    const [referral] = await after(SITI, seenSiti);
    expect(referral?.text).toBe(
      `Pengaduan ${NUMBER} dirujuk ke layanan lain (Dinas Sosial Kabupaten). Puskesos Lumpaat`,
    );
    expect(
      standIn
        .sentTo(SITI)
        .map((message) => message.text)
        .join('\n'),
    ).not.toContain('BRI unit Cililin');
    expect((await complaint())?.events.find((event) => event.kind === 'note')).toMatchObject({
      text: 'sudah telepon BRI unit Cililin',
      byName: 'Rina',
    });
    // Staff read the history in words: the category's name, a reply and a note as such.
    const status = await say(RINA, `/status ${NUMBER}`, { group: true });
    expect(status).toContain('Kategori: PKH (bantuan tunai) · Desa: Batulayang');
    expect(status).toContain('Rina: catatan internal: sudah telepon BRI unit Cililin');
    expect(status).toContain('pelapor: pesan pelapor: Terima kasih, saya tunggu kabarnya');
    expect(status).not.toMatch(/\b(reply|note|message|pkh):/);
  });

  it('asks for a rating when answered; "not solved" reopens it; a second answer is rated and closes it', async () => {
    const seenSiti = standIn.sentTo(SITI).length;
    await say(RINA, '/selesai Dana sudah ditransfer ulang oleh bank.', { group: true, replyTo: postOf() });
    await eventually(() => lastTo(SITI).includes('sudah selesai?'));
    const toSiti = standIn
      .sentTo(SITI)
      .slice(seenSiti)
      .map((message) => message.text)
      .join('\n');
    expect(toSiti).toContain(
      `Balasan Puskesos Lumpaat untuk pengaduan ${NUMBER}:\nDana sudah ditransfer ulang oleh bank.\n\nPengaduan ${NUMBER} sudah dijawab. Puskesos Lumpaat`,
    );

    expect(await say(SITI, '2')).toContain('Ketik angka 1 sampai 5');
    expect(await say(SITI, '2')).toContain('Ada komentar atau saran?');
    const seenGroup = standIn.sentTo(GROUP).length;
    expect(await say(SITI, 'Uangnya belum masuk juga')).toContain('Pengaduan kami buka kembali');
    const reopened = await complaint();
    expect(reopened).toMatchObject({ status: 'reopened', rating: { score: 2, solved: false } });
    expect(reopened?.dueAt?.getTime()).toBeGreaterThan(clock().getTime());
    const news = (await after(GROUP, seenGroup)).map((message) => message.text).join('\n');
    expect(news).toContain(`${NUMBER}: penilaian pelapor 2/5: Uangnya belum masuk juga.`);
    expect(news).toContain(`${NUMBER} dibuka kembali oleh pelapor: Uangnya belum masuk juga.`);

    await say(RINA, '/selesai Sudah masuk hari ini, Bu.', { group: true, replyTo: postOf() });
    await eventually(() => lastTo(SITI).includes('sudah selesai?'));
    await say(SITI, '1');
    await say(SITI, '5');
    expect(await say(SITI, '-')).toContain('Pengaduan kami tutup');
    expect(await complaint()).toMatchObject({ status: 'closed', rating: { score: 5, solved: true } });
    expect((await complaint())?.dueAt).toBeUndefined();
    expect(await say(SITI, `status ${NUMBER}`)).toContain(
      `Pengaduan ${NUMBER} (PKH (bantuan tunai)): selesai dan ditutup`,
    );
    expect(await say(SITI, 'menu')).toContain('8. Pengaduan saya');
    expect(await say(SITI, '8')).toContain(`${NUMBER} (PKH (bantuan tunai)): selesai dan ditutup`);
    // Closed: the staff cannot reply any more without reopening it.
    expect(await say(BUDI, `/tutup ${NUMBER}`)).toBe(
      `${NUMBER} sudah ditutup. Ketik /buka untuk membukanya kembali.`,
    );
  });

  it('does not let staff of the group act on a complaint that is not their Puskesos’s', async () => {
    const other = await db.models.puskesos.create({
      name: 'Puskesos Lain',
      desa: 'Mukapayung',
      kecamatan: 'Cililin',
    });
    await db.models.complaints.create({
      number: 'PGD-2025-000900',
      puskesos: other._id,
      desa: 'Mukapayung',
      category: 'kis',
      text: 'Kartu KIS hilang',
      events: [],
    });
    expect(await say(BUDI, '/ambil PGD-2025-000900')).toBe('PGD-2025-000900 bukan pengaduan Puskesos Anda.');
    expect((await db.models.complaints.findOne({ number: 'PGD-2025-000900' }).lean())?.status).toBe('new');
  });
});

describe('complaint deadlines, with a clock the test moves', () => {
  const runner = () =>
    new JobRunner(db.models, programJobs(db.models, defaultSchedule(['2026-12-25'])), clock, logger).tick();

  it('reminds before the deadline, alerts the koordinator after it and the Dinsos a working day later, once each', async () => {
    setNow('2026-12-02T01:00:00Z'); // Wednesday 08:00
    await say(SITI, 'menu');
    await say(SITI, '3');
    await say(SITI, '2');
    await say(SITI, 'Modal usaha tahap dua belum diterima kelompok kami');
    await say(SITI, '-');
    expect(await say(SITI, '1')).toContain('PGD-2026-000002');
    // Due Thursday 08:00. At 05:00 on Thursday, within 4 hours of it: the front office group is reminded.
    setNow('2026-12-02T22:30:00Z'); // Thursday 05:30: still quiet hours, sent at 07:00
    const seenGroup = standIn.sentTo(GROUP).length;
    await runner();
    const reminder = await db.models.outbox
      .findOne({ dedupeKey: /^complaint-sla:PGD-2026-000002:.*:reminder:/ })
      .lean();
    expect(reminder).toMatchObject({ chatId: String(GROUP), dueAt: new Date('2026-12-03T00:00:00Z') });
    setNow('2026-12-03T00:00:00Z'); // 07:00
    const [toGroup] = await after(GROUP, seenGroup);
    expect(toGroup?.text).toMatch(
      /^Pengingat: PGD-2026-000002 \(ProKUS \(modal usaha\), Batulayang, Puskesos Lumpaat\)/,
    );

    setNow('2026-12-03T02:00:00Z'); // Thursday 09:00: overdue
    const seenAsep = standIn.sentTo(ASEP).length;
    await runner();
    const [toAsep] = await after(ASEP, seenAsep);
    expect(toAsep?.text).toMatch(/^TERLAMBAT: PGD-2026-000002 .*belum diambil petugas/);
    const escalations = () => standIn.sentTo(DINSOS).filter((message) => message.text.startsWith('ESKALASI'));
    expect(escalations()).toHaveLength(0);

    setNow('2026-12-04T02:00:00Z'); // Friday 09:00: a working day later
    await runner();
    const [toDinsos] = await eventually(() => escalations().length > 0 && escalations());
    expect(toDinsos?.text).toMatch(/^ESKALASI Dinsos: PGD-2026-000002/);

    setNow('2026-12-04T03:00:00Z'); // an hour later: nothing new for anyone
    await runner();
    const alerts = await db.models.outbox.find({ dedupeKey: /^complaint-sla:PGD-2026-000002:/ }).lean();
    expect(alerts.map((alert) => alert.dedupeKey.split(':')[5]).sort()).toEqual([
      'escalated',
      'overdue',
      'reminder',
    ]);
  });

  it('gives the staff their open complaints each working morning, overdue first', async () => {
    setNow('2026-12-07T00:45:00Z'); // Monday 07:45
    const ran = await runner();
    expect(ran).toContain('staff-digest:2026-12-07');
    const digest = await db.models.outbox.findOne({ dedupeKey: /^staff-digest:2026-12-07:/ }).lean();
    const text = (digest?.message as { text: string }).text;
    expect(text.split('\n')[0]).toBe('Pengaduan terbuka Puskesos Lumpaat: 1, terlambat 1');
    expect(text).toContain('⚠️ PGD-2026-000002');
    setNow('2026-12-12T01:00:00Z'); // Saturday: no list
    expect(await runner()).not.toContainEqual(expect.stringMatching(/^staff-digest/));
  });
});

describe('a complaint tried in the simulator', () => {
  it('reaches the staff group with a picture standing in for its photo', async () => {
    await db.models.participants.create(siti('+6281200008888', { consentedOn: 'simulator', at: clock() }));
    const app = createHttpApp({
      databaseReady: async () => true,
      routers: simulatorRouters({ models: db.models, conversations, clock }),
      logger,
    });
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const { port } = server.address() as AddressInfo;
    const send = async (message: { text: string } | { photo: string }) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/simulator/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: '+6281200008888', ...message }),
      });
      expect(response.ok).toBe(true);
    };
    try {
      const seen = standIn.sentTo(GROUP).length;
      for (const text of ['halo', '3', '1', 'Kartu KKS saya rusak, bantuan tidak bisa diambil'])
        await send({ text });
      await send({ photo: 'kartu-kks.jpg' });
      await send({ text: '1' });
      const post = await eventually(
        () =>
          standIn
            .sentTo(GROUP)
            .slice(seen)
            .find((message) => message.text.startsWith('Pengaduan baru')),
        { what: 'the complaint posted to the staff group' },
      );
      expect(post.text).toContain('Kartu KKS saya rusak');
      // A PNG, as a photo of the group's message.
      expect(post.photo?.subarray(1, 4).toString('ascii')).toBe('PNG');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
