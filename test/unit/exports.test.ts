import { PassThrough } from 'node:stream';
import { csvCell, csvLine, wallClockDate, writeCsv } from '../../src/exports/spreadsheet';
import {
  weeklyReportRows,
  weeklyReportSheet,
  weeksFrom,
  type ReportedParticipant,
  type StoredFigures,
} from '../../src/exports/weekly-reports';

const WIB = 'Asia/Jakarta';

const siti: ReportedParticipant = {
  id: 'p1',
  name: 'Siti Aminah',
  phone: '+6281200007777',
  kecamatan: 'Cililin',
  desa: 'Batulayang',
  cluster: 'kuliner',
  mentors: ['Tono'],
};
const kokom: ReportedParticipant = { ...siti, id: 'p2', name: 'Kokom', desa: 'Kidangpananjung' };
const report = (participant: string, week: string): StoredFigures => ({
  participant,
  week,
  sales: 1_250_000,
  spending: null,
  savingsDeposit: 50_000,
  savingsWithdrawal: 0,
  savingsBalance: 150_000,
  channel: 'telegram',
  // 16:00 WIB.
  submittedAt: new Date('2026-11-21T09:00:00Z'),
});

async function csvOf(
  rows: ReturnType<typeof weeklyReportRows>,
  weeks = { from: '2026-W47', to: '2026-W47' },
) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeCsv(output, weeklyReportSheet(weeks), rows, WIB);
  return Buffer.concat(chunks).toString('utf8');
}

describe('the CSV writer', () => {
  it('starts with a byte order mark, separates by semicolons and ends lines with CRLF', async () => {
    const csv = await csvOf(weeklyReportRows([siti], [report('p1', '2026-W47')], ['2026-W47'], 'include'));
    expect(
      csv.startsWith('\uFEFFNama;No. HP;Kecamatan;Desa;Klaster;Pendamping;Minggu;Status;Omzet (Rp)'),
    ).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toBe(
      'Siti Aminah;"=""+6281200007777""";Cililin;Batulayang;Kuliner;Tono;2026-W47;sudah lapor;1250000;;50000;0;150000;telegram;2026-11-21 16:00',
    );
  });

  it('keeps leading zeros and long digit strings as text, and quotes semicolons and quotes', () => {
    expect(csvCell('081200007777', 'text', WIB)).toBe('="081200007777"');
    expect(csvCell('3217010101900001', 'text', WIB)).toBe('="3217010101900001"');
    expect(csvCell('1234', 'text', WIB)).toBe('1234');
    expect(csvCell('0812', 'identifier', WIB)).toBe('="0812"');
    expect(csvLine(['Aminah; "Bu Ami"', '="0812"'])).toBe('"Aminah; ""Bu Ami""";"=""0812"""\r\n');
  });

  it('keeps a text that looks like a formula as text', () => {
    expect(csvCell('=HYPERLINK("http://x","klik")', 'text', WIB)).toBe(`'=HYPERLINK("http://x","klik")`);
    expect(csvCell('+1+1', 'text', WIB)).toBe("'+1+1");
    expect(csvCell('-2+3', 'text', WIB)).toBe("'-2+3");
    expect(csvCell('@SUM(A1)', 'text', WIB)).toBe("'@SUM(A1)");
    expect(csvCell('Bu =Ami', 'text', WIB)).toBe('Bu =Ami');
  });

  it('writes times as the programme’s clocks show them', () => {
    expect(csvCell(new Date('2026-11-21T20:30:00Z'), 'time', WIB)).toBe('2026-11-22 03:30');
    expect(csvCell(new Date('2026-11-21T20:30:00Z'), 'time', 'Asia/Jayapura')).toBe('2026-11-22 05:30');
    expect(wallClockDate(new Date('2026-11-21T09:00:00Z'), WIB).toISOString()).toBe(
      '2026-11-21T16:00:00.000Z',
    );
  });
});

describe('the weekly report rows', () => {
  const reports = [report('p1', '2026-W46'), report('p1', '2026-W47'), report('p2', '2026-W47')];
  const weeks = ['2026-W47', '2026-W46'];
  const summary = (rows: ReturnType<typeof weeklyReportRows>) =>
    rows.map((row) => `${row.week} ${row.participant.name} ${row.report ? 'sudah' : 'belum'}`);

  it('lists every participant in every week, the missing reports as rows of their own, week by week', () => {
    expect(summary(weeklyReportRows([siti, kokom], reports, weeks, 'include'))).toEqual([
      '2026-W46 Siti Aminah sudah',
      '2026-W46 Kokom belum',
      '2026-W47 Siti Aminah sudah',
      '2026-W47 Kokom sudah',
    ]);
  });

  it('gives only those who did not report, or only the reports', () => {
    expect(summary(weeklyReportRows([siti, kokom], reports, weeks, 'only'))).toEqual([
      '2026-W46 Kokom belum',
    ]);
    expect(weeklyReportRows([siti, kokom], reports, weeks, 'exclude')).toHaveLength(3);
  });

  it('spans weeks across a new year and refuses a backwards range', () => {
    expect(weeksFrom('2026-W52', '2027-W02')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(weeksFrom('2026-W48', '2026-W47')).toEqual([]);
    expect(weeksFrom('2025-W01', '2026-W52', 53)).toHaveLength(54);
  });
});
