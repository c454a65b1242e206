import { recordAudit } from '../../src/auth';
import { databaseReachable } from '../../src/db/connect';
import { actOnComplaint, openComplaint } from '../../src/domain/complaints';
import { formatRupiah } from '../../src/domain/display';
import { createHttpApp } from '../../src/http';
import { dashboardRouter } from '../../src/http/dashboard';
import { AUDIT_PAGE_SIZE } from '../../src/http/dashboard/audit-log';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK, testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { listenOnLoopback } from '../support/http';
import {
  LOGINS,
  OVERVIEW_NOW,
  OVERVIEW_PASSWORD,
  SEEDED_WEEKS,
  seedOverview,
  seededTotals,
  type SeededOverview,
} from '../support/overview-data';

/** The overview and the audit log over plain HTTP: what each role gets, and what is refused. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date(OVERVIEW_NOW.getTime());
const THIS = SEEDED_WEEKS - 1;

let base = '';
let close: () => Promise<void> = async () => {};
let seeded: SeededOverview;
let addressCounter = 0;

beforeAll(async () => {
  seeded = await seedOverview(db.models);
  const dependencies = testApiDependencies({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    clock,
    logger,
  });
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [dashboardRouter(dependencies)],
    logger,
    trustProxy: ['loopback'],
  });
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

/** A browser of its own address (the audit log shows it), signed in with `signIn`, which must work. */
function browserAt(address = `10.2.0.${++addressCounter}`) {
  const browser = formBrowser(base, { address, password: OVERVIEW_PASSWORD });
  return {
    address,
    request: browser.request,
    async signIn(login: string) {
      const signedIn = await browser.signIn(login);
      expect(signedIn.response.status).toBe(303);
      return signedIn;
    },
  };
}

