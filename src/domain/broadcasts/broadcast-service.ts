import { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/errors';
import type { Models } from '../../db/models';
import { conversationKey } from '../../db/models/conversation';
import { queueOnce } from '../../db/outbox';
import { literalPattern } from '../../db/regex';
import { servingPuskesos } from '../complaints/serving-puskesos';
import type { Language, ParticipantStatus } from '../program';
import { chatTargetOf, type ChatTarget } from '../reminders';
import { readWeekSummaries } from '../reports/week-summaries';
import { readMentorSessions } from '../sessions/session-index';
import { chooseAudience, type BroadcastFilter, type Candidate } from './audience';
import { broadcastMessageText, type BroadcastSender } from './message';
import { unreachableReason, type Unreachable } from './reach';

/**
 * Whose participants a sender may write to: a Dinsos admin everyone, a Puskesos koordinator those
 * living where their Puskesos serves (as complaints are routed), a mentor their own.
 */
export type BroadcastScope =
  { kind: 'all' } | { kind: 'puskesos'; puskesos: string } | { kind: 'mentor'; mentor: string };

/** The reporting filter and the sessions are a mentor's and the Dinsos's work, not a Puskesos's. */
export const followsReports = (scope: BroadcastScope) => scope.kind !== 'puskesos';

export interface BroadcastSettings {
  timeZone: string;
  /** Where someone without a chat app is written to: the simulator's transcript, when it is on. */
  fallback?: 'simulator' | undefined;
  /** Whether WhatsApp Cloud has an approved template for people outside the 24-hour window. */
  cloudTemplateConfigured: boolean;
}

interface Reachable {
  id: string;
  name: string;
  language: Language;
  target: ChatTarget;
}

export interface FoundAudience {
  recipients: Reachable[];
  stopped: number;
  withoutConsent: number;
  unreachable: Record<Unreachable, { id: string; name: string }[]>;
}

export const broadcastOutboxKey = (broadcast: string, participant: string) =>
  `broadcast:${broadcast}:${participant}`;

const PARTICIPANT_FIELDS = {
  name: 1,
  phone: 1,
  kecamatan: 1,
  desa: 1,
  cluster: 1,
  stage: 1,
  status: 1,
  language: 1,
  consent: 1,
  remindersStoppedAt: 1,
  erasedAt: 1,
  channels: 1,
} as const;

/**
 * The mentoring sessions whose invitees a sender may write to, newest first; none for Puskesos staff.
 * From the mentors' session indexes, one read by `_id` a mentor (the mentors are few).
 */
export async function sessionsInScope(models: Models, scope: BroadcastScope, since: Date) {
  if (scope.kind === 'puskesos') return [];
  const mentors =
    scope.kind === 'mentor'
      ? [scope.mentor]
      : (await models.mentors.find({}, { _id: 1 }).lean()).map((mentor) => mentor._id);
  return (await readMentorSessions(models, mentors))
    .filter((session) => session.status !== 'cancelled' && session.startsAt >= since)
    .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())
    .slice(0, 50);
}

/**
 * The kecamatan a sender may choose among: where the Puskesos sit and the mentors work (small
 * collections), and for a mentor where their own sessions' invitees live; never a search of
 * participants.
 */
export async function kecamatanInScope(models: Models, scope: BroadcastScope): Promise<string[]> {
  const found =
    scope.kind === 'mentor'
      ? await Promise.all([
          models.mentors.findById(scope.mentor, { kecamatan: 1 }).lean(),
          readMentorSessions(models, [scope.mentor]),
        ]).then(([mentor, sessions]) => [
          ...(mentor?.kecamatan ?? []),
          ...sessions.flatMap((session) => session.kecamatan),
        ])
      : await Promise.all([
          models.puskesos.find({}, { kecamatan: 1 }).lean(),
          models.mentors.find({}, { kecamatan: 1 }).lean(),
        ]).then(([units, mentors]) => [
          ...units.map((unit) => unit.kecamatan),
          ...mentors.flatMap((mentor) => mentor.kecamatan),
        ]);
  return [...new Set(found)].sort((a, b) => a.localeCompare(b, 'id'));
}

