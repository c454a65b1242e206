import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/errors';
import type { Models } from '../../db/models';
import {
  privacyRequestKey,
  type PrivacyOutcome,
  type PrivacyRequest,
  type PrivacyRequestKind,
} from '../../db/models/privacy-request';
import { eraseHoldings, erasurePlan, type ErasureCounts } from './erase';
import { gatherHoldingsOfMany, type Holdings } from './holdings';
import { participantSubject } from './subject';

/** The kinds of records a count names, in the order the page lists them. */
export const HELD_KINDS = [
  'conversations',
  'chatLogs',
  'inboundMessages',
  'inboundQueue',
  'outbox',
  'outboxQueue',
  'weeklyReports',
  'reportLedger',
  'complaints',
  'mentoringSessions',
  'sessionResponses',
  'sessionAttendance',
  'handovers',
  'openHandovers',
  'identities',
  'auditEvents',
  'apiTokens',
  'webSessions',
  'signInCodes',
  'signInAttempts',
] as const satisfies readonly (keyof Holdings)[];
export type HeldCounts = Partial<Record<(typeof HELD_KINDS)[number], number>>;

/** How many records of each kind are held about the person (kinds with none left out). */
export function heldCounts(holdings: Holdings): HeldCounts {
  return Object.fromEntries(
    HELD_KINDS.flatMap((kind) => (holdings[kind].length > 0 ? [[kind, holdings[kind].length]] : [])),
  );
}

/** An audit line, written by the caller's `recordAudit` (the domain does not know the audit log). */
export type PrivacyAudit = (
  entry: {
    actor: string;
    action: string;
    target: string;
    from?: string | undefined;
    details: Record<string, unknown>;
    /** The same line written again (a run resumed) is kept once. */
    key: Types.ObjectId;
  },
  at: Date,
) => Promise<void>;

/**
 * Queues a request about a participant's data; returns false when the same request was already
 * waiting (asking twice, or two admins at once, makes one request: its key is its kind and person).
 */
export async function submitPrivacyRequest(
  models: Models,
  request: { kind: PrivacyRequestKind; participant: string; requestedBy: string; from?: string | undefined },
  now: Date,
): Promise<boolean> {
  try {
    await models.privacyRequests.create({
      _id: privacyRequestKey(request.kind, request.participant),
      kind: request.kind,
      requestedAt: now,
      requestedBy: request.requestedBy,
      ...(request.from ? { from: request.from } : {}),
    });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** One participant's requests as their page shows them: each kind waiting or not, and its latest outcome. */
export interface PrivacyRequestsOf {
  waiting: Record<PrivacyRequestKind, boolean>;
  done: Partial<Record<PrivacyRequestKind, PrivacyOutcome>>;
}

/** Reads a participant's requests by key: three documents, whatever the size of the history. */
export async function privacyRequestsOf(models: Models, participant: string): Promise<PrivacyRequestsOf> {
  const [count, erase, result] = await Promise.all([
    models.privacyRequests.findById(privacyRequestKey('count', participant), { _id: 1 }).lean(),
    models.privacyRequests.findById(privacyRequestKey('erase', participant), { _id: 1 }).lean(),
    models.privacyResults.findById(participant).lean(),
  ]);
  return {
    waiting: { count: count !== null, erase: erase !== null },
    done: {
      ...(result?.count ? { count: result.count } : {}),
      ...(result?.erase ? { erase: result.erase } : {}),
    },
  };
}

type Waiting = PrivacyRequest & { _id: string };

const participantOf = (request: Waiting) => request._id.slice(request._id.indexOf(':') + 1);

/** The completion's audit line has a key of its own request, so that a resumed run writes it once. */
const completionKey = (request: Waiting) =>
  new Types.ObjectId(
    createHash('sha256')
      .update(`${request._id}@${request.requestedAt.toISOString()}`)
      .digest()
      .subarray(0, 12),
  );

/**
 * The privacy job: carries out every waiting request together, reading each collection once for all
 * of their people, and writes each outcome by the participant's id before the request leaves the
 * queue. Counts come before erasures (of what was held before). An erasure's counts are kept in its
 * request before anything is erased, so a run that dies half-way is finished by the next one, which
 * erases what is left (erasing by `_id` again changes nothing) and reports the counts of the first.
 */
export async function carryOutPrivacyRequests(
  models: Models,
  now: Date,
  audit: PrivacyAudit,
): Promise<{ counted: number; erased: number; unknown: number }> {
  const waiting = (await models.privacyRequests.find({}).lean<Waiting[]>()).sort(
    (a, b) => Number(a.kind === 'erase') - Number(b.kind === 'erase') || +a.requestedAt - +b.requestedAt,
  );
  const outcome = { counted: 0, erased: 0, unknown: 0 };
  if (waiting.length === 0) return outcome;
  const ids = [...new Set(waiting.map(participantOf))];
  const subjects = (
    await Promise.all(
      ids.map(async (id) => ({
        id,
        subject: /^[0-9a-f]{24}$/.test(id) ? await participantSubject(models, id) : undefined,
      })),
    )
  ).flatMap(({ id, subject }) => (subject ? [{ id, subject }] : []));
  const gathered = await gatherHoldingsOfMany(
    models,
    subjects.map(({ subject }) => subject),
  );
  const holdings = new Map(subjects.map(({ id }, index) => [id, gathered[index]]));
  for (const request of waiting) {
    const participant = participantOf(request);
    const held = holdings.get(participant);
    if (!held) {
      // The participant's record is gone (removed by hand): there is nothing of theirs to count or erase.
      await models.privacyRequests.deleteOne({ _id: request._id });
      outcome.unknown++;
      continue;
    }
    const counts = request.kind === 'count' ? heldCounts(held) : await erased(models, request, held, now);
    await finish(models, request, participant, counts, now, audit);
    outcome[request.kind === 'count' ? 'counted' : 'erased']++;
  }
  return outcome;
}

/** Erases what is held, after keeping what the erasure changes in its request (see above). */
async function erased(models: Models, request: Waiting, held: Holdings, now: Date): Promise<ErasureCounts> {
  const planned = (request.planned as ErasureCounts | undefined) ?? erasurePlan(held);
  if (!request.planned) await models.privacyRequests.updateOne({ _id: request._id }, { $set: { planned } });
  await eraseHoldings(models, held, now);
  return planned;
}

/** The outcome where the page reads it, the completion audited as the asker's, then the request dequeued. */
async function finish(
  models: Models,
  request: Waiting,
  participant: string,
  counts: HeldCounts | ErasureCounts,
  now: Date,
  audit: PrivacyAudit,
): Promise<void> {
  const done: PrivacyOutcome = {
    requestedAt: request.requestedAt,
    requestedBy: request.requestedBy,
    doneAt: now,
    counts,
  };
  await models.privacyResults.updateOne(
    { _id: participant },
    { $set: { [request.kind]: done } },
    { upsert: true },
  );
  await audit(
    {
      actor: request.requestedBy,
      action: request.kind === 'erase' ? 'privacy.erase' : 'privacy.count',
      target: participant,
      from: request.from ?? undefined,
      details: { via: 'job', requestedAt: request.requestedAt.toISOString(), counts },
      key: completionKey(request),
    },
    now,
  );
  await models.privacyRequests.deleteOne({ _id: request._id });
}
