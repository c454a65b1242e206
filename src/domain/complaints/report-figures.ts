import { instantAt, localDateOf } from '../calendar';

/** A month of the programme's calendar, `2026-11`. */
export type MonthKey = string;

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** What the report needs of one complaint: its Puskesos, month, category, history, deadline, rating. */
export interface ReportedComplaint {
  /** Absent while no Puskesos serves its desa. */
  puskesos?: string | undefined;
  category: string;
  createdAt: Date;
  answerBy?: Date | undefined;
  events: readonly { kind?: string | null; at: Date; from?: string | null; to?: string | null }[];
  rating?: { score?: number | null; solved?: boolean | null } | undefined;
}

/** One Puskesos's month: counts, the medians in hours, shares 0..1; null where nothing was measured. */
export interface ComplaintMonthFigures {
  puskesos: string | undefined;
  month: MonthKey;
  total: number;
  byCategory: Record<string, number>;
  medianHoursToAcknowledge: number | null;
  medianHoursToAnswer: number | null;
  /** Answered by the deadline, of those answered or past their deadline (open ones still in time wait). */
  withinDeadline: { share: number | null; decided: number };
  ratings: { count: number; averageScore: number | null; solvedShare: number | null };
}

const HOUR_MS = 3_600_000;

/** The month an instant falls in, as the programme's clocks show it (WIB: 31 Oct 20:00 UTC is November). */
export function monthOf(instant: Date, timeZone: string): MonthKey {
  const { year, month } = localDateOf(instant, timeZone);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The months from `first` to `last`, both included, in order. */
export function monthsBetween(first: MonthKey, last: MonthKey): MonthKey[] {
  const months: MonthKey[] = [];
  let [year = 0, month = 1] = first.split('-').map(Number);
  const [lastYear = 0, lastMonth = 1] = last.split('-').map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/** The month `count` months after (before, when negative) `month`. */
export function shiftMonth(month: MonthKey, count: number): MonthKey {
  const [year = 0, number = 1] = month.split('-').map(Number);
  const index = year * 12 + number - 1 + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** When a month begins on the programme's clocks: the bounds of the one query the report makes. */
export function startOfMonth(month: MonthKey, timeZone: string): Date {
  const [year = 0, number = 1] = month.split('-').map(Number);
  return instantAt(Date.UTC(year, number - 1, 1) / 86_400_000, 0, 0, timeZone);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * The complaints report's figures per Puskesos and month, from the complaints' own events: the clock
 * starts when the Puskesos got the complaint (filed, or passed on by the Dinsos admin), it is
 * acknowledged when it first leaves `new`, answered at its first `answered`. Within deadline compares
 * its present answer with its present deadline (`answerBy`). Pure: the page reads the
 * complaints once and hands them here.
 */
export function complaintReportFigures(
  complaints: readonly ReportedComplaint[],
  options: { timeZone: string; now: Date },
): ComplaintMonthFigures[] {
  const groups = new Map<
    string,
    { puskesos: string | undefined; month: MonthKey; members: ReportedComplaint[] }
  >();
  for (const complaint of complaints) {
    const month = monthOf(complaint.createdAt, options.timeZone);
    const key = `${complaint.puskesos ?? ''}|${month}`;
    const group = groups.get(key) ?? { puskesos: complaint.puskesos, month, members: [] };
    group.members.push(complaint);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ puskesos, month, members }) => figuresOf(puskesos, month, members, options.now))
    .sort((a, b) => a.month.localeCompare(b.month) || (a.puskesos ?? '').localeCompare(b.puskesos ?? ''));
}

function figuresOf(
  puskesos: string | undefined,
  month: MonthKey,
  members: readonly ReportedComplaint[],
  now: Date,
): ComplaintMonthFigures {
  const byCategory: Record<string, number> = {};
  const toAcknowledge: number[] = [];
  const toAnswer: number[] = [];
  let decided = 0;
  let onTime = 0;
  const scores: number[] = [];
  let solved = 0;
  let rated = 0;
  for (const complaint of members) {
    byCategory[complaint.category] = (byCategory[complaint.category] ?? 0) + 1;
    const statusChanges = complaint.events.filter((event) => (event.kind ?? 'status') === 'status');
    const received = statusChanges.find((event) => event.to === 'new')?.at;
    const acknowledged = statusChanges.find((event) => event.from === 'new')?.at;
    const answered = statusChanges.find((event) => event.to === 'answered')?.at;
    if (received && acknowledged) toAcknowledge.push((acknowledged.getTime() - received.getTime()) / HOUR_MS);
    if (received && answered) toAnswer.push((answered.getTime() - received.getTime()) / HOUR_MS);
    // A reopened complaint has a new deadline, met only by an answer after it was reopened.
    const lastTurn = statusChanges.findLast((event) => event.to === 'answered' || event.to === 'reopened');
    const answeredNow = lastTurn?.to === 'answered' ? lastTurn.at : undefined;
    if (complaint.answerBy) {
      if (answeredNow) {
        decided += 1;
        if (answeredNow <= complaint.answerBy) onTime += 1;
      } else if (complaint.answerBy < now) decided += 1;
    }
    const rating = complaint.rating;
    if (rating && (typeof rating.score === 'number' || typeof rating.solved === 'boolean')) {
      rated += 1;
      if (typeof rating.score === 'number') scores.push(rating.score);
      if (rating.solved) solved += 1;
    }
  }
  return {
    puskesos,
    month,
    total: members.length,
    byCategory,
    medianHoursToAcknowledge: median(toAcknowledge),
    medianHoursToAnswer: median(toAnswer),
    withinDeadline: { share: share(onTime, decided), decided },
    ratings: {
      count: rated,
      averageScore:
        scores.length === 0 ? null : scores.reduce((sum, score) => sum + score, 0) / scores.length,
      solvedShare: share(solved, rated),
    },
  };
}
