import { dayNumberOf, instantAt, monthNumber } from '../../domain/calendar';
import { text } from '../../i18n';
import { failed, parsed, type ParsedReply } from './parsed-reply';
import { foldText, trimDecorations } from './text';

/** Maps, not objects: `constructor` typed in chat must not find anything. */
const WEEKDAYS = new Map<string, number>(
  Object.entries({
    senin: 0,
    monday: 0,
    selasa: 1,
    tuesday: 1,
    rabu: 2,
    wednesday: 2,
    kamis: 3,
    thursday: 3,
    jumat: 4,
    "jum'at": 4,
    friday: 4,
    sabtu: 5,
    saturday: 5,
    minggu: 6,
    ahad: 6,
    sunday: 6,
  }),
);

const RELATIVE_DAYS = new Map<string, number>(
  Object.entries({
    'hari ini': 0,
    today: 0,
    besok: 1,
    tomorrow: 1,
    lusa: 2,
  }),
);

/** Words after an hour that move it into the afternoon or evening: `2 siang` is 14:00. */
const PART_OF_DAY = new Map(Object.entries({ pagi: 0, siang: 12, sore: 12, malam: 12, pm: 12, am: 0 }));

const EXAMPLE = 'Kamis 3/12 09.00';
const EXPECTED = text('input.sessionTimeExpected', { example: EXAMPLE });
const PASSED = text('input.sessionTimePassed', { expected: EXPECTED });

/**
 * When a session is to take place, as a mentor types it: a day (`besok`, `kamis`, `3/12`,
 * `3/12/2026`, `5 des`) and a time (`09.00`, `14:30`, `jam 9`, `2 siang`), in the program's time zone.
 * A date without a year is the next one to come; a time already past is refused rather than guessed.
 * The value is the instant as ISO text.
 */
export function parseSessionTime(reply: string, now: Date, timeZone: string): ParsedReply<string> {
  let text = trimDecorations(foldText(reply));
  const today = dayNumberOf(now, timeZone);

  const time = /(?:jam|pukul|pkl\.?|at)?\s*(\d{1,2})(?:[.:](\d{2}))?\s*(pagi|siang|sore|malam|am|pm)?$/.exec(
    text,
  );
  const explicitTime =
    time && (time[2] !== undefined || time[3] !== undefined || /jam|pukul|pkl|at/.test(time[0]));
  if (!time || !explicitTime) return failed(EXPECTED, EXAMPLE);
  let hour = Number(time[1]);
  const minute = Number(time[2] ?? 0);
  const part = time[3];
  if (part && hour < 12) hour += PART_OF_DAY.get(part) ?? 0;
  if (part === 'malam' && hour === 24) hour = 0;
  if (hour > 23 || minute > 59) return failed(EXPECTED, EXAMPLE);
  text = text.slice(0, time.index).replace(/[,\s]+$/, '');

  const day = dayOf(text, today);
  if (day === undefined) return failed(EXPECTED, EXAMPLE);
  const instant = instantAt(day, hour, minute, timeZone);
  if (instant <= now) {
    return failed(PASSED, EXAMPLE);
  }
  return parsed(instant.toISOString());
}

/** The day (days since 1970-01-01) a mentor's words name, or undefined. */
function dayOf(said: string, today: number): number | undefined {
  if (said === '') return today;
  const relative = RELATIVE_DAYS.get(said);
  if (relative !== undefined) return today + relative;
  const text = said.replace(/^(hari|tanggal|tgl)\s+/, '');
  const words = text.split(' ');
  const weekday = WEEKDAYS.get(words[0] ?? '');
  const rest = weekday === undefined ? text : words.slice(1).join(' ');
  if (rest === '') {
    if (weekday === undefined) return undefined;
    // The coming one: today counts (a session later today), as does a week ahead at most.
    return today + ((weekday - ((today + 3) % 7) + 7) % 7);
  }
  const date = calendarDate(rest, today);
  if (date === undefined) return undefined;
  // `kamis 3/12` must really be a Thursday: a mismatch is a typo worth asking about.
  if (weekday !== undefined && (date + 3) % 7 !== weekday) return undefined;
  return date;
}

function calendarDate(text: string, today: number): number | undefined {
  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(text);
  const named = /^(\d{1,2})\s+([a-z]+)(?:\s+(\d{4}))?$/.exec(text);
  const dayOfMonth = Number(numeric?.[1] ?? named?.[1]);
  const month = numeric ? Number(numeric[2]) : monthNumber(named?.[2] ?? '');
  const yearText = numeric?.[3] ?? named?.[3];
  if (!(numeric || named) || month === undefined || month < 1 || month > 12) return undefined;
  const currentYear = new Date(today * 86_400_000).getUTCFullYear();
  const candidate = (year: number) => {
    const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
    return date.getUTCMonth() === month - 1 ? date.getTime() / 86_400_000 : undefined;
  };
  if (yearText) return candidate(yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText));
  const thisYear = candidate(currentYear);
  return thisYear !== undefined && thisYear >= today ? thisYear : candidate(currentYear + 1);
}
