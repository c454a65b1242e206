import type { Server } from 'node:http';
import { Types } from 'mongoose';
import { simulatorRouters } from '../../src/channels/simulator';
import { databaseReachable } from '../../src/db/connect';
import { cancelSession, moveSession, planSession, type SessionContext } from '../../src/domain/sessions';
import { createHttpApp } from '../../src/http';
import { nextAllowedTime } from '../../src/scheduler';
import { createLogger } from '../../src/log';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { useSimulatorChat } from '../support/simulator-chat';

const db = useTestDatabase();
let now = new Date('2026-11-30T03:00:00Z'); // Monday 10:00 in Jakarta
const clock = () => new Date(now.getTime());
const context = (): SessionContext => ({
  now: clock(),
  timeZone: 'Asia/Jakarta',
  allowedFrom: (due) => nextAllowedTime(due, 'Asia/Jakarta', { start: 21 * 60, end: 7 * 60 }),
  fallback: 'simulator',
});

const consent = { purpose: 'test', givenAt: now, channel: 'simulator' };
const base = { cluster: 'kuliner' as const, stage: 'start_up' as const, consent };

async function group() {
  const mentor = await db.models.mentors.create({
    name: 'Rina',
    phone: '+6281311110000',
    type: 'MiBi',
    channels: { telegramUserId: 'rina' },
  });
  const cililin = { ...base, kecamatan: 'Cililin', desa: 'Batulayang', mentors: { mibi: mentor._id } };
  await db.models.participants.create([
    { ...cililin, name: 'Siti', phone: '+6281211110001' },
    { ...cililin, name: 'Euis', phone: '+6281211110002', language: 'en' },
    {
      ...base,
      kecamatan: 'Cihampelas',
      desa: 'Pataruman',
      name: 'Ujang',
      phone: '+6281211110003',
      mentors: { mibi: mentor._id },
    },
  ]);
  return mentor;
}

const noticesOf = async (sessionId: string, status: 'pending' | 'cancelled' = 'pending') =>
  (await db.models.outbox.find({ dedupeKey: { $regex: `^session:${sessionId}:` }, status }).lean()).map(
    (entry) => ({
      kind: entry.dedupeKey.split(':')[3],
      chatId: entry.chatId,
      dueAt: entry.dueAt.toISOString(),
    }),
  );

