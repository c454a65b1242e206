import { Types } from 'mongoose';
import { actOnComplaint } from '../../src/domain/complaints';
import { queueWeeklyReportReminders } from '../../src/domain/reminders';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import { createLogger } from '../../src/log';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';
import { useSimulatorChat } from '../support/simulator-chat';

/**
 * Conversations as participants type them, through the simulator's HTTP API, the real conversation
 * service and the database: each reproduces a defect seen when trying the product, exactly.
 */
const db = useTestDatabase();
/** Saturday 28 November 2026, 16:00 in Bandung Barat: week 2026-W48. */
let now = new Date('2026-11-28T09:00:00Z');
const clock = () => {
  now = new Date(now.getTime() + 1000);
  return now;
};
const chat = useSimulatorChat(() => db.models, clock, createLogger('silent'));

let phoneSerial = 0;
async function participant() {
  const phone = `+62812300${String(++phoneSerial).padStart(5, '0')}`;
  const record = await db.models.participants.create(siti(phone, { consentedOn: 'simulator', at: now }));
  /** Sends each message in turn; returns the replies to the last one, joined. */
  const type = async (...texts: string[]) => {
    let replies: string[] = [];
    for (const text of texts) replies = await chat.send(phone, text);
    return replies.join('\n');
  };
  return { id: record._id, phone, type };
}

const storedReports = (id: Types.ObjectId) => db.models.weeklyReports.find({ participant: id }).lean();

describe('a weekly report, corrected and resumed', () => {
  it('takes five messages from a reminder: the sales, three amounts and one confirmation', async () => {
    const siti = await participant();
    await queueWeeklyReportReminders(db.models, {
      week: '2026-W48',
      round: 'first',
      now,
      dueAt: now,
      includeOutsideWindow: true,
      fallback: 'simulator',
    });
    const reminder = await db.models.outbox
      .findById(`weekly-report-reminder:${String(siti.id)}:2026-W48:first`)
      .lean();
    expect(reminder?.message.text).toContain(
      'Berapa omzet minggu ini? Balas dengan angkanya, contoh: 1,5jt.',
    );
    expect(await siti.type('1,5jt')).toContain('Berapa belanja');
    expect(await siti.type('200rb')).toContain('Berapa yang Bapak/Ibu tabung');
    expect(await siti.type('50rb')).toContain('Berapa yang diambil dari tabungan');
    const summary = await siti.type('0');
    expect(summary).toContain('Minggu: 23-29 Nov 2026');
    expect(summary).toContain('Omzet: Rp1.500.000');
    expect(await siti.type('1')).toContain('sudah tersimpan');
    expect(await storedReports(siti.id)).toEqual([
      expect.objectContaining({
        week: '2026-W48',
        sales: 1_500_000,
        spending: 200_000,
        savingsDeposit: 50_000,
      }),
    ]);
  });

  it('comes back to the summary after a correction, instead of asking every later question again', async () => {
    const siti = await participant();
    expect(await siti.type('lapor', '1jt', '100rb', '50rb', '20rb')).toContain('Mohon periksa');
    const corrected = await siti.type('2', '1,2jt');
    expect(corrected).toContain('Mohon periksa');
    expect(corrected).toContain('Omzet: Rp1.200.000');
    expect(corrected).toContain('Belanja: Rp100.000');
    // Someone who thinks they are back at the summary, and is: 4 changes the savings, not spending Rp4.
    expect(await siti.type('4')).toContain('Berapa yang Bapak/Ibu tabung');
    expect(await siti.type('60rb')).toContain('Tabungan masuk: Rp60.000');
    await siti.type('1');
    expect(await storedReports(siti.id)).toEqual([
      expect.objectContaining({
        sales: 1_200_000,
        spending: 100_000,
        savingsDeposit: 60_000,
        savingsWithdrawal: 20_000,
      }),
    ]);
  });

  it('comes back to the summary after "Tidak, ubah" at the unusual-sales question', async () => {
    const siti = await participant();
    for (const week of ['2026-W44', '2026-W45', '2026-W46', '2026-W47'])
      await submitWeeklyReport(db.models, {
        participant: siti.id,
        week,
        sales: 1_000_000,
        spending: 0,
        savingsDeposit: 10_000,
        savingsWithdrawal: 0,
        channel: 'simulator',
        submittedAt: now,
      });
    expect(await siti.type('lapor', '12jt', '0', '0', '0')).toContain('jauh berbeda dari biasanya');
    const summary = await siti.type('2', '1,2jt');
    expect(summary).toContain('Mohon periksa');
    expect(summary).toContain('Omzet: Rp1.200.000');
  });

  it('shows in its summary exactly the withdrawal it stores', async () => {
    const siti = await participant();
    await siti.type('lapor', '1jt', '100rb', '50rb', '20rb');
    expect(await siti.type('5')).toContain('Berapa yang diambil dari tabungan minggu ini?');
    const summary = await siti.type('tidak');
    expect(summary).toContain('Tabungan diambil: Rp0');
    await siti.type('1');
    expect(await storedReports(siti.id)).toEqual([expect.objectContaining({ savingsWithdrawal: 0 })]);
  });

  it('resumes a draft left for the menu with its answers shown, even after MENU twice', async () => {
    const siti = await participant();
    await siti.type('batal', '1', '1,1jt', '100rb', '20rb', '0');
    expect(await siti.type('menu')).toContain('Ada yang bisa kami bantu');
    expect(await siti.type('menu')).not.toContain('Kita lanjutkan');
    const resumed = await siti.type('1');
    expect(resumed).toContain('Kita lanjutkan yang belum selesai');
    expect(resumed).toContain('Omzet: Rp1.100.000');
    expect(resumed).toContain('Tabungan masuk: Rp20.000');
    expect(resumed).not.toMatch(/: -$/m);
    await siti.type('1');
    expect(await storedReports(siti.id)).toEqual([
      expect.objectContaining({ sales: 1_100_000, spending: 100_000, savingsDeposit: 20_000 }),
    ]);
  });

  it('resumes a complaint draft with its text', async () => {
    const siti = await participant();
    await siti.type('3', '1', 'Bantuan PKH bulan ini belum cair sampai sekarang', '-');
    await siti.type('menu');
    const resumed = await siti.type('3');
    expect(resumed).toContain('Pengaduan Bapak/Ibu:\nBantuan PKH bulan ini belum cair sampai sekarang');
  });
});

