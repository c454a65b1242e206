import fc from 'fast-check';
import { isoWeekOf } from '../../../src/domain/calendar';
import { parseWeek } from '../../../src/engine/inputs';
import { expectRefusal, valueOf } from './expect-reply';

/** Wednesday 2 December 2026, 10:00 WIB: in ISO week 2026-W49 (30 Nov to 6 Dec). */
const NOW = new Date('2026-12-02T10:00:00+07:00');
const week = (text: string, now = NOW, timeZone?: string) => valueOf(parseWeek(text, now, timeZone));

describe('parseWeek understands the ways people name a week', () => {
  it.each<[string, string]>([
    ['minggu ini', '2026-W49'],
    ['Minggu ini', '2026-W49'],
    ['minggu ini bu', '2026-W49'],
    ['pekan ini', '2026-W49'],
    ['this week', '2026-W49'],
    ['minggu ieu', '2026-W49'],
    ['hari ini', '2026-W49'],
    ['1', '2026-W49'],
    ['1. Minggu ini', '2026-W49'],
    ['minggu lalu', '2026-W48'],
    ['minggu kemarin', '2026-W48'],
    ['Minggu kemaren', '2026-W48'],
    ['minggu yang lalu', '2026-W48'],
    ['untuk minggu lalu', '2026-W48'],
    ['seminggu yang lalu', '2026-W48'],
    ['last week', '2026-W48'],
    ['minggu kamari', '2026-W48'],
    ['minggu kapungkur', '2026-W48'],
    ['2', '2026-W48'],
    ['2. Minggu lalu', '2026-W48'],
    ['2 minggu lalu', '2026-W47'],
    ['2 minggu yang lalu', '2026-W47'],
    ['dua minggu lalu', '2026-W47'],
    ['dua minggu kapungkur', '2026-W47'],
    ['tilu minggu ka tukang', '2026-W46'],
    ['3 weeks ago', '2026-W46'],
    ['1 minggu lalu', '2026-W48'],
    ['kemarin', '2026-W49'],
    ['28/11/2026', '2026-W48'],
    ['28-11-2026', '2026-W48'],
    ['28.11.2026', '2026-W48'],
    ['28/11/26', '2026-W48'],
    ['28/11', '2026-W48'],
    ['1/12', '2026-W49'],
    ['6/12', '2026-W49'],
    ['tgl 28/11', '2026-W48'],
    ['tanggal 23 nov', '2026-W48'],
    ['2026-11-28', '2026-W48'],
    ['11/28/2026', '2026-W48'],
    ['28 November 2026', '2026-W48'],
    ['28 november', '2026-W48'],
    ['28 nov', '2026-W48'],
    ['28 Nop', '2026-W48'],
    ['28-Nov-2026', '2026-W48'],
    ['30 Nopémber 2026', '2026-W49'],
    ['November 28, 2026', '2026-W48'],
    ['Nov 28', '2026-W48'],
    ['Minggu, 29 Nov', '2026-W48'],
    ['Ahad 29/11', '2026-W48'],
    ['Sabtu, 28 November 2026', '2026-W48'],
    ['10 Okt', '2026-W41'],
    ['14 Sept', '2026-W38'],
    ['20 Oktober', '2026-W43'],
    ['2026-W47', '2026-W47'],
    ['2026W47', '2026-W47'],
    ['W47', '2026-W47'],
    ['w 47', '2026-W47'],
    ['minggu ke-47', '2026-W47'],
    ['minggu ke 47', '2026-W47'],
    ['Minggu ke-47 tahun 2026', '2026-W47'],
    ['pekan ke-47', '2026-W47'],
    ['minggu ka-47', '2026-W47'],
    ['week 47', '2026-W47'],
  ])('%j is %s', (text, isoWeek) => {
    expect(week(text)).toBe(isoWeek);
  });

  it.each<[string, string]>([
    ['1 Januari', '2026-W53'],
    ['3 Jan', '2026-W53'],
    ['31/12/2026', '2026-W53'],
    ['28/12/2026', '2026-W53'],
    ['minggu lalu', '2026-W53'],
    ['2026-W52', '2026-W52'],
    ['4 Jan', '2027-W01'],
    ['minggu ini', '2027-W01'],
  ])('%j around the turn of the year is %s (now is 5 January 2027)', (text, isoWeek) => {
    expect(week(text, new Date('2027-01-05T09:00:00+07:00'))).toBe(isoWeek);
  });

  it('counts weeks in the given time zone: Monday 03:00 WIB is already the new week', () => {
    const sundayEveningUtc = new Date('2026-11-29T20:00:00Z');
    expect(week('minggu ini', sundayEveningUtc)).toBe('2026-W49');
    expect(week('minggu ini', sundayEveningUtc, 'UTC')).toBe('2026-W48');
    expect(week('minggu lalu', sundayEveningUtc, 'Asia/Jakarta')).toBe('2026-W48');
  });

  it('reads `minggu` as Sunday only in front of a date', () => {
    expect(week('minggu 29/11')).toBe('2026-W48');
    expect(week('minggu ke-45')).toBe('2026-W45');
  });

  it('lets the person skip', () => {
    expect(parseWeek('lewati', NOW)).toEqual({ kind: 'skip' });
  });
});

