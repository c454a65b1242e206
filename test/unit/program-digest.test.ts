import { formatProgramDigest, summarizeProgram } from '../../src/domain/digests';

describe('program digest', () => {
  const summary = summarizeProgram({
    participants: [
      { id: 'a', kecamatan: 'Cililin', cluster: 'kuliner' },
      { id: 'b', kecamatan: 'Cililin', cluster: 'ritel' },
      { id: 'c', kecamatan: 'Cihampelas', cluster: 'kuliner' },
      { id: 'd', kecamatan: 'Cihampelas', cluster: 'agribisnis' },
      { id: 'e', kecamatan: 'Cihampelas', cluster: 'kuliner' },
    ],
    reports: [
      { participant: 'a', sales: 1_000_000, savingsDeposit: 50_000 },
      { participant: 'b', sales: 2_000_000, savingsDeposit: 0 },
      { participant: 'c', sales: 500_000, savingsDeposit: 20_000 },
    ],
    sessionsHeld: 2,
  });

  it('counts reporting by kecamatan and cluster, lowest rate first, and totals the week', () => {
    expect(summary).toMatchObject({
      participants: 5,
      reported: 3,
      sales: 3_500_000,
      savings: 70_000,
      sessionsHeld: 2,
    });
    expect(summary.byKecamatan).toEqual([
      { name: 'Cihampelas', participants: 3, reported: 1 },
      { name: 'Cililin', participants: 2, reported: 2 },
    ]);
    expect(summary.byCluster.map((row) => row.name)).toEqual(['Agribisnis', 'Kuliner', 'Ritel']);
  });

  it('reads as one chat message', () => {
    const text = formatProgramDigest(summary, '2026-W48');
    expect(text).toContain('Ringkasan program ProKUS 23-29 Nov 2026\n3 dari 5 peserta melapor (60%).');
    expect(text).toContain('Omzet Rp3.500.000, tabungan masuk Rp70.000. Sesi pendampingan: 2.');
    expect(text).toContain('Per kecamatan:\n- Cihampelas: 1/3 (33%)\n- Cililin: 2/2 (100%)');
  });
});
