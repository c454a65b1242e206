import type { Browser, Page } from 'playwright-core';
import { createLogger } from '../../src/log';
import { launchChromium, openTab, screenshot, serveDashboard, signIn } from '../support/browser';
import { useTestDatabase } from '../support/database';
import { rebuildWeekSummaries } from '../../src/domain/reports/week-summaries';
import { LOGINS, OVERVIEW_NOW, OVERVIEW_PASSWORD, THIS_WEEK, seedOverview } from '../support/overview-data';
import { rebuildSessionIndex } from '../../src/domain/sessions';

/**
 * Every page each role opens, on a 390 px phone and on a 1366 px office screen: nothing wider than
 * the screen (a table scrolls inside its own box), and no key figure wider than its card.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date(OVERVIEW_NOW.getTime());
const PHONE = 390;

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;
let sample = { participant: '', complaint: '', session: '' };

beforeAll(async () => {
  const seeded = await seedOverview(db.models);
  // A regency's week: the sales total runs into the billions of rupiah.
  const entin = await db.models.participants.findOne({ name: 'Entin Suryani' }).lean();
  await db.models.weeklyReports.updateOne(
    { participant: entin?._id, week: THIS_WEEK },
    { $set: { sales: 1_234_567_890, savingsDeposit: 123_456_789 } },
  );
  // Written around the service: the overview's week summaries are built again from the reports.
  await rebuildWeekSummaries(db.models);
  const siti = await db.models.participants.findOne({ name: 'Siti Aminah' }).lean();
  if (!siti) throw new Error('Siti Aminah is seeded');
  const session = await db.models.mentoringSessions.create({
    mentor: seeded.ids.tono,
    startsAt: new Date(OVERVIEW_NOW.getTime() - 86_400_000),
    place: 'Balai Desa Batulayang, Kecamatan Cililin, Kabupaten Bandung Barat',
    topic: 'Pembukuan sederhana dan menghitung keuntungan bersih usaha warung',
    participants: [siti._id],
  });
  // Written around the service: the mentors' session indexes are built again from them.
  await rebuildSessionIndex(db.models);
  sample = {
    participant: String(siti._id),
    complaint: seeded.complaints.lumpaat,
    session: String(session._id),
  };
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

const ROLES = { admin: LOGINS.admin, staff: LOGINS.rina, mentor: LOGINS.tono };

/** The sections the header links, and a page of each kind of record the role may open. */
async function pagesOf(page: Page, role: keyof typeof ROLES): Promise<string[]> {
  const sections = await page.$$eval('header nav a', (links) =>
    links.map((link) => link.getAttribute('href') ?? ''),
  );
  const records = {
    admin: [
      `/dashboard/peserta/${sample.participant}`,
      `/dashboard/pengaduan/${sample.complaint}`,
      `/dashboard/sesi/${sample.session}/kehadiran`,
      `/dashboard/laporan/${sample.participant}/${THIS_WEEK}`,
      '/dashboard/sesi?tampilan=kalender',
    ],
    staff: [`/dashboard/pengaduan/${sample.complaint}`],
    mentor: [
      `/dashboard/peserta/${sample.participant}`,
      `/dashboard/sesi/${sample.session}/kehadiran`,
      `/dashboard/laporan/${sample.participant}/${THIS_WEEK}`,
      '/dashboard/sesi/baru',
    ],
  }[role];
  return [...sections, ...records];
}

describe.each(Object.keys(ROLES) as (keyof typeof ROLES)[])('signed in as %s', (role) => {
  it(`fits every page into a ${PHONE} px phone`, async () => {
    const { page } = await openTab(browser, { width: PHONE, height: 844 });
    await page.goto(`${base}/dashboard/masuk`);
    await signIn(page, ROLES[role], OVERVIEW_PASSWORD);
    const tooWide: string[] = [];
    for (const path of await pagesOf(page, role)) {
      const response = await page.goto(`${base}${path}`);
      expect([path, response?.status()]).toEqual([path, 200]);
      const width = await page.evaluate('document.documentElement.scrollWidth');
      if (Number(width) > PHONE) {
        tooWide.push(`${path}: ${String(width)} px`);
        await screenshot(page, `too-wide-${role}-${path.replace(/\W+/g, '-')}`);
      }
    }
    expect(tooWide).toEqual([]);
  });
});

