import { playWeeklyReport, type ConversationTally, type SendMessage } from './conversation';
import type { BenchParticipant } from './participants';

/**
 * Runs every participant's weekly report with at most `concurrency` conversations in flight: each
 * worker takes the next participant waiting, as a crowd answering a Saturday reminder would. A
 * participant's own messages go one after another, as a person waits for each answer. Counts go
 * into `tally` as they happen, so that an aborted run can still say how far it got.
 */
export async function runConversations(
  participants: BenchParticipant[],
  concurrency: number,
  send: SendMessage,
  tally: ConversationTally,
  signal: AbortSignal,
  runId: string,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!signal.aborted) {
      const participant = participants[next++];
      if (!participant) return;
      await playWeeklyReport(participant, send, tally, runId);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, participants.length) }, worker));
}

/**
 * A line every `everyMs` while the conversations run: on a database whose queries slow down as the
 * collections grow, the throughput of each interval shows the trend that the total hides.
 */
export function reportProgress(
  tally: ConversationTally,
  totalMessages: number,
  say: (line: string) => void,
  everyMs = 30_000,
): { stop: () => void } {
  const started = performance.now();
  let lastCount = 0;
  let lastAt = started;
  const timer = setInterval(() => {
    const now = performance.now();
    const rate = ((tally.messagesSent - lastCount) / (now - lastAt)) * 1000;
    say(
      `  after ${((now - started) / 1000).toFixed(0)} s: ${tally.messagesSent}/${totalMessages} messages, ` +
        `${tally.reportsCompleted} reports done, ${rate.toFixed(1)} messages/s in the last ${(everyMs / 1000).toFixed(0)} s, ` +
        `${tally.errors.length} errors`,
    );
    lastCount = tally.messagesSent;
    lastAt = now;
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
