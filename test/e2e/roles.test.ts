import type { Browser } from 'playwright-core';
import { setPassword } from '../../src/auth';
import { SECTIONS } from '../../src/http/dashboard/layout';
import { createLogger } from '../../src/log';
import { launchChromium, openTab, pathOf, serveDashboard, signIn } from '../support/browser';
import { useTestDatabase } from '../support/database';

/**
 * Each role, signed in in a real browser, against every section of the dashboard: the header links
 * exactly the sections the role may open, and every other one answers 403 even by its address.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-peran-2026';

const ALLOWED = {
  admin: [
    '/dashboard/ringkasan',
    '/dashboard/peserta',
    '/dashboard/laporan',
    '/dashboard/pengaduan',
    '/dashboard/bantuan',
    '/dashboard/sesi',
    '/dashboard/siaran',
    '/dashboard/impor',
    '/dashboard/orang',
    '/dashboard/saluran',
    '/dashboard/audit',
  ],
  staff: ['/dashboard/ringkasan', '/dashboard/peserta', '/dashboard/pengaduan', '/dashboard/bantuan'],
  mentor: [
    '/dashboard/ringkasan',
    '/dashboard/peserta',
    '/dashboard/laporan',
    '/dashboard/bantuan',
    '/dashboard/sesi',
    '/dashboard/siaran',
  ],
};
const LOGINS = { admin: '0813-0000-0004', staff: '0813-0000-0001', mentor: '0813-0000-0201' };

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;

beforeAll(async () => {
  const [lumpaat] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' },
  ]);
  await db.models.staff.create([
    { name: 'Rina', phone: '+6281300000001', role: 'front_office', puskesos: lumpaat?._id },
    { name: 'Dewi (Dinsos)', phone: '+6281300000004', role: 'admin' },
  ]);
  await db.models.mentors.create({
    name: 'Tono',
    phone: '+6281300000201',
    type: 'MiBi',
    kecamatan: ['Cililin'],
  });
  for (const login of Object.values(LOGINS)) await setPassword(db.models, login, PASSWORD);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

describe.each(Object.keys(ALLOWED) as (keyof typeof ALLOWED)[])('signed in as %s', (role) => {
  it('links and opens exactly the sections the role may see, and refuses the others by address', async () => {
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard/masuk`);
    await signIn(page, LOGINS[role], PASSWORD);
    expect(pathOf(page)).toBe(role === 'staff' ? '/dashboard/pengaduan' : '/dashboard/ringkasan');
    const linked = await page.$$eval('header nav a', (links) =>
      links.map((link) => link.getAttribute('href')),
    );
    expect(linked).toEqual(ALLOWED[role]);
    for (const section of SECTIONS) {
      const response = await page.goto(`${base}${section.path}`);
      expect([section.path, response?.status()]).toEqual([
        section.path,
        ALLOWED[role].includes(section.path) ? 200 : 403,
      ]);
    }
    expect(cspViolations).toEqual([]);
  });
});
