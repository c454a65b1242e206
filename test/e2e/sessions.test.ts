import type { Browser } from 'playwright-core';
import { setPassword } from '../../src/auth';
import { createLogger } from '../../src/log';
import {
  clickAndWait,
  launchChromium,
  openTab,
  pathOf,
  screenshot,
  serveDashboard,
  signIn,
} from '../support/browser';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';
import { rebuildParticipantRoster } from '../../src/domain/participants/roster';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** A Monday morning in Bandung Barat: 09.00 WIB. */
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';
const SITI_PHONE = '+6281200007777';
const DEDE_PHONE = '+6281200007780';
const TOPIC = 'Pembukuan warung';

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;
const ids = { siti: '', dede: '' };

beforeAll(async () => {
  const tono = await db.models.mentors.create({
    name: 'Tono',
    phone: '+6281300000201',
    type: 'MiBi',
    kecamatan: ['Cililin'],
  });
  const [sitiRecord, dede] = await db.models.participants.create([
    { ...siti(SITI_PHONE, { consentedOn: 'simulator', at: now }), mentors: { mibi: tono._id } },
    {
      ...siti(DEDE_PHONE, { consentedOn: 'simulator', at: now }),
      name: 'Dede Rohaeni',
      desa: 'Karanganyar',
      mentors: { mibi: tono._id },
    },
  ]);
  // Written around the service: the roster the forms list invitees from is built again from them.
  await rebuildParticipantRoster(db.models);
  ids.siti = String(sitiRecord?._id);
  ids.dede = String(dede?._id);
  await setPassword(db.models, '+6281300000201', PASSWORD);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

describe('the mentoring sessions pages in a browser', () => {
  it('lets a mentor plan a session, find it in the list and the calendar, and record who came', async () => {
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard/sesi`);
    expect(pathOf(page)).toBe('/dashboard/masuk');
    await signIn(page, '0813-0000-0201', PASSWORD);
    await page.goto(`${base}/dashboard/sesi`);
    expect(await page.textContent('main')).toContain('Belum ada sesi yang direncanakan.');

    await clickAndWait(page, 'a:text("Rencanakan sesi baru")');
    expect(pathOf(page)).toBe('/dashboard/sesi/baru');
    // Last Friday: already past.
    await page.fill('#tanggal', '2026-11-20');
    await page.fill('#jam', '10:00');
    await page.fill('#tempat', 'Balai Desa Batulayang');
    await page.fill('#topik', TOPIC);
    await page.check(`input[name=peserta][value="${ids.siti}"]`);
    await page.check(`input[name=peserta][value="${ids.dede}"]`);
    await clickAndWait(page, 'button:text("Rencanakan dan undang")');
    expect(await page.textContent('[role=alert]')).toContain('Tanggal dan jam: waktu itu sudah lewat');
    expect(await page.inputValue('#tanggal')).toBe('2026-11-20');
    expect(await page.inputValue('#tempat')).toBe('Balai Desa Batulayang');
    expect(await page.inputValue('#topik')).toBe(TOPIC);
    expect(await page.isChecked(`input[name=peserta][value="${ids.dede}"]`)).toBe(true);
    expect(await page.getAttribute('#tanggal', 'aria-invalid')).toBe('true');
    await screenshot(page, 'dashboard-sesi-baru');

    // Today at 10.00, an hour from now.
    await page.fill('#tanggal', '2026-11-23');
    await clickAndWait(page, 'button:text("Rencanakan dan undang")');
    expect(pathOf(page)).toBe('/dashboard/sesi');
    expect(await page.textContent('.flash.ok')).toContain('Undangan dan pengingat untuk 2 peserta');
    const upcoming = (await page.textContent('table.sessions tbody tr')) ?? '';
    expect(upcoming).toContain(TOPIC);
    expect(upcoming).toMatch(/Sen, 23 Nov 2026,? 10[.:]00/);
    expect(upcoming).toContain('Balai Desa Batulayang');
    await screenshot(page, 'dashboard-sesi');

    // The invitation reached Siti's chat (the web simulator's transcript).
    const transcript = await fetch(`${base}/api/simulator/conversations/${SITI_PHONE}`);
    const lines = JSON.stringify(((await transcript.json()) as { lines: unknown }).lines);
    expect(lines).toContain(`Undangan pendampingan: ${TOPIC}`);
    expect(lines).toContain('Balai Desa Batulayang');

    await clickAndWait(page, 'a:text("Tampilan kalender")');
    expect(new URL(page.url()).searchParams.get('tampilan')).toBe('kalender');
    expect(await page.textContent('nav.months h2')).toBe('November 2026');
    expect(await page.textContent('table.calendar th:first-child')).toBe('Sen');
    expect(await page.textContent('td[data-date="2026-11-23"]')).toContain(`10.00 ${TOPIC}`);
    expect(await page.getAttribute('td[data-date="2026-11-23"]', 'class')).toContain('today');
    await screenshot(page, 'dashboard-sesi-kalender');
    await clickAndWait(page, 'a[rel=next]');
    expect(await page.textContent('nav.months h2')).toBe('Desember 2026');
    expect(await page.textContent('table.calendar')).not.toContain(TOPIC);

    // After the session: Siti came, Dede did not.
    now = new Date('2026-11-23T04:30:00Z');
    await page.goto(`${base}/dashboard/sesi`);
    await clickAndWait(page, 'a:text("Kehadiran")');
    await page.check(`input[name=hadir][value="${ids.siti}"]`);
    await clickAndWait(page, 'button:text("Simpan kehadiran")');
    expect(await page.textContent('.flash.ok')).toContain('Kehadiran tercatat: 1 dari 2 peserta hadir.');
    expect(await page.isChecked(`input[name=hadir][value="${ids.siti}"]`)).toBe(true);
    expect(await page.isChecked(`input[name=hadir][value="${ids.dede}"]`)).toBe(false);
    // A correction: Dede came too.
    await page.check(`input[name=hadir][value="${ids.dede}"]`);
    await clickAndWait(page, 'button:text("Simpan kehadiran")');
    expect(await page.textContent('.flash.ok')).toContain('2 dari 2 peserta hadir');
    await page.goto(`${base}/dashboard/sesi`);
    const past = (await page.textContent('table.sessions tbody tr')) ?? '';
    expect(past).toContain('sudah berlangsung');
    expect(await page.textContent('table.sessions tbody tr td:nth-child(6)')).toBe('2');
    expect(cspViolations).toEqual([]);
  });
});
