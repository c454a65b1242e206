import { Types } from 'mongoose';
import { firstMessage } from '../../src/conversations/turn/first-message';
import { flow } from '../../src/conversations/turn/flow';
import { globalCommands } from '../../src/conversations/turn/global-commands';
import { handedOver } from '../../src/conversations/turn/handed-over';
import { mentor } from '../../src/conversations/turn/mentor';
import { staff } from '../../src/conversations/turn/staff';
import { statusQuery } from '../../src/conversations/turn/status-query';
import type { TurnHandler } from '../../src/conversations/turn/chain';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';
import { shippedFlows } from '../support/conversations';
import { mentorPerson, message, participant, playHandler, texts } from '../support/turn';

/**
 * The handlers of a turn's chain that read or write the database, each on its own on a real one:
 * what the person is told, and what is stored.
 */
const db = useTestDatabase();

const SITI = new Types.ObjectId('64a000000000000000000001');
const MENTOR = new Types.ObjectId('64b000000000000000000001');
const STAFF = new Types.ObjectId('64d000000000000000000001');

beforeAll(async () => {
  const { models } = db;
  await models.mentors.create({
    _id: MENTOR,
    name: 'Rina',
    phone: '+6281300000001',
    type: 'MiBi',
    kecamatan: ['Cililin'],
  });
  await models.participants.create({ ...siti('+6281200000001'), _id: SITI, mentors: { mibi: MENTOR } });
  await models.staff.create({ _id: STAFF, name: 'Dewi', phone: '+6281300000101', role: 'front_office' });
});

it('staff: a staff member gets their commands, and passes nothing on', async () => {
  const played = await playHandler(staff, {
    person: { kind: 'staff', id: STAFF.toHexString() },
    inbound: message('halo'),
    models: db.models,
  });
  expect(played.passedOn).toBe(false);
  expect(texts(played)[0]).toContain('Halo, petugas Puskesos.');
});

it('status query: a complaint that is not theirs tells them nothing about it', async () => {
  const played = await playHandler(statusQuery, {
    person: participant(),
    inbound: message('status PGD-2026-000099'),
    models: db.models,
  });
  expect(texts(played)).toEqual(['Maaf, pengaduan PGD-2026-000099 tidak ditemukan untuk nomor Bapak/Ibu.']);
});

it('global commands, then handed over: BANTUAN opens a request, and what follows goes to it', async () => {
  const inbound = message('bantuan', { platformMessageId: 'wamid.help-1' });
  const asked = await playHandler(globalCommands, { person: participant(), inbound, models: db.models });
  expect(asked.turn.handoff).toBe(true);
  const request = await db.models.handovers.findOne({ participant: SITI }).lean();
  expect(request?.status).not.toBe('closed');
  const held = await playHandler(handedOver, {
    person: participant(),
    inbound: message('saya butuh bantuan modal'),
    turn: { handoff: true },
    models: db.models,
  });
  expect(held.passedOn).toBe(false);
  expect(held.turn.handoff).toBe(true);
  expect(texts(held)[0]).toContain('Pesan Bapak/Ibu sudah kami sampaikan');
});

it('global commands: STOP stops reminders and MULAI turns them back on', async () => {
  const stopped = await playHandler(globalCommands, {
    person: participant(),
    inbound: message('STOP'),
    models: db.models,
  });
  expect(texts(stopped)[0]).toContain('tidak akan menerima pengingat lagi');
  expect((await db.models.participants.findById(SITI).lean())?.remindersStoppedAt).toBeInstanceOf(Date);
  const resumed = await playHandler(globalCommands, {
    person: participant(),
    inbound: message('mulai'),
    models: db.models,
  });
  expect(texts(resumed)).toEqual(['Pengingat aktif kembali. Terima kasih, Bapak/Ibu.']);
  expect((await db.models.participants.findById(SITI).lean())?.remindersStoppedAt).toBeFalsy();
});

it('mentor: a typed reminder for a name none of their participants has says so', async () => {
  const played = await playHandler(mentor, {
    person: mentorPerson,
    inbound: message('ingatkan budi'),
    models: db.models,
  });
  expect(texts(played)).toEqual(['Tidak ada peserta dampingan Bapak/Ibu bernama "budi".']);
});

/** A participant answering the consent question, having written `first` before it was asked. */
function answeringConsent(text: string, first: string) {
  const consent = shippedFlows.get('consent')!;
  return playHandler([firstMessage, flow], {
    person: participant({ consented: false }),
    inbound: message(text, { platformMessageId: `wamid.consent-${text}` }),
    turn: {
      flow: {
        flowId: 'consent',
        flowVersion: consent.version,
        stepId: 'ask',
        answers: {},
        attempts: 0,
        trail: [],
      },
      firstMessage: { text: first },
    },
    models: db.models,
  });
}

it('first message, after the flow: a report typed before agreeing is stored once they agree', async () => {
  const played = await answeringConsent('1', 'jual 1,5jt tabung 50rb');
  expect(played.turn.firstMessage).toBeUndefined();
  const reports = await db.models.weeklyReports.find({ participant: SITI }).lean();
  expect(reports.map((report) => [report.sales, report.savingsDeposit])).toEqual([[1_500_000, 50_000]]);
  expect(texts(played).join('\n')).not.toContain('Ada yang bisa kami bantu');
});

it('first message: kept while the consent question is still open', async () => {
  const played = await answeringConsent('apa ini?', 'jual 2jt');
  expect(played.turn.flow?.flowId).toBe('consent');
  expect(played.turn.firstMessage).toEqual({ text: 'jual 2jt' });
});

it('an action its handler does not declare is not run, and the flow goes on without it', async () => {
  const menu = shippedFlows.get('menu')!;
  const atMenu = {
    flowId: 'menu',
    flowVersion: menu.version,
    stepId: 'choose',
    answers: {},
    attempts: 0,
    trail: [],
  };
  const menuOnly: TurnHandler = { ...flow, name: 'menu only', flows: ['menu'], actions: [] };
  const refused = await playHandler(menuOnly, {
    person: participant(),
    inbound: message('2'),
    turn: { flow: atMenu },
    models: db.models,
  });
  const allowed = await playHandler(flow, {
    person: participant(),
    inbound: message('2'),
    turn: { flow: atMenu },
    models: db.models,
  });
  // Menu 2 is "Perkembangan saya": its action tells the progress, then the step's prompt follows.
  expect(texts(refused)).toEqual(['Ketik MENU untuk kembali ke menu.']);
  expect(texts(allowed)).toEqual([
    expect.stringContaining('Total tabungan'),
    'Ketik MENU untuk kembali ke menu.',
  ]);
});
