import { Types } from 'mongoose';
import { instantInWeek, isoWeekOf, shiftIsoWeek } from '../../src/domain/calendar';
import { rebuildReportLedgers } from '../../src/domain/reports/weekly-report-service';
import type { Models } from '../../src/db/models';

/**
 * History for the benchmark's filled database: what eight to twelve weeks of a pilot leave behind
 * (processed inbound messages, sent replies, audit events, past weekly reports), written straight
 * through the driver's collections so that it does not depend on the models' `_id` types. The
 * documents have the shapes the service is moving to: string keys `<channel>:<platformMessageId>`
 * for inbound messages, the dedupe key for the outbox, `<participant>:<week>` for weekly reports.
 */

const TIME_ZONE = 'Asia/Jakarta';
const CHANNEL = 'simulator';
/** Weeks of history before the current ISO week. */
export const HISTORY_WEEKS = 12;
/** A weekly report is eight messages; past participants send one a week. */
const MESSAGES_PER_WEEK = 8;
const TEXTS = ['halo', '1', 'minggu ini', '750rb', '0', '20rb', 'tidak', '1'] as const;
const AUDIT_ACTIONS = [
  'participants.list',
  'participant.read',
  'weekly_reports.list',
  'overview.read',
] as const;

/** A benchmark participant as the history needs it: its id and the sales it will type. */
export interface OwnParticipant {
  id: Types.ObjectId;
  salesRupiah: number;
}

export interface HistoryPlan {
  /** N: messages of history, half inbound, half replies. */
  messages: number;
  now: Date;
  seed: number;
  /** The benchmark's own participants, who get twelve past weeks of reports too. */
  own: OwnParticipant[];
}

export interface HistoryCounts {
  inbound: number;
  outbox: number;
  auditEvents: number;
  weeklyReports: number;
  pastParticipants: number;
}

export function historyCounts(plan: Pick<HistoryPlan, 'messages' | 'own'>): HistoryCounts {
  const inbound = Math.floor(plan.messages / 2);
  const pastParticipants = pastParticipantCount(inbound);
  return {
    inbound,
    outbox: inbound,
    auditEvents: Math.floor(plan.messages / 10),
    weeklyReports: (pastParticipants + plan.own.length) * HISTORY_WEEKS,
    pastParticipants,
  };
}

/** Enough past participants that each sends one report a week over the weeks of history. */
const pastParticipantCount = (inbound: number) =>
  inbound === 0 ? 0 : Math.ceil(inbound / (MESSAGES_PER_WEEK * HISTORY_WEEKS));

/** Telkomsel numbers that no benchmark participant has (those are +62812…). */
export const pastPhoneOf = (index: number) => `+62813${String(index).padStart(8, '0')}`;

/** A fixed, valid ObjectId per past participant. */
export const pastParticipantId = (index: number) =>
  new Types.ObjectId(`65a1b2c3ba57${index.toString(16).padStart(12, '0')}`);

/** mulberry32: a small seeded generator, so that a seed gives the same history every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pastWeeks = (now: Date) => {
  const current = isoWeekOf(now, TIME_ZONE);
  return Array.from({ length: HISTORY_WEEKS }, (_, back) => shiftIsoWeek(current, -(HISTORY_WEEKS - back)));
};

/**
 * Inbound messages with their replies: past participant `i % P` sends the `k`-th message of its
 * weekly report conversations, eight a week from twelve weeks ago on, a minute apart.
 */
export function* inboundWithReplies(
  plan: HistoryPlan,
): Generator<{ inbound: Record<string, unknown>; reply: Record<string, unknown> }> {
  const { inbound: total, pastParticipants } = historyCounts(plan);
  const weeks = pastWeeks(plan.now);
  const random = seededRandom(plan.seed ^ 0x1b0);
  for (let i = 0; i < total; i++) {
    const past = i % pastParticipants;
    const k = Math.floor(i / pastParticipants);
    const week = weeks[Math.floor(k / MESSAGES_PER_WEEK) % HISTORY_WEEKS] ?? weeks[0] ?? '';
    const chatId = pastPhoneOf(past);
    const platformMessageId = `hist-${past}-${k}`;
    const key = `${CHANNEL}:${platformMessageId}`;
    const start = instantInWeek(week, { weekday: past % 7, hour: 8 + (past % 12), minute: 0 }, TIME_ZONE);
    const receivedAt = new Date(
      start.getTime() + (k % MESSAGES_PER_WEEK) * 60_000 + Math.floor(random() * 30_000),
    );
    const processedAt = new Date(receivedAt.getTime() + 200 + Math.floor(random() * 800));
    const sentAt = new Date(processedAt.getTime() + 300 + Math.floor(random() * 1_000));
    const text = TEXTS[k % MESSAGES_PER_WEEK] ?? 'halo';
    const dedupeKey = `reply:${key}:0`;
    yield {
      inbound: {
        _id: key,
        channel: CHANNEL,
        platformMessageId,
        chatId,
        receivedAt,
        status: 'processed',
        processedAt,
        payload: { channel: CHANNEL, chatId, platformMessageId, receivedAt, text },
        attempts: 0,
        createdAt: receivedAt,
        updatedAt: processedAt,
      },
      reply: {
        _id: dedupeKey,
        dedupeKey,
        channel: CHANNEL,
        chatId,
        message: { text: `Balasan untuk "${text}"` },
        dueAt: processedAt,
        status: 'sent',
        attempts: 1,
        sentAt,
        createdAt: processedAt,
        updatedAt: sentAt,
      },
    };
  }
}

