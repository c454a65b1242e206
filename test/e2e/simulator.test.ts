import type { Types } from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { queueOnce } from '../../src/db/outbox';
import { transcriptsKept } from '../../src/db/migrations/transcripts-kept';
import { planSession } from '../../src/domain/sessions';
import { createLogger } from '../../src/log';
import { launchChromium, openTab, screenshot, serveDashboard } from '../support/browser';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';

/**
 * The web simulator in real Chromium, as a programme officer demonstrating the bot sees it: a report
 * started and a wrong answer explained, an invitation arriving on the idle page, a mistyped number
 * explained, and a reload showing the same conversation.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
// Saturday 28 Nov 2026, 16:00 in Bandung Barat (this week is the obvious one to report), moving on in
// real time so that every line of a transcript has its own moment.
const started = Date.now();
const clock = () => new Date(Date.parse('2026-11-28T09:00:00Z') + Date.now() - started);
const PHONES = { siti: '+6281200007777', dede: '+6281200007780', euis: '+6281200007781' };
/** How long a message queued for the chat may take to reach the idle page: its reading every 5 s. */
const WITHIN_A_POLL = 15_000;

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;
let mentorId: Types.ObjectId | undefined;
let sitiId: Types.ObjectId | undefined;

beforeAll(async () => {
  const mentor = await db.models.mentors.create({ name: 'Tono', phone: '+6281300000201', type: 'MiBi' });
  mentorId = mentor._id;
  const consented = (phone: string, name: string) => ({
    ...siti(phone, { consentedOn: 'simulator', at: clock() }),
    name,
    mentors: { mibi: mentor._id },
  });
  sitiId = (await db.models.participants.create(consented(PHONES.siti, 'Siti Aminah')))._id;
  await db.models.participants.create([
    consented(PHONES.dede, 'Dede Rohaeni'),
    consented(PHONES.euis, 'Euis Kurniasih'),
  ]);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

/** The lines the page shows, oldest first, as the officer reads them. */
const shownLines = (page: Page) => page.locator('#chat .line').allInnerTexts();

/** Waits until the page shows a line from the bot containing `text`. */
const botSays = (page: Page, text: string, timeout = 5_000) =>
  page.locator('#chat .line.out', { hasText: text }).last().waitFor({ timeout });

async function openChat(page: Page, phone: string): Promise<void> {
  await page.fill('#phone', phone);
  await Promise.all([
    page.waitForResponse((response) => response.url().includes('/api/simulator/conversations/')),
    page.click('#open'),
  ]);
}

async function type(page: Page, text: string): Promise<void> {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

/**
 * Lets the page read the conversation twice on its own: whatever the first reading changed is shown
 * by the time the second one arrives, 5 s later.
 */
async function twoPolls(page: Page): Promise<void> {
  for (let reading = 0; reading < 2; reading++) {
    await page.waitForResponse((response) => response.url().includes('/api/simulator/conversations/'), {
      timeout: WITHIN_A_POLL,
    });
  }
}

describe('the web simulator in a browser', () => {
  it('starts a report, explains a wrong answer, shows an invitation on the idle page and the same transcript after a reload', async () => {
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/simulator`);
    await openChat(page, '0812-0000-7777');
    expect(await shownLines(page)).toEqual([]);

    await type(page, 'lapor');
    await botSays(page, 'Berapa omzet (total penjualan) usaha Bapak/Ibu minggu ini?');
    await type(page, 'abc');
    await botSays(page, 'contoh: 150rb');
    const lines = await shownLines(page);
    expect(lines[0]).toBe('lapor');
    expect(lines[1]).toContain('Contoh: 1.500.000 atau 1,5jt atau 150rb');
    expect(lines[2]).toBe('abc');
    expect(lines[3]).toContain('Mohon tulis jumlahnya saja dengan angka, contoh: 150rb');
    expect(await page.textContent('#status')).toBe('');

    // The mentor plans a session while the page sits idle: the invitation comes without a click.
    await planSession(
      db.models,
      {
        mentor: mentorId!,
        startsAt: new Date('2026-12-03T02:00:00Z'),
        place: 'Balai Desa Batulayang',
        topic: 'Pembukuan sederhana',
        participants: [sitiId!],
      },
      { now: clock(), timeZone: 'Asia/Jakarta', allowedFrom: (due) => due, fallback: 'simulator' },
    );
    await botSays(page, 'Pembukuan sederhana', WITHIN_A_POLL);
    const withInvitation = await shownLines(page);
    expect(withInvitation.slice(0, 4)).toEqual(lines);
    expect(withInvitation).toHaveLength(5);
    expect(withInvitation[4]).toContain('Balai Desa Batulayang');
    await screenshot(page, 'simulator-undangan');

    // A reload reads the transcript again: the same lines, in the same order, none twice.
    await Promise.all([
      page.waitForResponse((response) => response.url().includes('/api/simulator/conversations/')),
      page.reload(),
    ]);
    expect(await page.inputValue('#phone')).toBe('0812-0000-7777');
    await page.locator('#chat .line').nth(4).waitFor();
    expect(await shownLines(page)).toEqual(withInvitation);
    expect(cspViolations).toEqual([]);
  }, 60_000);

  it('explains a mistyped number in Indonesian, and the explanation stays while the page reads on', async () => {
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/simulator`);
    await openChat(page, '0812-ABC-7777');
    const explanation = 'nomor HP hanya boleh berisi angka (contoh: 0812-3456-7890)';
    // The page writes it once it has read the answer, a moment after the answer came.
    await page.locator('#status', { hasText: explanation }).waitFor({ timeout: 5_000 });
    // Only the explanation: the API's name of the field ("phone", "from") means nothing on the page.
    expect(await page.textContent('#status')).toBe(`No. HP peserta: ${explanation}`);
    expect(await page.isVisible('#status')).toBe(true);

    // On a number that works, a message longer than a chat app takes: its explanation outlasts the
    // readings that succeed.
    await openChat(page, '0812-0000-7777');
    expect(await page.textContent('#status')).toBe('');
    await type(page, 'jual '.repeat(1000));
    const tooLong = 'Pesan: pesan terlalu panjang: paling banyak 4096 huruf';
    await page.locator('#status', { hasText: tooLong }).waitFor({ timeout: 5_000 });
    await twoPolls(page);
    expect(await page.textContent('#status')).toBe(tooLong);

    // Siti's chat on the page, then a mistyped number opened: her lines are not shown under it.
    expect(await page.locator('#chat .line').count()).toBeGreaterThan(0);
    await openChat(page, '0812-ABC-7777');
    await page.locator('#status', { hasText: explanation }).waitFor({ timeout: 5_000 });
    // Her lines go: none is left on the page.
    await page.locator('#chat .line').first().waitFor({ state: 'detached', timeout: 5_000 });
    expect(cspViolations).toEqual([]);
  }, 40_000);

  it('shows a message sent as a newly typed number in that number’s chat, where it stays', async () => {
    const { page } = await openTab(browser);
    await page.goto(`${base}/simulator`);
    await openChat(page, '0812-0000-7777');
    await page.locator('#chat .line').first().waitFor();

    // Another participant's number typed, and a message sent straight away, without "Buka".
    await page.fill('#phone', '0812-0000-7780');
    await type(page, 'lapor');
    await botSays(page, 'Berapa omzet');
    await twoPolls(page);
    const lines = await shownLines(page);
    expect(lines[0]).toBe('lapor');
    expect(lines[1]).toContain('Berapa omzet');
    expect(lines).toHaveLength(2);

    await page.reload();
    expect(await page.inputValue('#phone')).toBe('0812-0000-7780');
    await page.locator('#chat .line').nth(1).waitFor();
    expect(await shownLines(page)).toEqual(lines);
  }, 40_000);

  it('shows a reminder on the idle page of a chat with a long history', async () => {
    // 130 messages and 130 answers of earlier weeks, from before transcripts were kept with the chat:
    // more than the 50 lines a transcript shows.
    const earlier = Date.parse('2026-09-01T02:00:00Z');
    const at = (index: number) => new Date(earlier + index * 60_000);
    await db.models.inboundMessages.insertMany(
      Array.from({ length: 130 }, (_, index) => ({
        channel: 'simulator',
        platformMessageId: `earlier-${index}`,
        chatId: PHONES.euis,
        receivedAt: at(2 * index),
        status: 'processed',
        payload: { text: `pesan ${index}` },
      })),
    );
    await db.models.outbox.insertMany(
      Array.from({ length: 130 }, (_, index) => ({
        _id: `reply:earlier-${index}`,
        dedupeKey: `reply:earlier-${index}`,
        channel: 'simulator',
        chatId: PHONES.euis,
        message: { text: `jawaban ${index}` },
        dueAt: at(2 * index + 1),
        sentAt: at(2 * index + 1),
        order: index,
        status: 'sent',
        attempts: 1,
      })),
    );
    await transcriptsKept.run(db.models);
    const { page } = await openTab(browser);
    await page.goto(`${base}/simulator`);
    await openChat(page, '0812-0000-7781');
    await botSays(page, 'jawaban 129');

    await queueOnce(db.models, {
      dedupeKey: 'reminder:weekly:euis:2026-W48',
      channel: 'simulator',
      chatId: PHONES.euis,
      message: { text: 'Bapak/Ibu, jangan lupa laporan minggu ini ya.' },
      dueAt: clock(),
    });
    await botSays(page, 'jangan lupa laporan minggu ini', WITHIN_A_POLL);
    const lines = await shownLines(page);
    expect(lines.at(-1)).toBe('Bapak/Ibu, jangan lupa laporan minggu ini ya.');
    expect(lines.at(-2)).toBe('jawaban 129');
  }, 40_000);
});
