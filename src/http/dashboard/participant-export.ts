import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit } from '../../auth';
import { isoWeekOf } from '../../domain/calendar';
import {
  participantSheet,
  PARTICIPANT_EXPORT_FIELDS,
  type ExportedParticipant,
} from '../../exports/participants';
import type { ApiDependencies } from '../api/v1/dependencies';
import { participantScopeOf } from '../../auth/scopes';
import { sendSheet } from '../export-response';
import { participantFilterOf } from '../actions/participants';
import { fromOf } from '../request-from';
import type { Viewer } from './layout';
import { criteriaOf, listQuery, refuseFilter, refuseOutOfScope } from './participant-list';

/** The list's filters (no page: the file holds every participant they match) and the format. */
const exportQuery = listQuery.omit({ halaman: true }).extend({ format: z.enum(['xlsx', 'csv']) });

/**
 * The participants list as a file, with the page's scope, view and filters: a mentor's own in full,
 * Dinsos everyone, Puskesos staff those who complained there with the phone masked, as on the page.
 */
export function participantExport({ models, auth, clock }: ApiDependencies) {
  return async function download(request: Request, response: Response, viewer: Viewer) {
    const scope = await participantScopeOf(models, viewer.account);
    if (!scope) return refuseOutOfScope(response, viewer);
    const parsed = exportQuery.safeParse(request.query);
    if (!parsed.success) return refuseFilter(response, viewer, parsed.error);
    const { format, ...query } = parsed.data;
    const now = clock();
    const criteria = criteriaOf(
      { ...query, halaman: 1 },
      isAdmin(viewer.account),
      isoWeekOf(now, auth.timeZone),
    );
    const filter = await participantFilterOf(models, scope, criteria);
    const mentorName = new Map(
      scope.view === 'full'
        ? (await models.mentors.find({}, { name: 1 }).lean()).map((mentor) => [
            String(mentor._id),
            mentor.name,
          ])
        : [],
    );
    const rows = models.participants
      .find(filter, PARTICIPANT_EXPORT_FIELDS[scope.view])
      .sort({ name: 1, _id: 1 })
      .lean<ExportedParticipant[]>()
      .cursor();
    await sendSheet(
      response,
      { fileName: 'peserta', format, timeZone: auth.timeZone },
      participantSheet(scope.view, mentorName),
      rows,
      (count) =>
        recordAudit(
          models,
          {
            actor: auditActorOf(viewer.account),
            action: 'participants.export',
            from: fromOf(request),
            details: {
              via: 'session',
              page: 'dashboard',
              view: scope.view,
              format,
              count,
              // Which filters were used, not what was typed: a search may be someone's name or number.
              filters: Object.entries(criteria)
                .filter(([, value]) => value !== undefined)
                .map(([key]) => key),
            },
          },
          now,
        ),
    );
  };
}