describe('parseWeek refuses weeks that cannot be reported, saying why', () => {
  const FUTURE = {
    id: ['belum tiba', 'minggu ini'],
    en: ['not come yet', 'this week'],
    su: ['teu acan dugi'],
  };

  it.each(['minggu depan', 'abc', '47', 'minggu', '28 blabla', '1. minggu lalu', '2 minggu'])(
    'asks for this week, last week or a date instead of %j',
    (text) => {
      const reply = parseWeek(text, NOW);
      expectRefusal(reply, {
        id: ['1 untuk minggu ini', '2 untuk minggu lalu', 'contoh: 2/12'],
        en: ['1 for this week', '2 for last week', 'for example: 2/12'],
        su: ['minggu ieu', 'conto: 2/12'],
      });
    },
  );

  it.each(['7/12', '7/12/2026', '25 Des', '2026-W50', 'W50', 'minggu ke-52', '1/1/2027', '2027-W01'])(
    'refuses the future week of %j',
    (text) => {
      expectRefusal(parseWeek(text, NOW), FUTURE);
    },
  );

  it('suggests last year when a day and month without a year would be in the future', () => {
    const reason = expectRefusal(parseWeek('28/12', new Date('2027-01-04T09:00:00+07:00')), {
      ...FUTURE,
      id: ['belum tiba', 'tahun lalu', '28/12/2026'],
      en: ['If you meant last year', '28/12/2026'],
      su: ['taun kamari', '28/12/2026'],
    });
    expect(reason.id).toContain('28/12/2026');
    // Not when last year's date would be too old anyway.
    expect(parseWeek('20 Des', NOW)).toMatchObject({
      reason: { id: expect.not.stringContaining('tahun lalu') },
    });
  });

  it.each(['13 minggu lalu', '1/9/2026', '10 Agt', '2026-W36', 'minggu ke-1', '28/11/2025', '28/11/1999'])(
    'refuses %j as older than 12 weeks and sends the person to a mentor',
    (text) => {
      expectRefusal(parseWeek(text, NOW), {
        id: ['lebih dari 12 minggu', 'pendamping'],
        en: ['more than 12 weeks', 'mentor'],
        su: ['langkung ti 12 minggu', 'pendamping'],
      });
    },
  );

  it('refuses a date in the last week of the year 99 as too old, not as a week named `99-W-99085`', () => {
    expectRefusal(parseWeek('1/1/0100', NOW), {
      id: ['lebih dari 12 minggu'],
      en: ['more than 12 weeks'],
      su: ['langkung ti 12 minggu'],
    });
  });

  it('takes another age limit when the step sets one', () => {
    expect(valueOf(parseWeek('13 minggu lalu', NOW, 'Asia/Jakarta', { maxWeeksAgo: 20 }))).toBe('2026-W36');
    expectRefusal(parseWeek('2 minggu lalu', NOW, 'Asia/Jakarta', { maxWeeksAgo: 1 }), {
      id: ['lebih dari 1 minggu'],
      en: ['more than 1 weeks'],
      su: ['langkung ti 1 minggu'],
    });
  });

  it.each(['31/02/2026', '29/2/2026', '0/11', '31 Nov', '32/13'])(
    'refuses %j, a date that does not exist',
    (text) => {
      expectRefusal(parseWeek(text, NOW), {
        id: ['tidak ada di kalender', 'contoh: 2/12'],
        en: ['no date', 'for example: 2/12'],
        su: ['teu aya dina kalénder'],
      });
    },
  );

  it('reads a bare week number in the current ISO year, which in early January may lack week 53', () => {
    expectRefusal(parseWeek('W53', new Date('2027-01-05T09:00:00+07:00')), {
      id: ['Tahun 2027 tidak punya minggu ke-53'],
      en: ['2027 has no week 53'],
      su: ['Taun 2027 teu gaduh minggu ka-53'],
    });
  });

  it.each(['2025-W53', 'W54', 'minggu ke-0'])('refuses %j, a week number that does not exist', (text) => {
    expectRefusal(parseWeek(text, NOW), {
      id: ['tidak punya minggu ke-'],
      en: ['has no week'],
      su: ['teu gaduh'],
    });
  });
});

