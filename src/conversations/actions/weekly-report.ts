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
import { say, text, type LocalizedText } from '../../i18n';
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
  const change = lastWeek ? changeText(sales, lastWeek.sales) : undefined;
  const lines = [
    outcome.kind === 'corrected' ? say('report.replaced', language) : undefined,
    say('report.sales', language, {
      week: formatIsoWeek(week, language),
      sales: formatRupiah(sales),
      change: change ? say('report.changeOnLastWeek', language, { change }) : '',
    }),
    say('report.balance', language, { balance: formatRupiah(outcome.savingsBalance) }),
    streak > 1 ? say('report.streak', language, { streak }) : undefined,
  ];
  return {
    messages: [{ text: lines.filter((line) => line !== undefined).join('\n') }],
    outputs: {},
  };
};

function changeText(sales: number, previous: number): LocalizedText {
  if (previous === 0) return text(sales === 0 ? 'report.same' : 'report.up');
  const percent = Math.round(((sales - previous) / previous) * 100);
  if (percent === 0) return text('report.same');
  return percent > 0 ? text('report.upBy', { percent }) : text('report.downBy', { percent: -percent });
}
