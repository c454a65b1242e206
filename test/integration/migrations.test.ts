import { Types } from 'mongoose';
import { migrate } from '../../src/db/migrations';
import { identityKeysWritten } from '../../src/db/migrations/identity-keys';
import { readLedger } from '../../src/domain/reports/weekly-report-service';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase();

const quiet = () => undefined;

/**
 * Data as the layout before keyed `_id`s stored it: ObjectIds, with the unique indexes of the time,
 * written through the raw collections as an older version of the service would have.
 */
async function seedOldLayout() {
  const { inboundMessages, conversations, weeklyReports } = db.models;
  await inboundMessages.collection.createIndex({ channel: 1, platformMessageId: 1 }, { unique: true });
  await conversations.collection.createIndex({ channel: 1, chatId: 1 }, { unique: true });
  await weeklyReports.collection.createIndex({ participant: 1, week: 1 }, { unique: true });

  const received = new Date('2026-11-20T03:00:00Z');
  const handled = new Types.ObjectId();
  const waiting = new Types.ObjectId();
  await inboundMessages.collection.insertMany([
    {
      _id: handled,
      channel: 'telegram',
      platformMessageId: '501',
      chatId: '77',
      receivedAt: received,
      status: 'processed',
      payload: { text: 'halo' },
    },
    {
      _id: waiting,
      channel: 'telegram',
      platformMessageId: '502',
      chatId: '77',
      receivedAt: received,
      status: 'received',
      payload: { channel: 'telegram', chatId: '77', platformMessageId: '502', text: 'lapor' },
    },
  ]);
  await conversations.collection.insertOne({
    _id: new Types.ObjectId(),
    channel: 'telegram',
    chatId: '77',
    handoff: false,
    // The waiting message was applied just before the upgrade, but not yet marked processed.
    lastInboundId: waiting,
    lastActivityAt: received,
  });
  const participant = new Types.ObjectId();
  const weeks = [
    ['2026-W45', 10_000, 0],
    ['2026-W46', 20_000, 5_000],
    ['2026-W47', 30_000, 0],
  ] as const;
  await weeklyReports.collection.insertMany(
    weeks.map(([week, deposit, withdrawal]) => ({
      _id: new Types.ObjectId(),
      participant,
      week,
      sales: 100_000,
      spending: 0,
      savingsDeposit: deposit,
      savingsWithdrawal: withdrawal,
      channel: 'telegram',
      submittedAt: received,
      revisions: [],
    })),
  );
  // An interrupted run already copied one report under its key before removing the original.
  const [first] = await weeklyReports.collection.find({ week: '2026-W45' }).toArray();
  await weeklyReports.collection.insertOne({ ...first, _id: `${String(participant)}:2026-W45` } as never);
  return { participant };
}

describe('converting data stored in the earlier layout', () => {
  it('keys messages, conversations and reports, queues what was unfinished, builds the ledgers, and loses nothing', async () => {
    const { participant } = await seedOldLayout();
    const said: string[] = [];
    await migrate(db.models, (line) => said.push(line));
    // Run again, as after an interrupted start: it changes nothing.
    await migrate(db.models, quiet);

    expect(said.some((line) => line.startsWith('storage converted: inbound messages keyed'))).toBe(true);

    const records = await db.models.inboundMessages.find({}).sort({ _id: 1 }).lean();
    expect(records.map((record) => record._id)).toEqual(['telegram:501', 'telegram:502']);
    const queue = await db.models.inboundQueue.find({}).lean();
    expect(queue.map((entry) => entry._id)).toEqual(['telegram:502']);
    expect(queue[0]?.payload).toMatchObject({ text: 'lapor' });

    const conversations = await db.models.conversations.find({}).lean();
    expect(conversations).toHaveLength(1);
    expect(conversations[0]).toMatchObject({ _id: 'telegram:77', lastInboundId: 'telegram:502' });

    const reports = await db.models.weeklyReports.find({ participant }).sort({ week: 1 }).lean();
    expect(reports.map((report) => report._id)).toEqual(
      ['2026-W45', '2026-W46', '2026-W47'].map((week) => `${String(participant)}:${week}`),
    );
    expect(await readLedger(db.models, participant)).toEqual({
      '2026-W45': { sales: 100_000, savingsDeposit: 10_000, savingsWithdrawal: 0, savingsBalance: 10_000 },
      '2026-W46': {
        sales: 100_000,
        savingsDeposit: 20_000,
        savingsWithdrawal: 5_000,
        savingsBalance: 25_000,
      },
      '2026-W47': { sales: 100_000, savingsDeposit: 30_000, savingsWithdrawal: 0, savingsBalance: 55_000 },
    });
    expect(await db.models.migrations.countDocuments({})).toBeGreaterThanOrEqual(3);
  });

  it('points the phones of people stored before identity keys at their records, a participant before a mentor', async () => {
    const { participants, mentors, identities } = db.models;
    const mentor = new Types.ObjectId();
    const participant = new Types.ObjectId();
    await mentors.collection.insertOne({ _id: mentor, name: 'Rina', phone: '+6281300000001', type: 'MiBi' });
    await participants.collection.insertOne({ _id: participant, name: 'Siti', phone: '+6281300000002' });
    // The same number on a mentor's record and a participant's: a search finds the participant first.
    await mentors.collection.insertOne({ _id: new Types.ObjectId(), name: 'Siti', phone: '+6281300000002' });

    // Recorded as done by the test above, on a database that had nobody yet.
    await db.models.migrations.deleteOne({ _id: identityKeysWritten.id });
    await migrate(db.models, quiet);
    const keys = await identities.find({}).sort({ _id: 1 }).lean();
    expect(keys.map((key) => [key._id, key.kind, key.person])).toEqual(
      expect.arrayContaining([
        ['simulator:+6281300000001', 'mentor', String(mentor)],
        ['whatsapp-cloud:6281300000001', 'mentor', String(mentor)],
        ['whatsapp-web:6281300000001@c.us', 'mentor', String(mentor)],
        ['simulator:+6281300000002', 'participant', String(participant)],
        ['whatsapp-cloud:6281300000002', 'participant', String(participant)],
        ['whatsapp-web:6281300000002@c.us', 'participant', String(participant)],
      ]),
    );
    expect(keys).toHaveLength(6);
  });
});
