import {
  addDays,
  isoWeekExists,
  isoWeekName,
  isoWeekOf,
  isoWeekOfDate,
  isRealDate,
  localDateOf,
  weeksBetween,
  type LocalDate,
} from '../../domain/calendar';
import type { LocalizedText } from '../../i18n';
import { fromWhole, isWhole, wholePart } from './fixed-point';
import { failed, parsed, skipped, type ParsedReply } from './parsed-reply';
import { readAmount } from './spoken-amount';
import { foldText, isSkipRequest, trimDecorations, wordsOf } from './text';
import {
  FUTURE_WEEK,
  futureDateWithoutYear,
  noSuchDate,
  noSuchWeek,
  tooOld,
  weekNotUnderstood,
} from './week-messages';
import {
  LAST_WEEK,
  LEADING_FILLERS,
  monthNumber,
  THIS_WEEK,
  WEEKDAYS,
  WEEKS_AGO,
  YESTERDAY,
} from './week-words';

/** Late reports are welcome for about a quarter; older ones go through a mentor. */
export const DEFAULT_MAX_WEEKS_AGO = 12;

export interface WeekOptions {
  /** How many weeks back a report may be for (default 12). */
  maxWeeksAgo?: number;
}

/** Where the person is in time: `now` in their time zone, and the example dates we suggest. */
interface Today {
  date: LocalDate;
  week: string;
  example: string;
}

/**
 * Which ISO week (`2026-W48`) a report is for: `minggu ini`, `minggu lalu`, `2 minggu lalu`,
 * `28/11`, `28 November 2026`, `W47`, `minggu ke-47`, or `1`/`2` from the prompt's numbered list.
 * Future weeks and weeks older than `maxWeeksAgo` are refused with a reason.
 */
export function parseWeek(
  text: string,
  now: Date,
  timeZone = 'Asia/Jakarta',
  options: WeekOptions = {},
): ParsedReply<string> {
  const date = localDateOf(now, timeZone);
  const today: Today = { date, week: isoWeekOf(now, timeZone), example: `${date.day}/${date.month}` };
  const maxWeeksAgo = options.maxWeeksAgo ?? DEFAULT_MAX_WEEKS_AGO;
  const folded = foldText(text).replace(/'/g, '');
  if (isSkipRequest(folded)) return skipped();
  const trimmed = trimDecorations(folded);

  // `2. Minggu lalu` copied from the prompt: the number and the words must agree.
  const numbered = /^([12])[.)] *(\D.*)$/.exec(trimmed);
  if (numbered) {
    const byNumber = readWeek(numbered[1] ?? '', today);
    const byWords = readWeek(numbered[2] ?? '', today);
    if (byNumber.kind === 'week' && byWords.kind === 'week' && byNumber.week === byWords.week) {
      return judge(byNumber, today, maxWeeksAgo);
    }
    return failed(weekNotUnderstood(today.example), today.example);
  }
  return judge(readWeek(trimmed, today), today, maxWeeksAgo);
}

type WeekReading =
  | { kind: 'week'; week: string; withoutYear?: LocalDate }
  | { kind: 'fail'; reason: LocalizedText; example: string };

function judge(reading: WeekReading, today: Today, maxWeeksAgo: number): ParsedReply<string> {
  if (reading.kind === 'fail') return failed(reading.reason, reading.example);
  const weeksAgo = weeksBetween(reading.week, today.week);
  if (weeksAgo < 0) {
    const lastYear = reading.withoutYear && { ...reading.withoutYear, year: reading.withoutYear.year - 1 };
    // Only suggest last year when that week could be reported (`28/12` in early January).
    const hint =
      lastYear && isRealDate(lastYear) && weeksBetween(isoWeekOfDate(lastYear), today.week) <= maxWeeksAgo;
    return hint
      ? failed(futureDateWithoutYear(`${lastYear.day}/${lastYear.month}/${lastYear.year}`), 'minggu ini')
      : failed(FUTURE_WEEK, 'minggu ini');
  }
  if (weeksAgo > maxWeeksAgo) return failed(tooOld(maxWeeksAgo), 'minggu lalu');
  return parsed(reading.week);
}

function readWeek(text: string, today: Today): WeekReading {
  const phrase = withoutLeadingFillers(wordsOf(text).join(' '));
  const notUnderstood: WeekReading = {
    kind: 'fail',
    reason: weekNotUnderstood(today.example),
    example: today.example,
  };
  if (phrase === '1' || THIS_WEEK.has(phrase)) return { kind: 'week', week: today.week };
  if (phrase === '2' || LAST_WEEK.has(phrase)) return weeksBack(1, today);
  if (YESTERDAY.has(phrase)) return { kind: 'week', week: isoWeekOfDate(addDays(today.date, -1)) };
  for (const pattern of WEEKS_AGO) {
    const count = pattern.exec(phrase)?.[1];
    if (count !== undefined) {
      const weeks = smallCount(count);
      return weeks === undefined ? notUnderstood : weeksBack(weeks, today);
    }
  }
  return numberedWeek(phrase, today) ?? dateWeek(phrase, today) ?? notUnderstood;
}

