import fc from 'fast-check';
import {
  isoWeekExists,
  isoWeekOf,
  isoWeekOfDate,
  mondayOfIsoWeek,
  shiftIsoWeek,
  weeksBetween,
} from '../../src/domain/calendar';

const DAY_MS = 86_400_000;

/** ISO 8601 as written: a week belongs to the year of its Thursday, and week 1 holds the first Thursday. */
function referenceWeek(date: Date): string {
  const mondayBased = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - mondayBased) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.round((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

const day = fc.integer({ min: Date.UTC(1990, 0, 1) / DAY_MS, max: Date.UTC(2100, 0, 1) / DAY_MS });

describe('the ISO week of a date', () => {
  it('is the week of its Thursday, for any day of a century', () => {
    fc.assert(
      fc.property(day, (dayNumber) => {
        const date = new Date(dayNumber * DAY_MS);
        expect(isoWeekOf(date, 'UTC')).toBe(referenceWeek(date));
      }),
      { numRuns: 5000 },
    );
  });

  it('knows the weeks that straddle New Year', () => {
    expect(isoWeekOfDate({ year: 2026, month: 1, day: 1 })).toBe('2026-W01');
    expect(isoWeekOfDate({ year: 2021, month: 1, day: 3 })).toBe('2020-W53');
    expect(isoWeekOfDate({ year: 2024, month: 12, day: 30 })).toBe('2025-W01');
    expect(isoWeekOf(new Date('2026-12-06T17:30:00Z'), 'Asia/Jakarta')).toBe('2026-W50'); // Monday 00:30 WIB
  });

  it('starts on the Monday that mondayOfIsoWeek gives, and weeks count alike both ways', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -120, max: 120 }), (dayNumber, weeks) => {
        const week = isoWeekOf(new Date(dayNumber * DAY_MS), 'UTC');
        const monday = mondayOfIsoWeek(week).getTime() / DAY_MS;
        expect(dayNumber - monday).toBeGreaterThanOrEqual(0);
        expect(dayNumber - monday).toBeLessThan(7);
        expect(new Date(monday * DAY_MS).getUTCDay()).toBe(1);
        expect(weeksBetween(week, shiftIsoWeek(week, weeks))).toBe(weeks);
      }),
    );
  });

  it('has week 53 only in the years whose last week holds a Thursday', () => {
    const years = Array.from({ length: 40 }, (_, index) => 2000 + index);
    expect(years.filter((year) => isoWeekExists(year, 53))).toEqual([
      2004, 2009, 2015, 2020, 2026, 2032, 2037,
    ]);
    expect(isoWeekExists(2026, 0)).toBe(false);
    expect(isoWeekExists(2026, 54)).toBe(false);
  });
});
