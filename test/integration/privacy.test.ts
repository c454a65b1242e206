import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { gridFsMediaStore } from '../../src/db/media-store';
import { NikVault } from '../../src/domain/identity';
import {
  eraseHoldings,
  erasurePlan,
  exportOf,
  exportWorkbook,
  findDataSubject,
  gatherHoldings,
  placeholderPhoneOf,
  pruneMessageHistory,
  retentionCutoff,
} from '../../src/domain/privacy';
import { programJobs } from '../../src/scheduler';
import { useTestDatabase, testServerUri } from '../support/database';
import { defaultSchedule } from '../support/schedule';
import { runScript } from '../support/spawn';
import {
  everythingStored,
  KOKOM,
  PRIVACY_NIK_KEY,
  RESIDENT,
  SITI,
  SITI_TEXTS,
  seedPrivacyData,
} from '../support/privacy-data';

const db = useTestDatabase();
const now = new Date('2026-11-23T02:00:00Z');
const vault = new NikVault(Buffer.from(PRIVACY_NIK_KEY, 'hex'));
let ids: Awaited<ReturnType<typeof seedPrivacyData>>;

beforeAll(async () => {
  ids = await seedPrivacyData(db.models, now);
});

/** Reports per week and complaints per category: what the programme's figures count. */
async function figures() {
  const reports = await db.models.weeklyReports.find({}, { week: 1, sales: 1 }).sort({ _id: 1 }).lean();
  const complaints = await db.models.complaints
    .find({}, { category: 1, status: 1, desa: 1 })
    .sort({ number: 1 })
    .lean();
  return {
    reports: reports.map((report) => `${report.week} ${report.sales}`),
    complaints: complaints.map((complaint) => `${complaint.category} ${complaint.status} ${complaint.desa}`),
    participants: await db.models.participants.countDocuments(),
  };
}

describe('privacy rights on a participant', () => {
  it('exports every kind of record held about her, with her NIK, and nothing of another person', async () => {
    const subject = await findDataSubject(db.models, SITI.phone);
    expect(subject.kind).toBe('participant');
    const data = exportOf(await gatherHoldings(db.models, subject), now, vault);
    const count = (section: string) => data.sections[section]?.length ?? 0;
    expect(data.sections.record?.[0]).toMatchObject({
      name: 'Siti Aminah',
      nik: SITI.nik,
      phone: SITI.phone,
    });
    expect(count('conversations')).toBe(1);
    expect(count('inboundMessages')).toBe(1);
    expect(count('outbox')).toBe(2);
    expect(count('weeklyReports')).toBe(2);
    expect(data.sections.weeklyReports?.[1]).toMatchObject({
      week: '2026-W47',
      revisions: [expect.objectContaining({ sales: 1_350_000 })],
    });
    expect(count('reportLedger')).toBe(1);
    expect(count('complaints')).toBe(1);
    expect(JSON.stringify(data.sections.complaints)).toContain('Dana sudah kami cek Bu');
    expect(count('mentoringSessions')).toBe(1);
    expect(count('sessionResponses')).toBe(1);
    expect(count('sessionAttendance')).toBe(1);
    expect(count('handovers')).toBe(1);
    expect(count('auditEvents')).toBe(1);

    const text = JSON.stringify(data);
    for (const other of [
      KOKOM.name,
      KOKOM.phone,
      String(ids.kokomId),
      'Halo dari Kokom',
      'Jalan desa rusak',
      RESIDENT.phone,
    ])
      expect(text).not.toContain(other);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportWorkbook(data)) as never);
    const sheet = workbook.getWorksheet('Pengaduan');
    expect(sheet?.getRow(2).values).toContain('Bantuan PKH saya belum cair');
    expect(workbook.getWorksheet('Data diri')?.getRow(2).values).toContain(SITI.nik);
  });

  it('erases her name, phone, NIK and texts everywhere, keeps the figures, and a second time changes nothing', async () => {
    const before = await figures();
    expect(await gridFsMediaStore(db.connection).read(ids.photo)).toMatchObject({
      contentType: 'image/jpeg',
    });
    const holdings = await gatherHoldings(db.models, await findDataSubject(db.models, SITI.phone));
    expect(erasurePlan(holdings)).toEqual({
      record: 1,
      conversations: 1,
      inboundMessages: 1,
      outbox: 2,
      weeklyReports: 2,
      complaints: 1,
      handovers: 1,
      auditEvents: 1,
    });
    await eraseHoldings(db.models, holdings, now);

    const stored = await everythingStored(db.models);
    for (const gone of [
      'Siti',
      SITI.phone,
      SITI.phone.slice(1),
      SITI.nik,
      SITI.nik.slice(0, 6),
      SITI.telegram,
      ...SITI_TEXTS,
    ])
      expect(stored).not.toContain(gone);
    // Kokom's and the resident's data is untouched.
    for (const kept of [KOKOM.name, 'Halo dari Kokom', 'Jalan desa rusak', 'Saya warga, bukan peserta'])
      expect(stored).toContain(kept);
    expect(await figures()).toEqual(before);

    const record = await db.models.participants.findById(ids.sitiId).lean();
    expect(record).toMatchObject({
      name: `Peserta dihapus ${String(ids.sitiId).slice(-6)}`,
      phone: placeholderPhoneOf(ids.sitiId),
      channels: {},
      consent: { withdrawnAt: now },
      remindersStoppedAt: now,
    });
    expect(record?.nik).toBeUndefined();
    expect(await db.models.outboxQueue.countDocuments({ _id: 'reminder:siti' })).toBe(0);
    expect(await db.models.openHandovers.countDocuments()).toBe(0);
    const complaint = await db.models.complaints.findOne({ participant: ids.sitiId }).lean();
    expect(complaint).toMatchObject({ text: '[dihapus atas permintaan]', category: 'PKH' });
    expect(complaint?.complainantPhone).toBeUndefined();
    expect(complaint?.photos).toEqual([]);
    expect(await gridFsMediaStore(db.connection).read(ids.photo)).toBeUndefined();

    // Her number finds no one any more; by her record, nothing is left to change.
    expect((await findDataSubject(db.models, SITI.phone)).kind).toBe('resident');
    const again = await gatherHoldings(db.models, await findDataSubject(db.models, SITI.phone));
    expect(Object.values(erasurePlan(again)).every((count) => count === 0)).toBe(true);
    const byRecord = await gatherHoldings(db.models, {
      kind: 'participant',
      phone: placeholderPhoneOf(ids.sitiId),
      record: (await db.models.participants.findById(ids.sitiId).lean())!,
    });
    expect(Object.values(erasurePlan(byRecord)).every((count) => count === 0)).toBe(true);
    const snapshot = await everythingStored(db.models);
    await eraseHoldings(db.models, byRecord, new Date(now.getTime() + 60_000));
    expect(await everythingStored(db.models)).toBe(snapshot);
  });
});