describe('parseWeek properties', () => {
  const DAY = 86_400_000;
  /** Calendar dates as `Date`s at UTC midnight, so that isoWeekOf(date, 'UTC') is their week. */
  const dayOf = (now: Date, daysBack: number) => {
    const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' })
      .format(now)
      .split('-')
      .map(Number);
    return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1) - daysBack * DAY);
  };
  const MONTHS_ID = [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ];
  const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const spelling = fc.constantFrom(
    (date: Date) => `${date.getUTCDate()}/${date.getUTCMonth() + 1}/${date.getUTCFullYear()}`,
    (date: Date) =>
      `${String(date.getUTCDate()).padStart(2, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${date.getUTCFullYear()}`,
    (date: Date) => `${date.getUTCDate()} ${MONTHS_ID[date.getUTCMonth()]} ${date.getUTCFullYear()}`,
    (date: Date) => `${MONTHS_EN[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`,
    (date: Date) => date.toISOString().slice(0, 10),
  );
  /** Any moment in 2020..2035: fixed by the generator, never the real clock. */
  const moment = fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2035-12-31T00:00:00Z'),
    noInvalidDate: true,
  });

  it('reads any date of the last twelve weeks as the ISO week that contains it', () => {
    fc.assert(
      fc.property(moment, fc.integer({ min: 0, max: 83 }), spelling, (now, daysBack, spell) => {
        const date = dayOf(now, daysBack);
        expect(valueOf(parseWeek(spell(date), now))).toBe(isoWeekOf(date, 'UTC'));
      }),
    );
  });

  it('refuses any date after the current week, and any more than twelve weeks back', () => {
    fc.assert(
      fc.property(moment, fc.integer({ min: 7, max: 400 }), spelling, (now, days, spell) => {
        expect(parseWeek(spell(dayOf(now, -days)), now).kind).toBe('fail');
        expect(parseWeek(spell(dayOf(now, days + 84)), now).kind).toBe('fail');
      }),
    );
  });

  it('counts `N minggu lalu` back from the current week, in whole weeks', () => {
    fc.assert(
      fc.property(moment, fc.integer({ min: 0, max: 12 }), (now, weeks) => {
        const expected = isoWeekOf(dayOf(now, 7 * weeks), 'UTC');
        expect(valueOf(parseWeek(`${weeks} minggu lalu`, now))).toBe(expected);
        expect(valueOf(parseWeek(expected, now))).toBe(expected);
      }),
    );
  });

  it('never throws on anything typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 24 }), (text) => {
        expect(['ok', 'skip', 'fail']).toContain(parseWeek(text, NOW).kind);
      }),
    );
  });
});
