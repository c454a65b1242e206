import { shiftIsoWeek } from '../../src/domain/calendar';
import {
  digestActionOf,
  digestActions,
  formatMentorDigest,
  rankDigest,
  type ParticipantFacts,
} from '../../src/domain/digests';
import type { DigestRow } from '../../src/domain/digests/rank';
import type { WeekFigures } from '../../src/domain/reports/progress';

const week = '2026-W48';
const now = new Date('2026-11-30T00:00:00Z'); // Monday 07:00 in Jakarta

/** Reports for the given weeks back from `week` (0 = this week), with running balances. */
function reports(entries: [back: number, sales: number, deposit: number][]): WeekFigures[] {
  let balance = 0;
  return [...entries]
    .sort((a, b) => b[0] - a[0])
    .map(([back, sales, deposit]) => {
      balance += deposit;
      return {
        week: shiftIsoWeek(week, -back),
        sales,
        savingsDeposit: deposit,
        savingsWithdrawal: 0,
        savingsBalance: balance,
      };
    });
}

const person = (
  name: string,
  rows: WeekFigures[],
  extra: Partial<ParticipantFacts> = {},
): ParticipantFacts => ({
  participantId: name.toLowerCase(),
  name,
  desa: 'Batulayang',
  reports: rows,
  openComplaints: [],
  ...extra,
});

const group: ParticipantFacts[] = [
  person(
    'Steady',
    reports([
      [0, 1_200_000, 50_000],
      [1, 1_100_000, 50_000],
      [2, 1_000_000, 50_000],
      [3, 1_300_000, 50_000],
      [4, 1_200_000, 50_000],
    ]),
  ),
  person(
    'Silent',
    reports([
      [3, 900_000, 20_000],
      [4, 800_000, 20_000],
    ]),
  ),
  person(
    'Falling',
    reports([
      [0, 400_000, 10_000],
      [1, 1_000_000, 10_000],
      [2, 1_000_000, 10_000],
      [3, 1_000_000, 10_000],
      [4, 1_000_000, 10_000],
    ]),
  ),
  person(
    'Stalled',
    reports([
      [0, 500_000, 0],
      [1, 500_000, 0],
      [2, 500_000, 0],
      [3, 500_000, 30_000],
    ]),
  ),
  person('Newcomer', []),
  person(
    'Waiting',
    reports([
      [0, 700_000, 10_000],
      [1, 700_000, 10_000],
    ]),
    {
      openComplaints: [{ number: 'PGD-2026-000007', dueAt: new Date('2026-11-30T12:00:00Z') }],
    },
  ),
];

describe('mentor digest ranking', () => {
  const rows = rankDigest(group, week, now);

  it('puts those who need attention first, most urgent first, and says why', () => {
    expect(rows.map((row) => [row.name, row.attention])).toEqual([
      ['Newcomer', ['never_reported']],
      ['Silent', ['weeks_without_report']],
      ['Waiting', ['complaint_due']],
      ['Falling', ['sales_falling']],
      ['Stalled', ['savings_stalled']],
      ['Steady', []],
    ]);
  });

  it('computes this week’s figures against the four weeks before', () => {
    const steady = rows.find((row) => row.name === 'Steady');
    expect(steady).toMatchObject({
      reported: true,
      sales: 1_200_000,
      savingsTotal: 250_000,
      streak: 5,
      weeksWithoutReport: 0,
    });
    expect(steady?.salesChange).toBeCloseTo(1_200_000 / 1_150_000 - 1, 6);
    expect(rows.find((row) => row.name === 'Falling')?.salesChange).toBeCloseTo(-0.6, 6);
    expect(rows.find((row) => row.name === 'Silent')).toMatchObject({
      reported: false,
      weeksWithoutReport: 3,
      savingsTotal: 40_000,
      streak: 0,
    });
  });

  it('does not call one missed week a silence, nor a 30 % fall exactly', () => {
    const oneMissed = person(
      'Once',
      reports([
        [1, 1_000_000, 10_000],
        [2, 1_000_000, 10_000],
      ]),
    );
    const exactly30 = person(
      'Thirty',
      reports([
        [0, 700_000, 10_000],
        [1, 1_000_000, 10_000],
        [2, 1_000_000, 10_000],
      ]),
    );
    expect(rankDigest([oneMissed, exactly30], week, now).map((row) => row.attention)).toEqual([[], []]);
  });

  it('reads as a chat message in Indonesian and English', () => {
    const text = formatMentorDigest(rows, week, 'id');
    expect(text).toContain('Ringkasan pendampingan 23-29 Nov 2026');
    expect(text).toContain('6 peserta, 4 melapor (67%). Omzet Rp2.800.000, tabungan masuk Rp70.000.');
    expect(text).toContain(
      'Perlu perhatian (5):\n1. Newcomer (Batulayang): belum pernah melapor\n2. Silent (Batulayang): 3 minggu tidak melapor',
    );
    expect(text).toContain('4. Falling (Batulayang): omzet turun 60%');
    expect(text).toContain('- Steady: Rp1.200.000 (+4%), tabungan Rp250.000, 5 minggu berturut-turut');
    expect(formatMentorDigest(rows, week, 'en')).toContain(
      '2. Silent (Batulayang): 3 weeks without a report',
    );
  });
});

describe('one-tap actions under the digest', () => {
  it('offers a reminder and a visit for the first three who need attention, by their first name', () => {
    const row = (participantId: string, name: string, attention: DigestRow['attention']) =>
      ({ participantId, name, attention }) as DigestRow;
    const rows = [
      row('a'.repeat(24), 'Siti Aminah', ['weeks_without_report']),
      row('b'.repeat(24), 'Euis', []),
      row('c'.repeat(24), 'Ujang Suryana', ['sales_falling']),
      row('d'.repeat(24), 'Cucu', ['savings_stalled']),
      row('e'.repeat(24), 'Dedeh', ['never_reported']),
    ];
    const actions = digestActions(rows, 'id');
    expect(actions.map((action) => action.label)).toEqual([
      '🔔 Ingatkan Siti',
      '📅 Kunjungi Siti',
      '🔔 Ingatkan Ujang',
      '📅 Kunjungi Ujang',
      '🔔 Ingatkan Cucu',
      '📅 Kunjungi Cucu',
    ]);
    // A mentor who reads English gets English words, typed ones included; Sundanese reads Indonesian.
    expect(digestActions(rows, 'en').slice(0, 2)).toMatchObject([
      { label: '🔔 Remind Siti', typed: 'REMIND Siti Aminah' },
      { label: '📅 Visit Siti', typed: 'VISIT Siti Aminah' },
    ]);
    expect(digestActions(rows, 'su')[0]).toMatchObject({ typed: 'INGATKAN Siti Aminah' });
    expect(digestActionOf(actions[1]?.id)).toEqual({ kind: 'visit', participantId: 'a'.repeat(24) });
    expect(digestActionOf('nudge:not-an-id')).toBeUndefined();
    // Telegram takes callback data of at most 64 bytes.
    expect(actions.every((action) => Buffer.byteLength(action.id) <= 64)).toBe(true);
  });
});
