import { formatRupiah, say, type Language } from '../../i18n';
import { formatIsoWeek } from '../display';
import type { AttentionReason, DigestRow } from './rank';

const REASONS = {
  never_reported: (_row, language) => say('digest.neverReported', language),
  weeks_without_report: (row, language) =>
    say('digest.weeksWithoutReport', language, { weeks: row.weeksWithoutReport }),
  complaint_due: (_row, language) => say('digest.complaintDue', language),
  sales_falling: (row, language) =>
    say('digest.salesFalling', language, { percent: Math.round(-(row.salesChange ?? 0) * 100) }),
  savings_stalled: (_row, language) => say('digest.savingsStalled', language),
} satisfies Record<AttentionReason, (row: DigestRow, language: Language) => string>;

/** The mentor's digest as one chat message: totals, then who needs attention and why, then the others. */
export function formatMentorDigest(rows: DigestRow[], week: string, language: Language): string {
  const reported = rows.filter((row) => row.reported);
  const rate = rows.length === 0 ? 0 : Math.round((reported.length / rows.length) * 100);
  const sales = reported.reduce((sum, row) => sum + (row.sales ?? 0), 0);
  const savings = reported.reduce((sum, row) => sum + (row.savingsDeposit ?? 0), 0);
  const summary = say('digest.summary', language, {
    participants: rows.length,
    reported: reported.length,
    rate,
    sales: formatRupiah(sales),
    savings: formatRupiah(savings),
  });
  const needing = rows.filter((row) => row.attention.length > 0);
  const others = rows.filter((row) => row.attention.length === 0);
  const lines = [say('digest.title', language, { week: formatIsoWeek(week, language) }), summary, ''];
  if (needing.length === 0) lines.push(say('digest.nobody', language));
  else {
    lines.push(say('digest.attention', language, { count: needing.length }));
    needing.forEach((row, index) => {
      const reasons = row.attention.map((reason) => REASONS[reason](row, language)).join('; ');
      lines.push(`${index + 1}. ${row.name} (${row.desa}): ${reasons}`);
    });
  }
  if (others.length > 0) {
    lines.push('', say('digest.others', language));
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
    row.sales === undefined ? say('digest.notReported', language) : `${formatRupiah(row.sales)}${change}`;
  const parts: string[] = [
    sales,
    say('digest.savingsTotal', language, { amount: formatRupiah(row.savingsTotal) }),
  ];
  if (row.streak > 0) parts.push(say('digest.streak', language, { weeks: row.streak }));
  return parts.join(', ');
}
