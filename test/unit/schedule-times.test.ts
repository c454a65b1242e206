import { loadConfig } from '../../src/config';
import {
  instantInWeek,
  nextAllowedTime,
  parseQuietHours,
  parseWeeklyTime,
  weekDueAt,
} from '../../src/scheduler';

const jakarta = 'Asia/Jakarta';
const quiet = { start: 21 * 60, end: 7 * 60 };

describe('quiet hours', () => {
  it.each([
    ['2026-11-28T09:00:00Z', '2026-11-28T09:00:00Z'], // 16:00 WIB: allowed
    ['2026-11-28T13:59:00Z', '2026-11-28T13:59:00Z'], // 20:59 WIB: allowed
    ['2026-11-28T14:00:00Z', '2026-11-29T00:00:00Z'], // 21:00 WIB → 07:00 next day
    ['2026-11-28T18:30:00Z', '2026-11-29T00:00:00Z'], // 01:30 WIB → 07:00 the same morning
    ['2026-11-28T23:59:00Z', '2026-11-29T00:00:00Z'], // 06:59 WIB → 07:00
    ['2026-11-29T00:00:00Z', '2026-11-29T00:00:00Z'], // 07:00 WIB: allowed
  ])('%s goes out at %s', (due, expected) => {
    expect(nextAllowedTime(new Date(due), jakarta, quiet).toISOString()).toBe(
      new Date(expected).toISOString(),
    );
  });

  it('follows the participant’s own time zone (WITA is an hour ahead)', () => {
    expect(nextAllowedTime(new Date('2026-11-28T13:30:00Z'), 'Asia/Makassar', quiet).toISOString()).toBe(
      '2026-11-28T23:00:00.000Z',
    );
  });

  it('reads HH:MM-HH:MM and refuses anything else', () => {
    expect(parseQuietHours('21:00-07:00')).toEqual(quiet);
    expect(parseQuietHours('13:00 - 14:30')).toEqual({ start: 780, end: 870 });
    expect(parseQuietHours('25:00-07:00')).toBeUndefined();
    expect(parseQuietHours('malam')).toBeUndefined();
  });
});

describe('weekly times', () => {
  const saturday4pm = parseWeeklyTime('saturday 16:00');

  it('finds the moment in a given ISO week, in Jakarta time', () => {
    expect(saturday4pm).toEqual({ weekday: 5, hour: 16, minute: 0 });
    expect(instantInWeek('2026-W48', saturday4pm!, jakarta).toISOString()).toBe('2026-11-28T09:00:00.000Z');
  });

  it('is due from that moment until the week ends', () => {
    expect(weekDueAt(new Date('2026-11-28T08:59:00Z'), saturday4pm!, jakarta)).toBeUndefined();
    expect(weekDueAt(new Date('2026-11-28T09:00:00Z'), saturday4pm!, jakarta)).toBe('2026-W48');
    expect(weekDueAt(new Date('2026-11-29T16:59:00Z'), saturday4pm!, jakarta)).toBe('2026-W48');
    expect(weekDueAt(new Date('2026-11-29T17:00:00Z'), saturday4pm!, jakarta)).toBeUndefined();
  });

  it('is configured by name and refused with a reason when unreadable', () => {
    expect(loadConfig({ WEEKLY_REMINDER_AT: 'friday 17:30', QUIET_HOURS: '22:00-06:00' })).toMatchObject({
      WEEKLY_REMINDER_AT: { weekday: 4, hour: 17, minute: 30 },
      QUIET_HOURS: { start: 1320, end: 360 },
    });
    expect(() => loadConfig({ WEEKLY_REMINDER_AT: 'sabtu sore' })).toThrow(
      'WEEKLY_REMINDER_AT: expected a weekday and a time, for example saturday 16:00, got "sabtu sore"',
    );
  });
});
