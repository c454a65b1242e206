import {
  complaintReportFigures,
  median,
  monthOf,
  monthsBetween,
  shiftMonth,
  startOfMonth,
  type ReportedComplaint,
} from '../../src/domain/complaints/report-figures';

const TZ = 'Asia/Jakarta';
const at = (iso: string) => new Date(iso);
const NOW = at('2026-12-15T00:00:00Z');

/** A complaint filed at `filed`, acknowledged and answered the given hours later. */
function complaint(
  filed: string,
  options: {
    puskesos?: string;
    category?: string;
    acknowledgedAfter?: number;
    answeredAfter?: number;
    answerBy?: string;
    rating?: { score: number; solved: boolean };
  } = {},
): ReportedComplaint {
  const start = at(filed);
  const later = (hours: number) => new Date(start.getTime() + hours * 3_600_000);
  const events: ReportedComplaint['events'] = [
    { kind: 'status', at: start, to: 'new' },
    ...(options.acknowledgedAfter !== undefined
      ? [{ kind: 'status', at: later(options.acknowledgedAfter), from: 'new', to: 'acknowledged' }]
      : []),
    ...(options.answeredAfter !== undefined
      ? [{ kind: 'status', at: later(options.answeredAfter), from: 'acknowledged', to: 'answered' }]
      : []),
  ];
  return {
    puskesos: options.puskesos ?? 'lumpaat',
    category: options.category ?? 'rtlh',
    createdAt: start,
    answerBy: options.answerBy ? at(options.answerBy) : undefined,
    events,
    rating: options.rating,
  };
}

describe('the complaints report figures', () => {
  it('buckets complaints by the month the programme’s clocks show, not UTC', () => {
    // 31 October 20:00 UTC is 1 November 03:00 in Jakarta.
    expect(monthOf(at('2026-10-31T20:00:00Z'), TZ)).toBe('2026-11');
    expect(monthOf(at('2026-10-31T16:59:00Z'), TZ)).toBe('2026-10');
    const [figures] = complaintReportFigures([complaint('2026-10-31T20:00:00Z')], { timeZone: TZ, now: NOW });
    expect(figures?.month).toBe('2026-11');
    expect(startOfMonth('2026-11', TZ)).toEqual(at('2026-10-31T17:00:00Z'));
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it('counts by category and gives the median hours to acknowledge and to answer per Puskesos and month', () => {
    const figures = complaintReportFigures(
      [
        complaint('2026-11-02T01:00:00Z', { acknowledgedAfter: 2, answeredAfter: 20 }),
        complaint('2026-11-03T01:00:00Z', { category: 'pkh', acknowledgedAfter: 4, answeredAfter: 30 }),
        complaint('2026-11-04T01:00:00Z', { acknowledgedAfter: 9 }),
        complaint('2026-11-05T01:00:00Z'),
        complaint('2026-11-05T01:00:00Z', { puskesos: 'cipatik', acknowledgedAfter: 1 }),
        complaint('2026-12-01T01:00:00Z', { acknowledgedAfter: 1 }),
      ],
      { timeZone: TZ, now: NOW },
    );
    expect(figures.map((figure) => [figure.puskesos, figure.month, figure.total])).toEqual([
      ['cipatik', '2026-11', 1],
      ['lumpaat', '2026-11', 4],
      ['lumpaat', '2026-12', 1],
    ]);
    const november = figures[1];
    expect(november?.byCategory).toEqual({ rtlh: 3, pkh: 1 });
    expect(november?.medianHoursToAcknowledge).toBe(4);
    expect(november?.medianHoursToAnswer).toBe(25);
  });

  it('counts time from when a complaint passed on by the Dinsos admin reached the Puskesos', () => {
    const filed = at('2026-11-02T01:00:00Z');
    const routed = at('2026-11-04T01:00:00Z');
    const [figures] = complaintReportFigures(
      [
        {
          puskesos: 'lumpaat',
          category: 'rtlh',
          createdAt: filed,
          events: [
            { kind: 'status', at: filed, to: 'unrouted' },
            { kind: 'status', at: routed, from: 'unrouted', to: 'new' },
            { kind: 'reply', at: at('2026-11-04T03:00:00Z') },
            { kind: 'status', at: at('2026-11-04T03:00:00Z'), from: 'new', to: 'acknowledged' },
          ],
        },
      ],
      { timeZone: TZ, now: NOW },
    );
    expect(figures?.medianHoursToAcknowledge).toBe(2);
  });

  it('shares answered within deadline among those answered or past it; those still in time wait', () => {
    const [figures] = complaintReportFigures(
      [
        complaint('2026-12-01T01:00:00Z', { answeredAfter: 10, answerBy: '2026-12-08T01:00:00Z' }),
        complaint('2026-12-01T01:00:00Z', { answeredAfter: 200, answerBy: '2026-12-08T01:00:00Z' }),
        complaint('2026-12-01T01:00:00Z', { answerBy: '2026-12-08T01:00:00Z' }),
        complaint('2026-12-10T01:00:00Z', { answerBy: '2026-12-17T01:00:00Z' }),
      ],
      { timeZone: TZ, now: NOW },
    );
    expect(figures?.withinDeadline).toEqual({ share: 1 / 3, decided: 3 });
  });

  it('does not count an answer given before the complaint was reopened against its new deadline', () => {
    const filed = at('2026-12-01T01:00:00Z');
    const [figures] = complaintReportFigures(
      [
        {
          puskesos: 'lumpaat',
          category: 'rtlh',
          createdAt: filed,
          answerBy: at('2026-12-12T01:00:00Z'),
          events: [
            { kind: 'status', at: filed, to: 'new' },
            { kind: 'status', at: at('2026-12-02T01:00:00Z'), from: 'new', to: 'answered' },
            { kind: 'status', at: at('2026-12-03T01:00:00Z'), from: 'answered', to: 'reopened' },
          ],
        },
      ],
      { timeZone: TZ, now: NOW },
    );
    expect(figures?.withinDeadline).toEqual({ share: 0, decided: 1 });
  });

  it('gives the ratings’ average score, share solved and count; none is a dash, not zero', () => {
    const figures = complaintReportFigures(
      [
        complaint('2026-11-02T01:00:00Z', { rating: { score: 5, solved: true } }),
        complaint('2026-11-02T01:00:00Z', { rating: { score: 2, solved: false } }),
        complaint('2026-11-02T01:00:00Z', { rating: { score: 4, solved: true } }),
        complaint('2026-11-02T01:00:00Z'),
        complaint('2026-12-02T01:00:00Z'),
      ],
      { timeZone: TZ, now: NOW },
    );
    expect(figures[0]?.ratings).toEqual({ count: 3, averageScore: 11 / 3, solvedShare: 2 / 3 });
    expect(figures[1]?.ratings).toEqual({ count: 0, averageScore: null, solvedShare: null });
    expect(figures[1]?.medianHoursToAnswer).toBeNull();
    expect(figures[1]?.withinDeadline.share).toBeNull();
  });

  it('lists the months of a range across a year’s end', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-12', '2026-11')).toEqual([]);
    expect(shiftMonth('2026-03', -5)).toBe('2025-10');
  });
});