function weeksBack(weeks: number, today: Today): WeekReading {
  return { kind: 'week', week: isoWeekOfDate(addDays(today.date, -7 * weeks)) };
}

/** `2`, `dua`, `tilu`, `three`: a count of weeks, read with the amount grammar. */
function smallCount(words: string): number | undefined {
  const reading = readAmount(words.split(' '));
  if (reading.kind !== 'amount' || !isWhole(reading.value)) return undefined;
  // Ten years back is already refused as too old; beyond it the calendar has nothing to add.
  return Number(wholePart(reading.value < fromWhole(520) ? reading.value : fromWhole(520)));
}

function withoutLeadingFillers(phrase: string): string {
  let words = phrase.replace(WEEKDAYS, '').split(' ');
  while (words.length > 1 && LEADING_FILLERS.has(words[0] ?? '')) words = words.slice(1);
  return words.join(' ').replace(WEEKDAYS, '');
}

const ISO_WEEK = /^(\d{4}) ?-? ?w ?(\d{1,2})$/;
/** `W47`, `week 47`, `minggu ke-47`, `pekan ke 47`, `minggu ka-47`, with an optional year after. */
const WEEK_NUMBER =
  /^(?:w|wk|week|(?:minggu|mg|mgg|pekan) ?(?:ke|ka)) ?-? ?(\d{1,2})(?: (?:tahun |taun |year )?(\d{4}))?$/;

function numberedWeek(phrase: string, today: Today): WeekReading | undefined {
  const iso = ISO_WEEK.exec(phrase);
  const numbered = iso ? undefined : WEEK_NUMBER.exec(phrase);
  if (!iso && !numbered) return undefined;
  const year = Number(iso ? iso[1] : (numbered?.[2] ?? today.week.slice(0, 4)));
  const week = Number(iso ? iso[2] : numbered?.[1]);
  if (!isoWeekExists(year, week)) {
    return { kind: 'fail', reason: noSuchWeek(year, week, today.example), example: today.example };
  }
  return { kind: 'week', week: isoWeekName(year, week) };
}

const NUMERIC_DATE = /^(\d{1,2}) ?[/.-] ?(\d{1,2})(?: ?[/.-] ?(\d{4}|\d{2}))?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)? ?-? ?([a-z]+)\.?(?: ?-? ?(\d{4}|\d{2}))?$/;
const MONTH_NAME_DAY = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$/;

function dateWeek(phrase: string, today: Today): WeekReading | undefined {
  const parts = dateParts(phrase);
  if (!parts) return undefined;
  const { day, year } = parts;
  let { month } = parts;
  let dayOfMonth = day;
  // `11/28/2026` can only be month first; `11/12` stays Indonesian, day first.
  if (parts.numeric && month > 12 && day <= 12) [dayOfMonth, month] = [month, day];
  const date: LocalDate = { year: year ?? today.date.year, month, day: dayOfMonth };
  if (!isRealDate(date)) {
    const written = [day, parts.month, year].filter((part) => part !== undefined).join('/');
    return { kind: 'fail', reason: noSuchDate(written, today.example), example: today.example };
  }
  return year === undefined
    ? { kind: 'week', week: isoWeekOfDate(date), withoutYear: date }
    : { kind: 'week', week: isoWeekOfDate(date) };
}

interface DateParts {
  day: number;
  month: number;
  year: number | undefined;
  numeric: boolean;
}

function dateParts(phrase: string): DateParts | undefined {
  const iso = ISO_DATE.exec(phrase);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]), numeric: false };
  const numeric = NUMERIC_DATE.exec(phrase);
  if (numeric)
    return { day: Number(numeric[1]), month: Number(numeric[2]), year: fullYear(numeric[3]), numeric: true };
  const dayFirst = DAY_MONTH_NAME.exec(phrase);
  const dayFirstMonth = monthNumber(dayFirst?.[2] ?? '');
  if (dayFirst && dayFirstMonth) {
    return { day: Number(dayFirst[1]), month: dayFirstMonth, year: fullYear(dayFirst[3]), numeric: false };
  }
  const monthFirst = MONTH_NAME_DAY.exec(phrase);
  const monthFirstMonth = monthNumber(monthFirst?.[1] ?? '');
  if (monthFirst && monthFirstMonth) {
    return {
      day: Number(monthFirst[2]),
      month: monthFirstMonth,
      year: fullYear(monthFirst[3]),
      numeric: false,
    };
  }
  return undefined;
}

/** `26` → 2026: reports are never for the last century. */
function fullYear(written: string | undefined): number | undefined {
  if (written === undefined) return undefined;
  return written.length === 2 ? 2000 + Number(written) : Number(written);
}