describe('the rating of an answered complaint', () => {
  let serial = 0;
  /** Opens a complaint as the participant, then has the Puskesos answer it; returns its number. */
  async function answeredComplaint(
    siti: Awaited<ReturnType<typeof participant>>,
    before: () => Promise<unknown>,
  ) {
    if (serial++ === 0)
      await db.models.puskesos.create({ name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' });
    const opened = await siti.type('3', '1', 'Bantuan PKH tahap 4 belum cair sampai sekarang', '-', '1');
    const number = opened.match(/PGD-2026-\d{6}/)?.[0] ?? '';
    const complaint = await db.models.complaints.findOne({ number }).lean();
    const staff = await db.models.staff.create({
      name: `Rina ${serial}`,
      phone: `+628130000${String(serial).padStart(4, '0')}`,
      role: 'front_office',
      puskesos: complaint?.puskesos,
    });
    await before();
    const outcome = await actOnComplaint(
      db.models,
      number,
      { kind: 'answer', text: 'Sudah cair hari ini, Bu.' },
      { kind: 'staff', staffId: String(staff._id) },
      clock(),
      { calendar: { timeZone: 'Asia/Jakarta', holidays: new Set() } },
    );
    if (!outcome.ok) throw new Error(`could not answer ${number}: ${outcome.reason}`);
    await chat.conversations().notify(outcome.notices);
    return number;
  }

  it('is asked at once when the complainant was only at the menu', async () => {
    const siti = await participant();
    const number = await answeredComplaint(siti, () => siti.type('halo'));
    expect((await chat.sentTo(siti.phone)).at(-1)).toContain(`Apakah masalah pada pengaduan ${number}`);
  });

  it('waits for a report in hand to end, then is asked', async () => {
    const siti = await participant();
    const number = await answeredComplaint(siti, () => siti.type('lapor', '1jt'));
    expect((await chat.sentTo(siti.phone)).at(-1)).toContain(`Balasan`);
    const saved = await siti.type('0', '0', '0', '1');
    expect(saved).toContain('sudah tersimpan');
    expect(saved).toContain(`Apakah masalah pada pengaduan ${number}`);
    await siti.type('1', '5', '-');
    expect(await db.models.complaints.findOne({ number }).lean()).toMatchObject({
      rating: { score: 5, solved: true },
    });
  });
});

describe('a new participant', () => {
  it('is asked consent in one short message, with the rest behind INFO, and their first message is kept', async () => {
    const phone = '+6281239999001';
    const record = await db.models.participants.create(siti(phone));
    const consent = (await chat.send(phone, 'lapor')).join('\n');
    expect(consent.length).toBeLessThanOrEqual(320);
    expect(consent).toContain('Ketik INFO');
    const info = (await chat.send(phone, 'info')).join('\n');
    expect(info).toContain('UU Pelindungan Data Pribadi');
    expect(info).toContain('Apakah Bapak/Ibu setuju?');
    const agreed = (await chat.send(phone, 'ya')).join('\n');
    expect(agreed).toContain('Terima kasih');
    // "lapor", written before consent, is taken up now rather than dropped for a menu.
    expect(agreed).toContain('Berapa omzet');
    expect(agreed).not.toContain('Ada yang bisa kami bantu');
    expect((await db.models.participants.findById(record._id).lean())?.consent?.givenAt).toEqual(
      expect.any(Date),
    );
  });

  it('who sends a report as their first message has it stored once they agree', async () => {
    const phone = '+6281239999003';
    const record = await db.models.participants.create(siti(phone));
    expect((await chat.send(phone, 'jual 1,5jt tabung 50rb')).join('\n')).toContain(
      'Apakah Bapak/Ibu setuju?',
    );
    expect(await storedReports(record._id)).toEqual([]);
    expect((await chat.send(phone, '1')).join('\n')).toContain('UBAH');
    expect(await storedReports(record._id)).toEqual([
      expect.objectContaining({ week: '2026-W48', sales: 1_500_000, savingsDeposit: 50_000 }),
    ]);
  });

  it('who declines has nothing kept, and a greeting first just gets the menu after consent', async () => {
    const phone = '+6281239999002';
    await db.models.participants.create(siti(phone));
    await chat.send(phone, 'jual 1jt');
    expect((await chat.send(phone, 'tidak setuju')).join('\n')).toContain('Kami tidak mencatat apa pun');
    const conversation = await db.models.conversations.findById(`simulator:${phone}`).lean();
    expect(conversation?.firstMessage).toBeUndefined();
    await chat.send(phone, 'halo');
    expect((await chat.send(phone, '1')).join('\n')).toContain('Ada yang bisa kami bantu');
  });
});
