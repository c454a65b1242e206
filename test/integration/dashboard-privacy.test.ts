import ExcelJS from 'exceljs';
import { setPassword } from '../../src/auth';
import { createLogger } from '../../src/log';
import { programJobs } from '../../src/scheduler';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenWithDashboard } from '../support/privacy-dashboard';
import { everythingStored, KOKOM, SITI, seedPrivacyData } from '../support/privacy-data';
import { defaultSchedule } from '../support/schedule';

/** A participant's export and erasure on the dashboard, over HTTP: the admin's, with CSRF; nobody else's. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';
const ADMIN = '+6281300000004';
const MENTOR = '+6281300000201';

let base = '';
let close: () => Promise<void> = async () => {};
let addressCounter = 0;
let privacyPath = '';

beforeAll(async () => {
  const { sitiId } = await seedPrivacyData(db.models, now);
  privacyPath = `/dashboard/peserta/${String(sitiId)}/privasi`;
  for (const login of [ADMIN, MENTOR]) await setPassword(db.models, login, PASSWORD);
  ({ base, close } = await listenWithDashboard(db.models, clock, logger));
});

afterAll(() => close());

async function signedIn(login: string) {
  const browser = formBrowser(base, { address: `10.3.0.${++addressCounter}`, password: PASSWORD });
  const done = await browser.signIn(login);
  if (done.status !== 303) throw new Error(`sign-in of ${login} failed: ${done.status}`);
  await browser.get('/dashboard/peserta');
  return browser;
}

describe('personal data rights on the dashboard', () => {
  it('refuses a mentor the page, the export and the erasure (403), and changes nothing', async () => {
    const tono = await signedIn(MENTOR);
    const detail = await tono.get(privacyPath.replace('/privasi', ''));
    expect(detail.text).not.toContain('/privasi');
    const before = await everythingStored(db.models);
    expect((await tono.get(privacyPath)).status).toBe(403);
    expect((await tono.post(`${privacyPath}/ekspor`, { format: 'json' })).status).toBe(403);
    expect((await tono.post(`${privacyPath}/hapus`, { confirm: 'HAPUS' })).status).toBe(403);
    expect((await everythingStored(db.models)) === before).toBe(true);
  });

  it('gives the admin the export as .xlsx or JSON, with the NIK, audited; not without the form’s token', async () => {
    const dewi = await signedIn(ADMIN);
    const detail = await dewi.get(privacyPath.replace('/privasi', ''));
    expect(detail.text).toContain(`href="${privacyPath}"`);
    const form = await dewi.get(privacyPath);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Ketik HAPUS untuk menghapus');

    const xlsx = await dewi.post(`${privacyPath}/ekspor`, { format: 'xlsx' });
    expect(xlsx.status).toBe(200);
    expect(xlsx.response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?privacy-export-2026-11-23-0812-xxxx-7777\.xlsx"?$/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as never);
    expect(workbook.getWorksheet('Data diri')?.getRow(2).values).toContain(SITI.nik);
    expect(workbook.getWorksheet('Laporan mingguan')?.rowCount).toBe(3);

    const json = await dewi.post(`${privacyPath}/ekspor`, { format: 'json' });
    expect(json.response.headers.get('content-type')).toContain('application/json');
    expect(json.text).toContain('Bantuan PKH saya belum cair');
    expect(json.text).not.toContain(KOKOM.name);
    expect(await db.models.auditEvents.countDocuments({ action: 'privacy.export', actor: /^staff:/ })).toBe(
      2,
    );

    const bad = await dewi.post(`${privacyPath}/ekspor`, { format: 'pdf' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('xlsx');
    const forged = await dewi.request('POST', `${privacyPath}/ekspor`, { format: 'json' });
    expect(forged.status).toBe(403);
  });

  it('erases only once the admin types HAPUS, audited, and a second time changes nothing', async () => {
    const dewi = await signedIn(ADMIN);
    await dewi.get(privacyPath);
    const unconfirmed = await dewi.post(`${privacyPath}/hapus`, { confirm: 'ya' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('tidak ada yang dihapus');
    expect(await db.models.participants.countDocuments({ phone: SITI.phone })).toBe(1);

    const erased = await dewi.post(`${privacyPath}/hapus`, { confirm: 'HAPUS' });
    expect(erased.status).toBe(303);
    // Asked, and answered at once; the privacy job does it.
    expect((await dewi.get(privacyPath)).text).toContain('Sedang diproses');
    expect(await db.models.participants.countDocuments({ phone: SITI.phone })).toBe(1);
    for (const job of programJobs(db.models, defaultSchedule()))
      if (job.name === 'privacy-requests') await job.run('2026-11-23', now);
    const stored = await everythingStored(db.models);
    for (const gone of ['Siti Aminah', SITI.phone, SITI.nik, 'Bantuan PKH saya belum cair'])
      expect(stored).not.toContain(gone);
    expect(await db.models.auditEvents.findOne({ action: 'privacy.erase' }).lean()).toMatchObject({
      actor: expect.stringMatching(/^staff:/),
      from: expect.stringMatching(/^10\.3\.0\./),
      details: { via: 'job', counts: expect.objectContaining({ record: 1, complaints: 1 }) },
    });
    expect(await db.models.auditEvents.countDocuments({ action: 'privacy.erase.request' })).toBe(1);

    const page = await dewi.get(privacyPath);
    expect(page.text).toContain('sudah dihapus');
    const again = await dewi.post(`${privacyPath}/hapus`, { confirm: 'HAPUS' });
    expect(again.status).toBe(303);
    expect((await everythingStored(db.models)) === stored).toBe(true);
  });
});
