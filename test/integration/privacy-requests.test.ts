import { recordAudit, setPassword } from '../../src/auth';
import { carryOutPrivacyRequests, type PrivacyAudit } from '../../src/domain/privacy';
import { createLogger } from '../../src/log';
import { programJobs } from '../../src/scheduler';
import { formBrowser } from '../support/form-browser';
import { listenWithDashboard } from '../support/privacy-dashboard';
import { everythingStored, SITI, seedPrivacyData } from '../support/privacy-data';
import { defaultSchedule } from '../support/schedule';
import { useWatchedDatabase } from '../support/watched-database';

/**
 * A privacy request on the dashboard is queued and answered at once; the privacy job carries out every
 * waiting request together, reading the message history once, and the page shows what it did.
 */
const db = useWatchedDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';
const ADMIN = '+6281300000004';
/** The collections that grow with the programme's history, which no page may read whole. */
const BIG =
  /^(inbound_messages|outbox|complaints|weekly_reports|audit_events|handovers|participants|mentoring_sessions)$/;

let base = '';
let close: () => Promise<void> = async () => {};
let sitiPath = '';
let kokomPath = '';
let kokom = '';

const privacyJob = () => {
  const job = programJobs(db.models, defaultSchedule()).find(
    (scheduled) => scheduled.name === 'privacy-requests',
  );
  if (!job) throw new Error('the privacy job is scheduled');
  return job;
};

beforeAll(async () => {
  const { sitiId, kokomId } = await seedPrivacyData(db.models, now);
  sitiPath = `/dashboard/peserta/${String(sitiId)}/privasi`;
  kokom = String(kokomId);
  kokomPath = `/dashboard/peserta/${kokom}/privasi`;
  await setPassword(db.models, ADMIN, PASSWORD);
  ({ base, close } = await listenWithDashboard(db.models, clock, logger));
});

afterAll(() => close());

async function admin() {
  const browser = formBrowser(base, { address: '10.4.0.1', password: PASSWORD });
  if ((await browser.signIn(ADMIN)).status !== 303) throw new Error('the admin signs in');
  return browser;
}

describe('privacy requests', () => {
  it('shows the privacy page from keyed documents only, never a scan of the history', async () => {
    const dewi = await admin();
    let status = 0;
    const used = await db.commandsOf(async () => {
      status = (await dewi.get(sitiPath)).status;
    });
    expect(status).toBe(200);
    expect(used.filter((command) => !command.keyed && BIG.test(command.collection))).toEqual([]);
  });

  it('counts what is held on request, once however often asked, and shows it when the job has run', async () => {
    const dewi = await admin();
    await dewi.get(sitiPath);
    const asked = await dewi.post(`${sitiPath}/hitung`, {});
    expect(asked.status).toBe(303);
    expect((await dewi.post(`${sitiPath}/hitung`, {})).status).toBe(303);
    expect(await db.models.privacyRequests.countDocuments({ kind: 'count' })).toBe(1);
    const waiting = await dewi.get(sitiPath);
    expect(waiting.text).toContain('Sedang diproses');
    expect(waiting.text).not.toContain('Hitung data yang disimpan');

    await privacyJob().run('2026-11-23', now);
    const counted = await dewi.get(sitiPath);
    expect(counted.text).toContain('Dihitung pada');
    expect(counted.text).toMatch(/Laporan mingguan<\/td>\s*<td class="number">2</);
    expect(counted.text).toContain('Hitung data yang disimpan');
    expect(await db.models.privacyRequests.countDocuments()).toBe(0);
    expect(
      await db.models.auditEvents.countDocuments({
        action: { $in: ['privacy.count.request', 'privacy.count'] },
      }),
    ).toBe(2);
  });

  it('erases two people in one run that reads each collection of the history once', async () => {
    const dewi = await admin();
    await dewi.get(sitiPath);
    for (const path of [sitiPath, kokomPath]) {
      expect((await dewi.post(`${path}/hapus`, { confirm: 'HAPUS' })).status).toBe(303);
    }
    expect((await dewi.get(sitiPath)).text).toContain('Sedang diproses');

    const used = await db.commandsOf(() => privacyJob().run('2026-11-23', now));
    const scans = used.filter((command) => command.name === 'find' && !command.keyed);
    const scansOf = (collection: string) =>
      scans.filter((command) => command.collection === collection).length;
    for (const collection of ['inbound_messages', 'outbox', 'complaints', 'weekly_reports', 'audit_events'])
      expect(scansOf(collection)).toBe(1);

    const stored = await everythingStored(db.models);
    for (const gone of ['Siti Aminah', SITI.phone, SITI.nik, 'Bantuan PKH saya belum cair', 'Kokom Komariah'])
      expect(stored).not.toContain(gone);
    const page = await dewi.get(sitiPath);
    expect(page.text).toContain('sudah dihapus');
    expect(page.text).toMatch(/Pengaduan tanpa teks dan nomor<\/td>\s*<td class="number">1</);
    expect(await db.models.auditEvents.countDocuments({ action: 'privacy.erase' })).toBe(2);
  });

  it('finishes an erasure whose run died half-way, reporting what it changed, audited once', async () => {
    // Kokom's erasure undone on her record, as if it had not been done yet.
    await db.models.participants.updateOne({ _id: kokom }, { $unset: { erasedAt: 1 } });
    await db.models.privacyResults.deleteMany({});
    await db.models.auditEvents.deleteMany({ action: 'privacy.erase' });
    const dewi = await admin();
    await dewi.get(kokomPath);
    expect((await dewi.post(`${kokomPath}/hapus`, { confirm: 'HAPUS' })).status).toBe(303);

    // The run erases, writes its audit line, and dies before the request leaves the queue.
    const dies: PrivacyAudit = async (entry, at) => {
      await recordAudit(db.models, entry, at);
      throw new Error('killed');
    };
    await expect(carryOutPrivacyRequests(db.models, now, dies)).rejects.toThrow('killed');
    expect(await db.models.privacyRequests.countDocuments()).toBe(1);

    await privacyJob().run('2026-11-23', now);
    expect(await db.models.privacyRequests.countDocuments()).toBe(0);
    const erasures = await db.models.auditEvents.find({ action: 'privacy.erase' }).lean();
    expect(erasures).toHaveLength(1);
    expect(erasures[0]?.details).toMatchObject({ via: 'job', counts: { record: 1 } });
    expect((await dewi.get(kokomPath)).text).toMatch(
      /Data diri dijadikan samaran<\/td>\s*<td class="number">1</,
    );
  });
});
