import type { CatalogText } from '../catalog';

/** The mentors' weekly digest, its chart and actions, and the program office's digest. */
export const digestTexts = {
  title: {
    id: 'Ringkasan pendampingan {week}',
    en: 'Mentoring digest {week}',
    su: 'Ringkesan pendampingan {week}',
  },
  summary: {
    id: '{participants} peserta, {reported} melapor ({rate}%). Omzet {sales}, tabungan masuk {savings}.',
    en: '{participants} participants, {reported} reported ({rate}%). Sales {sales}, saved {savings}.',
    su: '{participants} pamilon, {reported} ngalaporkeun ({rate}%). Omzet {sales}, tabungan asup {savings}.',
  },
  attention: {
    id: 'Perlu perhatian ({count}):',
    en: 'Needs attention ({count}):',
    su: 'Peryogi perhatosan ({count}):',
  },
  others: { id: 'Lainnya:', en: 'Others:', su: 'Sanésna:' },
  nobody: {
    id: 'Tidak ada yang perlu perhatian khusus minggu ini.',
    en: 'Nobody needs special attention this week.',
    su: 'Teu aya nu peryogi perhatosan husus minggu ieu.',
  },
  neverReported: { id: 'belum pernah melapor', en: 'has never reported', su: 'teu acan kantos ngalaporkeun' },
  weeksWithoutReport: {
    id: '{weeks} minggu tidak melapor',
    en: '{weeks} {weeks:week|weeks} without a report',
    su: '{weeks} minggu teu ngalaporkeun',
  },
  complaintDue: {
    id: 'pengaduan hampir lewat batas waktu',
    en: 'complaint close to its deadline',
    su: 'pangaduan ampir liwat wates waktos',
  },
  salesFalling: { id: 'omzet turun {percent}%', en: 'sales down {percent}%', su: 'omzet turun {percent}%' },
  savingsStalled: {
    id: 'tabungan tidak bertambah 3 minggu',
    en: 'no savings for 3 weeks',
    su: 'tabungan teu nambahan 3 minggu',
  },
  notReported: { id: 'belum melapor', en: 'not reported', su: 'teu acan ngalaporkeun' },
  streak: {
    id: '{weeks} minggu berturut-turut',
    en: '{weeks} {weeks:week|weeks} in a row',
    su: '{weeks} minggu berturut-turut',
  },
  savingsTotal: { id: 'tabungan {amount}', en: 'savings {amount}', su: 'tabungan {amount}' },
  remind: { id: '🔔 Ingatkan {name}', en: '🔔 Remind {name}' },
  remindTyped: { id: 'INGATKAN {name}', en: 'REMIND {name}' },
  visit: { id: '📅 Kunjungi {name}', en: '📅 Visit {name}' },
  visitTyped: { id: 'KUNJUNGI {name}', en: 'VISIT {name}' },
  chartTitle: {
    id: 'Omzet dan tabungan kelompok',
    en: 'Group sales and savings',
    su: 'Omzet jeung tabungan kelompok',
  },
  chartSubtitle: {
    id: '{period}, {participants} peserta',
    en: '{period}, {participants} participants',
    su: '{period}, {participants} pamilon',
  },
  chartSales: { id: 'Omzet', en: 'Sales', su: 'Omzet' },
  chartSavings: { id: 'Tabungan masuk', en: 'Savings deposited', su: 'Tabungan asup' },
  chartWeeks: {
    id: 'Tanggal: Senin awal minggu',
    en: 'Date: Monday of the week',
    su: 'Tanggal: Senén awal minggu',
  },
  chartNoData: { id: 'Belum ada laporan', en: 'No reports yet', su: 'Teu acan aya laporan' },
  programTitle: {
    id: 'Ringkasan program ProKUS {week}',
    en: 'ProKUS programme digest {week}',
  },
  programReported: {
    id: '{reported} dari {participants} peserta melapor ({rate}%).',
    en: '{reported} of {participants} participants reported ({rate}%).',
  },
  programTotals: {
    id: 'Omzet {sales}, tabungan masuk {savings}. Sesi pendampingan: {sessions}.',
    en: 'Sales {sales}, savings deposited {savings}. Mentoring sessions: {sessions}.',
  },
  byKecamatan: { id: 'Per kecamatan:', en: 'By kecamatan:' },
  byCluster: { id: 'Per klaster:', en: 'By cluster:' },
} as const satisfies Record<string, CatalogText>;
