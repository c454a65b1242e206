import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Types } from 'mongoose';
import { gridFsMediaStore } from '../../src/db/media-store';
import { deliverSimulatorReplies } from '../../src/channels/simulator/deliver';
import { simulatorPhoto } from '../../src/channels/simulator/photo';
import type { Models } from '../../src/db/models';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import type { InboundMessage, OutboundMessage } from '../../src/engine/messages';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';
import {
  caseFailure,
  describeTurn,
  loadCaseFiles,
  messageMismatches,
  storedMismatches,
  type Someone,
  type TranscriptCase,
  type Turn,
} from '../support/transcript-cases';

/**
 * Plays every case of test/flows/cases/ through the conversation service on a real database, as the
 * simulator does (the service takes the message, the simulator's delivery hands over the replies),
 * in a small world with fixed ids rebuilt for each case, so complaint numbers start at PGD-2026-000001.
 */
const ROOT = join(__dirname, '..', '..');
const CASES = join(__dirname, 'cases');
const caseFiles = loadCaseFiles(CASES, ROOT);
const flowIds = readdirSync(join(ROOT, 'flows'))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => basename(name, '.yaml'));

const db = useTestDatabase();

const PHONES: Record<Someone, string> = {
  siti: '+6281200000001',
  euis: '+6281200000002',
  ujang: '+6281200000003',
  mentor: '+6281300000001',
  staff: '+6281300000101',
  resident: '+6281299990001',
};
const IDS = {
  siti: new Types.ObjectId('64a000000000000000000001'),
  euis: new Types.ObjectId('64a000000000000000000002'),
  ujang: new Types.ObjectId('64a000000000000000000003'),
  mentor: new Types.ObjectId('64b000000000000000000001'),
  puskesos: new Types.ObjectId('64c000000000000000000001'),
  staff: new Types.ObjectId('64d000000000000000000001'),
};
const WRITERS = { participant: 'siti', mentor: 'mentor', resident: 'resident' } as const;

/**
 * Siti (Batulayang, Cililin), Euis (Cililin) and Ujang (Cihampelas), whose MiBi is Rina; the
 * Puskesos Lumpaat serves Batulayang, with Dewi at its front office. None has a chat app on record,
 * so what they are sent goes to the simulator under their phone.
 */
async function buildWorld(models: Models, item: TranscriptCase, at: Date) {
  for (const model of Object.values(models)) await model.collection.deleteMany({});
  const writerLanguage = (who: 'participant' | 'mentor') => (item.as === who ? item.language : 'id');
  await models.mentors.create({
    _id: IDS.mentor,
    name: 'Rina',
    phone: PHONES.mentor,
    type: 'MiBi',
    kecamatan: ['Cililin', 'Cihampelas'],
    language: writerLanguage('mentor'),
  });
  const mentors = { mibi: IDS.mentor };
  await models.participants.create([
    {
      ...siti(PHONES.siti, item.given.consented ? { consentedOn: 'simulator', at } : {}),
      _id: IDS.siti,
      language: writerLanguage('participant'),
      mentors,
    },
    { ...siti(PHONES.euis, { consentedOn: 'simulator', at }), _id: IDS.euis, name: 'Euis Suryani', mentors },
    {
      ...siti(PHONES.ujang, { consentedOn: 'simulator', at }),
      _id: IDS.ujang,
      name: 'Ujang Saepudin',
      kecamatan: 'Cihampelas',
      desa: 'Pataruman',
      mentors,
    },
  ]);
  await models.puskesos.create({
    _id: IDS.puskesos,
    name: 'Puskesos Lumpaat',
    desa: 'Batulayang',
    kecamatan: 'Cililin',
  });
  await models.staff.create({
    _id: IDS.staff,
    name: 'Dewi',
    phone: PHONES.staff,
    role: 'front_office',
    puskesos: IDS.puskesos,
  });
  for (const report of item.given.reports)
    await submitWeeklyReport(models, {
      participant: IDS.siti,
      week: report.week,
      sales: report.sales,
      spending: report.spending,
      savingsDeposit: report.savings,
      savingsWithdrawal: report.withdrawal,
      channel: 'simulator',
      submittedAt: at,
    });
  if (item.given.session)
    await models.mentoringSessions.create({
      mentor: IDS.mentor,
      topic: item.given.session.topic,
      place: item.given.session.place,
      startsAt: new Date(item.given.session.startsAt),
      participants: [IDS.siti, IDS.euis, IDS.ujang],
    });
}

