import { PassThrough } from 'node:stream';
import { Types } from 'mongoose';
import { auditSheet } from '../../src/exports/audit-log';
import { complaintRow, complaintSheet } from '../../src/exports/complaints';
import { participantSheet } from '../../src/exports/participants';
import { SESSION_SHEET, sessionRows, sessionSheet } from '../../src/exports/sessions';
import { csvCell, csvLine, wallClockDate, writeCsv, type Sheet } from '../../src/exports/spreadsheet';
import {
  weeklyReportRows,
  weeklyReportSheet,
  weeksFrom,
  type ReportedParticipant,
  type StoredFigures,
  type WeeklyReportRow,
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

async function csvOf(rows: AsyncIterable<WeeklyReportRow>, weeks = { from: '2026-W47', to: '2026-W47' }) {
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
  const summary = async (rows: AsyncIterable<WeeklyReportRow>) => {
    const lines: string[] = [];
    for await (const row of rows)
      lines.push(`${row.week} ${row.participant.name} ${row.report ? 'sudah' : 'belum'}`);
    return lines;
  };

  it('lists every participant in every week, the missing reports as rows of their own, week by week', async () => {
    expect(await summary(weeklyReportRows([siti, kokom], reports, weeks, 'include'))).toEqual([
      '2026-W46 Siti Aminah sudah',
      '2026-W46 Kokom belum',
      '2026-W47 Siti Aminah sudah',
      '2026-W47 Kokom sudah',
    ]);
  });

  it('gives only those who did not report, or only the reports', async () => {
    expect(await summary(weeklyReportRows([siti, kokom], reports, weeks, 'only'))).toEqual([
      '2026-W46 Kokom belum',
    ]);
    expect(await summary(weeklyReportRows([siti, kokom], reports, weeks, 'exclude'))).toHaveLength(3);
  });

  it('passes over reports of weeks not asked for, as they come in order of week', async () => {
    const year = [report('p1', '2026-W45'), ...reports, report('p2', '2026-W48')];
    expect(await summary(weeklyReportRows([siti, kokom], year, ['2026-W47'], 'include'))).toEqual([
      '2026-W47 Siti Aminah sudah',
      '2026-W47 Kokom sudah',
    ]);
  });

  it('spans weeks across a new year and refuses a backwards range', () => {
    expect(weeksFrom('2026-W52', '2027-W02')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(weeksFrom('2026-W48', '2026-W47')).toEqual([]);
    expect(weeksFrom('2025-W01', '2026-W52', 53)).toHaveLength(54);
  });
});

describe('the other sheets’ rows', () => {
  const id = (hex: string) => new Types.ObjectId(hex.padStart(24, '0'));
  const valuesOf = <Row>(sheet: Sheet<Row>, row: Row) =>
    Object.fromEntries(sheet.columns.map((column) => [column.header, column.value(row)]));

  it('gives Puskesos staff a participant’s phone masked and nothing about business or money', () => {
    const participant = {
      _id: id('1'),
      name: 'Siti Aminah',
      phone: '+6281200007777',
      kecamatan: 'Cililin',
      desa: 'Batulayang',
      capitalGrant: { amount: 3_500_000 },
      mentors: { mibi: id('9') },
    };
    const mentors = new Map([[String(id('9')), 'Tono']]);
    expect(valuesOf(participantSheet('complaint', mentors), participant)).toEqual({
      Nama: 'Siti Aminah',
      'No. HP': '0812-****-7777',
      Kecamatan: 'Cililin',
      Desa: 'Batulayang',
    });
    expect(valuesOf(participantSheet('full', mentors), participant)).toMatchObject({
      'No. HP': '+6281200007777',
      Pendamping: 'Tono',
      'Modal usaha (Rp)': 3_500_000,
      Status: 'aktif',
    });
  });

  it('names a complaint’s Puskesos and complainant, masks the phone and finds the first reply', () => {
    const row = complaintRow(
      {
        number: 'PGD-2026-000001',
        createdAt: new Date('2026-11-23T02:00:00Z'),
        puskesos: id('2'),
        complainantPhone: '+6281200005555',
        desa: 'Pataruman',
        category: 'RTLH',
        text: 'Atap bocor',
        status: 'answered',
        events: [
          { kind: 'status', at: new Date('2026-11-23T03:00:00Z') },
          { kind: 'reply', at: new Date('2026-11-23T04:00:00Z') },
          { kind: 'reply', at: new Date('2026-11-24T04:00:00Z') },
        ],
      },
      {
        puskesos: new Map([[String(id('2')), 'Puskesos Cihampelas']]),
        participants: new Map(),
        status: (status) => (status === 'answered' ? 'dijawab' : status),
      },
    );
    expect(row).toMatchObject({
      puskesos: 'Puskesos Cihampelas',
      complainant: null,
      phone: '0812-****-5555',
      status: 'dijawab',
      firstReplyAt: new Date('2026-11-23T04:00:00Z'),
    });
  });

  it('gives every invited participant of a session a row, and a session without any one row', () => {
    const sessions = [
      {
        _id: id('a'),
        mentor: id('9'),
        startsAt: new Date('2026-11-14T02:00:00Z'),
        place: 'Balai Desa',
        topic: 'Pembukuan',
        participants: [id('1'), id('2')],
        status: 'done' as const,
      },
      {
        _id: id('b'),
        mentor: id('9'),
        startsAt: new Date(),
        place: 'Rumah',
        topic: 'Harga',
        participants: [],
        status: 'planned' as const,
      },
    ];
    const rows = sessionRows(sessions, {
      mentors: new Map([[String(id('9')), 'Tono']]),
      participants: new Map([
        [String(id('1')), { name: 'Siti', phone: '+6281200007777', desa: 'Batulayang' }],
        [String(id('2')), { name: 'Kokom', phone: '+6281200009999', desa: 'Batulayang' }],
      ]),
      answers: new Map([[`${String(id('a'))} ${String(id('2'))}`, 'reschedule' as const]]),
      attendance: new Map([[`${String(id('a'))} ${String(id('1'))}`, false]]),
      statusWord: (status) => status,
    });
    expect(
      rows.map((row) => {
        const values = valuesOf(SESSION_SHEET, row);
        return [values.Peserta, values['Jawaban undangan'], values.Kehadiran];
      }),
    ).toEqual([
      ['Siti', 'belum menjawab', 'tidak hadir'],
      ['Kokom', 'minta jadwal lain', 'belum dicatat'],
      [null, null, null],
    ]);
  });

  it('are headed and named in English for a viewer who reads English, in Indonesian otherwise', () => {
    const weeks = { from: '2026-W47', to: '2026-W48' };
    expect(weeklyReportSheet(weeks).name).toBe('Laporan 2026-W47 sd 2026-W48');
    expect(weeklyReportSheet(weeks, 'en').name).toBe('Reports 2026-W47 to 2026-W48');
    expect(weeklyReportSheet({ from: '2026-W47', to: '2026-W47' }, 'en').name).toBe('Reports 2026-W47');
    const headings = weeklyReportSheet(weeks, 'en').columns.map((column) => column.header);
    expect(headings.slice(0, 8)).toEqual([
      'Name',
      'Phone',
      'Kecamatan',
      'Desa',
      'Cluster',
      'Mentor',
      'Week',
      'Status',
    ]);
    expect(headings).toContain('Sales (Rp)');
    const status = weeklyReportSheet(weeks, 'en').columns.find((column) => column.header === 'Status');
    expect(status?.value({ participant: siti, week: '2026-W47', report: undefined })).toBe('not reported');

    expect(participantSheet('full', new Map(), 'en').name).toBe('Participants');
    expect(
      valuesOf(participantSheet('full', new Map(), 'en'), {
        _id: id('1'),
        name: 'Siti Aminah',
        phone: '+6281200007777',
        kecamatan: 'Cililin',
        desa: 'Batulayang',
        status: 'graduated' as const,
      }),
    ).toMatchObject({ Name: 'Siti Aminah', Status: 'graduated', 'Business capital (Rp)': null });
    expect(complaintSheet('en').name).toBe('Complaints');
    expect(complaintSheet('en').columns.map((column) => column.header)).toContain('Complaint');
    expect(sessionSheet('en').name).toBe('Sessions and attendance');
    expect(auditSheet('en').columns.map((column) => column.header)).toEqual([
      'Time',
      'By',
      'Account',
      'Action',
      'Target',
      'From',
      'Details',
    ]);
    expect(auditSheet().name).toBe('Log audit');
  });
});
