import { obviousReportWeek, type WeekFigures } from '../../src/domain/reports/progress';

const TZ = 'Asia/Jakarta';
const reported = (...weeks: string[]): WeekFigures[] =>
  weeks.map((week) => ({ week, sales: 1, savingsDeposit: 0, savingsWithdrawal: 0, savingsBalance: 0 }));

describe('the week a report is obviously for', () => {
  // 2026-W49 runs from Monday 30 November to Sunday 6 December.
  const monday = new Date('2026-11-30T03:00:00Z');
  const wednesdayNight = new Date('2026-12-02T16:30:00Z'); // 23:30 WIB, still Wednesday
  const thursday = new Date('2026-12-02T17:30:00Z'); // 00:30 WIB Thursday
  const saturday = new Date('2026-12-05T09:00:00Z');

  it('is this week from Thursday on, or earlier once last week is in', () => {
    expect(obviousReportWeek([], saturday, TZ)).toBe('2026-W49');
    expect(obviousReportWeek([], thursday, TZ)).toBe('2026-W49');
    expect(obviousReportWeek(reported('2026-W48'), monday, TZ)).toBe('2026-W49');
  });

  it('is not clear early in the week while last week is missing, nor once this week is reported', () => {
    expect(obviousReportWeek([], monday, TZ)).toBeUndefined();
    expect(obviousReportWeek(reported('2026-W47'), wednesdayNight, TZ)).toBeUndefined();
    expect(obviousReportWeek(reported('2026-W49'), saturday, TZ)).toBeUndefined();
  });
});
