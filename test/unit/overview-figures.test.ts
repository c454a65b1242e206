import {
  answerFigures,
  complaintFigures,
  formatWait,
  participantFigures,
  percentOf,
  type OverviewParticipant,
  type OverviewReport,
} from '../../src/http/dashboard/overview-figures';

const participant = (
  id: string,
  kecamatan: string,
  cluster: OverviewParticipant['cluster'],
  stage: OverviewParticipant['stage'],
  status: OverviewParticipant['status'] = 'active',
): OverviewParticipant => ({ id, kecamatan, cluster, stage, status });

const report = (
  participantId: string,
  week: string,
  sales: number,
  deposit = 0,
  withdrawal = 0,
): OverviewReport => ({
  participant: participantId,
  week,
  sales,
  savingsDeposit: deposit,
  savingsWithdrawal: withdrawal,
});

const participants = [
  participant('a', 'Cililin', 'kuliner', 'start_up'),
  participant('b', 'Cililin', 'ritel', 'scale_up'),
  participant('c', 'cililin ', 'kuliner', 'inkubasi'),
  participant('d', 'Cihampelas', 'agribisnis', 'start_up'),
  participant('e', 'Cihampelas', 'kuliner', 'start_up', 'graduated'),
  participant('f', 'Lembang', 'ritel', 'start_up', 'withdrawn'),
];

describe('participantFigures', () => {
  it('counts active participants by cluster, stage and kecamatan, every cluster and stage shown', () => {
    const figures = participantFigures(participants, [], '2026-W48', 4);
    expect(figures.active).toBe(4);
    expect(figures.byStatus).toEqual({ active: 4, graduated: 1, withdrawn: 1 });
    expect(figures.byCluster).toEqual([
      { cluster: 'kriya_fesyen', active: 0 },
      { cluster: 'agribisnis', active: 1 },
      { cluster: 'ritel', active: 1 },
      { cluster: 'kuliner', active: 2 },
    ]);
    expect(figures.byStage).toEqual([
      { stage: 'start_up', active: 2 },
      { stage: 'scale_up', active: 1 },
      { stage: 'inkubasi', active: 1 },
    ]);
    // "cililin " is the same kecamatan as "Cililin"; Lembang has nobody active left.
    expect(figures.byKecamatan).toEqual([
      { kecamatan: 'Cihampelas', active: 1, reportedThisWeek: 0 },
      { kecamatan: 'Cililin', active: 3, reportedThisWeek: 0 },
    ]);
  });

  it('gives every week of the trend from the first with a report, oldest first, zeros for a silent week', () => {
    const reports = [report('a', '2026-W45', 100_000), report('b', '2026-W47', 200_000)];
    const figures = participantFigures(participants, reports, '2026-W48', 6);
    // W43 and W44 are before any report: not weeks of 0 %.
    expect(figures.weeks.map((week) => week.week)).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    expect(figures.weeks[1]).toEqual({
      week: '2026-W46',
      active: 4,
      reported: 0,
      rate: 0,
      sales: 0,
      savingsDeposit: 0,
      savingsWithdrawal: 0,
    });
    expect(figures.thisWeek).toMatchObject({ week: '2026-W48', reported: 0, sales: 0 });
  });

  it('shows only this week when nobody has reported yet', () => {
    const figures = participantFigures(participants, [], '2026-W48', 6);
    expect(figures.weeks.map((week) => week.week)).toEqual(['2026-W48']);
    expect(figures.thisWeek).toMatchObject({ active: 4, reported: 0, rate: 0 });
  });

  it('works across the turn of the year', () => {
    const figures = participantFigures(
      participants,
      [report('a', '2026-W52', 5), report('a', '2027-W01', 7)],
      '2027-W01',
      4,
    );
    expect(figures.weeks.map((week) => [week.week, week.sales])).toEqual([
      ['2026-W52', 5],
      ['2026-W53', 0],
      ['2027-W01', 7],
    ]);
  });

  it('rates reporting among active participants and totals every report of the week in scope', () => {
    const reports = [
      report('a', '2026-W48', 1_200_000, 50_000),
      report('b', '2026-W48', 2_000_000, 20_000, 10_000),
      report('d', '2026-W48', 0, 5_000),
      // A graduated participant's report counts in the totals, not in the rate of the active.
      report('e', '2026-W48', 300_000, 0),
      report('a', '2026-W47', 900_000, 10_000),
      // Outside the weeks shown: ignored.
      report('a', '2026-W40', 9_999_999, 9_999),
      report('b', '2026-W49', 9_999_999, 9_999),
    ];
    const figures = participantFigures(participants, reports, '2026-W48', 4);
    expect(figures.thisWeek).toEqual({
      week: '2026-W48',
      active: 4,
      reported: 3,
      rate: 0.75,
      sales: 3_500_000,
      savingsDeposit: 75_000,
      savingsWithdrawal: 10_000,
    });
    expect(figures.weeks[0]).toMatchObject({ week: '2026-W47', reported: 1, rate: 0.25, sales: 900_000 });
    expect(figures.byKecamatan).toEqual([
      { kecamatan: 'Cihampelas', active: 1, reportedThisWeek: 1 },
      { kecamatan: 'Cililin', active: 3, reportedThisWeek: 2 },
    ]);
  });

  it('has no rate rather than 0 % when nobody is active', () => {
    const figures = participantFigures(
      [participant('e', 'Cililin', 'kuliner', 'start_up', 'graduated')],
      [],
      '2026-W48',
      2,
    );
    expect(figures.thisWeek.rate).toBeNull();
    expect(percentOf(figures.thisWeek.rate)).toBe('—');
    expect(percentOf(2 / 3)).toBe('67 %');
    expect(figures.byKecamatan).toEqual([]);
  });
});