/** Stored documents as a case writes them: ids as strings, dates as ISO text. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null)) as unknown;

async function storedRecords(models: Models, item: TranscriptCase, key: string): Promise<unknown> {
  if (key === 'me') {
    if (item.as === 'resident')
      throw new Error('a resident has no record: `me` is for a participant or mentor');
    const record =
      item.as === 'mentor'
        ? await models.mentors.findById(IDS.mentor).lean()
        : await models.participants.findById(IDS.siti).lean();
    return asJson(record);
  }
  if (!(key in models))
    throw new Error(`stored.${key} is no collection; use me or one of ${Object.keys(models).join(', ')}`);
  return asJson(await models[key as keyof Models].collection.find({}).sort({ _id: 1 }).toArray());
}

async function playCase(file: string, item: TranscriptCase, models: Models): Promise<void> {
  let now = new Date(item.at);
  await buildWorld(models, item, now);
  const conversations = testConversationService(models, () => now);
  const media = gridFsMediaStore(models.inboundMessages.db);
  const writer = PHONES[WRITERS[item.as]];
  let lastButtons: OutboundMessage | undefined;

  const inboundOf = async (line: Turn, id: string): Promise<InboundMessage> => {
    const base = { channel: 'simulator' as const, platformMessageId: id, receivedAt: now };
    if (line.staff !== undefined)
      return {
        ...base,
        chatId: PHONES.staff,
        text: line.staff,
        ...(line.quoting ? { replyToText: `Pengaduan baru ${line.quoting}` } : {}),
      };
    if (line.tap !== undefined)
      return {
        ...base,
        chatId: writer,
        choice: line.tap,
        ...(lastButtons?.question ? { question: lastButtons.question } : {}),
      };
    if (line.photo !== undefined) {
      // Stored as the simulator stores one: a picture of its name.
      const fileId = await media.save(`simulator:${line.photo}`, simulatorPhoto(line.photo), 'image/png');
      return { ...base, chatId: writer, media: { kind: 'photo', fileId, mimeType: 'image/png' } };
    }
    return { ...base, chatId: writer, text: line.send ?? '' };
  };

  for (const [index, line] of item.turns.entries()) {
    now = new Date(now.getTime() + 60_000);
    await conversations.receive(await inboundOf(line, `turn-${index + 1}`));
    const got = await deliverSimulatorReplies(models, writer, now);
    lastButtons = got.findLast((message) => message.choices) ?? lastButtons;
    const problems = line.replies ? messageMismatches(line.replies, got) : [];
    if (problems.length > 0)
      throw caseFailure(file, item, `turn ${index + 1} (${describeTurn(line)})`, problems, got);
  }

  if (item.events) {
    const whose = new Map(Object.entries(PHONES).map(([someone, phone]) => [phone, someone]));
    const sent = (
      await models.outbox
        .find({ chatId: { $ne: writer } })
        .sort({ order: 1 })
        .lean()
    ).map((entry) => ({
      to: whose.get(entry.chatId) ?? entry.chatId,
      text: (entry.message as OutboundMessage).text,
    }));
    const problems = [
      ...(sent.length === item.events.length
        ? []
        : [`expected ${item.events.length} message(s) to others, got ${sent.length}`]),
      ...item.events.flatMap((event, index) => {
        const actual = sent[index];
        const name = `event ${index + 1}`;
        if (!actual) return [];
        return [
          ...(actual.to === event.to ? [] : [`${name}: expected to ${event.to}, went to ${actual.to}`]),
          ...(event.text === undefined || actual.text === event.text
            ? []
            : [`${name}: expected exactly ${JSON.stringify(event.text)}`]),
          ...[event.contains ?? []]
            .flat()
            .flatMap((part) =>
              actual.text.includes(part) ? [] : [`${name}: expected to contain ${JSON.stringify(part)}`],
            ),
        ];
      }),
    ];
    if (problems.length > 0) throw caseFailure(file, item, 'events', problems, sent);
  }

  for (const [key, expected] of Object.entries(item.stored ?? {})) {
    const actual = await storedRecords(models, item, key);
    const problems = storedMismatches(expected, actual, `stored.${key}`);
    if (problems.length > 0) throw caseFailure(file, item, `stored ${key}`, problems, actual);
  }
}

describe('transcript cases', () => {
  it('cover every flow, and name none that does not exist', () => {
    const covered = caseFiles.map((file) => file.flowId);
    expect(flowIds.filter((flow) => !covered.includes(flow))).toEqual([]);
    expect(covered.filter((flow) => !flowIds.includes(flow))).toEqual([]);
  });

  it('reports a wrong reply with its case file, case, turn, and the expected and actual messages', () => {
    const problems = messageMismatches(
      [{ contains: 'Berapa omzet', choices: ['Ya'] }],
      [{ text: 'Ada yang bisa kami bantu?', choices: [{ label: 'Laporan' }] }],
    );
    const failure = caseFailure(
      'test/flows/cases/menu.yaml',
      { title: 'opens the report', language: 'su' },
      'turn 2 (send "1")',
      problems,
      [{ text: 'Ada yang bisa kami bantu?' }],
    );
    expect(failure.message).toBe(
      [
        'test/flows/cases/menu.yaml, case "opens the report" (su), turn 2 (send "1"):',
        '  message 1: expected to contain "Berapa omzet"',
        '  message 1: expected buttons ["Ya"], got ["Laporan"]',
        '  actual:',
        '    1. {"text":"Ada yang bisa kami bantu?"}',
      ].join('\n'),
    );
  });
});

for (const file of caseFiles) {
  describe(file.path, () => {
    for (const item of file.cases) {
      it(`${item.title} (${item.language})`, () => playCase(file.path, item, db.models));
    }
  });
}
