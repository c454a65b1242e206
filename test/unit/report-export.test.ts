import { reportsCsv } from '../../src/http/api/v1/report-export';

const row = {
  name: 'Siti Aminah',
  kecamatan: 'Cililin',
  desa: 'Batulayang',
  week: '2026-W47',
  sales: 1_250_000,
  spending: null,
  savingsDeposit: 50_000,
  savingsWithdrawal: 0,
  savingsBalance: 150_000,
  channel: 'telegram',
  submittedAt: new Date('2026-11-21T09:00:00Z'),
};

describe('the weekly reports as CSV', () => {
  it('writes amounts as plain numbers and an empty cell for what was not asked', () => {
    const [, line] = reportsCsv([row])
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(line).toBe(
      'Siti Aminah,Cililin,Batulayang,2026-W47,1250000,,50000,0,150000,telegram,2026-11-21T09:00:00.000Z',
    );
  });

  it('quotes commas and quotes, and keeps a name that looks like a formula as text', () => {
    const csv = reportsCsv([
      { ...row, name: 'Aminah, "Bu Ami"' },
      { ...row, name: '=HYPERLINK("http://x","klik")' },
    ]);
    expect(csv).toContain('"Aminah, ""Bu Ami""",Cililin');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""klik"")"`);
  });
});