describe('complaintFigures', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  const hoursFromNow = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

  it('counts open and overdue complaints, overall and by Puskesos, most overdue first', () => {
    const figures = complaintFigures(
      [
        { puskesos: 'lumpaat', dueAt: hoursFromNow(-1) },
        { puskesos: 'lumpaat', dueAt: hoursFromNow(30) },
        { puskesos: 'cihampelas', dueAt: hoursFromNow(2) },
        { puskesos: 'cihampelas', dueAt: hoursFromNow(48) },
        { puskesos: 'cihampelas', dueAt: undefined },
        { puskesos: 'pataruman', dueAt: now },
      ],
      now,
    );
    expect(figures.open).toBe(6);
    // Due exactly now is late, as the inbox's badge says; no deadline is not.
    expect(figures.overdue).toBe(2);
    expect(figures.byPuskesos).toEqual([
      { puskesos: 'lumpaat', open: 2, overdue: 1 },
      { puskesos: 'pataruman', open: 1, overdue: 1 },
      { puskesos: 'cihampelas', open: 3, overdue: 0 },
    ]);
  });

  it('is all zeros without open complaints', () => {
    expect(complaintFigures([], now)).toEqual({ open: 0, overdue: 0, byPuskesos: [] });
  });
});

describe('answerFigures', () => {
  const monthStart = new Date('2026-10-31T17:00:00Z'); // 1 November 2026, 00:00 WIB
  const hours = (at: string, count: number) => new Date(new Date(at).getTime() + count * 3_600_000);

  it('counts complaints first answered this month, and the middle of their waits', () => {
    const filed = '2026-11-10T02:00:00Z';
    expect(
      answerFigures(
        [
          { filedAt: new Date(filed), replies: [hours(filed, 5), hours(filed, 50)] },
          { filedAt: new Date(filed), replies: [hours(filed, 30)] },
          { filedAt: new Date(filed), replies: [hours(filed, 72)] },
          // Answered in October, replied again in November: not an answer of this month.
          {
            filedAt: new Date('2026-10-20T02:00:00Z'),
            replies: [new Date('2026-10-21T02:00:00Z'), hours(filed, 1)],
          },
          // Not answered yet.
          { filedAt: new Date(filed), replies: [] },
        ],
        monthStart,
      ),
    ).toEqual({ answered: 3, medianHoursToAnswer: 30 });
  });

  it('takes the mean of the two middle waits of an even count, and has no median without answers', () => {
    const filed = '2026-11-10T02:00:00Z';
    const two = [
      { filedAt: new Date(filed), replies: [hours(filed, 10)] },
      { filedAt: new Date(filed), replies: [hours(filed, 20)] },
    ];
    expect(answerFigures(two, monthStart)).toEqual({ answered: 2, medianHoursToAnswer: 15 });
    expect(answerFigures([], monthStart)).toEqual({ answered: 0, medianHoursToAnswer: null });
  });

  it('says a wait in hours while it is short, then in days', () => {
    expect(formatWait(30, 'id')).toBe('30 jam');
    expect(formatWait(75, 'id')).toBe('3,1 hari');
    expect(formatWait(75, 'en')).toBe('3.1 days');
    expect(formatWait(null, 'id')).toBe('—');
  });
});
