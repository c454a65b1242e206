import { Types } from 'mongoose';
import { inboundKey } from '../../db/models/inbound-message';
import { mondayOfIsoWeek } from '../../domain/calendar';
import { formatIsoWeek, formatRupiah } from '../../domain/display';
import { submitWeeklyReport } from '../../domain/reports/weekly-report-service';
import { say } from '../../i18n';
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
  const lines = [
    say('report.saved', language, { week: formatIsoWeek(week, language) }),
    say('report.savedSales', language, { amount: formatRupiah(figures.sales) }),
    ...(typeof answers.spending === 'number'
      ? [say('report.savedSpending', language, { amount: formatRupiah(figures.spending) })]
      : []),
    say('report.savedSavings', language, { amount: formatRupiah(figures.savingsDeposit) }),
    ...(typeof answers.withdrawal === 'number'
      ? [say('report.savedWithdrawal', language, { amount: formatRupiah(figures.savingsWithdrawal) })]
      : []),
    say('report.savedBalance', language, { amount: formatRupiah(outcome.savingsBalance) }),
    say('report.toCorrect', language, { command: fix }),
  ];
  return { messages: [{ text: lines.join('\n') }], outputs: {} };
};