describe('message retention', () => {
  it('prunes inbound messages and finished outbox entries older than the cutoff, keeps recent and unfinished ones', async () => {
    const old = new Date('2024-10-01T00:00:00Z');
    const chat = { channel: 'simulator', chatId: KOKOM.phone };
    await db.models.inboundMessages.create([
      {
        ...chat,
        platformMessageId: 'old-1',
        receivedAt: old,
        status: 'processed',
        payload: { text: 'lama' },
      },
      {
        ...chat,
        platformMessageId: 'old-queued',
        receivedAt: old,
        status: 'received',
        payload: { text: 'lama, belum' },
      },
    ]);
    await db.models.inboundQueue.create({
      _id: 'simulator:old-queued',
      ...chat,
      receivedAt: old,
      order: 1,
      payload: { text: 'lama, belum' },
    });
    await db.models.outbox.create([
      {
        dedupeKey: 'old-sent',
        ...chat,
        message: { text: 'lama' },
        dueAt: old,
        status: 'sent',
        sentAt: old,
        platformMessageId: 'p-old',
      },
      {
        dedupeKey: 'old-pending',
        ...chat,
        message: { text: 'lama, menunggu' },
        dueAt: old,
        status: 'pending',
      },
    ]);
    await db.models.outboxPlatformIds.create({ _id: 'simulator:p-old', outbox: 'old-sent' });
    await db.models.outboxQueue.create({ _id: 'old-pending', ...chat, dueAt: old, order: 2 });

    expect(retentionCutoff(now, 24).toISOString()).toBe('2024-11-23T02:00:00.000Z');
    const [job] = programJobs(db.models, { ...defaultSchedule(), messageRetentionMonths: 24 }).filter(
      (scheduled) => scheduled.name === 'message-retention',
    );
    expect(await job?.run('2026-11-23', now)).toMatchObject({ inboundMessages: 1, outbox: 1 });
    expect(await db.models.inboundMessages.exists({ _id: 'simulator:old-1' })).toBeNull();
    expect(await db.models.inboundMessages.exists({ _id: 'simulator:old-queued' })).not.toBeNull();
    expect(await db.models.inboundMessages.exists({ _id: 'simulator:k1' })).not.toBeNull();
    expect(await db.models.outbox.exists({ _id: 'old-sent' })).toBeNull();
    expect(await db.models.outboxPlatformIds.exists({ _id: 'simulator:p-old' })).toBeNull();
    expect(await db.models.outbox.exists({ _id: 'old-pending' })).not.toBeNull();
    expect(await db.models.outbox.exists({ _id: 'reply:simulator:k1:0' })).not.toBeNull();
    expect(await pruneMessageHistory(db.models, retentionCutoff(now, 24))).toMatchObject({
      inboundMessages: 0,
      outbox: 0,
    });
    // 0 keeps messages for good: there is no such job.
    expect(
      programJobs(db.models, { ...defaultSchedule(), messageRetentionMonths: 0 }).map((job) => job.name),
    ).not.toContain('message-retention');
  });
});

