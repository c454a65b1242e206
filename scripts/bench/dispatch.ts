import pino from 'pino';
import { OutboxSender, SendRateLimiter } from '../../src/channels/outbox-sender';
import type { Models } from '../../src/db/models';

/** One message the stand-in channel took, with when (ms since the epoch, the sender's clock). */
export interface StandInMessage {
  outboxId: string;
  chatId: string;
  dedupeKey: string;
  at: number;
}

export interface DispatchRun {
  messages: StandInMessage[];
  /** From the sender's start until it stopped. */
  ms: number;
  stoppedBecause: 'enough sent' | 'time is up' | 'aborted';
  /** The most messages taken in any one second: the limiter's promise. */
  maxInOneSecond: number;
}

/**
 * Runs the service's own outbox sender on the `telegram` entries with a stand-in for the platform:
 * `send` only records the message. Stops once `target` messages went out, after `timeLimitMs`, or
 * when `signal` aborts. The sender's `stopping` flag is set inside the send that reaches the target,
 * so no further entry is taken after it.
 */
export async function dispatchToStandIn(
  models: Models,
  {
    target,
    rate,
    timeLimitMs,
    signal,
    progress,
  }: {
    target: number;
    rate: number;
    timeLimitMs: number;
    signal: AbortSignal;
    progress: (sent: number, elapsedMs: number) => void;
  },
): Promise<DispatchRun> {
  const messages: StandInMessage[] = [];
  let stoppedBecause: DispatchRun['stoppedBecause'] | undefined;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const sender: OutboxSender = new OutboxSender({
    channel: 'telegram',
    platform: 'stand-in',
    models,
    send: async (delivery) => {
      messages.push({
        outboxId: delivery.id,
        chatId: delivery.chatId,
        dedupeKey: delivery.dedupeKey,
        at: Date.now(),
      });
      if (messages.length >= target) stop('enough sent');
      return { platformMessageId: `stand-in-${messages.length}` };
    },
    // The stand-in never fails; should it, the verification finds the entry not sent.
    classifyFailure: (error) => ({ kind: 'permanent', reason: String(error) }),
    clock: () => new Date(),
    logger: pino({ level: 'warn' }),
    // Telegram's one message per second per chat is kept; each participant is a chat of their own.
    limiter: new SendRateLimiter({ perSecond: rate, perChatIntervalMs: 1000 }),
  });
  function stop(reason: NonNullable<DispatchRun['stoppedBecause']>) {
    if (stoppedBecause) return;
    stoppedBecause = reason;
    void sender.stop().then(finished);
  }
  const start = performance.now();
  const timer = setTimeout(() => stop('time is up'), timeLimitMs);
  // A line every 10 s: on a slow database the dispatch can take minutes.
  const ticker = setInterval(() => progress(messages.length, performance.now() - start), 10_000);
  const onAbort = () => stop('aborted');
  signal.addEventListener('abort', onAbort);
  sender.start();
  await done;
  const ms = performance.now() - start;
  clearTimeout(timer);
  clearInterval(ticker);
  signal.removeEventListener('abort', onAbort);
  return {
    messages,
    ms,
    stoppedBecause: stoppedBecause ?? 'aborted',
    maxInOneSecond: maxInOneSecond(messages),
  };
}

/** The most messages in any window (t - 1 s, t], as the limiter counts them. */
function maxInOneSecond(messages: StandInMessage[]): number {
  const times = messages.map((message) => message.at).sort((a, b) => a - b);
  let max = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while ((times[first] ?? 0) <= (times[last] ?? 0) - 1000) first++;
    max = Math.max(max, last - first + 1);
  }
  return max;
}

/**
 * Exactly once, for what was dispatched: no outbox entry and no dedupe key went out twice, every
 * message sent is marked sent and every entry marked sent was sent, each was a reminder someone was
 * due, the rest is still pending and still queued (and nothing else is), and the limit was kept.
 * Returns what is wrong.
 */
export async function verifyDispatch(
  models: Models,
  run: DispatchRun,
  { queued, dueKeys, rate }: { queued: number; dueKeys: Set<string>; rate: number },
): Promise<string[]> {
  const problems: string[] = [];
  const sentIds = new Set(run.messages.map((message) => message.outboxId));
  const sentKeys = new Set(run.messages.map((message) => `${message.chatId}\u0000${message.dedupeKey}`));
  if (sentIds.size !== run.messages.length)
    problems.push(`stand-in: ${run.messages.length - sentIds.size} outbox entries sent more than once`);
  if (sentKeys.size !== run.messages.length)
    problems.push(`stand-in: ${run.messages.length - sentKeys.size} chats got the same dedupe key twice`);
  const notDue = run.messages.filter((message) => !dueKeys.has(message.dedupeKey));
  if (notDue.length > 0)
    problems.push(`stand-in: ${notDue.length} messages nobody was due, e.g. ${notDue[0]?.dedupeKey}`);

  const marked = await models.outbox.find({ status: 'sent' }, { _id: 1 }).lean();
  const markedIds = new Set(marked.map((entry) => String(entry._id)));
  const unmarked = [...sentIds].filter((id) => !markedIds.has(id));
  const unsent = [...markedIds].filter((id) => !sentIds.has(id));
  if (unmarked.length > 0) problems.push(`outbox: ${unmarked.length} messages sent but not marked sent`);
  if (unsent.length > 0) problems.push(`outbox: ${unsent.length} entries marked sent that were never sent`);
  const pending = await models.outbox.countDocuments({ status: 'pending' });
  if (pending !== queued - sentIds.size)
    problems.push(
      `outbox: ${pending} pending, expected ${queued - sentIds.size} (queued ${queued}, sent ${sentIds.size})`,
    );
  const queuedNow = await models.outboxQueue.find({}, { _id: 1 }).lean();
  const queuedSent = queuedNow.filter((entry) => markedIds.has(entry._id));
  if (queuedNow.length !== pending)
    problems.push(`outbox_queue: ${queuedNow.length} entries, ${pending} pending in the outbox`);
  if (queuedSent.length > 0) problems.push(`outbox_queue: ${queuedSent.length} entries already sent`);
  const failed = await models.outbox.countDocuments({ status: 'failed' });
  if (failed > 0) problems.push(`outbox: ${failed} entries failed`);
  if (run.maxInOneSecond > rate)
    problems.push(`rate: ${run.maxInOneSecond} messages within one second, limit ${rate}`);
  return problems;
}
