import { z } from 'zod';
import {
  correctionBody,
  correctionRefusalOf,
  correctWeeklyReportAs,
  isoWeek,
  participantId,
  reportAccessOf,
} from '../../actions/weekly-reports';
import type { ApiDependencies } from './dependencies';
import { endpoint, fail } from './endpoint';
import { weeklyReportCorrectedBody } from './responses';
import { weeklyReportKey } from '../../../db/models/weekly-report';

/** Entering or correcting a week's report: the same rule and the same audit as the dashboard's form. */
export function weeklyReportCorrectionEndpoints({ models, auth }: ApiDependencies) {
  return [
    endpoint({
      method: 'put',
      path: '/weekly-reports/{participant}/{week}',
      tag: 'weekly reports',
      summary:
        'Enter a missing week’s report or correct it, by the participant’s mentor or Dinsos: the earlier figures are kept as a revision with who and why, and the savings balance of that week and every later week is recomputed',
      auth: 'signed_in',
      params: z.strictObject({
        participant: participantId.describe('the participant’s id'),
        week: isoWeek.describe('ISO week, YYYY-Www, not after this week'),
      }),
      body: correctionBody,
      async authorize({ caller, params }) {
        return (await reportAccessOf(models, caller.account, params.participant)) !== 'forbidden';
      },
      responses: {
        200: { description: 'the report was corrected', body: weeklyReportCorrectedBody },
        201: { description: 'the missing report was entered', body: weeklyReportCorrectedBody },
        403: 'Puskesos staff, or another mentor’s participant',
        404: 'no such participant',
      },
      async handle({ caller, params, body, from, now, response }) {
        if (!caller) return fail(response, 401, 'not_signed_in', 'Silakan masuk dulu / Please sign in first');
        const outcome = await correctWeeklyReportAs(
          models,
          caller.account,
          params.participant,
          params.week,
          body,
          {
            from,
            via: caller.via,
            now,
            timeZone: auth.timeZone,
          },
        );
        if (!outcome.ok) {
          const refusal = correctionRefusalOf(outcome);
          const code = { forbidden: 'forbidden', not_found: 'not_found', future_week: 'invalid_request' }[
            outcome.reason
          ];
          return fail(
            response,
            refusal.status,
            code,
            refusal.message,
            outcome.reason === 'future_week'
              ? { fields: [{ field: 'week', message: 'not after this week' }] }
              : {},
          );
        }
        const report = await models.weeklyReports
          .findById(weeklyReportKey(params.participant, params.week))
          .lean();
        response.status(outcome.kind === 'created' ? 201 : 200).json({
          participant: params.participant,
          week: params.week,
          kind: outcome.kind,
          sales: report?.sales ?? body.sales,
          spending: report?.spending ?? body.spending,
          savingsDeposit: report?.savingsDeposit ?? body.savingsDeposit,
          savingsWithdrawal: report?.savingsWithdrawal ?? body.savingsWithdrawal,
          savingsBalance: outcome.savingsBalance,
          reason: report?.reason ?? body.reason,
          revisions: report?.revisions.length ?? 0,
        });
      },
    }),
  ];
}
