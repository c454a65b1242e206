import type { Types } from 'mongoose';
import type { Models } from '../../src/db/models';
import { isoWeekOf, shiftIsoWeek } from '../../src/domain/calendar';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';

/** Siti Aminah, a kuliner start-up in Batulayang, Cililin: the participant most tests talk as. */
export function siti(
  phone: string,
  options: { consentedOn?: string | undefined; at?: Date; telegramUserId?: string | number | undefined } = {},
) {
  const { consentedOn, at = new Date(), telegramUserId } = options;
  return {
    name: 'Siti Aminah',
    phone,
    kecamatan: 'Cililin',
    desa: 'Batulayang',
    cluster: 'kuliner' as const,
    stage: 'start_up' as const,
    ...(consentedOn ? { consent: { purpose: 'test', givenAt: at, channel: consentedOn } } : {}),
    channels: telegramUserId === undefined ? {} : { telegramUserId: String(telegramUserId) },
  };
}

/**
 * Last week's report, so that "which week?" is never asked whatever day a test runs on a real clock:
 * this week is then the obvious one (see obviousReportWeek).
 */
export async function reportLastWeek(models: Models, participant: Types.ObjectId, now = new Date()) {
  await submitWeeklyReport(models, {
    participant,
    week: shiftIsoWeek(isoWeekOf(now, 'Asia/Jakarta'), -1),
    sales: 500_000,
    spending: 0,
    savingsDeposit: 0,
    savingsWithdrawal: 0,
    channel: 'simulator',
    submittedAt: now,
  });
}
