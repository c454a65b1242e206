import { gridFsMediaStore } from '../../src/db/media-store';
import { createWebSender } from '../../src/channels/whatsapp-web/sender';
import { queueOnce } from '../../src/db/outbox';
import { createLogger } from '../../src/log';
import { useTestDatabase } from '../support/database';
import { WhatsAppWebStandIn, type StandInClient } from '../support/whatsapp-web-stand-in';

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

describe('WhatsApp Web pacing, on a clock the test moves', () => {
  it('sends one message per interval plus its jitter, in queue order, whatever the chat', async () => {
    const phone = new WhatsAppWebStandIn();
    phone.linked = true;
    const client: StandInClient = await phone.createClient();
    await client.initialize();
    await new Promise<void>((resolve) => client.once('ready', () => resolve()));

    let now = new Date('2026-11-28T09:00:00.000Z').getTime();
    // Jitter is drawn as 0.4 of 500 ms: each gap is exactly 1,200 ms.
    const sender = createWebSender({
      models: db.models,
      clock: () => new Date(now),
      logger,
      connectedClient: () => client,
      media: gridFsMediaStore(db.connection),
      pacing: { intervalMs: 1000, jitterMs: 500 },
      random: () => 0.4,
    });
    const reminders = [
      ['6281200000501@c.us', 'Pengingat 1 untuk Siti'],
      ['6281200000502@c.us', 'Pengingat 1 untuk Ujang'],
      ['6281200000501@c.us', 'Pengingat 2 untuk Siti'],
      ['6281200000503@c.us', 'Pengingat 1 untuk Euis'],
    ] as const;
    for (const [index, [chatId, text]] of reminders.entries()) {
      await queueOnce(db.models, {
        dedupeKey: `pacing-test:${index}`,
        channel: 'whatsapp-web',
        chatId,
        message: { text },
        // Queued in this order; all due.
        dueAt: new Date(now - 60_000 + index),
      });
    }
    const sentTexts = () => phone.sent.map((sent) => sent.content);

    await sender.deliverDue();
    expect(sentTexts()).toEqual(['Pengingat 1 untuk Siti']);
    await sender.deliverDue();
    expect(sentTexts()).toHaveLength(1);

    now += 1199;
    await sender.deliverDue();
    expect(sentTexts()).toHaveLength(1);
    now += 1;
    await sender.deliverDue();
    expect(sentTexts()).toEqual(['Pengingat 1 untuk Siti', 'Pengingat 1 untuk Ujang']);

    // However long the wait was, the next pass still sends one: no burst to catch up.
    now += 60_000;
    await sender.deliverDue();
    expect(sentTexts()).toHaveLength(3);
    now += 1200;
    await sender.deliverDue();
    expect(sentTexts()).toEqual(reminders.map(([, text]) => text));

    const entries = await db.models.outbox.find({ channel: 'whatsapp-web' }).lean();
    expect(entries.map((entry) => entry.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });
});
