import { mondayOfIsoWeek, shiftIsoWeek } from '../calendar';
import { formatNumber, say, shortMonth, type Language } from '../../i18n';
import { formatIsoWeek } from '../display';
import type { ParticipantFacts } from './rank';

/**
 * How many weeks the mentor's chart shows: two months, the length of most of the mentoring, and
 * still wide enough bars to read on a phone.
 */
export const CHART_WEEKS = 8;

/** The group's figures of one week. */
export interface WeekTotals {
  week: string;
  sales: number;
  /** Deposits only, as the digest's text counts "tabungan masuk". */
  savings: number;
  /** Participants who reported that week: 0 tells "nobody reported" apart from "sold nothing". */
  reporters: number;
}

/**
 * The group's totals for the `weeks` weeks ending with `week`, oldest first, every week present
 * (a week nobody reported has zeros). Reports outside those weeks are ignored; a participant has at
 * most one report a week (unique index), so a corrected report never counts twice.
 */
export function groupWeeklyTotals(
  participants: Pick<ParticipantFacts, 'reports'>[],
  week: string,
  weeks = CHART_WEEKS,
): WeekTotals[] {
  const totals = new Map<string, WeekTotals>();
  for (let back = weeks - 1; back >= 0; back--) {
    const shown = shiftIsoWeek(week, -back);
    totals.set(shown, { week: shown, sales: 0, savings: 0, reporters: 0 });
  }
  for (const participant of participants) {
    for (const report of participant.reports) {
      const total = totals.get(report.week);
      if (!total) continue;
      total.sales += report.sales;
      total.savings += report.savingsDeposit;
      total.reporters++;
    }
  }
  return [...totals.values()];
}

/** A value axis from 0: its top, the step between gridlines and the ticks, all whole rupiah. */
export interface ValueAxis {
  max: number;
  step: number;
  ticks: number[];
}

/** The smallest top of an axis, so that a week of tiny or zero figures still gets a sensible scale. */
const MIN_AXIS_TOP = 10_000;

/**
 * A scale with round steps (1, 2, 2.5 or 5 times a power of ten) that fits `largest` in at most
 * `maxSteps` steps: gridlines at Rp 250 rb, 500 rb, 750 rb read at a glance, Rp 237.419 does not.
 */
export function valueAxis(largest: number, maxSteps = 4): ValueAxis {
  const top = Math.max(largest, MIN_AXIS_TOP);
  const rough = top / maxSteps;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const steps = Math.ceil(top / step - 1e-9);
  const ticks = Array.from({ length: steps + 1 }, (_, index) => Math.round(index * step));
  return { max: Math.round(steps * step), step: Math.round(step), ticks };
}

/** `1250000` → `Rp 1,25 jt`, `500000` → `Rp 500 rb`: amounts as people say them, short enough for an axis. */
export function formatRupiahShort(amount: number): string {
  if (amount === 0) return '0';
  const units: [number, string][] = [
    [1e9, 'M'],
    [1e6, 'jt'],
    [1e3, 'rb'],
  ];
  const sign = amount < 0 ? '-' : '';
  const size = Math.abs(amount);
  const unit = units.find(([value]) => size >= value);
  if (!unit) return `${sign}Rp ${Math.round(size)}`;
  const figure = formatNumber(size / unit[0], 'id', 2);
  return `${sign}Rp ${figure} ${unit[1]}`;
}

/** One series of bars with its own scale: sales are tens of times the savings, so they never share one. */
export interface ChartPanel {
  series: 'sales' | 'savings';
  label: string;
  axis: ValueAxis;
  values: number[];
  tickLabels: string[];
}

/** Everything the chart shows, as words and numbers; drawing it is `renderDigestChart`'s job. */
export interface DigestChart {
  title: string;
  subtitle: string;
  footnote: string;
  /** Week labels under the bars: the Monday's day and month, because people know dates, not week numbers. */
  weeks: { week: string; day: string; month: string; reporters: number }[];
  panels: ChartPanel[];
  /** Set when no week has a single report: the chart then says so instead of drawing empty axes. */
  noData?: string | undefined;
}

/** Shapes a group's weekly totals into the chart's words, scales and labels. */
export function digestChart(totals: WeekTotals[], participants: number, language: Language): DigestChart {
  const panel = (series: 'sales' | 'savings'): ChartPanel => {
    const values = totals.map((total) => total[series]);
    const axis = valueAxis(Math.max(0, ...values));
    return {
      series,
      label: say(series === 'sales' ? 'digest.chartSales' : 'digest.chartSavings', language),
      axis,
      values,
      tickLabels: axis.ticks.map(formatRupiahShort),
    };
  };
  const first = totals[0];
  const last = totals[totals.length - 1];
  const period =
    first && last
      ? `${mondayOfIsoWeek(first.week).getUTCDate()} ${shortMonth(mondayOfIsoWeek(first.week), language)} - ${formatIsoWeek(last.week, language).replace(/^.*-/, '')}`
      : '';
  return {
    title: say('digest.chartTitle', language),
    subtitle: say('digest.chartSubtitle', language, { period, participants }),
    footnote: say('digest.chartWeeks', language),
    weeks: totals.map((total) => {
      const monday = mondayOfIsoWeek(total.week);
      return {
        week: total.week,
        day: String(monday.getUTCDate()),
        month: shortMonth(monday, language),
        reporters: total.reporters,
      };
    }),
    panels: [panel('sales'), panel('savings')],
    noData: totals.every((total) => total.reporters === 0) ? say('digest.chartNoData', language) : undefined,
  };
}
