import { z } from 'zod';
import type { Broadcast } from '../../../db/models/broadcast';
import {
  broadcastMessageText,
  checkBroadcastText,
  followsReports,
  MAX_BROADCAST_CHARS,
  signatureOf,
  type BroadcastFilter,
  type BroadcastScope,
  type BroadcastSender,
} from '../../../domain/broadcasts';
import { CLUSTERS, STAGES } from '../../../domain/program';
import {
  apiBroadcastId,
  BROADCAST_ID_PATTERN,
  broadcastFilterOf,
  broadcastReport,
  broadcastsVisibleTo,
  NAMES_SHOWN,
  previewBroadcastAs,
  readBroadcastAs,
  sendBroadcastAs,
  type BroadcastChoices,
} from '../../actions/broadcasts';
import type { ApiDependencies } from './dependencies';
import { endpoint, fail, forbidden, type Caller } from './endpoint';
import { paginationQuery, skipOf } from './pagination';
import { broadcastBody, broadcastListBody, broadcastPreviewBody, broadcastSentBody } from './responses';
import { broadcastScopeOf } from '../../../auth/scopes';

/** The text as the page takes it: trimmed, not empty, at most 700 characters, each refusal explained. */
const text = z
  .string()
  .max(MAX_BROADCAST_CHARS * 4)
  .transform((written, context) => {
    const checked = checkBroadcastText(written);
    if (checked.ok) return checked.value;
    context.addIssue({ code: 'custom', message: checked.reason });
    return z.NEVER;
  })
  .describe(`the message, at most ${MAX_BROADCAST_CHARS} characters; the sender's role and name are added`);

/** Whom to write to among the caller's own participants: every condition given must hold. */
const audienceFields = {
  kecamatan: z.string().trim().min(1).max(100).optional().describe('only those in this kecamatan'),
  cluster: z.enum(CLUSTERS).optional().describe('only this klaster'),
  stage: z.enum(STAGES).optional().describe('only this tahap'),
  notReportedLastWeek: z
    .boolean()
    .optional()
    .describe('`true`: only those without a report for last week (admins and mentors)'),
  session: z
    .string()
    .regex(/^[0-9a-f]{24}$/, { error: 'expected an id of 24 hexadecimal characters' })
    .optional()
    .describe('only those invited to this mentoring session of yours (admins and mentors)'),
};

const previewBody = z.strictObject({ text, ...audienceFields });
const sendBody = z.strictObject({
  clientId: z
    .string()
    .regex(/^[\x21-\x7e]{1,100}$/, { error: 'expected 1 to 100 visible ASCII characters, such as a UUID' })
    .describe(
      'your key for this broadcast: sent again with the same key, it is not sent twice (200 `already_sent`)',
    ),
  text,
  ...audienceFields,
});

const broadcastParams = z.strictObject({
  id: z.string().regex(BROADCAST_ID_PATTERN, { error: 'expected a broadcast id of 22 characters' }),
});

const mayBroadcast = ({ caller }: { caller: Caller }) =>
  Promise.resolve(broadcastScopeOf(caller.account) !== undefined);

const ROLES_REFUSED = 'only Dinsos admins, Puskesos koordinators and mentors send broadcasts';

/** The filter a broadcast was sent with; an empty one is not stored (mongoose drops empty objects). */
const filterOf = (broadcast: Broadcast): BroadcastFilter => (broadcast.filter ?? {}) as BroadcastFilter;

/** Whether a key sent again carries the same broadcast: the text, and the filter as it was chosen. */
function sameBroadcast(stored: Broadcast, text: string, filter: BroadcastFilter): boolean {
  const before = filterOf(stored);
  return (
    stored.text === text &&
    before.kecamatan === filter.kecamatan &&
    before.cluster === filter.cluster &&
    before.stage === filter.stage &&
    before.session === filter.session &&
    // "Last week" is another week after a Monday: the choice is the same, its week moved on.
    Boolean(before.notReportedWeek) === Boolean(filter.notReportedWeek)
  );
}

type Reply = Parameters<typeof fail>[0];

