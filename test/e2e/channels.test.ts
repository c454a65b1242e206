import { Bot } from 'grammy';
import type { Browser } from 'playwright-core';
import { setPassword } from '../../src/auth';
import { telegramStatus } from '../../src/channels/status-source';
import { createWhatsAppWebChannel, type WhatsAppWebChannel } from '../../src/channels/whatsapp-web';
import { queueOnce } from '../../src/db/outbox';
import { createLogger } from '../../src/log';
import { BotApiStandIn, eventually, STAND_IN_BOT } from '../support/bot-api-stand-in';
import {
  launchChromium,
  openTab,
  pathOf,
  screenshot,
  serveDashboard,
  signIn,
  clickAndWait,
  waitInPage,
} from '../support/browser';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { WhatsAppWebStandIn } from '../support/whatsapp-web-stand-in';
import { outboxFailuresListed } from '../../src/db/migrations/outbox-failures';

// Registered before the database's own clean-up, so the channel frees its lease while it is open.
let whatsappWeb: WhatsAppWebChannel | undefined;
afterAll(async () => {
  await whatsappWeb?.stop();
});

const db = useTestDatabase();
/** Failed entries written around the sender are listed as the start-up conversion lists them. */
const listFailures = () => outboxFailuresListed.run(db.models);
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
// Real time: "failed in the last 7 days" is counted by the outbox's `updatedAt`, which mongoose writes.
const clock = () => new Date();
const PASSWORD = 'rahasia-dinsos-2026';
const WEBHOOK_URL = 'https://pendamping.example.id/telegram/webhook';

let base = '';
let close: () => Promise<void> = async () => {};
let browser: Browser | undefined;
let telegram: BotApiStandIn | undefined;
const phone = new WhatsAppWebStandIn();

beforeAll(async () => {
  await db.models.staff.create({ name: 'Dewi (Dinsos)', phone: '+6281300000004', role: 'admin' });
  await setPassword(db.models, '+6281300000004', PASSWORD);
  await db.models.outbox.create({
    dedupeKey: 'reminder:weekly:siti:2026-W48',
    channel: 'telegram',
    chatId: '730012345',
    message: { text: 'Bapak/Ibu, jangan lupa laporan minggu ini ya.' },
    dueAt: new Date(),
    status: 'failed',
    attempts: 1,
    lastError: 'Forbidden: bot was blocked by the user',
  });
  await listFailures();
  await queueOnce(db.models, {
    dedupeKey: 'reply:e2e:0',
    channel: 'telegram',
    chatId: '730012346',
    message: { text: 'Terima kasih, laporan sudah dicatat.' },
    dueAt: new Date(),
  });

  telegram = await BotApiStandIn.start();
  telegram.webhook = { url: WEBHOOK_URL };
  const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot }, botInfo: STAND_IN_BOT });
  whatsappWeb = createWhatsAppWebChannel({
    models: db.models,
    conversations: testConversationService(db.models, clock, logger),
    logger,
    clock,
    createClient: phone.createClient,
    showQr: () => undefined,
    pacing: { intervalMs: 0, jitterMs: 0 },
  });
  await whatsappWeb.start();
  await eventually(() => whatsappWeb?.currentQr(), { what: 'a QR code' });

  ({ base, close } = await serveDashboard({
    connection: db.connection,
    models: db.models,
    clock,
    logger,
    dependencies: {
      channels: {
        whatsappWeb,
        telegram: telegramStatus(bot.api, { webhookUrl: WEBHOOK_URL }),
      },
    },
  }));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await close();
  await telegram?.close();
});

describe('the channels page in a browser', () => {
  it('shows a Dinsos admin the WhatsApp QR code, the Telegram webhook and a failed message, and sends it again', async () => {
    const { page, cspViolations } = await openTab(browser);
    await page.goto(`${base}/dashboard/masuk`);
    await signIn(page, '0813-0000-0004', PASSWORD);
    await page.goto(`${base}/dashboard/saluran`);
    expect(pathOf(page)).toBe('/dashboard/saluran');
    expect(await page.textContent('header nav a[aria-current=page]')).toBe('Saluran');

    expect(await page.textContent('#whatsapp-web .state')).toBe('Menunggu kode QR dipindai.');
    // The image loaded and drew: the code the stand-in emitted, served under the admin's session.
    // (A string: the test's TypeScript has no DOM types.)
    await waitInPage(page, "document.querySelector('figure.qr img').complete");
    expect(await page.evaluate("document.querySelector('figure.qr img').naturalWidth")).toBe(320);
    expect(phone.clients).toHaveLength(1);

    expect(await page.textContent('#telegram .webhook-url')).toContain(WEBHOOK_URL);
    expect(await page.textContent('#telegram .pending-updates')).toBe('0');
    expect(await page.textContent('#telegram .last-error')).toContain('tidak ada');
    expect(await page.textContent('#whatsapp-cloud')).toContain('WHATSAPP_CLOUD_TOKEN');

    const counts = await page.locator('table.outbox-counts tbody tr').allInnerTexts();
    expect(counts.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual(['Telegram 1 1']);
    const failed = page.locator('table.failed tbody tr');
    expect(await failed.count()).toBe(1);
    const row = (await failed.first().innerText()).replace(/\s+/g, ' ');
    expect(row).toContain('73****45');
    expect(row).toContain('Forbidden: bot was blocked by the user');
    expect(row).not.toContain('730012345');
    await screenshot(page, 'dashboard-saluran');

    await clickAndWait(page, 'table.failed button:text("Kirim ulang")');
    expect(pathOf(page)).toBe('/dashboard/saluran');
    expect(await page.textContent('.flash.ok')).toBe(
      'Pesan dimasukkan lagi ke antrean Telegram dan segera dikirim ulang.',
    );
    expect(await page.locator('table.failed').count()).toBe(0);
    expect(await page.textContent('.no-failures')).toBe('Tidak ada pesan gagal.');
    const counted = await page.locator('table.outbox-counts tbody tr').allInnerTexts();
    expect(counted.map((line) => line.replace(/\s+/g, ' ').trim())).toEqual(['Telegram 2 0']);
    expect(
      (await db.models.outbox.findOne({ dedupeKey: 'reminder:weekly:siti:2026-W48' }).lean())?.status,
    ).toBe('pending');

    // On a phone the cards stack and the less important columns go.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'dashboard-saluran-hp');
    expect(cspViolations).toEqual([]);
  });
});