/** The text of the element with this id, tags dropped and spaces squeezed. */
function textOf(page: string, id: string): string {
  const start = page.indexOf(`id="${id}"`);
  if (start < 0) return '';
  const tag = page.lastIndexOf('<', start);
  const name = /^<(\w+)/.exec(page.slice(tag))?.[1] ?? 'div';
  const end = page.indexOf(`</${name}>`, start);
  return page
    .slice(tag, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The cells of the table row that begins with `first`, within the element with this id. */
function rowOf(page: string, id: string, first: string): string {
  const table = textOf(page, id);
  const at = table.indexOf(`${first} `);
  return at < 0 ? '' : table.slice(at, at + 60);
}

describe('the overview', () => {
  it('shows a Dinsos admin every kecamatan, this week’s rate and totals, the trend and all complaints', async () => {
    const admin = browserAt();
    const signedIn = await admin.signIn(LOGINS.admin);
    expect(signedIn.response.headers.get('location')).toBe('/dashboard/ringkasan');
    const { response, text } = await admin.request('GET', '/dashboard/ringkasan');
    expect(response.status).toBe(200);
    const all = seededTotals(THIS);
    // Six active (one graduated), four of them reported this week.
    expect(all).toMatchObject({ active: 6, reported: 4 });
    expect(textOf(text, 'peserta-aktif')).toBe('6 peserta aktif');
    expect(textOf(text, 'melapor')).toBe(`4 / 6 melapor minggu ini (67 %)`);
    expect(textOf(text, 'omzet')).toBe(`${formatRupiah(all.sales)} omzet minggu ini`);
    expect(textOf(text, 'tabungan')).toBe(`${formatRupiah(all.savings)} tabungan masuk minggu ini`);
    expect(rowOf(text, 'per-kecamatan', 'Cililin')).toMatch(/^Cililin 3 2 67 %/);
    expect(rowOf(text, 'per-kecamatan', 'Cihampelas')).toMatch(/^Cihampelas 2 1 50 %/);
    expect(rowOf(text, 'per-kecamatan', 'Lembang')).toMatch(/^Lembang 1 1 100 %/);
    expect(rowOf(text, 'per-klaster', 'Kuliner')).toMatch(/^Kuliner 2 33 %/);
    expect(rowOf(text, 'per-klaster', 'Kriya Tekstil/Fesyen')).toMatch(/^Kriya Tekstil\/Fesyen 1 17 %/);
    expect(rowOf(text, 'per-kategori', 'Start Up')).toMatch(/^Start Up 3 50 %/);
    expect(text).toContain('1 lulus');
    // Last week's row: every active participant reported.
    const lastWeek = seededTotals(THIS - 1);
    expect(textOf(text, 'minggu')).toContain(`16-22 Nov 2026 ${lastWeek.reported} / 6`);
    expect(textOf(text, 'minggu')).toContain(formatRupiah(lastWeek.sales));
    // The eight weeks with reports; the weeks before them are not shown as weeks of 0 %.
    expect(textOf(text, 'minggu')).toContain('8 minggu terakhir');
    expect(textOf(text, 'minggu')).toContain('5-11 Okt 2026');
    expect(textOf(text, 'minggu')).not.toContain('28 Sep-4 Okt 2026');
    // Three charts, the trend with one bar per week.
    expect(text.match(/<figure class="chart">/g)).toHaveLength(3);
    // (the week in progress drawn as ongoing).
    expect(text.match(/<rect\s+class="series-b( ongoing)?"/g)?.length).toBeGreaterThanOrEqual(SEEDED_WEEKS);
    expect(text.match(/<rect\s+class="series-b ongoing"/g)).toHaveLength(1);
    // Complaints of every Puskesos, the older one overdue.
    expect(textOf(text, 'pengaduan-terbuka')).toBe('2 pengaduan terbuka');
    expect(textOf(text, 'pengaduan-terlambat')).toBe('1 pengaduan terlambat');
    expect(text).toContain('href="/dashboard/pengaduan"');
    expect(rowOf(text, 'per-puskesos', 'Puskesos Lumpaat')).toMatch(/^Puskesos Lumpaat 1 1/);
    expect(rowOf(text, 'per-puskesos', 'Puskesos Cihampelas')).toMatch(/^Puskesos Cihampelas 1 0/);

    const audited = await db.models.auditEvents
      .findOne({ action: 'overview.read', actor: `staff:${seeded.ids.admin}` })
      .lean();
    expect(audited?.from).toBe(admin.address);
    expect(audited?.details).toMatchObject({ via: 'session', page: 'dashboard', participants: 7 });
  });

  it('shows a mentor only their own participants’ figures', async () => {
    const tono = browserAt();
    const signedIn = await tono.signIn(LOGINS.tono);
    expect(signedIn.response.headers.get('location')).toBe('/dashboard/ringkasan');
    const { response, text } = await tono.request('GET', '/dashboard/ringkasan');
    expect(response.status).toBe(200);
    const own = seededTotals(THIS, (participant) => participant.mentor === 'tono');
    expect(own).toMatchObject({ active: 3, reported: 2 });
    expect(textOf(text, 'peserta-aktif')).toBe('3 peserta aktif');
    expect(textOf(text, 'melapor')).toBe('2 / 3 melapor minggu ini (67 %)');
    expect(textOf(text, 'omzet')).toBe(`${formatRupiah(own.sales)} omzet minggu ini`);
    expect(own.sales).not.toBe(seededTotals(THIS).sales);
    expect(rowOf(text, 'per-kecamatan', 'Cililin')).toMatch(/^Cililin 3 2 67 %/);
    expect(text).not.toContain('Cihampelas');
    expect(text).not.toContain('Lembang');
    // The graduated participant's early weeks count in her mentor's totals.
    const oldest = seededTotals(0, (participant) => participant.mentor === 'tono');
    expect(textOf(text, 'minggu')).toContain(formatRupiah(oldest.sales));
    // Mentors do not work the Puskesos's complaints desk.
    expect(text).not.toContain('pengaduan-terbuka');
    const audited = await db.models.auditEvents
      .findOne({ action: 'overview.read', actor: `mentor:${seeded.ids.tono}` })
      .lean();
    expect(audited?.details).toMatchObject({ participants: 4 });
  });

  it('shows Puskesos staff their own complaint counts and no participant figures', async () => {
    const rina = browserAt();
    await rina.signIn(LOGINS.rina);
    const { response, text } = await rina.request('GET', '/dashboard/ringkasan');
    expect(response.status).toBe(200);
    expect(text).toContain('Ringkasan pengaduan · Puskesos Lumpaat');
    expect(textOf(text, 'pengaduan-terbuka')).toBe('1 pengaduan terbuka');
    expect(textOf(text, 'pengaduan-terlambat')).toBe('1 pengaduan terlambat');
    // The forms' random CSRF token could contain "Rp" by chance: it is left out of the search.
    const shown = text.replace(/name="csrf" value="[^"]*"/g, '');
    for (const hidden of [
      'peserta-aktif',
      'omzet',
      'tabungan',
      'per-kecamatan',
      'per-klaster',
      'Rp',
      'chart',
    ]) {
      expect(shown).not.toContain(hidden);
    }
    // Another Puskesos's complaints are neither counted nor named.
    expect(text).not.toContain('Puskesos Cihampelas');
    // Nothing answered yet this month.
    expect(textOf(text, 'dijawab-bulan-ini')).toBe('0 dijawab bulan ini');
    expect(textOf(text, 'waktu-jawab')).toBe('— median waktu sampai dijawab (bulan ini)');
  });

  it('shows Puskesos staff how many complaints they answered this month, and how fast', async () => {
    const filedAt = new Date(OVERVIEW_NOW.getTime() - 30 * 3_600_000);
    const opened = await openComplaint(
      db.models,
      {
        complainantPhone: '+6281200006003',
        complainantChat: { channel: 'simulator', chatId: '+6281200006003' },
        language: 'id',
        desa: 'Batulayang',
        category: 'PKH',
        text: 'Kartu KKS hilang',
        photos: [],
        at: filedAt,
      },
      TEST_COMPLAINT_DESK,
    );
    if (!opened.ok) throw new Error('complaint not opened');
    const answered = await actOnComplaint(
      db.models,
      opened.number,
      { kind: 'reply', text: 'Silakan ke kantor desa membawa KTP.' },
      { kind: 'staff', staffId: seeded.ids.rina },
      clock(),
      TEST_COMPLAINT_DESK,
    );
    expect(answered.ok).toBe(true);
    const rina = browserAt();
    await rina.signIn(LOGINS.rina);
    const { text } = await rina.request('GET', '/dashboard/ringkasan');
    expect(textOf(text, 'dijawab-bulan-ini')).toBe('1 dijawab bulan ini');
    expect(textOf(text, 'waktu-jawab')).toBe('30 jam median waktu sampai dijawab (bulan ini)');
  });

  it('is in English after the switch', async () => {
    const admin = browserAt();
    await admin.signIn(LOGINS.admin);
    const switched = await admin.request('GET', '/dashboard/bahasa?ke=en&kembali=/dashboard/ringkasan');
    expect(switched.response.headers.get('location')).toBe('/dashboard/ringkasan');
    const { text } = await admin.request('GET', '/dashboard/ringkasan');
    expect(text).toContain('<h1>Programme overview</h1>');
    expect(text).toContain('Active participants by cluster');
    expect(textOf(text, 'melapor')).toBe('4 / 6 reported this week (67 %)');
    expect(text).not.toContain('peserta aktif');
  });
});

describe('the audit log', () => {
  it('is refused to mentors and Puskesos staff', async () => {
    for (const login of [LOGINS.tono, LOGINS.rina]) {
      const browser = browserAt();
      await browser.signIn(login);
      const { response, text } = await browser.request('GET', '/dashboard/audit');
      expect(response.status).toBe(403);
      expect(text).toContain('hanya untuk admin Dinsos');
      expect(text).not.toContain('sign_in.succeeded');
    }
  });

  it('refuses a mentor before reading the filters: a 403, never a 400 that describes them', async () => {
    const tono = browserAt();
    await tono.signIn(LOGINS.tono);
    const { response, text } = await tono.request('GET', '/dashboard/audit?aksi=bukan%20aksi!&warna=merah');
    expect(response.status).toBe(403);
    expect(text).not.toContain('Isian tidak dikenal');
  });

  it('shows an admin a refused filter again with what was typed and why, as a 400', async () => {
    const admin = browserAt();
    await admin.signIn(LOGINS.admin);
    const { response, text } = await admin.request('GET', '/dashboard/audit?aksi=bukan%20aksi!&warna=merah');
    expect(response.status).toBe(400);
    expect(text).toContain('value="bukan aksi!"');
    expect(text).toContain('Aksi: tulis huruf, angka, titik atau garis bawah saja');
    expect(text).toContain('Isian tidak dikenal: warna.');
  });

  it('shows an admin the newest entries first with names, addresses and details, and audits the read', async () => {
    const admin = browserAt();
    await admin.signIn(LOGINS.admin);
    await admin.request('GET', '/dashboard/ringkasan');
    const { response, text } = await admin.request('GET', '/dashboard/audit?aksi=&pelaku=');
    expect(response.status).toBe(200);
    const rows = textOf(text, 'audit');
    // The admin's own overview read, then their sign-in, both from their address, named.
    const overview = rows.indexOf(`Dewi Lestari overview.read ${admin.address}`);
    const signIn = rows.indexOf(`Dewi Lestari sign_in.succeeded ${admin.address}`);
    expect(overview).toBeGreaterThan(0);
    expect(signIn).toBeGreaterThan(overview);
    expect(rows).toContain('2026-11-23 09:00:00');
    expect(rows).toContain('via: session');
    expect(text).toContain(`title="staff:${seeded.ids.admin}"`);
    const read = await db.models.auditEvents
      .find({ action: 'audit.read', actor: `staff:${seeded.ids.admin}` })
      .lean();
    expect(read).toHaveLength(1);
    expect(read[0]?.from).toBe(admin.address);
  });

  it('filters by action and by actor (a name or staff:<id>)', async () => {
    const admin = browserAt();
    await admin.signIn(LOGINS.admin);
    const tono = browserAt();
    await tono.signIn(LOGINS.tono);
    await tono.request('GET', '/dashboard/ringkasan');

    const bySignIn = await admin.request('GET', '/dashboard/audit?aksi=sign_in');
    const actions = [...bySignIn.text.matchAll(/<td><code>([^<]+)<\/code><\/td>/g)].map((match) => match[1]);
    expect(actions.length).toBeGreaterThan(2);
    expect(actions.every((action) => action?.startsWith('sign_in.'))).toBe(true);
    expect(bySignIn.text).toContain('value="sign_in"');

    const byName = await admin.request('GET', '/dashboard/audit?pelaku=tono');
    const tonoRows = textOf(byName.text, 'audit');
    expect(tonoRows).toContain('Tono Sutisna overview.read');
    expect(tonoRows).toContain('Tono Sutisna sign_in.succeeded');
    expect(tonoRows).not.toContain('Dewi Lestari');

    const both = await admin.request(
      'GET',
      `/dashboard/audit?aksi=overview&pelaku=${encodeURIComponent(`mentor:${seeded.ids.tono}`)}`,
    );
    const bothRows = textOf(both.text, 'audit');
    expect(bothRows).toContain('Tono Sutisna overview.read');
    expect(bothRows).not.toContain('sign_in');

    const nobody = await admin.request('GET', '/dashboard/audit?pelaku=Tidak+Ada+Orangnya');
    expect(nobody.text).toContain('Tidak ada catatan yang cocok.');
  });

  it('answers a bad filter with 400, naming the field and keeping what was typed', async () => {
    const admin = browserAt();
    await admin.signIn(LOGINS.admin);
    const bad = await admin.request(
      'GET',
      `/dashboard/audit?aksi=${encodeURIComponent('$where')}&pelaku=Dewi`,
    );
    expect(bad.response.status).toBe(400);
    expect(bad.text).toContain('Aksi: tulis huruf, angka');
    expect(bad.text).toContain('value="$where"');
    expect(bad.text).toContain('value="Dewi"');
    const unknown = await admin.request('GET', '/dashboard/audit?actor=x');
    expect(unknown.response.status).toBe(400);
    expect(unknown.text).toContain('Isian tidak dikenal: actor');
    const cursor = await admin.request('GET', '/dashboard/audit?sebelum=kemarin');
    expect(cursor.response.status).toBe(400);
    expect(cursor.text).toContain('halaman berikutnya tidak sah');
  });

  it('pages through older entries 50 at a time without skipping or repeating any', async () => {
    // 120 entries of one action, three to each second: ties of time must not lose entries.
    const base = OVERVIEW_NOW.getTime() - 3_600_000;
    for (let index = 0; index < 120; index++) {
      await recordAudit(
        db.models,
        { actor: 'cli', action: 'bulk.test', target: `item-${String(index).padStart(3, '0')}` },
        new Date(base + Math.floor(index / 3) * 1_000),
      );
    }
    const admin = browserAt();
    await admin.signIn(LOGINS.admin);
    const seen: string[] = [];
    let path: string | undefined = '/dashboard/audit?aksi=bulk';
    let pages = 0;
    while (path) {
      const { response, text } = await admin.request('GET', path);
      expect(response.status).toBe(200);
      const targets = [...text.matchAll(/<td>(item-\d{3})<\/td>/g)].map((match) => match[1] ?? '');
      expect(targets.length).toBeLessThanOrEqual(AUDIT_PAGE_SIZE);
      seen.push(...targets);
      pages++;
      const older = /<a rel="next" href="([^"]+)"/.exec(text)?.[1];
      path = older?.replace(/&amp;/g, '&');
      if (path) expect(path).toContain('aksi=bulk');
      if (pages > 1) expect(text).toContain('href="/dashboard/audit?aksi=bulk"');
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    // Newest first: the later second first, within a second the later-written first.
    expect(seen[0]).toBe('item-119');
    expect(seen[119]).toBe('item-000');
  });
});