describe('mentoring sessions', () => {
  let mentorId: Awaited<ReturnType<typeof group>>['_id'];
  let sessionId = '';
  beforeAll(async () => {
    mentorId = (await group())._id;
  });

  it('invites the kecamatan’s participants now and reminds them the day before and two hours before', async () => {
    const planned = await planSession(
      db.models,
      {
        mentor: mentorId,
        startsAt: new Date('2026-12-03T02:00:00Z'),
        place: 'Balai Desa Batulayang',
        topic: 'Pembukuan sederhana',
        kecamatan: 'Cililin',
      },
      context(),
    );
    sessionId = String(planned.sessionId);
    expect(planned.invited).toBe(6);
    const notices = await noticesOf(sessionId);
    expect(notices.filter((notice) => notice.chatId === '+6281211110001')).toEqual([
      { kind: 'invitation', chatId: '+6281211110001', dueAt: now.toISOString() },
      { kind: 'day_before', chatId: '+6281211110001', dueAt: '2026-12-02T02:00:00.000Z' },
      { kind: 'two_hours_before', chatId: '+6281211110001', dueAt: '2026-12-03T00:00:00.000Z' },
    ]);
    const invitation = await db.models.outbox
      .findOne({ dedupeKey: { $regex: `^session:${sessionId}:.*:invitation:` }, chatId: '+6281211110002' })
      .lean();
    expect((invitation?.message as { text: string }).text).toContain(
      'Mentoring session: Pembukuan sederhana\nThursday 3 December',
    );
  });

  it('lets a participant answer from the menu and tells the mentor of a decline', async () => {
    const app = createHttpApp({
      databaseReady: () => databaseReachable(db.connection),
      routers: simulatorRouters({
        models: db.models,
        conversations: testConversationService(db.models, clock),
        clock,
      }),
    });
    const server: Server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const address = server.address();
    const send = async (text: string) => {
      const response = await fetch(
        `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/simulator/messages`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ from: '+6281211110001', text }),
        },
      );
      return ((await response.json()) as { replies: { text: string }[] }).replies
        .map((reply) => reply.text)
        .join('\n');
    };
    try {
      // She opens the simulator: the page reads the conversation, which delivers her invitation.
      const opened = await fetch(
        `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/simulator/conversations/${encodeURIComponent('+6281211110001')}`,
      );
      const { lines } = (await opened.json()) as { lines: { text: string }[] };
      expect(lines.map((line) => line.text).join('\n')).toContain('Pembukuan sederhana');
      const schedule = await send('jadwal');
      expect(schedule).toContain('Kamis, 3 Desember');
      expect(schedule).toContain('Balai Desa Batulayang: Pembukuan sederhana');
      expect(schedule).toContain('Apakah Bapak/Ibu akan hadir');
      expect(await send('2')).toContain('jawaban Bapak/Ibu sudah kami catat dan sampaikan ke pendamping');
    } finally {
      server.close();
    }
    const siti = await db.models.participants.findOne({ phone: '+6281211110001' }).lean();
    expect(await db.models.sessionResponses.findOne({ participant: siti?._id }).lean()).toMatchObject({
      answer: 'decline',
    });
    const toMentor = await db.models.outbox.findOne({ chatId: 'rina' }).lean();
    expect((toMentor?.message as { text: string }).text).toBe(
      'Siti (Batulayang) tidak bisa hadir untuk pendampingan "Pembukuan sederhana".',
    );
  });

  it('moves the reminders with the session, and cancels them with it', async () => {
    now = new Date('2026-11-30T05:00:00Z');
    const id = new Types.ObjectId(sessionId);
    expect(await moveSession(db.models, id, new Date('2026-12-04T07:00:00Z'), context())).toBe(6);
    // Siti's invitation was already delivered (she opened the simulator); the rest still waited.
    expect((await noticesOf(sessionId, 'cancelled')).map((notice) => notice.kind).sort()).toEqual([
      'day_before',
      'day_before',
      'invitation',
      'two_hours_before',
      'two_hours_before',
    ]);
    expect((await noticesOf(sessionId)).filter((notice) => notice.chatId === '+6281211110001')).toEqual([
      { kind: 'moved', chatId: '+6281211110001', dueAt: now.toISOString() },
      { kind: 'day_before', chatId: '+6281211110001', dueAt: '2026-12-03T07:00:00.000Z' },
      { kind: 'two_hours_before', chatId: '+6281211110001', dueAt: '2026-12-04T05:00:00.000Z' },
    ]);
    expect(await db.models.sessionResponses.countDocuments({ session: id })).toBe(0);

    // Moved back to its first time: the reminders of that time go out again, not taken for the
    // cancelled ones.
    now = new Date(now.getTime() + 60_000);
    expect(await moveSession(db.models, id, new Date('2026-12-03T02:00:00Z'), context())).toBe(6);
    expect((await noticesOf(sessionId)).filter((notice) => notice.chatId === '+6281211110001')).toEqual([
      { kind: 'moved', chatId: '+6281211110001', dueAt: now.toISOString() },
      { kind: 'day_before', chatId: '+6281211110001', dueAt: '2026-12-02T02:00:00.000Z' },
      { kind: 'two_hours_before', chatId: '+6281211110001', dueAt: '2026-12-03T00:00:00.000Z' },
    ]);

    expect(await cancelSession(db.models, id, context())).toBe(2);
    expect((await noticesOf(sessionId)).map((notice) => notice.kind)).toEqual(['cancelled', 'cancelled']);
    expect(await db.models.mentoringSessions.findById(id).lean()).toMatchObject({ status: 'cancelled' });
  });
});

