import { z } from 'zod';
import { auditActorOf, recordAudit, type Account } from '../../../auth';
import { ISO_WEEK_PATTERN, isoWeekOf } from '../../../domain/calendar';
import { CLUSTERS, STAGES } from '../../../domain/program';
import {
  byNameThenId,
  changeParticipant,
  complaintView,
  fullView,
  mayChangeParticipant,
  participantChanges,
  placeQuery,
  type ParticipantCriteria,
} from '../../actions/participants';
import { criteriaMatcher, reportedFor, rosterInScope, rosterOfReports } from '../../actions/roster';
import type { ApiDependencies } from './dependencies';
import { loadWeeklyReportRows, sendWeeklyReportFile } from './report-export';
import { endpoint, fail, forbidden } from './endpoint';
import { paginationQuery, skipOf } from './pagination';
import { participantChangedBody, participantListBody, weeklyReportListBody } from './responses';
import { reportersOfWeek, reportsOfWeek } from '../../../domain/reports/weekly-report-service';

/** The dashboard's filters of the participants' list, by their API names. */
const participantsQuery = z.strictObject({
  search: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe(
      'a name (any part) or a phone number in any spelling, whole or its last digits; staff: name only',
    ),
  kecamatan: placeQuery.optional().describe('only participants of this kecamatan'),
  desa: placeQuery.optional().describe('only participants of this desa'),
  cluster: z.enum(CLUSTERS).optional().describe('only this klaster (mentors and Dinsos)'),
  stage: z.enum(STAGES).optional().describe('only this tahap (mentors and Dinsos)'),
  mentor: z
    .string()
    .regex(/^[0-9a-f]{24}$/i, { error: 'expected an id of 24 hexadecimal characters' })
    .optional()
    .describe('only those this mentor accompanies (mentors and Dinsos)'),
  notReportedThisWeek: z
    .enum(['true', 'false'])
    .optional()
    .describe('`true`: only those without a report this week (Asia/Jakarta; mentors and Dinsos)'),
  ...paginationQuery,
});

const reportsQuery = z.strictObject({
  week: z
    .string()
    .regex(ISO_WEEK_PATTERN, { error: 'expected an ISO week such as 2026-W48' })
    .optional()
    .describe('ISO week, YYYY-Www; this week (Asia/Jakarta) when absent'),
  ...paginationQuery,
});

