import { createHash } from 'node:crypto';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import type { Models } from '../../db/models';
import {
  broadcastProgress,
  describeFilter,
  findAudience,
  sendBroadcast,
  type BroadcastFilter,
  type BroadcastProgress,
  type BroadcastScope,
  type BroadcastSender,
  type BroadcastSettings,
  type FoundAudience,
} from '../../domain/broadcasts';
import { isoWeekOf, shiftIsoWeek } from '../../domain/calendar';
import type { Cluster, Language, Stage } from '../../domain/program';
import type { ApiDependencies } from '../api/v1/dependencies';
import type { ActingContext } from './sessions';

/**
 * Broadcasts as the dashboard's pages and the API both send them: the same audience, the same
 * signature, the same audit, and one record per key, so that a second submit sends nothing.
 */

type Dependencies = Pick<
  ApiDependencies,
  'models' | 'auth' | 'complaints' | 'cloudReminderTemplate' | 'allowedFrom'
>;

/** Names shown with a preview's count, so that the sender recognises the group before sending. */
export const NAMES_SHOWN = 5;
/** Failed recipients named with a broadcast's progress; the counts include the rest. */
const FAILURES_NAMED = 20;

/** A broadcast's id as the page makes it (the preview's random key) and as the API's are made. */
export const BROADCAST_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const broadcastSettingsOf = (dependencies: Dependencies): BroadcastSettings => ({
  timeZone: dependencies.auth.timeZone,
  fallback: dependencies.complaints.fallback,
  cloudTemplateConfigured: Boolean(dependencies.cloudReminderTemplate),
});

/** The week "did not report last week" means: the programme's previous ISO week. */
export const lastWeekOf = (now: Date, timeZone: string) => shiftIsoWeek(isoWeekOf(now, timeZone), -1);

/** What a sender chose, in the words of the API (the page's form maps its fields onto these). */
export interface BroadcastChoices {
  kecamatan?: string | undefined;
  cluster?: Cluster | undefined;
  stage?: Stage | undefined;
  notReportedLastWeek?: boolean | undefined;
  session?: string | undefined;
}

export function broadcastFilterOf(choices: BroadcastChoices, now: Date, timeZone: string): BroadcastFilter {
  return {
    ...(choices.kecamatan ? { kecamatan: choices.kecamatan } : {}),
    ...(choices.cluster ? { cluster: choices.cluster } : {}),
    ...(choices.stage ? { stage: choices.stage } : {}),
    ...(choices.notReportedLastWeek ? { notReportedWeek: lastWeekOf(now, timeZone) } : {}),
    ...(choices.session ? { session: choices.session } : {}),
  };
}

/**
 * The id of a broadcast sent through the API: made from the caller and the key it sent, so that the
 * same key from the same account finds the same broadcast, and another account's key never does.
 * 22 characters, like the page's keys, so the page shows these broadcasts too.
 */
export const apiBroadcastId = (account: Account, clientId: string) =>
  createHash('sha256')
    .update(`${auditActorOf(account)}\n${clientId}`)
    .digest('base64url')
    .slice(0, 22);

/** Who the recipients are told the message is from. */
async function senderOf(models: Models, account: Account, scope: BroadcastScope): Promise<BroadcastSender> {
  if (scope.kind === 'mentor') return { kind: 'mentor', name: account.name };
  if (scope.kind === 'puskesos') {
    const unit = await models.puskesos.findById(scope.puskesos, { name: 1 }).lean();
    return { kind: 'puskesos', puskesos: unit?.name ?? account.name };
  }
  return { kind: 'dinsos', name: account.name };
}

export interface PreparedBroadcast {
  audience: FoundAudience;
  /** The filter in words, in the sender's language. */
  filterLabel: string;
  sender: BroadcastSender;
  /** When the messages may go out: now, or the end of quiet hours. */
  dueAt: Date;
}