/** The filter, or the 400 naming what this caller may not filter by. */
function filterFor(
  { auth }: ApiDependencies,
  response: Reply,
  scope: BroadcastScope,
  choices: BroadcastChoices,
  now: Date,
) {
  if (!followsReports(scope)) {
    const refused = (['notReportedLastWeek', 'session'] as const).filter((field) => choices[field]);
    if (refused.length > 0) {
      fail(
        response,
        400,
        'invalid_request',
        'Laporan dan sesi hanya untuk pendamping dan admin Dinsos / Reports and sessions are for mentors and Dinsos admins',
        {
          fields: refused.map((field) => ({
            field,
            message: 'not for Puskesos staff: choose a kecamatan, cluster or stage',
          })),
        },
      );
      return undefined;
    }
  }
  return broadcastFilterOf(choices, now, auth.timeZone);
}

const notYourSession = (response: Reply) =>
  fail(response, 400, 'invalid_request', 'Sesi ini bukan sesi Anda / Not one of your sessions', {
    fields: [{ field: 'session', message: 'not a session whose invitees you may write to' }],
  });

/** A broadcast as the API shows it, with its progress read from the outbox. */
async function viewOf({ models }: ApiDependencies, broadcast: Broadcast & { _id: string }) {
  const report = await broadcastReport(models, broadcast._id);
  const leftOut = broadcast.leftOut;
  return {
    ...itemOf(broadcast),
    filter: filterOf(broadcast),
    leftOut: {
      stopped: leftOut?.stopped ?? 0,
      withoutConsent: leftOut?.withoutConsent ?? 0,
      noChat: leftOut?.noChat ?? 0,
      noTemplate: leftOut?.noTemplate ?? 0,
    },
    progress: report.counts,
    failures: report.failed,
  };
}

const scopeOf = (caller: Caller | undefined) => caller && broadcastScopeOf(caller.account);

/** Whom a broadcast would reach, without sending. */
function broadcastPreview(dependencies: ApiDependencies) {
  return endpoint({
    method: 'post',
    path: '/broadcasts/preview',
    tag: 'broadcasts',
    summary: 'Whom a broadcast would reach, without sending: the count, the first names, who is left out',
    auth: 'signed_in',
    authorize: mayBroadcast,
    body: previewBody,
    responses: {
      200: { description: 'the preview; nothing is sent', body: broadcastPreviewBody },
      400: 'a field to correct, a filter your role may not use, or a session not yours',
      403: ROLES_REFUSED,
    },
    async handle({ caller, body, from, now, response }) {
      const scope = scopeOf(caller);
      if (!caller || !scope) return forbidden(response);
      const filter = filterFor(dependencies, response, scope, body, now);
      if (!filter) return;
      const prepared = await previewBroadcastAs(dependencies, caller.account, scope, filter, {
        from,
        via: caller.via,
        now,
        language: 'id',
      });
      if (!prepared) return notYourSession(response);
      const { audience } = prepared;
      response.json({
        to: prepared.filterLabel,
        recipients: audience.recipients.length,
        names: audience.recipients.slice(0, NAMES_SHOWN).map((recipient) => recipient.name),
        message: broadcastMessageText(body.text, prepared.sender, 'id'),
        leftOut: {
          stopped: audience.stopped,
          withoutConsent: audience.withoutConsent,
          noChat: audience.unreachable.no_chat.length,
          noTemplate: audience.unreachable.no_template.length,
        },
        dueAt: prepared.dueAt,
      });
    },
  });
}

/** Sends a broadcast, once per clientId. */
function broadcastSending(dependencies: ApiDependencies) {
  const { models } = dependencies;
  return endpoint({
    method: 'post',
    path: '/broadcasts',
    tag: 'broadcasts',
    summary:
      'Sends one message to a filtered group of your participants, through the outbox (quiet hours, rate limits, STOP respected); once per clientId',
    auth: 'signed_in',
    authorize: mayBroadcast,
    body: sendBody,
    responses: {
      201: { description: 'sent: every message queued', body: broadcastSentBody },
      200: {
        description: 'this clientId was sent before: nothing sent again, the same broadcast',
        body: broadcastSentBody,
      },
      400: 'a field to correct, a filter your role may not use, or a session not yours',
      403: ROLES_REFUSED,
      409: 'this clientId was used for another text or filter (`client_id_reused`): nothing sent',
    },
    async handle({ caller, body, from, now, response }) {
      const scope = scopeOf(caller);
      if (!caller || !scope) return forbidden(response);
      const filter = filterFor(dependencies, response, scope, body, now);
      if (!filter) return;
      const id = apiBroadcastId(caller.account, body.clientId);
      const sent = await sendBroadcastAs(
        dependencies,
        caller.account,
        scope,
        { id, clientId: body.clientId, text: body.text, filter },
        { from, via: caller.via, now, language: 'id' },
      );
      if (!sent) return notYourSession(response);
      const broadcast = await models.broadcasts.findById(id).orFail().lean();
      if (sent.outcome === 'already_sent' && !sameBroadcast(broadcast, body.text, filter)) {
        return fail(
          response,
          409,
          'client_id_reused',
          'clientId ini sudah dipakai untuk siaran lain; tidak dikirim / This clientId was used for another broadcast; nothing sent',
          { id },
        );
      }
      response
        .status(sent.outcome === 'sent' ? 201 : 200)
        .json({ status: sent.outcome, broadcast: await viewOf(dependencies, broadcast) });
    },
  });
}

