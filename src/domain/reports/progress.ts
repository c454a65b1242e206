import { isoWeekOf, localDateOf, shiftIsoWeek } from '../calendar';

export interface WeekFigures {
  week: string;
  sales: number;
  savingsDeposit: number;
  savingsWithdrawal: number;
  savingsBalance: number;
}

/** Weeks in a row with a report, ending at `week` (0 when `week` itself has none). */
export function reportingStreak(reports: WeekFigures[], week: string): number {
  const reported = new Set(reports.map((report) => report.week));
  let streak = 0;
  for (let current = week; reported.has(current); current = shiftIsoWeek(current, -1)) streak++;
  return streak;
}

/** Median weekly sales over the reports given, or undefined without any. */
export function medianSales(reports: WeekFigures[]): number | undefined {
  const sorted = reports.map((report) => report.sales).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2);
}

/**
 * Sales far outside the person's own history (ten times their median, or a tenth of it) are asked
 * about once: a typo of one zero is the most common mistake with amounts. Needs three weeks of history.
 */
export function isUnusualSales(sales: number, history: WeekFigures[]): boolean {
  if (history.length < 3) return false;
  const median = medianSales(history) ?? 0;
  if (median === 0) return sales >= 5_000_000;
  return sales >= median * 10 || (sales > 0 && sales * 10 <= median);
}

/** Savings balance after `week` if it reports this deposit and withdrawal (replacing any report of that week). */
export function balanceAfter(
  reports: WeekFigures[],
  week: string,
  deposit: number,
  withdrawal: number,
): number {
  const before = reports.filter((report) => report.week < week).sort((a, b) => (a.week < b.week ? 1 : -1))[0];
  return (before?.savingsBalance ?? 0) + deposit - withdrawal;
}

/**
 * The week a report is for when it is clear enough not to ask: this week. It is not clear when this
 * week is reported already (a correction, or a late report of another week), nor from Monday to
 * Wednesday while last week's report is missing: then people often report the week just gone.
 */
export function obviousReportWeek(reports: WeekFigures[], now: Date, timeZone: string): string | undefined {
  const current = isoWeekOf(now, timeZone);
  const reported = new Set(reports.map((report) => report.week));
  if (reported.has(current)) return undefined;
  const { year, month, day } = localDateOf(now, timeZone);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
  if (weekday <= 3 && !reported.has(shiftIsoWeek(current, -1))) return undefined;
  return current;
}
