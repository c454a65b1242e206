import { Types } from 'mongoose';
import { inboundKey } from '../../db/models/inbound-message';
import { mondayOfIsoWeek } from '../../domain/calendar';
import { formatIsoWeek, formatRupiah } from '../../domain/display';
import { submitWeeklyReport } from '../../domain/reports/weekly-report-service';
import { inLanguage } from '../../engine/text';
import { amount, word, type ActionHandler } from './types';

/**
 * Saves a report typed in one message, then answers with one short summary of what is stored, ending
 * with how to correct it. Amounts the message did not give (spending, a withdrawal) are stored as 0.
 */
export const saveOneMessageReport: ActionHandler = async (answers, context) => {
  const { models, participantId, inbound, language, now } = context;
  const week = word(answers.week);
  const figures = {
    sales: amount(answers.sales),
    spending: amount(answers.spending),
    savingsDeposit: amount(answers.savings),
    savingsWithdrawal: amount(answers.withdrawal),
  };
  const outcome = await submitWeeklyReport(models, {
    participant: new Types.ObjectId(participantId),
    week,
    ...figures,
    channel: inbound.channel,
    submittedAt: now,
    inboundKey: inboundKey(inbound.channel, inbound.platformMessageId),
  });
  // UBAH alone corrects the latest week reported; an earlier one is named by its Monday (`UBAH 16/11`).
  const latest = Object.keys(outcome.weeks).sort().at(-1);
  const monday = mondayOfIsoWeek(week);
  const fix = week === latest ? 'UBAH' : `UBAH ${monday.getUTCDate()}/${monday.getUTCMonth() + 1}`;
  const line = (label: string, value: number, shown = true) =>
    shown ? [`${label}: ${formatRupiah(value)}`] : [];
  const lines = (labels: {
    saved: string;
    sales: string;
    spending: string;
    savings: string;
    withdrawal: string;
    balance: string;
    fix: string;
  }) =>
    [
      `${labels.saved} ${formatIsoWeek(week, language)}:`,
      ...line(labels.sales, figures.sales),
      ...line(labels.spending, figures.spending, typeof answers.spending === 'number'),
      ...line(labels.savings, figures.savingsDeposit),
      ...line(labels.withdrawal, figures.savingsWithdrawal, typeof answers.withdrawal === 'number'),
      ...line(labels.balance, outcome.savingsBalance),
      labels.fix,
    ].join('\n');
  const text = {
    id: lines({
      saved: 'Tersimpan, Bapak/Ibu. Laporan',
      sales: 'Omzet',
      spending: 'Belanja',
      savings: 'Tabungan masuk',
      withdrawal: 'Tabungan diambil',
      balance: 'Total tabungan',
      fix: `Ketik ${fix} untuk memperbaiki.`,
    }),
    en: lines({
      saved: 'Saved. Report for',
      sales: 'Sales',
      spending: 'Spending',
      savings: 'Saved',
      withdrawal: 'Taken out',
      balance: 'Savings total',
      fix: `Type ${fix} to correct it.`,
    }),
    su: lines({
      saved: 'Parantos disimpen, Bapak/Ibu. Laporan',
      sales: 'Omzet',
      spending: 'Belanja',
      savings: 'Tabungan asup',
      withdrawal: 'Tabungan dicandak',
      balance: 'Jumlah tabungan',
      fix: `Serat ${fix} kanggo ngalereskeun.`,
    }),
  };
  return { messages: [{ text: inLanguage(text, language) }], outputs: {} };
};
