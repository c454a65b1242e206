import type { Models } from '../db/models';
import { weeklyReportKey } from '../db/models/weekly-report';
import { readLedger } from '../domain/reports/weekly-report-service';
import type { AnswerValue, FlowState } from '../engine/conversation/state';
import {
  parseCorrectionRequest,
  parseOneMessageReport,
  type OneMessageReport,
} from '../engine/inputs/one-message-report';
import { parseMoney } from '../engine/inputs/money';
import type { LocalizedText } from '../i18n';

/** Below this an amount alone is a menu number or a slip, not a week's sales. */
const SMALLEST_SALES = 1_000;

/** The flows a typed report may take over: they ask for the same amounts. */
const REPORT_FLOWS = new Set(['weekly-report', 'one-message-report']);
const AMOUNT_ANSWERS = ['sales', 'spending', 'savings', 'withdrawal'] as const;

export type ReportShortcut =
  | { kind: 'reply'; text: LocalizedText }
  | { kind: 'start'; flowId: 'one-message-report' | 'weekly-report'; given: Record<string, AnswerValue> };

export interface ShortcutSituation {
  /** The flow the participant is in, if any. */
  flow: FlowState | undefined;
  /** Whether the question being asked takes the message as its answer (`50rb` to "Berapa omzet?"). */
  answersQuestion: boolean;
  now: Date;
  timeZone: string;
}

/**
 * What a participant's message means as a one-message report, or UBAH after one: taken outside any
 * flow and in the menu, from any state after a reminder. In a report flow, a message the question
 * takes as its answer stays the answer; one it cannot take (`jual 1jt tabung 50rb` at the spending
 * question) is the shortcut, with the amounts already given for that week kept. Elsewhere (a
 * complaint being written, consent) it is never taken, so a complaint mentioning money stays one.
 */
export async function reportShortcutOf(
  models: Models,
  participantId: string,
  text: string | undefined,
  situation: ShortcutSituation,
): Promise<ReportShortcut | undefined> {
  const { flow, now, timeZone } = situation;
  if (!text) return undefined;
  const free = !flow || flow.flowId === 'menu';
  if (!free && !(REPORT_FLOWS.has(flow.flowId) && !situation.answersQuestion)) return undefined;
  const reading = parseOneMessageReport(text, now, timeZone);
  if (reading.kind === 'report') {
    return { kind: 'start', flowId: 'one-message-report', given: shortcutAnswers(reading.report, flow) };
  }
  if (!free) return undefined;
  if (reading.kind === 'fail') return { kind: 'reply', text: reading.reason };
  // An amount alone, as the reminder asks ("balas dengan omzet minggu ini"), starts the week's report
  // with it as the sales: the report then takes five messages in all.
  const sales = parseMoney(text);
  if (sales.kind === 'ok' && sales.value >= SMALLEST_SALES)
    return { kind: 'start', flowId: 'weekly-report', given: { sales: sales.value } };
  const correction = parseCorrectionRequest(text, now, timeZone);
  if (correction?.kind === 'fail') return { kind: 'reply', text: correction.reason };
  if (!correction) return undefined;
  const given = await storedReportAnswers(models, participantId, correction.week);
  return given && { kind: 'start', flowId: 'weekly-report', given };
}

/** The message's amounts, over those a report flow of the same week already has. */
function shortcutAnswers(report: OneMessageReport, flow: FlowState | undefined): Record<string, AnswerValue> {
  const earlier =
    flow && REPORT_FLOWS.has(flow.flowId) && flow.answers.week === report.week ? flow.answers : {};
  const kept = AMOUNT_ANSWERS.flatMap((name) => {
    const value = earlier[name];
    return typeof value === 'number' ? [[name, value] as const] : [];
  });
  return { ...Object.fromEntries(kept), ...report.amounts, week: report.week };
}

/**
 * A stored report as the weekly-report flow's answers, so that its summary shows it for correction:
 * the week named, else the latest reported. Two reads by `_id`.
 */
async function storedReportAnswers(
  models: Models,
  participantId: string,
  week: string | undefined,
): Promise<Record<string, AnswerValue> | undefined> {
  const chosen =
    week ??
    Object.keys(await readLedger(models, participantId))
      .sort()
      .at(-1);
  if (!chosen) return undefined;
  const report = await models.weeklyReports.findById(weeklyReportKey(participantId, chosen)).lean();
  if (!report) return undefined;
  return {
    week: chosen,
    sales: report.sales,
    spending: report.spending,
    savings: report.savingsDeposit,
    withdrawal: report.savingsWithdrawal,
  };
}
