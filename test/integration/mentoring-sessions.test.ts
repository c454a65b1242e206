import type { Server } from 'node:http';
import { simulatorRouters } from '../../src/channels/simulator';
import { databaseReachable } from '../../src/db/connect';
import { cancelSession, moveSession, planSession, type SessionContext } from '../../src/domain/sessions';
import { createHttpApp } from '../../src/http';
import { nextAllowedTime } from '../../src/scheduler';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';

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
      const schedule = await send('jadwal');
      expect(schedule).toContain('Kamis, 3 Desember');
      expect(schedule).toContain('Balai Desa Batulayang: Pembukuan sederhana');
      expect(schedule).toContain('Apakah Bapak/Ibu akan hadir');
      expect(await send('2')).toContain('jawaban Bapak/Ibu sudah kami catat');
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
    const { Types } = await import('mongoose');
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

    expect(await cancelSession(db.models, id, context())).toBe(2);
    expect((await noticesOf(sessionId)).map((notice) => notice.kind)).toEqual(['cancelled', 'cancelled']);
    expect(await db.models.mentoringSessions.findById(id).lean()).toMatchObject({ status: 'cancelled' });
  });
});
