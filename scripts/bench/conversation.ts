import { groupThousands, type BenchParticipant } from './participants';

/** What one message of the script sends, and what its replies must say. */
interface ScriptStep {
  name: string;
  text: string;
  /** Texts the joined replies must contain, each one. */
  expect: string[];
  /** Texts of which the joined replies must contain one at least. */
  expectOneOf?: string[];
  /** Sent only when the replies to the previous message contain this: a question asked only at times. */
  onlyAfter?: string;
}

/** Which week is asked only when it is not obviously this one (see obviousReportWeek). */
const WEEK_QUESTION = 'Laporan untuk minggu yang mana';

/** The savings deposit everybody reports, and so the balance after a first report. */
const SAVINGS_TEXT = '20rb';
const SAVINGS_RUPIAH = 20_000;
export const SAVINGS = { text: SAVINGS_TEXT, rupiah: SAVINGS_RUPIAH };

const rupiah = (amount: number) => `Rp${groupThousands(amount)}`;

/**
 * A weekly report from the menu to "saved", as a participant on WhatsApp would type it. The sales
 * stay within the participant's usual range, so the flow never asks whether they are right.
 */
export function weeklyReportScript(participant: BenchParticipant): ScriptStep[] {
  const balance = participant.savingsBefore + SAVINGS_RUPIAH;
  return [
    { name: 'menu', text: 'halo', expect: ['1. Laporan mingguan'] },
    { name: 'choose report', text: '1', expect: [], expectOneOf: [WEEK_QUESTION, 'Berapa omzet'] },
    { name: 'week', text: 'minggu ini', expect: ['Berapa omzet'], onlyAfter: WEEK_QUESTION },
    { name: 'sales', text: participant.salesText, expect: ['Berapa belanja'] },
    { name: 'spending', text: '0', expect: ['Berapa yang Bapak/Ibu tabung'] },
    { name: 'savings', text: SAVINGS_TEXT, expect: ['Berapa yang diambil dari tabungan'] },
    {
      name: 'withdrawal',
      text: '0',
      expect: [
        'Mohon periksa',
        `Omzet: ${rupiah(participant.salesRupiah)}`,
        `Tabungan masuk: ${rupiah(SAVINGS_RUPIAH)}`,
        `Total tabungan nanti: ${rupiah(balance)}`,
      ],
    },
    {
      name: 'confirm',
      text: '1',
      expect: ['sudah tersimpan', `Total tabungan: ${rupiah(balance)}.`],
    },
  ];
}

/** At most: the week is asked only when it is not obvious. */
export const MESSAGES_PER_REPORT = 8;

/** The simulator's answer to one message, and how long the round trip took. */
export interface Exchange {
  httpStatus: number;
  status: string;
  replies: string[];
  milliseconds: number;
}

export type SendMessage = (from: string, text: string, id: string) => Promise<Exchange>;

/** Something a participant's conversation did not do as the script says. */
export interface ConversationError {
  participant: number;
  step: string;
  problem: string;
}

export interface ConversationTally {
  latencies: number[];
  messagesSent: number;
  repliesReceived: number;
  /** Participants whose every answer was the expected one, up to "sudah tersimpan". */
  reportsCompleted: number;
  errors: ConversationError[];
}

export const emptyTally = (): ConversationTally => ({
  latencies: [],
  messagesSent: 0,
  repliesReceived: 0,
  reportsCompleted: 0,
  errors: [],
});

/**
 * Plays one participant's weekly report. It stops at the first unexpected answer: every later
 * message would answer a question that was not asked, so one error is counted, not eight.
 */
export async function playWeeklyReport(
  participant: BenchParticipant,
  send: SendMessage,
  tally: ConversationTally,
  runId: string,
): Promise<void> {
  let previous = '';
  for (const [position, step] of weeklyReportScript(participant).entries()) {
    if (step.onlyAfter && !previous.includes(step.onlyAfter)) continue;
    let exchange: Exchange;
    try {
      tally.messagesSent++;
      exchange = await send(participant.phone, step.text, `bench-${runId}-${participant.index}-${position}`);
    } catch (error) {
      tally.errors.push({ participant: participant.index, step: step.name, problem: describe(error) });
      return;
    }
    tally.latencies.push(exchange.milliseconds);
    tally.repliesReceived += exchange.replies.length;
    previous = exchange.replies.join('\n');
    const problem = unexpected(step, exchange);
    if (problem) {
      tally.errors.push({ participant: participant.index, step: step.name, problem });
      return;
    }
  }
  tally.reportsCompleted++;
}

function unexpected(step: ScriptStep, exchange: Exchange): string | undefined {
  if (exchange.httpStatus !== 201 || exchange.status !== 'accepted')
    return `HTTP ${exchange.httpStatus} ${exchange.status}`;
  const said = exchange.replies.join('\n');
  const missing = step.expect.filter((text) => !said.includes(text));
  if (step.expectOneOf && !step.expectOneOf.some((text) => said.includes(text)))
    missing.push(step.expectOneOf.join(' or '));
  if (missing.length === 0) return undefined;
  return `reply lacks ${missing.map((text) => JSON.stringify(text)).join(', ')}; it said ${JSON.stringify(said.slice(0, 300))}`;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}
