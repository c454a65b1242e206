import type { Types } from 'mongoose';
import type { Server } from 'node:http';
import { simulatorRouters } from '../../src/channels/simulator';
import { databaseReachable } from '../../src/db/connect';
import { queueWeeklyReportReminders } from '../../src/domain/reminders';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import { createHttpApp } from '../../src/http';
import { createLogger } from '../../src/log';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** Saturday 28 November 2026, 16:00 in Bandung Barat: week 2026-W48, the reminder's hour. */
let now = new Date('2026-11-28T09:00:00Z');
const clock = () => new Date(now.getTime());

let server: Server;
let base = '';

beforeAll(async () => {
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: simulatorRouters({
      models: db.models,
      conversations: testConversationService(db.models, clock, logger),
      clock,
    }),
    logger,
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let counter = 0;
/** Sends a message through the simulator over real HTTP; returns the bot's answer as one text. */
async function send(phone: string, text: string): Promise<string> {
  now = new Date(now.getTime() + 1000);
  const response = await fetch(`${base}/api/simulator/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: phone, text, id: `one-${++counter}` }),
  });
  const body = (await response.json()) as { replies: { text: string }[] };
  if (!response.ok) throw new Error(`simulator answered ${response.status}: ${JSON.stringify(body)}`);
  return body.replies.map((reply) => reply.text).join('\n');
}

async function participant(phone: string) {
  return db.models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
}

const reportsOf = async (id: Types.ObjectId) =>
  db.models.weeklyReports.find({ participant: id }).sort({ week: 1 }).lean();

describe('a week reported in one message, through the simulator on the real database', () => {
  it('stores `jual 1,5jt tabung 50rb` from idle at once, and answers with a short summary ending in UBAH', async () => {
    const siti = await participant('+6281200000101');
    const reply = await send('0812-0000-0101', 'jual 1,5jt tabung 50rb');
    expect(reply).toContain('Tersimpan');
    expect(reply).toContain('Omzet: Rp1.500.000');
    expect(reply).toContain('Tabungan masuk: Rp50.000');
    expect(reply.trim().endsWith('Ketik UBAH untuk memperbaiki.')).toBe(true);
    expect(reply).not.toContain('Ada yang bisa kami bantu');
    const reports = await reportsOf(siti._id);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      week: '2026-W48',
      sales: 1_500_000,
      spending: 0,
      savingsDeposit: 50_000,
      savingsWithdrawal: 0,
      savingsBalance: 50_000,
      channel: 'simulator',
    });
  });

  it('takes the issue’s other phrasings, from the menu and in English, for the week they name', async () => {
    const euis = await participant('+6281200000102');
    expect(await send('0812-0000-0102', 'halo')).toContain('1. Laporan mingguan');
    expect(await send('0812-0000-0102', 'omzet 2jt nabung 100rb minggu lalu')).toContain('Tersimpan');
    expect(await send('0812-0000-0102', 'lapor 1500000 50000')).toContain('Tersimpan');
    await db.models.participants.updateOne({ _id: euis._id }, { $set: { language: 'en' } });
    expect(await send('0812-0000-0102', 'sales 300k spending 100k saving 20k withdraw 10k W46')).toContain(
      'Type UBAH 9/11 to correct it.',
    );
    const reports = await reportsOf(euis._id);
    expect(
      reports.map((report) => [
        report.week,
        report.sales,
        report.spending,
        report.savingsDeposit,
        report.savingsWithdrawal,
      ]),
    ).toEqual([
      ['2026-W46', 300_000, 100_000, 20_000, 10_000],
      ['2026-W47', 2_000_000, 0, 100_000, 0],
      ['2026-W48', 1_500_000, 0, 50_000, 0],
    ]);
  });

  it('does not take a question or a complaint for a report', async () => {
    const asep = await participant('+6281200000103');
    for (const text of ['berapa tabungan saya?', 'bantuan pkh saya 600rb belum cair', 'omzet berapa']) {
      expect(await send('0812-0000-0103', text)).not.toContain('Tersimpan');
      expect(await send('0812-0000-0103', 'menu')).toContain('Ada yang bisa kami bantu');
    }
    expect(await reportsOf(asep._id)).toHaveLength(0);
  });

  it('asks only for what a partial report lacks, then saves it', async () => {
    const dedi = await participant('+6281200000104');
    const asked = await send('0812-0000-0104', 'omzet 2jt');
    expect(asked).toContain('Berapa yang Bapak/Ibu tabung');
    expect(asked).not.toContain('omzet');
    const saved = await send('0812-0000-0104', '100rb');
    expect(saved).toContain('Tersimpan');
    expect(await reportsOf(dedi._id)).toMatchObject([
      { week: '2026-W48', sales: 2_000_000, savingsDeposit: 100_000 },
    ]);
  });

  it('asks one yes/no before storing sales far from the person’s own history', async () => {
    const rina = await participant('+6281200000105');
    for (const week of ['2026-W45', '2026-W46', '2026-W47']) {
      await submitWeeklyReport(db.models, {
        participant: rina._id,
        week,
        sales: 1_000_000,
        spending: 0,
        savingsDeposit: 10_000,
        savingsWithdrawal: 0,
        channel: 'simulator',
        submittedAt: now,
      });
    }
    const asked = await send('0812-0000-0105', 'jual 15jt tabung 50rb');
    expect(asked).toContain('jauh berbeda dari biasanya');
    expect((await reportsOf(rina._id)).map((report) => report.week)).not.toContain('2026-W48');
    expect(await send('0812-0000-0105', '2')).toContain('Berapa omzet yang benar');
    expect(await send('0812-0000-0105', '1,5jt')).toContain('Tersimpan');
    expect((await reportsOf(rina._id)).at(-1)).toMatchObject({
      week: '2026-W48',
      sales: 1_500_000,
      savingsDeposit: 50_000,
    });
  });

  it('opens the stored report for correction with UBAH, and explains an amount it cannot read', async () => {
    const yati = await participant('+6281200000106');
    expect(await send('0812-0000-0106', 'jual 1jt 500 tabung 50rb')).toContain('Jumlah omzet');
    expect(await reportsOf(yati._id)).toHaveLength(0);
    await send('0812-0000-0106', 'jual 1jt tabung 50rb');
    const summary = await send('0812-0000-0106', 'UBAH');
    expect(summary).toContain('Omzet: Rp1.000.000');
    expect(summary).toContain('Tabungan masuk: Rp50.000');
    expect(summary).toContain('2. Ubah omzet');
    expect(await send('0812-0000-0106', '2')).toContain('Berapa omzet');
    expect(await reportsOf(yati._id)).toMatchObject([{ sales: 1_000_000, savingsDeposit: 50_000 }]);
  });

  it('is named, with its example, by the menu and the weekly reminder', async () => {
    const ujang = await participant('+6281200000107');
    expect(await send('0812-0000-0107', 'halo')).toContain(
      '1. Laporan mingguan (atau langsung: jual 1,5jt tabung 50rb)',
    );
    await queueWeeklyReportReminders(db.models, {
      week: '2026-W48',
      round: 'first',
      now,
      dueAt: now,
      includeOutsideWindow: true,
      fallback: 'simulator',
    });
    const reminder = await db.models.outbox
      .findById(`weekly-report-reminder:${String(ujang._id)}:2026-W48:first`)
      .lean();
    expect(reminder?.message.text).toContain('Bisa juga dalam satu pesan, contoh: jual 1,5jt tabung 50rb');
  });
});