export function participantEndpoints({ models, auth }: ApiDependencies) {
  /**
   * Which reports of a week an account may read: a mentor's participants', all for a Dinsos admin;
   * Puskesos staff none (sales and savings are sensitive data a complaint does not need).
   */
  const reportFilterOf = async (account: Account, week: string | undefined, now: Date) => {
    const roster = await rosterOfReports(models, account);
    if (!roster) return undefined;
    return {
      week: week ?? isoWeekOf(now, auth.timeZone),
      roster,
      // A Dinsos admin reads every report of the week; a mentor their participants'.
      among: roster.admin ? undefined : new Set(roster.participants.map((participant) => participant.id)),
    };
  };

  return [
    endpoint({
      method: 'get',
      path: '/participants',
      tag: 'participants',
      summary:
        'Participants: a mentor’s own, all for Dinsos admins, and for Puskesos staff only those with a complaint there, with only what a complaint needs',
      auth: 'signed_in',
      query: participantsQuery,
      responses: {
        200: { description: 'a page of participants (NIK always masked)', body: participantListBody },
        403: 'staff without a Puskesos',
      },
      async handle({ caller, query, from, now, response }) {
        const roster = caller && (await rosterInScope(models, caller.account));
        if (!caller || !roster) return forbidden(response);
        const criteria: ParticipantCriteria = {
          search: query.search,
          kecamatan: query.kecamatan,
          desa: query.desa,
          cluster: query.cluster,
          stage: query.stage,
          mentor: query.mentor?.toLowerCase(),
          withoutReportFor: query.notReportedThisWeek === 'true' ? isoWeekOf(now, auth.timeZone) : undefined,
        };
        // Who matches, from the roster in scope (read by key) and in memory; then the page's records,
        // each by its key.
        const matching = roster.participants
          .filter(criteriaMatcher(criteria, roster.view, await reportedFor(models, criteria)))
          .sort(byNameThenId);
        const total = matching.length;
        const found = (
          await Promise.all(
            matching
              .slice(skipOf(query), skipOf(query) + query.limit)
              .map((participant) => models.participants.findById(participant.id).lean()),
          )
        ).filter((participant) => participant !== null);
        await recordAudit(
          models,
          {
            actor: auditActorOf(caller.account),
            action: 'participants.list',
            from,
            details: { via: caller.via, view: roster.view, count: found.length, page: query.page },
          },
          now,
        );
        const view = roster.view === 'full' ? fullView : complaintView;
        response.json({ items: found.map(view), page: query.page, limit: query.limit, total });
      },
    }),
    endpoint({
      method: 'put',
      path: '/participants/{id}',
      tag: 'participants',
      summary:
        'Corrects a participant’s record (the importer’s rules; an empty optional field clears it): Dinsos admins and the participant’s own mentors',
      auth: 'signed_in',
      params: z.strictObject({
        id: z.string().regex(/^[0-9a-f]{24}$/i, { error: 'expected an id of 24 hexadecimal characters' }),
      }),
      body: participantChanges,
      async authorize({ caller, params }) {
        const participant = await models.participants.findById(params.id).lean();
        return !participant || mayChangeParticipant(caller.account, participant);
      },
      responses: {
        200: {
          description: 'saved: the fields that changed (none when nothing did)',
          body: participantChangedBody,
        },
        403: 'not this account’s participant to change',
        404: 'no such participant',
        409: 'the phone number is another participant’s',
      },
      async handle({ caller, params, body, from, now, response }) {
        if (!caller) return forbidden(response);
        const outcome = await changeParticipant(models, caller.account, params.id, body, {
          from,
          via: caller.via,
          now,
        });
        if (outcome.ok) return void response.json({ id: params.id, changed: outcome.changed });
        if (outcome.reason === 'not_found') {
          return fail(response, 404, 'not_found', 'Peserta tidak ditemukan / No such participant');
        }
        if (outcome.reason === 'phone_taken') {
          return fail(
            response,
            409,
            'phone_taken',
            'Nomor HP ini sudah dipakai peserta lain / Another participant has this phone number',
            { fields: [{ field: 'phone', message: 'already another participant’s' }] },
          );
        }
        return forbidden(response);
      },
    }),
    endpoint({
      method: 'get',
      path: '/weekly-reports',
      tag: 'weekly reports',
      summary:
        'One week’s reports: a mentor’s participants, or all for Dinsos admins. Sales and savings are sensitive data a complaint does not need, so Puskesos staff get 403',
      auth: 'signed_in',
      query: reportsQuery,
      responses: {
        200: { description: 'a page of weekly reports', body: weeklyReportListBody },
        403: 'Puskesos staff',
      },
      async handle({ caller, query, from, now, response }) {
        const filter = caller && (await reportFilterOf(caller.account, query.week, now));
        if (!caller || !filter) return forbidden(response);
        const { week } = filter;
        // Who reported from the week's summary (one read by key); then the page's reports, each by its
        // key, in the order of their keys as before.
        const reporters = await reportersOfWeek(models, week, filter.among);
        const total = reporters.length;
        const found = await reportsOfWeek(
          models,
          week,
          reporters.slice(skipOf(query), skipOf(query) + query.limit),
        );
        // Who they are, from the roster in scope (read by key).
        const names = new Map(filter.roster.participants.map((participant) => [participant.id, participant]));
        await recordAudit(
          models,
          {
            actor: auditActorOf(caller.account),
            action: 'weekly_reports.list',
            from,
            details: { via: caller.via, week, count: found.length, page: query.page },
          },
          now,
        );
        response.json({
          week,
          items: found.map((report) => {
            const participant = names.get(String(report.participant));
            return {
              participant: {
                id: String(report.participant),
                name: participant?.name ?? null,
                kecamatan: participant?.kecamatan ?? null,
                desa: participant?.desa ?? null,
              },
              week: report.week,
              sales: report.sales,
              spending: report.spending,
              savingsDeposit: report.savingsDeposit,
              savingsWithdrawal: report.savingsWithdrawal,
              savingsBalance: report.savingsBalance,
              channel: report.channel,
              submittedAt: report.submittedAt,
              revisions: report.revisions.length,
            };
          }),
          page: query.page,
          limit: query.limit,
          total,
        });
      },
    }),
    endpoint({
      method: 'get',
      path: '/weekly-reports/export',
      tag: 'weekly reports',
      summary: 'One week’s reports as an Excel workbook (or CSV), as the read above allows',
      auth: 'signed_in',
      query: z.strictObject({
        week: reportsQuery.shape.week,
        format: z.enum(['xlsx', 'csv'], { error: 'expected xlsx or csv' }).default('xlsx'),
      }),
      responses: {
        200: {
          description: 'the file',
          files: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
        },
        403: 'Puskesos staff',
      },
      async handle({ caller, query, from, now, response }) {
        const filter = caller && (await reportFilterOf(caller.account, query.week, now));
        if (!caller || !filter) return forbidden(response);
        const rows = await loadWeeklyReportRows(
          models,
          [filter.week],
          { participants: filter.roster.participants, everyone: filter.roster.admin },
          'exclude',
        );
        const weeks = { from: filter.week, to: filter.week };
        await sendWeeklyReportFile(
          response,
          rows,
          weeks,
          { format: query.format, timeZone: auth.timeZone },
          (count) =>
            recordAudit(
              models,
              {
                actor: auditActorOf(caller.account),
                action: 'weekly_reports.export',
                from,
                details: { via: caller.via, week: filter.week, format: query.format, count },
              },
              now,
            ),
        );
      },
    }),
  ];
}
