import type { Browser } from 'playwright-core';
import { formatRupiahShort } from '../../src/domain/digests/chart-data';
import { formatRupiah } from '../../src/domain/display';
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
import {
  OVERVIEW_NOW,
  OVERVIEW_PASSWORD,
  SEEDED_WEEKS,
  seedOverview,
  seededTotals,
} from '../support/overview-data';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date(OVERVIEW_NOW.getTime());
const THIS = SEEDED_WEEKS - 1;

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;

beforeAll(async () => {
  await seedOverview(db.models);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

const squeezed = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('the overview and the audit log in a browser', () => {
  it('lands a Dinsos admin on the overview, with figures and charts from the reports, then their sign-in in the audit log', async () => {
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard`);
    expect(pathOf(page)).toBe('/dashboard/masuk');
    await signIn(page, '0813-0000-0004', OVERVIEW_PASSWORD);
    expect(pathOf(page)).toBe('/dashboard/ringkasan');

    const all = seededTotals(THIS);
    expect(await page.textContent('h1')).toBe('Ringkasan program');
    expect(squeezed(await page.textContent('#melapor'))).toBe(
      `${all.reported} / ${all.active} melapor minggu ini (67 %)`,
    );
    expect(squeezed(await page.textContent('#omzet .value'))).toBe(formatRupiah(all.sales));
    expect(squeezed(await page.textContent('#pengaduan-terlambat .value'))).toBe('1');
    expect(squeezed(await page.textContent('#per-kecamatan tbody tr:first-child'))).toMatch(
      /^Cihampelas 2 1 50 %/,
    );
    // The sales chart: one bar per week of the trend, with the week of Dadang's harvest sale.
    const bars = await page.$$eval('figure.chart rect.series-b title', (titles) =>
      titles.map((title) => title.textContent ?? ''),
    );
    expect(bars).toHaveLength(SEEDED_WEEKS);
    const harvest = seededTotals(3);
    expect(harvest.sales).toBe(9_400_000);
    expect(bars[3]).toBe(`26 Okt: ${formatRupiahShort(harvest.sales)}`);
    expect(bars[0]).toBe(`5 Okt: ${formatRupiahShort(seededTotals(0).sales)}`);
    // The charts are drawn (the style sheet colours them), not only present in the markup.
    expect(await page.isVisible('figure.chart svg')).toBe(true);
    expect(
      await page.evaluate("getComputedStyle(document.querySelector('figure.chart rect.series-b')).fill"),
    ).toBe('rgb(47, 111, 179)');
    await screenshot(page, 'dashboard-ringkasan');

    await clickAndWait(page, 'header nav a:text("Log audit")');
    expect(pathOf(page)).toBe('/dashboard/audit');
    const firstRows = squeezed(await page.textContent('#audit tbody'));
    expect(firstRows).toMatch(/2026-11-23 09:00:00 Dewi Lestari overview\.read/);
    expect(firstRows).toMatch(/Dewi Lestari sign_in\.succeeded/);
    await screenshot(page, 'dashboard-audit');
    await page.fill('#aksi', 'sign_in');
    await clickAndWait(page, '#audit-log button:text("Saring")');
    expect(new URL(page.url()).searchParams.get('aksi')).toBe('sign_in');
    const actions = await page.$$eval('#audit tbody td code', (cells) =>
      cells.map((cell) => cell.textContent),
    );
    expect(actions).toEqual(['sign_in.succeeded']);
    expect(squeezed(await page.textContent('#audit tbody'))).toContain('Dewi Lestari');
    expect(cspViolations).toEqual([]);
  });

  it('fits a phone and switches to English', async () => {
    const { page, cspViolations } = await openTab(browser, { width: 390, height: 844 });
    await page.goto(`${base}/dashboard/masuk`);
    await signIn(page, '0813-0000-0201', OVERVIEW_PASSWORD);
    expect(pathOf(page)).toBe('/dashboard/ringkasan');
    expect(await page.textContent('h1')).toBe('Ringkasan peserta dampingan Anda');
    const own = seededTotals(THIS, (participant) => participant.mentor === 'tono');
    expect(squeezed(await page.textContent('#omzet .value'))).toBe(formatRupiah(own.sales));
    // No sideways scrolling on a phone; the less important columns are hidden.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await page.isVisible('#minggu th.optional')).toBe(false);
    await screenshot(page, 'dashboard-ringkasan-hp');

    await clickAndWait(page, 'header a.language');
    expect(pathOf(page)).toBe('/dashboard/ringkasan');
    expect(await page.textContent('h1')).toBe('Overview of your participants');
    const headings = await page.$$eval('main h2, main h3', (elements) =>
      elements.map((element) => element.textContent),
    );
    expect(headings).toEqual(['Weekly reports', 'Reporting rate', 'Sales', 'Savings', 'Participants']);
    expect(squeezed(await page.textContent('#melapor .label'))).toBe('reported this week (67 %)');
    expect(await page.textContent('header a[aria-current=page]')).toBe('Overview');
    expect(cspViolations).toEqual([]);
  });
});