describe('key figures', () => {
  it.each([
    ['an office screen', 1366, 768],
    ['a phone', PHONE, 844],
  ])('fit their cards on %s, with a regency-sized sales total', async (_name, width, height) => {
    const { page } = await openTab(browser, { width, height });
    await page.goto(`${base}/dashboard/masuk`);
    await signIn(page, ROLES.admin, OVERVIEW_PASSWORD);
    expect(await page.textContent('#omzet .value')).toContain('Rp1.2');
    const overflowing = await page.$$eval('.figure', (cards) =>
      cards
        .filter((card) => card.scrollWidth > card.clientWidth)
        .map((card) => `${card.id}: ${card.scrollWidth} > ${card.clientWidth}`),
    );
    expect(overflowing).toEqual([]);
    // Still a figure one reads at a glance, not shrunk to nothing.
    const size = await page.evaluate(
      "parseFloat(getComputedStyle(document.querySelector('#omzet .value')).fontSize)",
    );
    expect(Number(size)).toBeGreaterThanOrEqual(14);
  });
});

describe("the overview's charts", () => {
  it('mark the week in progress, so that its few reports are not read as a fall', async () => {
    const { page } = await openTab(browser);
    await page.goto(`${base}/dashboard/masuk`);
    await signIn(page, ROLES.admin, OVERVIEW_PASSWORD);
    const charts = await page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((svg) => ({
        label: svg.querySelector('.ongoing-label')?.textContent?.trim(),
        // Every bar or point of the last week is drawn as ongoing, and no other.
        ongoing: [...svg.querySelectorAll('.ongoing:not(.ongoing-band):not(.ongoing-label)')].length,
        lastBarTitle: [...svg.querySelectorAll('rect.series-b title')].at(-1)?.textContent,
      })),
    );
    expect(charts.length).toBeGreaterThanOrEqual(3);
    for (const chart of charts) {
      expect(chart.label).toBe('minggu berjalan');
      expect(chart.ongoing).toBeGreaterThan(0);
    }
    expect(charts.some((chart) => chart.lastBarTitle?.endsWith('(minggu berjalan)'))).toBe(true);
    const lighter = await page.evaluate(
      "getComputedStyle([...document.querySelectorAll('rect.series-b')].at(-1)).fillOpacity",
    );
    expect(Number(lighter)).toBeLessThan(1);
  });

  it('have axis labels one can read on a phone, none over another', async () => {
    const { page } = await openTab(browser, { width: PHONE, height: 844 });
    await page.goto(`${base}/dashboard/masuk`);
    await signIn(page, ROLES.admin, OVERVIEW_PASSWORD);
    await screenshot(page, 'dashboard-ringkasan-phone');
    const labels = await page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((svg) =>
        [...svg.querySelectorAll('text.tick')]
          .map((text) => text.getBoundingClientRect())
          .filter((box) => box.width > 0)
          .map((box) => ({ left: box.left, right: box.right, top: box.top, height: box.height })),
      ),
    );
    for (const chart of labels) {
      expect(chart.length).toBeGreaterThan(3);
      // The glyphs' box is about 1.2 times the font size: 12 px or more means text of 10 px or more.
      expect(Math.min(...chart.map((box) => box.height))).toBeGreaterThanOrEqual(12);
      const axis = chart
        .filter((box) => box.top === Math.max(...chart.map((other) => other.top)))
        .sort((a, b) => a.left - b.left);
      axis.slice(1).forEach((box, index) => expect(box.left).toBeGreaterThanOrEqual(axis[index]?.right ?? 0));
    }
  });
});
