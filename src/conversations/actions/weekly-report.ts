import { Types } from 'mongoose';
import { inboundKey } from '../../db/models/inbound-message';
import { weeklyReportKey } from '../../db/models/weekly-report';
import { shiftIsoWeek } from '../../domain/calendar';
import {
  balanceAfter,
  isUnusualSales,
  medianSales,
  obviousReportWeek,
  reportingStreak,
  type WeekFigures,
} from '../../domain/reports/progress';
import { ledgerRows, readLedger, submitWeeklyReport } from '../../domain/reports/weekly-report-service';
import { formatIsoWeek, formatRupiah } from '../../domain/display';
import { inLanguage } from '../../engine/text';
import { amount, word, type ActionContext, type ActionHandler, type Answers } from './types';

/** How many weeks of history decide what is usual for a participant. */
const HISTORY_WEEKS = 12;

function aroundWeek(reports: WeekFigures[], week: string): WeekFigures[] {
  const [from, to] = [shiftIsoWeek(week, -HISTORY_WEEKS), shiftIsoWeek(week, HISTORY_WEEKS)];
  return reports.filter((report) => report.week >= from && report.week <= to);
}

/** Whether to ask which week: not when it is given already, nor when it is obvious (this week). */
export const suggestReportWeek: ActionHandler = async (answers, context) => {
  const outputs: Answers = { week_known: true };
  if (word(answers.week) !== '') return { messages: [], outputs };
  const reports = ledgerRows(await readLedger(context.models, context.participantId));
  const week = obviousReportWeek(reports, context.now, context.timeZone);
  return { messages: [], outputs: week ? { ...outputs, week } : { week_known: false } };
};

/**
 * Before the summary: the savings balance this report would give, whether it replaces an earlier
 * report of that week, and whether the sales are far outside the person's own history.
 */
export const checkWeeklyReport: ActionHandler = async (answers, context) => {
  const week = word(answers.week);
  const weeks = await readLedger(context.models, context.participantId);
  const reports = aroundWeek(ledgerRows(weeks), week);
  const existing =
    week in weeks && (await storedByAnotherMessage(context, week))
      ? reports.find((report) => report.week === week)
      : undefined;
  const history = reports.filter((report) => report.week < week);
  const sales = amount(answers.sales);
  return {
    messages: [],
    outputs: {
      balance_after: balanceAfter(reports, week, amount(answers.savings), amount(answers.withdrawal)),
      replaces: existing !== undefined,
      previous_sales: existing?.sales ?? 0,
      unusual_sales: isUnusualSales(sales, history),
      usual_sales: medianSales(history) ?? 0,
    },
  };
};

/**
 * Whether the week's report was sent by another message than this one: a message handled again after
 * a fault finds the report it stored itself, which it is not replacing. One read by `_id`.
 */
async function storedByAnotherMessage({ models, participantId, inbound }: ActionContext, week: string) {
  const stored = await models.weeklyReports
    .findById(weeklyReportKey(participantId, week), { inboundKey: 1 })
    .lean();
  return stored !== null && stored.inboundKey !== inboundKey(inbound.channel, inbound.platformMessageId);
}

/** Saves the report, then tells the week's figures, the change from last week, the savings total and the streak. */
export const saveWeeklyReport: ActionHandler = async (answers, context) => {
  const { models, participantId, inbound, language, now } = context;
  const week = word(answers.week);
  const outcome = await submitWeeklyReport(models, {
    participant: new Types.ObjectId(participantId),
    week,
    sales: amount(answers.sales),
    spending: amount(answers.spending),
    savingsDeposit: amount(answers.savings),
    savingsWithdrawal: amount(answers.withdrawal),
    channel: inbound.channel,
    submittedAt: now,
    inboundKey: inboundKey(inbound.channel, inbound.platformMessageId),
  });
  const reports = aroundWeek(ledgerRows(outcome.weeks), week);
  const lastWeek = reports.find((report) => report.week === shiftIsoWeek(week, -1));
  const sales = amount(answers.sales);
  const streak = reportingStreak(reports, week);
  const balance = formatRupiah(outcome.savingsBalance);
  const change = lastWeek ? changeText(sales, lastWeek.sales) : undefined;
  const corrected = outcome.kind === 'corrected';
  const lines = {
    id: [
      corrected ? 'Laporan minggu itu sudah diganti dengan yang baru.' : undefined,
      `Omzet ${formatIsoWeek(week, 'id')}: ${formatRupiah(sales)}${change ? ` (${change.id} dari minggu lalu)` : ''}.`,
      `Total tabungan: ${balance}.`,
      streak > 1 ? `Bapak/Ibu sudah ${streak} minggu berturut-turut melapor. Hebat!` : undefined,
    ],
    en: [
      corrected ? 'That week’s report was replaced by the new one.' : undefined,
      `Sales ${formatIsoWeek(week, 'en')}: ${formatRupiah(sales)}${change ? ` (${change.en} on last week)` : ''}.`,
      `Savings total: ${balance}.`,
      streak > 1 ? `You have reported ${streak} weeks in a row. Well done!` : undefined,
    ],
    su: [
      corrected ? 'Laporan minggu éta parantos digentos ku nu énggal.' : undefined,
      `Omzet ${formatIsoWeek(week, 'su')}: ${formatRupiah(sales)}${change ? ` (${change.su} ti minggu kamari)` : ''}.`,
      `Jumlah tabungan: ${balance}.`,
      streak > 1 ? `Bapak/Ibu parantos ${streak} minggu berturut-turut ngalaporkeun. Saé pisan!` : undefined,
    ],
  };
  const text = (parts: (string | undefined)[]) => parts.filter((part) => part !== undefined).join('\n');
  return {
    messages: [
      { text: inLanguage({ id: text(lines.id), en: text(lines.en), su: text(lines.su) }, language) },
    ],
    outputs: {},
  };
};

function changeText(sales: number, previous: number): { id: string; en: string; su: string } {
  if (previous === 0)
    return sales === 0 ? { id: 'sama', en: 'the same', su: 'sami' } : { id: 'naik', en: 'up', su: 'naék' };
  const percent = Math.round(((sales - previous) / previous) * 100);
  if (percent === 0) return { id: 'sama', en: 'the same', su: 'sami' };
  return percent > 0
    ? { id: `naik ${percent}%`, en: `up ${percent}%`, su: `naék ${percent}%` }
    : { id: `turun ${-percent}%`, en: `down ${-percent}%`, su: `turun ${-percent}%` };
}