export function* auditEvents(plan: HistoryPlan): Generator<Record<string, unknown>> {
  const { auditEvents: total, pastParticipants } = historyCounts(plan);
  const random = seededRandom(plan.seed ^ 0xa0d);
  const span = HISTORY_WEEKS * 7 * 86_400_000;
  for (let i = 0; i < total; i++) {
    const action = AUDIT_ACTIONS[i % AUDIT_ACTIONS.length] ?? 'overview.read';
    yield {
      at: new Date(plan.now.getTime() - Math.floor(random() * span)),
      actor: `staff:${(i % 7) + 1}`,
      action,
      target:
        action === 'participant.read' ? String(pastParticipantId(i % Math.max(1, pastParticipants))) : action,
    };
  }
}

/** What the benchmark's own participant has saved before the run, to check the balance it is told. */
export type BalancesBefore = Map<string, number>;

/**
 * Twelve past weeks for every past and own participant, with a running savings balance. Past sales
 * stay within 0.8 to 1.25 times what the participant will type, so that the typed figure is never
 * "unusual" (src/domain/reports/progress.ts) and the conversation script stays the same.
 */
export function weeklyReports(
  plan: HistoryPlan,
  balances: BalancesBefore = new Map(),
): Record<string, unknown>[] {
  const { pastParticipants } = historyCounts(plan);
  const weeks = pastWeeks(plan.now);
  const random = seededRandom(plan.seed ^ 0x3e9);
  const people = [
    ...Array.from({ length: pastParticipants }, (_, index) => ({
      id: pastParticipantId(index),
      salesRupiah: 500_000 + (index % 20) * 100_000,
    })),
    ...plan.own,
  ];
  const reports: Record<string, unknown>[] = [];
  for (const person of people) {
    let balance = 0;
    for (const week of weeks) {
      const sales = Math.round((person.salesRupiah * (0.8 + random() * 0.45)) / 100) * 100;
      const savingsDeposit = [0, 10_000, 20_000, 25_000, 50_000][Math.floor(random() * 5)] ?? 0;
      const savingsWithdrawal = balance >= 30_000 && random() < 0.1 ? 30_000 : 0;
      balance += savingsDeposit - savingsWithdrawal;
      const submittedAt = instantInWeek(
        week,
        { weekday: 5, hour: 9 + Math.floor(random() * 10), minute: Math.floor(random() * 60) },
        TIME_ZONE,
      );
      const hex = person.id.toHexString();
      reports.push({
        _id: `${hex}:${week}`,
        participant: person.id,
        week,
        sales,
        spending: Math.round((sales * random() * 0.5) / 100) * 100,
        savingsDeposit,
        savingsWithdrawal,
        channel: CHANNEL,
        submittedAt,
        savingsBalance: balance,
        revisions: [],
        createdAt: submittedAt,
        updatedAt: submittedAt,
      });
    }
    balances.set(person.id.toHexString(), balance);
  }
  return reports;
}

export interface FilledHistory {
  counts: HistoryCounts;
  milliseconds: number;
  /** Documents in each collection afterwards, counted by the database. */
  sizes: [string, number][];
  /** Savings balance of each own participant (by id hex) before the run. */
  balances: BalancesBefore;
}

/** Writes the plan's history in batches through the raw collections, and counts what is there after. */
export async function fillHistory(
  models: Models,
  plan: HistoryPlan,
  batchSize = 2_000,
): Promise<FilledHistory> {
  const started = performance.now();
  const inbound: Record<string, unknown>[] = [];
  const replies: Record<string, unknown>[] = [];
  const flush = async () => {
    await models.inboundMessages.collection.insertMany(inbound.splice(0));
    await models.outbox.collection.insertMany(replies.splice(0));
  };
  for (const pair of inboundWithReplies(plan)) {
    inbound.push(pair.inbound);
    replies.push(pair.reply);
    if (inbound.length >= batchSize) await flush();
  }
  if (inbound.length > 0) await flush();
  await insertInBatches(models.auditEvents.collection, auditEvents(plan), batchSize);
  const balances: BalancesBefore = new Map();
  await insertInBatches(models.weeklyReports.collection, weeklyReports(plan, balances), batchSize);
  // What a database converted at start-up has beside its reports: each participant's ledger.
  await rebuildReportLedgers(models);
  const milliseconds = performance.now() - started;

  const sizes: [string, number][] = [];
  for (const model of [models.inboundMessages, models.outbox, models.auditEvents, models.weeklyReports])
    sizes.push([model.collection.collectionName, await model.collection.countDocuments({})]);
  return { counts: historyCounts(plan), milliseconds, sizes, balances };
}

async function insertInBatches(
  collection: Models['auditEvents']['collection'],
  documents: Iterable<Record<string, unknown>>,
  batchSize: number,
): Promise<void> {
  let batch: Record<string, unknown>[] = [];
  for (const document of documents) {
    batch.push(document);
    if (batch.length >= batchSize) {
      await collection.insertMany(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await collection.insertMany(batch);
}