/** The caller's broadcasts, newest first: broadcasts are few, so the list reads them and then the page's by key. */
function broadcastList(dependencies: ApiDependencies) {
  const { models } = dependencies;
  return endpoint({
    method: 'get',
    path: '/broadcasts',
    tag: 'broadcasts',
    summary: 'Broadcasts, newest first: your own, every one for Dinsos admins',
    auth: 'signed_in',
    authorize: mayBroadcast,
    query: z.strictObject({ ...paginationQuery }),
    responses: {
      200: { description: 'a page of broadcasts', body: broadcastListBody },
      403: ROLES_REFUSED,
    },
    async handle({ caller, query, response }) {
      if (!scopeOf(caller) || !caller) return forbidden(response);
      // One read of which are the caller's (FerretDB reads the whole collection for a count as for
      // a page), then the page's broadcasts, each by its key.
      const visible = await models.broadcasts.find(broadcastsVisibleTo(caller.account), { sentAt: 1 }).lean();
      visible.sort(
        (a, b) => b.sentAt.getTime() - a.sentAt.getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0),
      );
      const total = visible.length;
      const found = (
        await Promise.all(
          visible
            .slice(skipOf(query), skipOf(query) + query.limit)
            .map((broadcast) => models.broadcasts.findById(broadcast._id).lean()),
        )
      ).filter((broadcast) => broadcast !== null);
      response.json({ items: found.map(itemOf), page: query.page, limit: query.limit, total });
    },
  });
}

/** One broadcast with its progress. */
function broadcastReading(dependencies: ApiDependencies) {
  return endpoint({
    method: 'get',
    path: '/broadcasts/{id}',
    tag: 'broadcasts',
    summary: 'One broadcast with its progress: queued, sent, failed (with the reason), cancelled',
    auth: 'signed_in',
    authorize: mayBroadcast,
    params: broadcastParams,
    responses: {
      200: { description: 'the broadcast and how far it got', body: broadcastBody },
      403: ROLES_REFUSED,
      404: 'no such broadcast of yours',
    },
    async handle({ caller, params, response }) {
      if (!caller) return forbidden(response);
      const broadcast = await readBroadcastAs(dependencies.models, caller.account, params.id);
      if (!broadcast) {
        return fail(response, 404, 'not_found', 'Siaran tidak ditemukan / No such broadcast of yours');
      }
      response.json(await viewOf(dependencies, broadcast));
    },
  });
}

/**
 * Broadcasts over the API, with the dashboard's rules and code: a Dinsos admin to every participant,
 * a Puskesos koordinator to those its Puskesos serves, a mentor to their own; everyone else 403.
 */
export function broadcastEndpoints(dependencies: ApiDependencies) {
  return [broadcastPreview, broadcastSending, broadcastList, broadcastReading].map((one) =>
    one(dependencies),
  );
}

function itemOf(broadcast: Broadcast & { _id: string }) {
  return {
    id: broadcast._id,
    clientId: broadcast.clientId ?? null,
    sentBy: broadcast.sentBy,
    from: signatureOf(broadcast.signature as BroadcastSender, 'id'),
    to: broadcast.filterLabel,
    text: broadcast.text,
    sentAt: broadcast.sentAt,
    dueAt: broadcast.dueAt,
    recipients: broadcast.recipientCount,
    status: broadcast.status,
  };
}
