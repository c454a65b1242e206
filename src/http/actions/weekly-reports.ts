import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, recordAudit, reportScopeOf, type Account } from '../../auth';
import type { Models } from '../../db/models';
import { ISO_WEEK_PATTERN, isoWeekOf } from '../../domain/calendar';
import { submitWeeklyReport, type WeeklyFigures } from '../../domain/reports/weekly-report-service';
import { DEFAULT_MAX_WEEKLY_AMOUNT } from '../../engine/inputs';

export const isoWeek = z.string().regex(ISO_WEEK_PATTERN, { error: 'expected an ISO week such as 2026-W48' });

export const participantId = z
  .string()
  .regex(/^[0-9a-f]{24}$/i, { error: 'expected a participant id (24 hexadecimal characters)' });

const rupiah = z
  .int({ error: 'expected a whole number of rupiah' })
  .min(0, { error: 'cannot be negative' })
  .max(DEFAULT_MAX_WEEKLY_AMOUNT, { error: `at most ${DEFAULT_MAX_WEEKLY_AMOUNT} rupiah` });

/** The reason is asked for because a correction changes what a participant said about their money. */
export const REASON_MIN = 3;
export const REASON_MAX = 500;

/** A week's figures as a mentor or Dinsos enters or corrects them: the API's JSON and the page's form alike. */
export const correctionBody = z.strictObject({
  sales: rupiah.describe('omzet, whole rupiah'),
  spending: rupiah.describe('belanja/modal, whole rupiah'),
  savingsDeposit: rupiah.describe('tabungan masuk, whole rupiah'),
  savingsWithdrawal: rupiah.describe('tabungan diambil, whole rupiah'),
  reason: z
    .string()
    .trim()
    .min(REASON_MIN, { error: `give the reason (at least ${REASON_MIN} characters)` })
    .max(REASON_MAX)
    .describe('why the report is entered or corrected; kept with the figures'),
});

export type CorrectionBody = z.output<typeof correctionBody>;

/** Whether an account may correct a participant's reports: before anything else of the request is read. */
export async function reportAccessOf(
  models: Models,
  account: Account,
  participant: string,
): Promise<'allowed' | 'forbidden' | 'not_found'> {
  const scope = await reportScopeOf(models, account);
  if (!scope) return 'forbidden';
  if (!Types.ObjectId.isValid(participant)) return 'not_found';
  const id = new Types.ObjectId(participant);
  if (await models.participants.exists({ $and: [scope.participants, { _id: id }] })) return 'allowed';
  return (await models.participants.exists({ _id: id })) ? 'forbidden' : 'not_found';
}

export type CorrectionOutcome =
  | { ok: true; kind: 'created' | 'corrected'; savingsBalance: number }
  | { ok: false; reason: 'forbidden' | 'not_found' | 'future_week' };

/**
 * Enters a missing report or corrects one, as the chat's resubmission does (the earlier figures kept
 * as a revision, the savings balance of that week and every later one recomputed), with who did it
 * and why, and a line in the audit log.
 */
export async function correctWeeklyReportAs(
  models: Models,
  account: Account,
  participant: string,
  week: string,
  body: CorrectionBody,
  context: { from: string; via: 'session' | 'token'; page?: 'dashboard'; now: Date; timeZone: string },
): Promise<CorrectionOutcome> {
  const access = await reportAccessOf(models, account, participant);
  if (access !== 'allowed') return { ok: false, reason: access };
  const id = new Types.ObjectId(participant);
  // ISO week strings sort in calendar order; a week that has not begun has nothing to report yet.
  if (week > isoWeekOf(context.now, context.timeZone)) return { ok: false, reason: 'future_week' };
  const figures: WeeklyFigures = {
    sales: body.sales,
    spending: body.spending,
    savingsDeposit: body.savingsDeposit,
    savingsWithdrawal: body.savingsWithdrawal,
  };
  const outcome = await submitWeeklyReport(models, {
    participant: id,
    week,
    ...figures,
    channel: context.page ?? 'api',
    submittedAt: context.now,
    submittedBy: new Types.ObjectId(account.id),
    reason: body.reason,
  });
  await recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action: outcome.kind === 'created' ? 'weekly_report.enter' : 'weekly_report.correct',
      target: `${participant}/${week}`,
      from: context.from,
      details: {
        via: context.via,
        ...(context.page ? { page: context.page } : {}),
        participant,
        week,
        reason: body.reason,
      },
    },
    context.now,
  );
  return { ok: true, kind: outcome.kind, savingsBalance: outcome.savingsBalance };
}

type CorrectionRefusal = Exclude<CorrectionOutcome, { ok: true }>;

/** A refused correction as HTTP, bilingual as the API's other errors. */
export function correctionRefusalOf(outcome: CorrectionRefusal): {
  status: 400 | 403 | 404;
  message: string;
} {
  switch (outcome.reason) {
    case 'forbidden':
      return {
        status: 403,
        message:
          'Anda tidak berhak mengubah laporan peserta ini / You may not change this participant’s reports',
      };
    case 'not_found':
      return { status: 404, message: 'Peserta tidak ditemukan / No such participant' };
    case 'future_week':
      return {
        status: 400,
        message: 'Minggu itu belum dimulai / That week has not begun yet',
      };
  }
}
