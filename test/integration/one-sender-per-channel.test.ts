import type { TelegramChannel } from '../../src/channels/telegram';
import { queueOnce } from '../../src/db/outbox';
import { createLogger } from '../../src/log';
import { BotApiStandIn, eventually, startTelegramSender } from '../support/bot-api-stand-in';
import { useTestDatabase } from '../support/database';

/**
 * Two instances of the service on one database, each with its Telegram channel: only one sends at a
 * time, so that together they keep to the bot's rate; the other takes over when it stops or dies.
 */
jest.setTimeout(60_000);

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date();
/** Low, so that a few dozen messages show the rate; each chat gets one message, so only this limit counts. */
const PER_SECOND = 8;
const CHANNEL_LEASE_MS = 3_000;

let standIn: BotApiStandIn;
const running = new Set<TelegramChannel>();

async function startInstance(): Promise<TelegramChannel> {
  const channel = await startTelegramSender(standIn, {
    models: db.models,
    logger,
    clock,
    sender: { channelLeaseMs: CHANNEL_LEASE_MS, pollIntervalMs: 100 },
    limits: { perSecond: PER_SECOND, perChatIntervalMs: 1000 },
  });
  running.add(channel);
  return channel;
}

async function stopInstance(channel: TelegramChannel): Promise<void> {
  await channel.stop();
  running.delete(channel);
}

beforeEach(async () => {
  standIn = await BotApiStandIn.start();
});

afterEach(async () => {
  for (const channel of running) await stopInstance(channel);
  await standIn.close();
});

let chats = 9_000;
async function queueMessages(count: number, label: string): Promise<string[]> {
  const texts: string[] = [];
  for (let index = 0; index < count; index++) {
    const text = `${label} ${index}`;
    await queueOnce(db.models, {
      dedupeKey: `one-sender:${label}:${index}`,
      channel: 'telegram',
      chatId: String(++chats),
      message: { text },
      dueAt: new Date(),
    });
    texts.push(text);
  }
  return texts;
}

/** The most messages the stand-in accepted within any one second. */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

const sentTexts = () => standIn.sent.map((message) => message.text);

describe('one sender per channel', () => {
  it('keeps two instances together within the rate, and sends each message once', async () => {
    await startInstance();
    await startInstance();
    const texts = await queueMessages(4 * PER_SECOND, 'rate');
    await eventually(() => standIn.sent.length >= texts.length, { what: 'every message sent' });

    // Arrival times at the stand-in, not send times: on a loaded machine a few requests sent a moment
    // apart can arrive together, so the bound has room for that, and still refuses two instances
    // sending at the full rate each (twice the rate).
    expect(busiestSecond(standIn.sentAt)).toBeLessThan(PER_SECOND * 1.5);
    expect(sentTexts().sort()).toEqual([...texts].sort());
  });

  it('lets the other instance send once the one that sends stops', async () => {
    const first = await startInstance();
    const early = await queueMessages(PER_SECOND, 'early');
    await eventually(() => standIn.sent.length >= early.length, { what: 'sent by the first' });
    await startInstance();

    await stopInstance(first);
    const stoppedAt = Date.now();
    const later = await queueMessages(PER_SECOND, 'later');
    await eventually(() => standIn.sent.length >= early.length + later.length, {
      what: 'sent by the second',
    });

    // Within the lease time; and not before the first one's last second of sending was over.
    expect(Date.now() - stoppedAt).toBeLessThan(CHANNEL_LEASE_MS);
    expect(busiestSecond(standIn.sentAt)).toBeLessThan(PER_SECOND * 1.5);
    expect(sentTexts().sort()).toEqual([...early, ...later].sort());
  });

  it('takes over from an instance that died holding the channel once its lease has expired', async () => {
    // What a killed instance leaves: its lease on the channel, running out in a second and a half.
    const expires = new Date(Date.now() + 1_500);
    await db.models.leases.replaceOne(
      { _id: 'sender:telegram' },
      { _id: 'sender:telegram', token: 'killed-instance', until: expires },
      { upsert: true },
    );
    await startInstance();
    const texts = await queueMessages(2, 'orphaned');
    await eventually(() => standIn.sent.length >= texts.length, { what: 'sent after the takeover' });

    const firstSent = Math.min(...standIn.sentAt);
    expect(firstSent).toBeGreaterThanOrEqual(expires.getTime());
    expect(firstSent).toBeLessThan(expires.getTime() + CHANNEL_LEASE_MS);
    expect(sentTexts().sort()).toEqual([...texts].sort());
  });
});