describe('a mentor plans a session and records attendance from chat', () => {
  const MENTOR = '+6281311112222';
  let counter = 0;
  /** What the bot answered the mentor in the simulator. */
  async function mentorSays(text: string): Promise<string> {
    const service = testConversationService(db.models, clock);
    const before = await db.models.outbox.countDocuments({ chatId: MENTOR });
    now = new Date(now.getTime() + 1000);
    await service.receive({
      channel: 'simulator',
      chatId: MENTOR,
      platformMessageId: `mentor-${++counter}`,
      receivedAt: clock(),
      text,
    });
    const replies = await db.models.outbox.find({ chatId: MENTOR }).sort({ order: 1 }).skip(before).lean();
    return replies.map((entry) => (entry.message as { text: string }).text).join('\n');
  }

  let dewi: { _id: Types.ObjectId };
  beforeAll(async () => {
    now = new Date('2026-11-30T03:00:00Z'); // Monday 10:00
    dewi = await db.models.mentors.create({ name: 'Dewi', phone: MENTOR, type: 'TKSK' });
    const mine = { ...base, mentors: { tksk: dewi._id } };
    await db.models.participants.create([
      { ...mine, kecamatan: 'Cipatat', desa: 'Mandalasari', name: 'Aminah', phone: '+6281211120001' },
      { ...mine, kecamatan: 'Cipatat', desa: 'Mandalasari', name: 'Bariah', phone: '+6281211120002' },
      { ...mine, kecamatan: 'Cipatat', desa: 'Rajamandala', name: 'Cucu', phone: '+6281211120003' },
      {
        ...mine,
        kecamatan: 'Cikalong',
        desa: 'Puteran',
        name: 'Dedeh',
        phone: '+6281211120004',
        cluster: 'ritel',
      },
    ]);
  });

  it('plans a session for a kecamatan through a guided flow, with invitations and reminders', async () => {
    expect(await mentorSays('halo')).toContain('SESI: jadwalkan pendampingan');
    expect(await mentorSays('SESI')).toContain('Topiknya?');
    expect(await mentorSays('2')).toContain('Kapan?');
    expect(await mentorSays('kemarin 9.00')).toContain('contoh: Kamis 3/12 09.00');
    expect(await mentorSays('kamis 3/12 jam 9')).toContain('Di mana?');
    expect(await mentorSays('Balai Desa Mandalasari')).toContain('Siapa yang diundang?');
    expect(await mentorSays('2')).toContain('Kecamatan mana?');
    expect(await mentorSays('Cianjur')).toContain(
      'Tidak ada peserta Bapak/Ibu di kecamatan "Cianjur". Kecamatan peserta Bapak/Ibu: Cikalong, Cipatat.',
    );
    await mentorSays('2');
    const summary = await mentorSays('cipatat');
    expect(summary).toContain('Pendampingan "Pembukuan"');
    expect(summary).toContain('Kamis, 3 Desember');
    expect(summary).toContain('09.00, di Balai Desa Mandalasari');
    expect(summary).toContain('Diundang: 3 peserta: Aminah, Bariah, Cucu');
    expect(await mentorSays('1')).toContain('Undangan dikirim ke 3 peserta');
    const session = await db.models.mentoringSessions.findOne({ mentor: dewi._id }).lean();
    expect(session).toMatchObject({
      topic: 'Pembukuan',
      place: 'Balai Desa Mandalasari',
      startsAt: new Date('2026-12-03T02:00:00Z'),
    });
    expect(session?.participants).toHaveLength(3);
    const invitations = await db.models.outbox
      .find({ dedupeKey: { $regex: `^session:${String(session?._id)}:.*:invitation` } })
      .lean();
    expect(invitations.map((entry) => entry.chatId).sort()).toEqual([
      '+6281211120001',
      '+6281211120002',
      '+6281211120003',
    ]);
    expect(await mentorSays('jadwal')).toContain('Pembukuan · Balai Desa Mandalasari: 3 diundang');
  });

  it('picks participants by number, refusing a number not on the list', async () => {
    await mentorSays('sesi');
    await mentorSays('pemasaran');
    await mentorSays('besok 14.00');
    await mentorSays('Rumah Bu Dedeh');
    const list = await mentorSays('4');
    expect(list).toContain('1. Dedeh (Puteran)');
    expect(await mentorSays('1 9')).toContain('"9" bukan nomor dalam daftar (1 sampai 4)');
    await mentorSays('4');
    expect(await mentorSays('1')).toContain('Diundang: 1 peserta: Dedeh');
    expect(await mentorSays('batal')).toContain('dibatalkan');
    expect(await db.models.mentoringSessions.countDocuments({ mentor: dewi._id })).toBe(1);
  });

  it('records who came after the session began, and a correction replaces the first answer', async () => {
    now = new Date('2026-12-03T04:00:00Z'); // Thursday 11:00
    const asked = await mentorSays('HADIR');
    expect(asked).toContain('Kehadiran "Pembukuan", Kamis, 3 Desember');
    expect(asked).toContain('1. Aminah (Mandalasari)\n2. Bariah (Mandalasari)\n3. Cucu (Rajamandala)');
    expect(await mentorSays('1 dan 3')).toContain('bukan nomor dalam daftar');
    expect(await mentorSays('1 3')).toContain('Kehadiran tercatat: 2 dari 3 peserta hadir.');
    await mentorSays('hadir');
    expect(await mentorSays('semua')).toContain('Kehadiran tercatat: 3 dari 3 peserta hadir.');
    const session = await db.models.mentoringSessions.findOne({ mentor: dewi._id }).lean();
    expect(session?.status).toBe('done');
    const attendance = await db.models.sessionAttendance.find({ session: session?._id }).lean();
    expect(attendance).toHaveLength(3);
    expect(attendance.every((entry) => entry.present)).toBe(true);
  });

  it('acts from the digest with one tap: reminds a participant once a day, plans a visit to one', async () => {
    const [aminah, cucu] = await Promise.all([
      db.models.participants.findOne({ name: 'Aminah' }).lean(),
      db.models.participants.findOne({ name: 'Cucu' }).lean(),
    ]);
    const tap = async (choice: string) => {
      const service = testConversationService(db.models, clock);
      const before = await db.models.outbox.countDocuments({ chatId: MENTOR });
      now = new Date(now.getTime() + 1000);
      await service.receive({
        channel: 'simulator',
        chatId: MENTOR,
        platformMessageId: `mentor-tap-${++counter}`,
        receivedAt: clock(),
        choice,
      });
      const replies = await db.models.outbox.find({ chatId: MENTOR }).sort({ order: 1 }).skip(before).lean();
      return replies.map((entry) => (entry.message as { text: string }).text).join('\n');
    };
    expect(await tap(`nudge:${String(aminah?._id)}`)).toBe('Pengingat dikirim ke Aminah.');
    const nudge = await db.models.outbox
      .findOne({ dedupeKey: new RegExp(`^mentor-nudge:${String(aminah?._id)}:`) })
      .lean();
    expect(nudge).toMatchObject({ chatId: '+6281211120001' });
    expect((nudge?.message as { text: string }).text).toContain('salam dari Dewi, pendamping Bapak/Ibu');
    expect(await tap(`nudge:${String(aminah?._id)}`)).toBe('Aminah sudah diingatkan hari ini.');
    const someoneElses = await db.models.participants.findOne({ name: 'Siti' }).lean();
    expect(await tap(`nudge:${String(someoneElses?._id)}`)).toBe('Peserta itu bukan dampingan Bapak/Ibu.');

    expect(await tap(`visit:${String(cucu?._id)}`)).toContain('Topiknya?');
    await mentorSays('6');
    await mentorSays('besok 10.00');
    expect(await mentorSays('Rumah Bu Cucu')).toContain('Diundang: 1 peserta: Cucu');
    expect(await mentorSays('1')).toContain('Undangan dikirim ke 1 peserta');
    const visit = await db.models.mentoringSessions
      .findOne({ mentor: dewi._id, place: 'Rumah Bu Cucu' })
      .lean();
    expect(visit?.participants.map(String)).toEqual([String(cucu?._id)]);
  });

  it('takes the digest’s actions typed as words where the app has no buttons', async () => {
    now = new Date(now.getTime() + 86_400_000); // the next day: yesterday's reminders do not count
    expect(await mentorSays('INGATKAN bariah')).toBe('Pengingat dikirim ke Bariah.');
    expect(await mentorSays('ingatkan Bariah')).toBe('Bariah sudah diingatkan hari ini.');
    // Another mentor's participant is not found by name, so nothing tells that she exists.
    expect(await mentorSays('ingatkan Siti')).toBe('Tidak ada peserta dampingan Bapak/Ibu bernama "Siti".');
    expect(await mentorSays('kunjungi cu')).toContain('Topiknya?');
    expect(await mentorSays('batal')).toContain('dibatalkan');
    const digest = await mentorSays('RINGKASAN');
    expect(digest).toContain('Bariah');
  });

  it('says when the invitations will go when they wait for quiet hours to end', async () => {
    now = new Date('2026-12-02T15:00:00Z'); // Wednesday 22:00 in Jakarta, in quiet hours
    await mentorSays('SESI');
    await mentorSays('2');
    await mentorSays('besok 10.00');
    await mentorSays('Balai Desa Mandalasari');
    await mentorSays('2');
    await mentorSays('cipatat');
    const planned = await mentorSays('1');
    expect(planned).toContain(
      'Undangan untuk 3 peserta akan dikirim Kamis, 3 Desember pukul 07.00, setelah jam tenang',
    );
    expect(planned).not.toContain('Undangan dikirim');
  });
  it('speaks English to a mentor who asks for it: replies, the digest and its actions, the flows', async () => {
    now = new Date('2026-12-05T03:00:00Z'); // Saturday 10:00 in Jakarta
    expect(await mentorSays('BAHASA EN')).toBe('All right: messages to you are now in English.');
    expect(await db.models.mentors.findOne({ phone: MENTOR }, { language: 1 }).lean()).toMatchObject({
      language: 'en',
    });
    expect(await mentorSays('halo')).toContain('Hello, mentor. Type:');
    expect(await mentorSays('REMIND bariah')).toBe('Reminder sent to Bariah.');
    expect(await mentorSays('ingatkan Bariah')).toBe('Bariah has already been reminded today.');
    expect(await mentorSays('ingatkan Siti')).toBe('None of your participants is called "Siti".');
    expect(await mentorSays('SUMMARY')).toContain('Mentoring digest');
    const digest = await db.models.outbox.findOne({ chatId: MENTOR }).sort({ order: -1 }).lean();
    const choices = (digest?.message as { choices?: { label: string; typed: string }[] }).choices ?? [];
    expect(choices[0]?.label).toMatch(/^🔔 Remind /);
    expect(choices[0]?.typed).toMatch(/^REMIND /);
    expect(await mentorSays('SESI')).toContain('Plan a mentoring session');
    await mentorSays('batal');
    expect(await mentorSays('/bahasa id')).toBe(
      'Baik, Bapak/Ibu: pesan untuk Bapak/Ibu kini dalam Bahasa Indonesia.',
    );
    expect(await mentorSays('halo')).toContain('Halo, Bapak/Ibu pendamping.');
  });
});

