import type { Language } from '../program';
import { formatIsoWeek, formatRupiah } from '../display';
import type { AttentionReason, DigestRow } from './rank';

type Texts = Record<Language, string>;

const REASONS: Record<AttentionReason, (row: DigestRow) => Texts> = {
  never_reported: () => ({
    id: 'belum pernah melapor',
    en: 'has never reported',
    su: 'teu acan kantos ngalaporkeun',
  }),
  weeks_without_report: (row) => ({
    id: `${row.weeksWithoutReport} minggu tidak melapor`,
    en: `${row.weeksWithoutReport} weeks without a report`,
    su: `${row.weeksWithoutReport} minggu teu ngalaporkeun`,
  }),
  complaint_due: () => ({
    id: 'pengaduan hampir lewat batas waktu',
    en: 'complaint close to its deadline',
    su: 'pangaduan ampir liwat wates waktos',
  }),
  sales_falling: (row) => {
    const percent = Math.round(-(row.salesChange ?? 0) * 100);
    return { id: `omzet turun ${percent}%`, en: `sales down ${percent}%`, su: `omzet turun ${percent}%` };
  },
  savings_stalled: () => ({
    id: 'tabungan tidak bertambah 3 minggu',
    en: 'no savings for 3 weeks',
    su: 'tabungan teu nambahan 3 minggu',
  }),
};

const HEADINGS = {
  title: { id: 'Ringkasan pendampingan', en: 'Mentoring digest', su: 'Ringkesan pendampingan' },
  attention: { id: 'Perlu perhatian', en: 'Needs attention', su: 'Peryogi perhatosan' },
  others: { id: 'Lainnya', en: 'Others', su: 'Sanésna' },
  nobody: {
    id: 'Tidak ada yang perlu perhatian khusus minggu ini.',
    en: 'Nobody needs special attention this week.',
    su: 'Teu aya nu peryogi perhatosan husus minggu ieu.',
  },
} satisfies Record<string, Texts>;

/** The mentor's digest as one chat message: totals, then who needs attention and why, then the others. */
export function formatMentorDigest(rows: DigestRow[], week: string, language: Language): string {
  const reported = rows.filter((row) => row.reported);
  const rate = rows.length === 0 ? 0 : Math.round((reported.length / rows.length) * 100);
  const sales = reported.reduce((sum, row) => sum + (row.sales ?? 0), 0);
  const savings = reported.reduce((sum, row) => sum + (row.savingsDeposit ?? 0), 0);
  const summary: Texts = {
    id: `${rows.length} peserta, ${reported.length} melapor (${rate}%). Omzet ${formatRupiah(sales)}, tabungan masuk ${formatRupiah(savings)}.`,
    en: `${rows.length} participants, ${reported.length} reported (${rate}%). Sales ${formatRupiah(sales)}, saved ${formatRupiah(savings)}.`,
    su: `${rows.length} pamilon, ${reported.length} ngalaporkeun (${rate}%). Omzet ${formatRupiah(sales)}, tabungan asup ${formatRupiah(savings)}.`,
  };
  const needing = rows.filter((row) => row.attention.length > 0);
  const others = rows.filter((row) => row.attention.length === 0);
  const lines = [`${HEADINGS.title[language]} ${formatIsoWeek(week, language)}`, summary[language], ''];
  if (needing.length === 0) lines.push(HEADINGS.nobody[language]);
  else {
    lines.push(`${HEADINGS.attention[language]} (${needing.length}):`);
    needing.forEach((row, index) => {
      const reasons = row.attention.map((reason) => REASONS[reason](row)[language]).join('; ');
      lines.push(`${index + 1}. ${row.name} (${row.desa}): ${reasons}`);
    });
  }
  if (others.length > 0) {
    lines.push('', `${HEADINGS.others[language]}:`);
    for (const row of others) lines.push(`- ${row.name}: ${figures(row, language)}`);
  }
  return lines.join('\n');
}

function figures(row: DigestRow, language: Language): string {
  const change =
    row.salesChange === undefined
      ? ''
      : ` (${row.salesChange >= 0 ? '+' : ''}${Math.round(row.salesChange * 100)}%)`;
  const sales =
    row.sales === undefined
      ? { id: 'belum melapor', en: 'not reported', su: 'teu acan ngalaporkeun' }[language]
      : `${formatRupiah(row.sales)}${change}`;
  const streak = {
    id: `${row.streak} minggu berturut-turut`,
    en: `${row.streak} weeks in a row`,
    su: `${row.streak} minggu berturut-turut`,
  }[language];
  const savings = { id: 'tabungan', en: 'savings', su: 'tabungan' }[language];
  return `${sales}, ${savings} ${formatRupiah(row.savingsTotal)}${row.streak > 0 ? `, ${streak}` : ''}`;
}