/** The participants in the sender's scope, whatever their status: read once. */
async function participantsInScope(models: Models, scope: BroadcastScope) {
  if (scope.kind === 'mentor') {
    const mentor = new Types.ObjectId(scope.mentor);
    return models.participants
      .find({ $or: [{ 'mentors.mibi': mentor }, { 'mentors.tksk': mentor }] }, PARTICIPANT_FIELDS)
      .lean();
  }
  const everyone = await models.participants.find({}, PARTICIPANT_FIELDS).lean();
  if (scope.kind === 'all') return everyone;
  const units = await models.puskesos.find({}, { name: 1, desa: 1, kecamatan: 1, servedDesa: 1 }).lean();
  return everyone.filter(
    (participant) => String(servingPuskesos(units, participant)?._id) === scope.puskesos,
  );
}

/**
 * Whom a broadcast with this filter reaches now, and who matched but is left out (STOP, no consent,
 * no chat that can be written to). `undefined` when the filter names a session outside the scope.
 */
export async function findAudience(
  models: Models,
  scope: BroadcastScope,
  filter: BroadcastFilter,
  settings: BroadcastSettings,
  now: Date,
): Promise<FoundAudience | undefined> {
  let invited = new Set<string>();
  if (filter.session) {
    const session = await models.mentoringSessions.findById(filter.session, { mentor: 1, participants: 1 });
    const allowed =
      session &&
      (scope.kind === 'all' || (scope.kind === 'mentor' && String(session.mentor) === scope.mentor));
    if (!allowed) return undefined;
    invited = new Set(session.participants.map(String));
  }
  // The week's summary holds every reporter under their id: one read by `_id`, not a search of reports.
  const reported = new Set(
    filter.notReportedWeek
      ? (await readWeekSummaries(models, [filter.notReportedWeek])).map((report) => report.participant)
      : [],
  );
  const stored = await participantsInScope(models, scope);
  const candidates = stored.map((participant) => ({
    id: String(participant._id),
    name: participant.name,
    kecamatan: participant.kecamatan,
    cluster: participant.cluster,
    stage: participant.stage,
    status: participant.status as ParticipantStatus,
    consentGiven: Boolean(participant.consent?.givenAt),
    consentWithdrawn: Boolean(participant.consent?.withdrawnAt),
    stopped: Boolean(participant.remindersStoppedAt),
    erased: Boolean(participant.erasedAt),
    record: participant,
  })) satisfies Candidate[];
  const audience = chooseAudience(candidates, filter, { reported, invited });
  const found: FoundAudience = {
    recipients: [],
    stopped: audience.stopped,
    withoutConsent: audience.withoutConsent,
    unreachable: { no_chat: [], no_template: [] },
  };
  for (const { id, name, record } of audience.recipients) {
    const target = chatTargetOf(record, settings.fallback);
    const reason = unreachableReason(target, {
      templateConfigured: settings.cloudTemplateConfigured,
      insideWindow: await insideCloudWindow(models, target, settings, now),
    });
    if (reason || !target) found.unreachable[reason ?? 'no_chat'].push({ id, name });
    else found.recipients.push({ id, name, language: record.language as Language, target });
  }
  return found;
}

const SERVICE_WINDOW_MS = 24 * 3_600_000;

/** Whether a WhatsApp Cloud chat wrote within 24 hours; read (by `_id`) only when it decides something. */
async function insideCloudWindow(
  models: Models,
  target: ChatTarget | undefined,
  settings: BroadcastSettings,
  now: Date,
): Promise<boolean> {
  if (target?.channel !== 'whatsapp-cloud' || settings.cloudTemplateConfigured) return true;
  const conversation = await models.conversations
    .findById(conversationKey(target.channel, target.chatId), { lastWrittenAt: 1 })
    .lean();
  const last = conversation?.lastWrittenAt;
  return last !== undefined && last !== null && now.getTime() - last.getTime() < SERVICE_WINDOW_MS;
}

