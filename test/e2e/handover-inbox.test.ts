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

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;

beforeAll(async () => {
  const rizky = await db.models.mentors.create({ name: 'Rizky', phone: RIZKY_PHONE, type: 'MiBi' });
  await db.models.participants.create({
    ...siti(SITI_PHONE, { consentedOn: 'simulator', at: now }),
    mentors: { mibi: rizky._id },
  });
  await setPassword(db.models, RIZKY_PHONE, PASSWORD);
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
});

let messageId = 0;
/** Siti writes in the web simulator; its answer's texts. */
async function sitiSays(text: string): Promise<string[]> {
  const response = await fetch(`${base}/api/simulator/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: SITI_PHONE, text, id: `e2e-${++messageId}` }),
  });
  const { replies } = (await response.json()) as { replies: { text: string }[] };
  return replies.map((reply) => reply.text);
}

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
});
