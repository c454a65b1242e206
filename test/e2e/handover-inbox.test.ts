import type { Browser, Page } from 'playwright-core';
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
  waitInPage,
} from '../support/browser';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';

/**
 * The inbox of requests for a person in real Chromium, as a mentor works it: a saved reply kept on its
 * page and picked from the answer form, the answer reaching the participant's chat, and a message she
 * writes meanwhile appearing on the open page without a reload.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-pendamping-2026';
const SITI_PHONE = '+6281200007777';
const RIZKY_PHONE = '+6281300000201';
const SAVED = 'Terima kasih, Bapak/Ibu. Saya telepon sore ini.';
const KOKOM_PHONE = '+6281200008888';
const DEWI_PHONE = '+6281300000109';
const COMPLAINT = 'Pendamping jarang datang dan minta uang bensin';

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;

beforeAll(async () => {
  const rizky = await db.models.mentors.create({ name: 'Rizky', phone: RIZKY_PHONE, type: 'MiBi' });
  await db.models.participants.create({
    ...siti(SITI_PHONE, { consentedOn: 'simulator', at: now }),
    mentors: { mibi: rizky._id },
  });
  await db.models.participants.create({
    ...siti(KOKOM_PHONE, { consentedOn: 'simulator', at: now }),
    name: 'Kokom Komariah',
    mentors: { mibi: rizky._id },
  });
  await db.models.puskesos.create({ name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' });
  await db.models.staff.create({ name: 'Dewi', phone: DEWI_PHONE, role: 'admin' });
  for (const login of [RIZKY_PHONE, DEWI_PHONE]) await setPassword(db.models, login, PASSWORD);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

let messageId = 0;
/** Someone writes in the web simulator; its answer's texts. */
async function says(from: string, text: string): Promise<string[]> {
  const response = await fetch(`${base}/api/simulator/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, text, id: `e2e-${++messageId}` }),
  });
  const { replies } = (await response.json()) as { replies: { text: string }[] };
  return replies.map((reply) => reply.text);
}
const sitiSays = (text: string) => says(SITI_PHONE, text);

async function sitiReceived(): Promise<string[]> {
  const response = await fetch(`${base}/api/simulator/conversations/${encodeURIComponent(SITI_PHONE)}`);
  const { lines } = (await response.json()) as { lines: { direction: string; text: string }[] };
  return lines.filter((line) => line.direction === 'out').map((line) => line.text);
}

describe('the inbox of requests for a person in a browser', () => {
  it('answers with a picked saved reply and shows a new message without a reload', async () => {
    await sitiSays('halo');
    const number = /BTN-[0-9A-Z]{6}/.exec((await sitiSays('7')).join('\n'))?.[0] ?? '';
    expect(number).not.toBe('');

    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard/bantuan`);
    await signIn(page, '0813-0000-0201', PASSWORD);
    await page.goto(`${base}/dashboard/bantuan`);
    expect(await page.textContent('main')).toContain(number);

    await clickAndWait(page, `a[href="/dashboard/bantuan/balasan"]`);
    await page.fill('#saved-0', SAVED);
    await clickAndWait(page, 'main form button[type=submit]');
    expect(await page.textContent('[role=status]')).toContain('Balasan disimpan.');

    await page.goto(`${base}/dashboard/bantuan`);
    await clickAndWait(page, `a[href="/dashboard/bantuan/${number}"]`);
    expect(pathOf(page)).toBe(`/dashboard/bantuan/${number}`);
    await page.selectOption('#saved-reply', SAVED);
    expect(await page.inputValue('#answer-text')).toBe(SAVED);
    await screenshot(page, 'bantuan-jawab');
    await clickAndWait(page, 'form[action$="/jawab"] button[type=submit]');
    expect(await page.textContent('[role=status]')).toContain('Jawaban dikirim.');
    expect(await sitiReceived()).toContain(`Pendamping Rizky: ${SAVED}`);
    expect(await page.textContent('#thread')).toContain(SAVED);

    now = new Date(now.getTime() + 60_000);
    await sitiSays('Baik Pak, saya tunggu.');
    // The page asks every few seconds; the message appears without a reload.
    await waitInPage(page, "document.getElementById('thread').textContent.includes('saya tunggu')", 15_000);
    expect(await page.evaluate("document.querySelectorAll('#thread li').length")).toBe(2);
    await screenshot(page, 'bantuan-pesan-baru');
    expect(cspViolations).toEqual([]);
  }, 60_000);

  it('shows the chat with the bot that led to the request, in order, and a mentor nothing of a complaint', async () => {
    /** Kokom writes a minute after her last message, as a person would. */
    const kokomSays = (text: string) => {
      now = new Date(now.getTime() + 60_000);
      return says(KOKOM_PHONE, text);
    };
    await kokomSays('halo');
    await kokomSays('3');
    await kokomSays('1');
    await kokomSays(COMPLAINT);
    await kokomSays('-');
    const complaint = /PGD-2026-\d{6}/.exec((await kokomSays('1')).join('\n'))?.[0] ?? '';
    expect(complaint).not.toBe('');
    await kokomSays('halo');
    await kokomSays('1');
    await kokomSays('minggu ini');
    await kokomSays('abc');
    await kokomSays('xyz');
    // The third answer the bot cannot read: it gives up and asks her mentor.
    const number = /BTN-[0-9A-Z]{6}/.exec((await kokomSays('???')).join('\n'))?.[0] ?? '';
    expect(number).not.toBe('');
    await kokomSays('Tolong dibantu, Pak.');

    /** The lines before the request as the page shows them: who said it, and what. */
    const earlierOn = async (page: Page) =>
      page.$$eval('#earlier li', (items) =>
        items.map((item) => ({
          by: (item.querySelector('.meta')?.textContent ?? '').split('·')[1]?.trim(),
          text: (item.querySelector('.text')?.textContent ?? '').trim(),
        })),
      );

    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard/masuk`);
    await signIn(page, '0813-0000-0201', PASSWORD);
    await page.goto(`${base}/dashboard/bantuan/${number}`);
    const seenByMentor = await earlierOn(page);
    const said = seenByMentor.filter((line) => line.by === 'Kokom Komariah').map((line) => line.text);
    // Her own words in the order she wrote them, the report's answers last.
    expect(said.slice(-4)).toEqual(['minggu ini', 'abc', 'xyz', '???']);
    // Each unreadable answer is followed by the bot's question again, marked as the bot's.
    const afterAbc = seenByMentor[seenByMentor.findIndex((line) => line.text === 'abc') + 1];
    expect(afterAbc?.by).toBe('Pendamping (bot)');
    expect(afterAbc?.text).toContain(`"abc" belum kami kenal`);
    // The bot's last words, in the order it sent them: it gives up, then says who has the request.
    expect(seenByMentor.slice(-3)).toEqual([
      { by: 'Kokom Komariah', text: '???' },
      { by: 'Pendamping (bot)', text: 'Maaf, sepertinya ada kesulitan.' },
      { by: 'Pendamping (bot)', text: expect.stringContaining(`ke Pendamping Rizky (nomor ${number})`) },
    ]);
    // What she wrote since is the thread's.
    expect(JSON.stringify(seenByMentor)).not.toContain('Tolong dibantu');
    expect(await page.textContent('#thread')).toContain('Tolong dibantu, Pak.');
    // The complaint may be about her mentor: he reads none of it.
    expect(await page.textContent('main')).not.toContain(COMPLAINT);
    expect(await page.textContent('main')).not.toContain(complaint);
    await screenshot(page, 'bantuan-sebelumnya');
    expect(cspViolations).toEqual([]);

    const admin = await openTab(browser);
    await admin.page.goto(`${base}/dashboard/masuk`);
    await signIn(admin.page, '0813-0000-0109', PASSWORD);
    await admin.page.goto(`${base}/dashboard/bantuan/${number}`);
    const seenByAdmin = await earlierOn(admin.page);
    // The Dinsos admin reads the whole chat, the complaint before the report, its last 20 lines.
    expect(seenByAdmin).toHaveLength(20);
    const complaintAt = seenByAdmin.findIndex((line) => line.text === COMPLAINT);
    expect(complaintAt).toBeGreaterThan(-1);
    expect(complaintAt).toBeLessThan(seenByAdmin.findIndex((line) => line.text === 'minggu ini'));
    expect(seenByAdmin.slice(-3)).toEqual(seenByMentor.slice(-3));
    expect(admin.cspViolations).toEqual([]);
  }, 60_000);
});
