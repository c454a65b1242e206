import { monthGrid, monthOf, shiftMonth } from '../../src/http/dashboard/session-calendar';

const JAKARTA = 'Asia/Jakarta';

describe('the month grid of the sessions calendar', () => {
  it('starts every week on Monday and fills the first and last weeks with the months around', () => {
    // December 2026 begins on a Tuesday and ends on a Thursday.
    const grid = monthGrid('2026-12', [], JAKARTA);
    expect(grid.weeks).toHaveLength(5);
    expect(grid.weeks.every((week) => week.length === 7)).toBe(true);
    expect(grid.weeks[0]?.[0]).toMatchObject({ date: '2026-11-30', day: 30, inMonth: false });
    expect(grid.weeks[0]?.[1]).toMatchObject({ date: '2026-12-01', day: 1, inMonth: true });
    expect(grid.weeks[4]?.[3]).toMatchObject({ date: '2026-12-31', inMonth: true });
    expect(grid.weeks[4]?.[6]).toMatchObject({ date: '2027-01-03', inMonth: false });
    for (const week of grid.weeks) expect(new Date(`${week[0]?.date}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(grid.weeks.flat().filter((day) => day.inMonth)).toHaveLength(31);
  });

  it('needs six weeks for a month that begins on a Sunday, and four for a February from Monday', () => {
    // November 2026 begins on a Sunday: a week of October days first.
    const november = monthGrid('2026-11', [], JAKARTA);
    expect(november.weeks).toHaveLength(6);
    expect(november.weeks[0]?.[6]).toMatchObject({ date: '2026-11-01', inMonth: true });
    expect(november.weeks[0]?.[5]).toMatchObject({ date: '2026-10-31', inMonth: false });
    expect(monthGrid('2027-02', [], JAKARTA).weeks).toHaveLength(4);
  });

  it('puts a session on its day in Jakarta, not in UTC, in order of time', () => {
    const early = { id: 'early', startsAt: new Date('2026-11-30T23:30:00Z') }; // 1 Dec 06.30 WIB
    const later = { id: 'later', startsAt: new Date('2026-12-01T07:00:00Z') }; // 1 Dec 14.00 WIB
    const eve = { id: 'eve', startsAt: new Date('2026-12-31T16:59:00Z') }; // 31 Dec 23.59 WIB
    const newYear = { id: 'new-year', startsAt: new Date('2026-12-31T17:00:00Z') }; // 1 Jan 00.00 WIB
    const grid = monthGrid('2026-12', [later, newYear, eve, early], JAKARTA);
    const day = (date: string) => grid.weeks.flat().find((cell) => cell.date === date);
    expect(day('2026-12-01')?.items.map((item) => item.id)).toEqual(['early', 'later']);
    expect(day('2026-11-30')?.items).toEqual([]);
    expect(day('2026-12-31')?.items.map((item) => item.id)).toEqual(['eve']);
    // The first of January is outside the month but inside the grid's last week.
    expect(day('2027-01-01')).toMatchObject({ inMonth: false, items: [newYear] });
  });

  it('marks today and gives the instants that bound the grid for the query', () => {
    const grid = monthGrid('2026-12', [], JAKARTA, new Date('2026-12-02T18:00:00Z'));
    expect(
      grid.weeks
        .flat()
        .filter((cell) => cell.today)
        .map((cell) => cell.date),
    ).toEqual(['2026-12-03']);
    expect(grid.from.toISOString()).toBe('2026-11-29T17:00:00.000Z');
    expect(grid.to.toISOString()).toBe('2027-01-03T17:00:00.000Z');
  });

  it('moves between months across years', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(monthGrid('2026-12', [], JAKARTA)).toMatchObject({ previous: '2026-11', next: '2027-01' });
    expect(monthOf(new Date('2026-11-30T17:00:00Z'), JAKARTA)).toBe('2026-12');
    expect(() => shiftMonth('2026-13', 1)).toThrow('not a month');
  });
});
