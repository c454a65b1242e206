import { redactNik } from '../../../log';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../../auth';
import {
  actOnComplaintAsStaff,
  complaintActionBody,
  complaintNumber,
  refusalOf,
} from '../../actions/complaints';
import { COMPLAINT_STATUSES } from '../../../domain/complaints';
import { maskPhone } from '../../../domain/identity';
import type { ApiDependencies } from './dependencies';
import { endpoint, fail, forbidden } from './endpoint';
import { paginationQuery, skipOf } from './pagination';
import { complaintScopeOf } from '../../../auth/scopes';
import { complaintIndexesInScope } from '../../../domain/complaints/complaint-index';
import { complaintActionDoneBody, complaintBody, complaintListBody } from './responses';

const listQuery = z.strictObject({
  status: z.enum(COMPLAINT_STATUSES).optional().describe('only complaints with this status'),
  ...paginationQuery,
});

/** The list of complaints: the caller's scope read from the complaint indexes by `_id`, paged in memory. */
function complaintList(dependencies: ApiDependencies) {
  const { models } = dependencies;
  return endpoint({
    method: 'get',
    path: '/complaints',
    tag: 'complaints',
    summary: 'Complaints: a Puskesos’s own for its staff, all for Dinsos admins, newest first',
    auth: 'signed_in',
    query: listQuery,
    responses: {
      200: { description: 'a page of complaints', body: complaintListBody },
      403: 'mentors see no complaints',
    },
    async handle({ caller, query, from, now, response }) {
      const scope = caller && complaintScopeOf(caller.account);
      if (!caller || !scope) return forbidden(response);
      // Newest first, as the complaints were filed; the page is cut from the scope's entries in memory.
      const selected = (await complaintIndexesInScope(models, scope))
        .filter((entry) => !query.status || entry.status === query.status)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id));
      const found = selected.slice(skipOf(query), skipOf(query) + query.limit);
      const total = selected.length;
      await recordAudit(
        models,
        {
          actor: auditActorOf(caller.account),
          action: 'complaints.list',
          from,
          details: {
            via: caller.via,
            ...(query.status ? { status: query.status } : {}),
            count: found.length,
          },
        },
        now,
      );
      response.json({
        items: found.map((complaint) => ({
          number: complaint.number,
          status: complaint.status,
          category: complaint.category,
          desa: complaint.desa,
          assigneeName: complaint.assigneeName ?? null,
          referredTo: complaint.referredTo ?? null,
          dueAt: complaint.dueAt ?? null,
          overdue: complaint.dueAt ? complaint.dueAt < now : false,
          createdAt: complaint.createdAt,
        })),
        page: query.page,
        limit: query.limit,
        total,
      });
    },
  });
}

/** One complaint with its history. */
function complaintRead(dependencies: ApiDependencies) {
  const { models } = dependencies;
  return endpoint({
    method: 'get',
    path: '/complaints/{number}',
    tag: 'complaints',
    summary: 'One complaint with its history; the complainant’s phone masked',
    auth: 'signed_in',
    params: z.strictObject({ number: complaintNumber }),
    responses: {
      200: { description: 'the complaint', body: complaintBody },
      403: 'another Puskesos’s complaint, or a mentor',
      404: 'no such complaint',
    },
    async handle({ caller, params, from, now, response }) {
      const scope = caller && complaintScopeOf(caller.account);
      if (!caller || !scope) return forbidden(response);
      const complaint = await models.complaints.findOne({ number: params.number }).lean();
      if (!complaint)
        return fail(response, 404, 'not_found', 'Pengaduan tidak ditemukan / No such complaint');
      if (scope.puskesos && !scope.puskesos.equals(complaint.puskesos)) return forbidden(response);
      const [puskesos, participant] = await Promise.all([
        models.puskesos.findById(complaint.puskesos, { name: 1 }).lean(),
        complaint.participant
          ? models.participants.findById(complaint.participant, { name: 1, phone: 1 }).lean()
          : null,
      ]);
      const phone = participant?.phone ?? complaint.complainantPhone;
      await recordAudit(
        models,
        {
          actor: auditActorOf(caller.account),
          action: 'complaint.read',
          target: complaint.number,
          from,
          details: { via: caller.via },
        },
        now,
      );
      response.json({
        number: complaint.number,
        status: complaint.status,
        puskesos: puskesos?.name ?? null,
        category: complaint.category,
        desa: complaint.desa,
        text: redactNik(complaint.text),
        photos: complaint.photos.length,
        language: complaint.language,
        complainant: {
          participant: Boolean(participant),
          name: participant?.name ?? null,
          phone: phone ? maskPhone(phone) : null,
        },
        assigneeName: complaint.assigneeName ?? null,
        referredTo: complaint.referredTo ?? null,
        acknowledgeBy: complaint.acknowledgeBy ?? null,
        answerBy: complaint.answerBy ?? null,
        dueAt: complaint.dueAt ?? null,
        rating: complaint.rating ? { score: complaint.rating.score, solved: complaint.rating.solved } : null,
        createdAt: complaint.createdAt,
        events: complaint.events.map((event) => ({
          kind: event.kind,
          at: event.at,
          byName: event.byName ?? null,
          from: event.from ?? null,
          to: event.to ?? null,
          text: event.text === undefined || event.text === null ? null : redactNik(event.text),
        })),
      });
    },
  });
}

/** A staff action on a complaint, by the chat commands' rules. */
function complaintAction(dependencies: ApiDependencies) {
  return endpoint({
    method: 'post',
    path: '/complaints/{number}/actions',
    tag: 'complaints',
    summary:
      'Take, refer, answer, close, reopen, note, reply or route: the same rules as the staff chat commands',
    description:
      'Only staff of the complaint’s Puskesos (and Dinsos admins) may act. A reply and every status change reach the complainant in their chat; a note never does. Two staff taking at once: one gets 200, the other 409 naming who has it. Only an answered complaint can be closed. `route` (Dinsos admins) passes an `unrouted` complaint, whose desa no Puskesos serves, to the Puskesos named by its id: its staff are sent it as a new complaint and its deadlines start then.',
    auth: 'signed_in',
    params: z.strictObject({ number: complaintNumber }),
    body: complaintActionBody,
    responses: {
      200: { description: 'done: the new status', body: complaintActionDoneBody },
      403: 'not staff of this complaint’s Puskesos',
      404: 'no such complaint',
      409: 'refused in this status, or taken by someone else (named in `by`)',
      422: 'route: no Puskesos has that id',
    },
    async handle({ caller, params, body, from, now, response }) {
      const account = caller?.account;
      if (!caller || account?.kind !== 'staff') return forbidden(response);
      const outcome = await actOnComplaintAsStaff(dependencies, account, params.number, body, {
        from,
        via: caller.via,
        now,
      });
      if (!outcome.ok) {
        const { status, message, extra } = refusalOf(outcome);
        return fail(response, status, outcome.reason, message, extra);
      }
      response.json({ number: outcome.number, status: outcome.status, announcement: outcome.announcement });
    },
  });
}

export function complaintEndpoints(dependencies: ApiDependencies) {
  return [complaintList(dependencies), complaintRead(dependencies), complaintAction(dependencies)];
}