/** Whom the filter reaches and how it reads; `undefined` when it names a session not the sender's. */
async function prepare(
  dependencies: Dependencies,
  account: Account,
  scope: BroadcastScope,
  filter: BroadcastFilter,
  language: Language,
  now: Date,
): Promise<PreparedBroadcast | undefined> {
  const { models } = dependencies;
  const audience = await findAudience(models, scope, filter, broadcastSettingsOf(dependencies), now);
  if (!audience) return undefined;
  const topic = filter.session
    ? (await models.mentoringSessions.findById(filter.session, { topic: 1 }).lean())?.topic
    : undefined;
  return {
    audience,
    filterLabel: describeFilter(filter, topic, language),
    sender: await senderOf(models, account, scope),
    dueAt: dependencies.allowedFrom(now),
  };
}

const auditDetails = (acting: ActingContext, details: Record<string, unknown>) => ({
  via: acting.via,
  ...(acting.page ? { page: acting.page } : {}),
  ...details,
});

/** The preview: whom it would reach, without sending; audited, since it lists participants. */
export async function previewBroadcastAs(
  dependencies: Dependencies,
  account: Account,
  scope: BroadcastScope,
  filter: BroadcastFilter,
  acting: ActingContext & { language: Language },
): Promise<PreparedBroadcast | undefined> {
  const prepared = await prepare(dependencies, account, scope, filter, acting.language, acting.now);
  if (!prepared) return undefined;
  await recordAudit(
    dependencies.models,
    {
      actor: auditActorOf(account),
      action: 'broadcast.preview',
      from: acting.from,
      details: auditDetails(acting, { filter, recipients: prepared.audience.recipients.length }),
    },
    acting.now,
  );
  return prepared;
}

export interface BroadcastSubmission {
  /** The broadcast's id: the same id sends once. */
  id: string;
  clientId?: string | undefined;
  text: string;
  filter: BroadcastFilter;
}

/**
 * Sends the broadcast once under its id (audited once, as `broadcast.send`), or finishes and reports
 * the one already sent under it; `undefined` when the filter names a session not the sender's.
 */
export async function sendBroadcastAs(
  dependencies: Dependencies,
  account: Account,
  scope: BroadcastScope,
  submission: BroadcastSubmission,
  acting: ActingContext & { language: Language },
) {
  const { models } = dependencies;
  const { id, text, filter } = submission;
  const prepared = await prepare(dependencies, account, scope, filter, acting.language, acting.now);
  if (!prepared) return undefined;
  const actor = auditActorOf(account);
  const recipients = prepared.audience.recipients.length;
  return sendBroadcast(
    models,
    {
      id,
      clientId: submission.clientId,
      sentBy: actor,
      sender: prepared.sender,
      text,
      filter,
      filterLabel: prepared.filterLabel,
      audience: prepared.audience,
      sentAt: acting.now,
      dueAt: prepared.dueAt,
    },
    broadcastSettingsOf(dependencies).fallback,
    () =>
      recordAudit(
        models,
        {
          actor,
          action: 'broadcast.send',
          target: id,
          from: acting.from,
          details: auditDetails(acting, { filter, recipients, length: Array.from(text).length }),
        },
        acting.now,
      ),
  );
}

/** Which broadcasts an account sees: a Dinsos admin every one, anyone else their own. */
export const broadcastsVisibleTo = (account: Account): { sentBy?: string } =>
  isAdmin(account) ? {} : { sentBy: auditActorOf(account) };

/** One broadcast, read by `_id`, when the account may see it. */
export async function readBroadcastAs(models: Models, account: Account, id: string) {
  if (!BROADCAST_ID_PATTERN.test(id)) return undefined;
  const broadcast = await models.broadcasts.findById(id).lean();
  const { sentBy } = broadcastsVisibleTo(account);
  if (!broadcast || (sentBy !== undefined && broadcast.sentBy !== sentBy)) return undefined;
  return broadcast;
}

/** How far a broadcast got, with the first failed recipients named (each read by `_id`). */
export async function broadcastReport(
  models: Models,
  id: string,
): Promise<
  Omit<BroadcastProgress, 'failed'> & { failed: { participant: string; name: string; reason: string }[] }
> {
  const progress = await broadcastProgress(models, id);
  const failed = await Promise.all(
    progress.failed.slice(0, FAILURES_NAMED).map(async (failure) => ({
      ...failure,
      name:
        (await models.participants.findById(failure.participant, { name: 1 }).lean())?.name ??
        failure.participant,
    })),
  );
  return { ...progress, failed };
}