describe('npm run privacy', () => {
  const env = () => ({
    MONGODB_URI: `${testServerUri()}${db.name}`,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'pendamping-privacy-')),
    NIK_ENCRYPTION_KEY: PRIVACY_NIK_KEY,
  });
  const privacy = (...args: string[]) => runScript('src/cli/privacy.ts', args, env());

  it('answers bad input with exit code 2 and the usage', async () => {
    for (const args of [
      [],
      ['show', RESIDENT.phone],
      ['export'],
      ['export', '12345'],
      ['erase', RESIDENT.phone, '--out', '/tmp'],
      ['export', RESIDENT.phone, '--yess'],
    ]) {
      const done = await privacy(...args);
      expect(done.code).toBe(2);
      expect(done.stderr).toContain('npm run privacy -- export <no. HP>');
    }
  });

  it('exports a resident’s complaint to JSON and .xlsx, then erases it only with --yes, and once', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pendamping-export-'));
    const exported = await privacy('export', '0857-0000-1234', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).not.toContain(RESIDENT.phone);
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      expect.stringMatching(/^privacy-export-\d{4}-\d\d-\d\d-0857-xxxx-1234\.json$/),
      expect.stringMatching(/\.xlsx$/),
    ]);
    expect(exported.stdout).toContain(join(out, files[0]!));
    const data = JSON.parse(readFileSync(join(out, files[0]!), 'utf8')) as {
      sections: Record<string, unknown[]>;
    };
    expect(JSON.stringify(data.sections.complaints)).toContain('Saya warga, bukan peserta');
    expect(existsSync(join(out, files[1]!))).toBe(true);
    expect(await db.models.auditEvents.countDocuments({ action: 'privacy.export', actor: 'cli' })).toBe(1);

    const dry = await privacy('erase', RESIDENT.phone);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/ 1 {2}Pengaduan tanpa teks/);
    expect(dry.stdout).toContain('--yes');
    expect(await db.models.complaints.countDocuments({ complainantPhone: RESIDENT.phone })).toBe(1);

    const erased = await privacy('erase', RESIDENT.phone, '--yes');
    expect(erased).toMatchObject({ code: 0 });
    expect(await db.models.complaints.countDocuments({ complainantPhone: RESIDENT.phone })).toBe(0);
    expect(await db.models.complaints.countDocuments({ text: 'Saya warga, bukan peserta' })).toBe(0);
    expect(await db.models.auditEvents.countDocuments({ action: 'privacy.erase' })).toBe(1);

    const twice = await privacy('erase', RESIDENT.phone, '--yes');
    expect(twice.stdout).toContain('nothing (left) to erase');
    expect(await db.models.auditEvents.countDocuments({ action: 'privacy.erase' })).toBe(1);
  });

  it('runs the retention job by hand, and refuses a dry run of it', async () => {
    const job = (...args: string[]) =>
      runScript('src/cli/job.ts', args, { ...env(), MESSAGE_RETENTION_MONTHS: '24' });
    const ran = await job('message-retention', '--now');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(
      /message-retention: \{"inboundMessages":0,"outbox":0,"transcriptLines":0,"before":"\d{4}-/,
    );
    const dry = await job('message-retention', '--now', '--dry-run');
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain('--dry-run does not apply to message-retention');
  });

  it('refuses to erase a mentor’s record', async () => {
    const done = await privacy('erase', '+6281300000201', '--yes');
    expect(done.code).toBe(2);
    expect(await db.models.mentors.countDocuments({ name: 'Tono' })).toBe(1);
  });
});
