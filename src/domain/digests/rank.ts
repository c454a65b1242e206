import { shiftIsoWeek } from '../calendar';
import { reportingStreak, type WeekFigures } from '../reports/progress';

/** What the digest knows of one participant; gathered from the database by the caller. */
export interface ParticipantFacts {
  participantId: string;
  name: string;
  desa: string;
  /** Reports of recent weeks (at least the last 12 for the figures to be complete). */
  reports: WeekFigures[];
  openComplaints: { number: string; dueAt?: Date | undefined }[];
  nextSession?: Date | undefined;
}

export type AttentionReason =
  'never_reported' | 'weeks_without_report' | 'sales_falling' | 'savings_stalled' | 'complaint_due';

export interface DigestRow {
  participantId: string;
  name: string;
  desa: string;
  reported: boolean;
  sales?: number | undefined;
  savingsDeposit?: number | undefined;
  /** Sales against the average of the four weeks before, as a fraction (-0.4 is 40 % lower). */
  salesChange?: number | undefined;
  savingsTotal: number;
  streak: number;
  /** Weeks in a row without a report, ending with the digest's week. */
  weeksWithoutReport: number;
  openComplaints: number;
  nextSession?: Date | undefined;
  attention: AttentionReason[];
  /** Higher first: how urgently a mentor should look at this person. */
  urgency: number;
}

/** The thresholds of "needs attention", from the mentors' own rules of thumb. */
export const ATTENTION_RULES = {
  weeksWithoutReport: 2,
  salesFall: 0.3,
  stalledSavingsWeeks: 3,
  complaintDueWithinMs: 24 * 3_600_000,
} as const;

const WEIGHTS: Record<AttentionReason, number> = {
  never_reported: 50,
  weeks_without_report: 40,
  complaint_due: 30,
  sales_falling: 25,
  savings_stalled: 15,
};

/** Names in Indonesian order; one collator for every digest, as `localeCompare` builds one per call. */
const NAME_ORDER = new Intl.Collator('id');

/**
 * One row per participant for the week `week`, those who need attention first: long silences, then
 * complaints about to pass their deadline, falling sales and stalled savings. Pure: the same facts
 * always give the same ranking.
 */
export function rankDigest(participants: ParticipantFacts[], week: string, now: Date): DigestRow[] {
  return participants
    .map((facts) => digestRow(facts, week, now))
    .sort((a, b) => b.urgency - a.urgency || NAME_ORDER.compare(a.name, b.name));
}

export function digestRow(facts: ParticipantFacts, week: string, now: Date): DigestRow {
  const byWeek = new Map(facts.reports.map((report) => [report.week, report]));
  const current = byWeek.get(week);
  const earlier = facts.reports
    .filter((report) => report.week < week)
    .sort((a, b) => (a.week < b.week ? 1 : -1));
  const previousFour = [1, 2, 3, 4].flatMap((back) => byWeek.get(shiftIsoWeek(week, -back)) ?? []);
  const average =
    previousFour.length >= 2
      ? previousFour.reduce((sum, report) => sum + report.sales, 0) / previousFour.length
      : undefined;
  const salesChange = current && average ? (current.sales - average) / average : undefined;

  let weeksWithoutReport = 0;
  while (weeksWithoutReport < 52 && !byWeek.has(shiftIsoWeek(week, -weeksWithoutReport)))
    weeksWithoutReport++;

  const latest = current ?? earlier[0];
  const lastReported = [current, ...earlier]
    .filter((report) => report !== undefined)
    .slice(0, ATTENTION_RULES.stalledSavingsWeeks);
  const attention: AttentionReason[] = [];
  if (facts.reports.length === 0) attention.push('never_reported');
  else if (weeksWithoutReport >= ATTENTION_RULES.weeksWithoutReport) attention.push('weeks_without_report');
  if (
    facts.openComplaints.some(
      (complaint) =>
        complaint.dueAt && complaint.dueAt.getTime() - now.getTime() <= ATTENTION_RULES.complaintDueWithinMs,
    )
  ) {
    attention.push('complaint_due');
  }
  if (salesChange !== undefined && salesChange < -ATTENTION_RULES.salesFall) attention.push('sales_falling');
  if (
    lastReported.length === ATTENTION_RULES.stalledSavingsWeeks &&
    lastReported.every((report) => report.savingsDeposit === 0)
  ) {
    attention.push('savings_stalled');
  }

  return {
    participantId: facts.participantId,
    name: facts.name,
    desa: facts.desa,
    reported: current !== undefined,
    sales: current?.sales,
    savingsDeposit: current?.savingsDeposit,
    salesChange,
    savingsTotal: latest?.savingsBalance ?? 0,
    streak: reportingStreak(facts.reports, week),
    weeksWithoutReport,
    openComplaints: facts.openComplaints.length,
    nextSession: facts.nextSession,
    attention,
    urgency:
      attention.reduce((sum, reason) => sum + WEIGHTS[reason], 0) +
      (attention.includes('weeks_without_report')
        ? Math.min(weeksWithoutReport - ATTENTION_RULES.weeksWithoutReport, 10) * 2
        : 0),
  };
}