export interface BroadcastRequest {
  /** The form's idempotency key: the same key sends once. */
  id: string;
  /** The key an API client sent, from which `id` was made. */
  clientId?: string | undefined;
  sentBy: string;
  sender: BroadcastSender;
  text: string;
  filter: BroadcastFilter;
  filterLabel: string;
  audience: FoundAudience;
  sentAt: Date;
  dueAt: Date;
}

/**
 * Sends a broadcast once: it is recorded under its id, then `audit` runs, then each recipient's
 * message is queued under `broadcast:<id>:<participant>`, going out as every other message does
 * (quiet hours in `dueAt`, the channels' rate limits, WhatsApp templates outside the window). A second
 * submit of the same form finds the broadcast and queues nothing new; if the first stopped halfway,
 * it queues the rest (a key queued before is not queued again).
 */
export async function sendBroadcast(
  models: Models,
  request: BroadcastRequest,
  fallback: BroadcastSettings['fallback'],
  audit: () => Promise<void>,
): Promise<{ outcome: 'sent' | 'already_sent'; recipients: number }> {
  const { id, audience } = request;
  try {
    await models.broadcasts.create({
      _id: id,
      ...(request.clientId ? { clientId: request.clientId } : {}),
      sentBy: request.sentBy,
      signature: request.sender,
      text: request.text,
      filter: request.filter,
      filterLabel: request.filterLabel,
      sentAt: request.sentAt,
      dueAt: request.dueAt,
      recipientCount: audience.recipients.length,
      leftOut: {
        stopped: audience.stopped,
        withoutConsent: audience.withoutConsent,
        noChat: audience.unreachable.no_chat.length,
        noTemplate: audience.unreachable.no_template.length,
      },
      status: 'sending',
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return { outcome: 'already_sent', recipients: await finishSending(models, id, fallback) };
  }
  await audit();
  await keepRecipients(
    models,
    id,
    audience.recipients.map((recipient) => recipient.id),
  );
  await queueMessages(models, request, audience.recipients);
  await models.broadcasts.updateOne({ _id: id }, { $set: { status: 'queued' } });
  return { outcome: 'sent', recipients: audience.recipients.length };
}

/** Whom the broadcast went to; the first list written stays (another submit's is dropped). */
async function keepRecipients(models: Models, id: string, recipients: string[]): Promise<void> {
  try {
    await models.broadcastRecipients.create({ _id: id, recipients, settled: {} });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/** How many messages are queued at once: the database takes one writer, the rest wait their turn. */
const QUEUE_BATCH = 10;

async function queueMessages(
  models: Models,
  broadcast: Pick<BroadcastRequest, 'id' | 'sender' | 'text' | 'dueAt'>,
  recipients: readonly Reachable[],
): Promise<void> {
  for (let start = 0; start < recipients.length; start += QUEUE_BATCH) {
    await Promise.all(
      recipients.slice(start, start + QUEUE_BATCH).map(({ id, language, target }) =>
        queueOnce(models, {
          dedupeKey: broadcastOutboxKey(broadcast.id, id),
          ...target,
          message: { text: broadcastMessageText(broadcast.text, broadcast.sender, language) },
          dueAt: broadcast.dueAt,
          bulk: true,
        }),
      ),
    );
  }
}

/**
 * A broadcast a submit found already recorded: if it is still `sending` (the first submit stopped
 * before the end, or is still at it), its recipients' messages are queued, each key once.
 */
async function finishSending(
  models: Models,
  id: string,
  fallback: BroadcastSettings['fallback'],
): Promise<number> {
  const broadcast = await models.broadcasts.findById(id).lean();
  if (!broadcast) return 0;
  if (broadcast.status === 'queued') return broadcast.recipientCount;
  const list = await models.broadcastRecipients.findById(id).lean();
  if (!list) return 0;
  const participants = await models.participants
    .find(
      { _id: { $in: list.recipients.map((recipient) => new Types.ObjectId(recipient)) } },
      PARTICIPANT_FIELDS,
    )
    .lean();
  const reachable = participants.flatMap((participant) => {
    const target = chatTargetOf(participant, fallback);
    return target
      ? [
          {
            id: String(participant._id),
            name: participant.name,
            language: participant.language as Language,
            target,
          },
        ]
      : [];
  });
  await queueMessages(
    models,
    { id, sender: broadcast.signature as BroadcastSender, text: broadcast.text, dueAt: broadcast.dueAt },
    reachable,
  );
  await models.broadcasts.updateOne({ _id: id }, { $set: { status: 'queued' } });
  return list.recipients.length;
}

export type RecipientOutcome = 'queued' | 'sent' | 'failed' | 'cancelled';

export interface BroadcastProgress {
  counts: Record<RecipientOutcome, number>;
  /** Those whose message failed for good, with the platform's reason. */
  failed: { participant: string; reason: string }[];
}

/**
 * How far a broadcast got, from its own outbox entries: those still in the queue (a scan of the queue,
 * which holds only unfinished work), and the others read by `_id`, following a message passed on to
 * the person's other app. Outcomes that cannot change any more are kept on the recipients' list, so
 * the next look does not read them again.
 */
export async function broadcastProgress(models: Models, id: string): Promise<BroadcastProgress> {
  const prefix = broadcastOutboxKey(id, '');
  const [list, queued] = await Promise.all([
    models.broadcastRecipients.findById(id).lean(),
    models.outboxQueue.find({ _id: { $regex: `^${literalPattern(prefix)}` } }, { _id: 1 }).lean(),
  ]);
  const inQueue = new Set(queued.map((entry) => String(entry._id).slice(prefix.length).split('>')[0]));
  const settled = (list?.settled ?? {}) as Record<string, RecipientOutcome>;
  const progress: BroadcastProgress = {
    counts: { queued: 0, sent: 0, failed: 0, cancelled: 0 },
    failed: [],
  };
  const newlySettled: Record<string, RecipientOutcome> = {};
  for (const participant of list?.recipients ?? []) {
    const known = settled[participant];
    if (known) {
      progress.counts[known]++;
      continue;
    }
    if (inQueue.has(participant)) {
      progress.counts.queued++;
      continue;
    }
    const { outcome, reason } = await outcomeOf(models, broadcastOutboxKey(id, participant));
    progress.counts[outcome]++;
    if (outcome === 'failed') progress.failed.push({ participant, reason });
    // A failed message may still be sent again from the channels page: only these are final.
    if (outcome === 'sent' || outcome === 'cancelled') newlySettled[`settled.${participant}`] = outcome;
  }
  if (Object.keys(newlySettled).length > 0) {
    await models.broadcastRecipients.updateOne({ _id: id }, { $set: newlySettled });
  }
  return progress;
}

/** One recipient's message as the outbox has it, following it to the other app it was passed on to. */
async function outcomeOf(
  models: Models,
  key: string,
): Promise<{ outcome: RecipientOutcome; reason: string }> {
  for (let current = key; ;) {
    const entry = await models.outbox.findById(current, { status: 1, fallbacks: 1, lastError: 1 }).lean();
    // Not written yet, or taken out of the queue by its sender this moment: still on its way.
    if (!entry || entry.status === 'pending') return { outcome: 'queued', reason: '' };
    const next = entry.fallbacks?.[0];
    if (entry.status === 'failed' && next) {
      current = `${current}>${next.channel}`;
      continue;
    }
    return { outcome: entry.status, reason: entry.lastError ?? '' };
  }
}