describe('an answer to a session whose mentor has no chat app on record', () => {
  const chat = useSimulatorChat(() => db.models, clock, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));

  it('is recorded for the dashboard, and the participant is not told it was passed on', async () => {
    const dedi = await db.models.mentors.create({ name: 'Dedi', phone: '+6281311110099', type: 'TKSK' });
    const participant = await db.models.participants.create({
      ...base,
      kecamatan: 'Cipongkor',
      desa: 'Sirnagalih',
      name: 'Imas',
      phone: '+6281211110099',
      mentors: { tksk: dedi._id },
    });
    const { sessionId } = await planSession(
      db.models,
      {
        mentor: dedi._id,
        startsAt: new Date(now.getTime() + 3 * 86_400_000),
        place: 'Balai Desa Sirnagalih',
        topic: 'Menabung',
        kecamatan: 'Cipongkor',
      },
      context(),
    );
    expect((await chat.send('+6281211110099', 'jadwal')).join('\n')).toContain('Apakah Bapak/Ibu akan hadir');
    const reply = (await chat.send('+6281211110099', '3')).join('\n');
    expect(reply).toContain('jawaban Bapak/Ibu sudah kami catat; pendamping akan melihatnya di dasbor');
    expect(reply).not.toContain('sampaikan ke pendamping');
    expect(
      await db.models.sessionResponses.findOne({ session: sessionId, participant: participant._id }).lean(),
    ).toMatchObject({ answer: 'reschedule' });
    expect(
      await db.models.outbox.countDocuments({
        dedupeKey: { $regex: '^session-answer:' + String(sessionId) },
      }),
    ).toBe(0);
  });
});
