import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import { isDuplicateKey } from '../../db/errors';
import type { Models, Participant } from '../../db/models';
import { literalPattern } from '../../db/regex';
import { placeName } from '../../domain/imports/participant-row';
import { maskPhone, normalizePhone } from '../../domain/identity';
import { readWeekSummaries } from '../../domain/reports/week-summaries';
import {
  CLUSTER_LABELS,
  parseCluster,
  parseLanguage,
  parseStage,
  parseTimeZone,
  STAGE_LABELS,
  type Cluster,
  type Stage,
} from '../../domain/program';
import { participantScopeOf } from '../../auth/scopes';
import { keyPhoneIdentities } from '../../db/identities';
import { recordInRoster } from '../../domain/participants/roster';

/**
 * Participants as the API and the dashboard both read and change them: one scope, one set of filters,
 * the same two views and the importer's own rules for every field.
 */

export type StoredParticipant = Participant & { _id: Types.ObjectId };
export type ParticipantView = 'full' | 'complaint';

/** A participant in full, for their mentors and Dinsos: the NIK only masked, never its digits. */
export function fullView(participant: StoredParticipant) {
  return {
    id: String(participant._id),
    name: participant.name,
    phone: participant.phone,
    nik: participant.nik?.masked ?? null,
    kecamatan: participant.kecamatan,
    desa: participant.desa,
    cluster: participant.cluster,
    stage: participant.stage,
    business: {
      name: participant.business?.name ?? null,
      description: participant.business?.description ?? null,
    },
    capitalGrant: participant.capitalGrant?.amount ?? null,
    mentoringWindow: {
      start: participant.mentoringWindow?.start ?? null,
      end: participant.mentoringWindow?.end ?? null,
    },
    status: participant.status,
    language: participant.language,
    consentGivenAt: participant.consent?.givenAt ?? null,
    consentWithdrawnAt: participant.consent?.withdrawnAt ?? null,
  };
}

/** What a Puskesos needs to handle a complaint: who and where, the phone masked; no business or money. */
export function complaintView(participant: StoredParticipant) {
  return {
    id: String(participant._id),
    name: participant.name,
    phone: maskPhone(participant.phone),
    kecamatan: participant.kecamatan,
    desa: participant.desa,
    language: participant.language,
  };
}

/** The fields the complaint view may ever read from the database. */
export const COMPLAINT_VIEW_FIELDS = { name: 1, phone: 1, kecamatan: 1, desa: 1, language: 1 } as const;

export const placeQuery = z.string().trim().min(1).max(100);

/** What a list of participants can be narrowed by; every criterion is optional. */
export interface ParticipantCriteria {
  kecamatan?: string | undefined;
  desa?: string | undefined;
  cluster?: Cluster | undefined;
  stage?: Stage | undefined;
  /** A mentor's id: the participants this MiBi or TKSK accompanies. */
  mentor?: string | undefined;
  /** A name (any part, any case) or a phone number in any spelling, whole or in part. */
  search?: string | undefined;
  /** Only those without a weekly report for this ISO week. */
  withoutReportFor?: string | undefined;
}

/** What a search looks for: a name (any part, any case), a whole phone (E.164), or digits of one. */
export type ParticipantSearch = { name: string } | { phone: string } | { phoneDigits: string };

/**
 * A search as typed: digits (with the spaces, dashes and + people write) look for a phone, anything
 * else for a name. A whole number is compared in E.164; a part (`7777`, `0812 0000`) anywhere in it.
 * Only the full view may look for a phone: staff see phones masked, so they search by name alone.
 */
export function searchOf(search: string, view: ParticipantView): ParticipantSearch {
  const digits = search.replace(/\D/g, '');
  if (view !== 'full' || !/^[+\d\s().-]+$/.test(search) || digits.length < 3) return { name: search };
  const phone = normalizePhone(search);
  if (phone.ok) return { phone: phone.value };
  return { phoneDigits: digits.replace(/^62(?=8)/, '').replace(/^0(?=8)/, '') };
}

function searchFilterOf(search: string, view: ParticipantView): Record<string, unknown> {
  const wanted = searchOf(search, view);
  if ('name' in wanted) return { name: { $regex: literalPattern(wanted.name), $options: 'i' } };
  if ('phone' in wanted) return { phone: wanted.phone };
  return { phone: { $regex: literalPattern(wanted.phoneDigits) } };
}

/**
 * The database filter for a list: the account's scope first (so no criterion can widen it), then
 * each criterion given. Criteria about business or money apply only to the full view.
 */
export async function participantFilterOf(
  models: Models,
  scope: { filter: Record<string, unknown>; view: ParticipantView },
  criteria: ParticipantCriteria,
): Promise<Record<string, unknown>> {
  const conditions: Record<string, unknown>[] = [scope.filter];
  if (criteria.kecamatan) conditions.push({ kecamatan: criteria.kecamatan });
  if (criteria.desa) conditions.push({ desa: criteria.desa });
  if (criteria.search) conditions.push(searchFilterOf(criteria.search, scope.view));
  if (scope.view === 'full') {
    if (criteria.cluster) conditions.push({ cluster: criteria.cluster });
    if (criteria.stage) conditions.push({ stage: criteria.stage });
    if (criteria.mentor && Types.ObjectId.isValid(criteria.mentor)) {
      const mentor = new Types.ObjectId(criteria.mentor);
      conditions.push({ $or: [{ 'mentors.mibi': mentor }, { 'mentors.tksk': mentor }] });
    }
    if (criteria.withoutReportFor) {
      // Who reported that week, from its summary: one read by `_id`, not a search of every report.
      const reported = await readWeekSummaries(models, [criteria.withoutReportFor]);
      conditions.push({ _id: { $nin: reported.map((report) => new Types.ObjectId(report.participant)) } });
    }
  }
  return conditions.length === 1 ? scope.filter : { $and: conditions };
}

export type ParticipantLookup =
  | { kind: 'found'; participant: StoredParticipant; view: ParticipantView }
  | { kind: 'forbidden' }
  | { kind: 'not_found' };

/**
 * One participant as the account may see them, the scope applied in the query itself; a participant
 * who exists but is not the account's is told apart (403) from one who does not exist (404).
 */
export async function findParticipantInScope(
  models: Models,
  account: Account,
  id: string,
): Promise<ParticipantLookup> {
  if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) return { kind: 'not_found' };
  const _id = new Types.ObjectId(id);
  const scope = await participantScopeOf(models, account);
  const found = scope
    ? await models.participants
        .findOne(
          { $and: [scope.filter, { _id }] },
          scope.view === 'full' ? { 'nik.encrypted': 0, 'nik.hash': 0 } : COMPLAINT_VIEW_FIELDS,
        )
        .lean<StoredParticipant>()
    : null;
  if (found && scope) return { kind: 'found', participant: found, view: scope.view };
  return (await models.participants.exists({ _id })) ? { kind: 'forbidden' } : { kind: 'not_found' };
}

/** Whether the account may change a participant's record: a Dinsos admin, or one of their own mentors. */
export function mayChangeParticipant(account: Account, participant: StoredParticipant): boolean {
  if (isAdmin(account)) return true;
  if (account.kind !== 'mentor') return false;
  return [participant.mentors?.mibi, participant.mentors?.tksk].some(
    (mentor) => mentor !== undefined && mentor !== null && String(mentor) === account.id,
  );
}

const vocabulary = <T>(lookup: (text: string) => T | undefined, accepted: string) =>
  z
    .string()
    .trim()
    .transform((text, ctx) => {
      const value = lookup(text);
      if (value === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: text === '' ? 'wajib diisi' : `"${text}" tidak dikenal; pilih salah satu: ${accepted}`,
        });
        return z.NEVER;
      }
      return value;
    });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `paling banyak ${max} huruf` })
    .transform((text) => (text === '' ? undefined : text));

const requiredPlace = z
  .string()
  .trim()
  .min(1, { error: 'wajib diisi' })
  .max(100, { error: 'paling banyak 100 huruf' })
  .transform(placeName);

/**
 * A change to a participant's record, checked by the importer's own rules (phone normalisation,
 * title-cased places, the program's vocabularies), so a record edited by hand and one imported from a
 * spreadsheet can never differ in form. The NIK is not among the fields: it is changed only by import.
 */
export const participantChanges = z.strictObject({
  name: z.string().trim().min(1, { error: 'wajib diisi' }).max(200, { error: 'paling banyak 200 huruf' }),
  phone: z.string().transform((text, ctx) => {
    const phone = normalizePhone(text);
    if (!phone.ok) {
      ctx.addIssue({ code: 'custom', message: phone.reason });
      return z.NEVER;
    }
    return phone.value;
  }),
  kecamatan: requiredPlace,
  desa: requiredPlace,
  cluster: vocabulary(parseCluster, Object.values(CLUSTER_LABELS).join(', ')),
  stage: vocabulary(parseStage, Object.values(STAGE_LABELS).join(', ')),
  businessName: optionalText(200),
  businessDescription: optionalText(1000),
  language: vocabulary(parseLanguage, 'id (Indonesia), en (English), su (Sunda)'),
  /** Empty: the program's own time zone. */
  timeZone: z
    .string()
    .trim()
    .transform((text, ctx) => {
      if (text === '') return undefined;
      const zone = parseTimeZone(text);
      if (!zone) {
        ctx.addIssue({
          code: 'custom',
          message: `"${text}" tidak dikenal; pilih salah satu: WIB, WITA, WIT`,
        });
        return z.NEVER;
      }
      return zone;
    }),
});

export type ParticipantChanges = z.output<typeof participantChanges>;
export type ParticipantField = keyof ParticipantChanges;

/** Where each field of a change is stored. */
const STORED_AT: Record<ParticipantField, string> = {
  name: 'name',
  phone: 'phone',
  kecamatan: 'kecamatan',
  desa: 'desa',
  cluster: 'cluster',
  stage: 'stage',
  businessName: 'business.name',
  businessDescription: 'business.description',
  language: 'language',
  timeZone: 'timeZone',
};

/** The values of a stored participant, as a change would give them. */
export function currentValuesOf(
  participant: StoredParticipant,
): Record<ParticipantField, string | undefined> {
  return {
    name: participant.name,
    phone: participant.phone,
    kecamatan: participant.kecamatan,
    desa: participant.desa,
    cluster: participant.cluster,
    stage: participant.stage,
    businessName: participant.business?.name ?? undefined,
    businessDescription: participant.business?.description ?? undefined,
    language: participant.language,
    timeZone: participant.timeZone ?? undefined,
  };
}

export type ChangeOutcome =
  | { ok: true; changed: ParticipantField[] }
  | { ok: false; reason: 'not_found' | 'forbidden' }
  | { ok: false; reason: 'phone_taken' };

/**
 * Writes a checked change: only the fields that differ, within the account's scope, refusing a phone
 * another participant has (the unique index decides if two writes race), and audits what changed:
 * the fields with their old and new values, phones masked.
 */
export async function changeParticipant(
  models: Models,
  account: Account,
  id: string,
  changes: ParticipantChanges,
  context: { from: string; via: 'session' | 'token'; page?: string; now: Date },
): Promise<ChangeOutcome> {
  const lookup = await findParticipantInScope(models, account, id);
  if (lookup.kind !== 'found') return { ok: false, reason: lookup.kind };
  const { participant } = lookup;
  if (lookup.view !== 'full' || !mayChangeParticipant(account, participant)) {
    return { ok: false, reason: 'forbidden' };
  }
  const current = currentValuesOf(participant);
  const changed = (Object.keys(STORED_AT) as ParticipantField[]).filter(
    (field) => current[field] !== changes[field],
  );
  if (changed.length === 0) return { ok: true, changed };
  if (
    changed.includes('phone') &&
    (await models.participants.exists({ phone: changes.phone, _id: { $ne: participant._id } }))
  ) {
    return { ok: false, reason: 'phone_taken' };
  }
  const set: Record<string, unknown> = {};
  const unset: Record<string, 1> = {};
  for (const field of changed) {
    const value = changes[field];
    if (value === undefined) unset[STORED_AT[field]] = 1;
    else set[STORED_AT[field]] = value;
  }
  // A WhatsApp account is a phone number: after a new number the old one (perhaps given up and
  // reassigned) must no longer be taken for this participant, nor written to. Telegram is an
  // account of its own and stays linked.
  const unlinked = changed.includes('phone') ? whatsappLinksOf(participant) : [];
  for (const link of unlinked) unset[link] = 1;
  try {
    await models.participants.updateOne(
      { _id: participant._id },
      {
        ...(Object.keys(set).length > 0 ? { $set: set } : {}),
        ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
      },
      { runValidators: true },
    );
  } catch (error) {
    if (isDuplicateKey(error)) return { ok: false, reason: 'phone_taken' };
    throw error;
  }
  await recordInRoster(models, [{ id: participant._id, before: participant }]);
  if (changes.phone !== undefined && changed.includes('phone'))
    await keyPhoneIdentities(models, [
      { kind: 'participant', id: String(participant._id), phone: changes.phone },
    ]);
  const shown = (field: ParticipantField, value: string | undefined) =>
    value !== undefined && field === 'phone' ? maskPhone(value) : (value ?? null);
  await recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action: 'participant.update',
      target: String(participant._id),
      from: context.from,
      details: {
        via: context.via,
        ...(context.page ? { page: context.page } : {}),
        fields: changed,
        ...(unlinked.length > 0 ? { unlinked } : {}),
        changes: Object.fromEntries(
          changed.map((field) => [
            field,
            { from: shown(field, current[field]), to: shown(field, changes[field]) },
          ]),
        ),
      },
    },
    context.now,
  );
  return { ok: true, changed };
}

/** The participant's WhatsApp links (and the last-used app when it is WhatsApp), as stored paths. */
function whatsappLinksOf(participant: {
  channels?: { whatsappId?: string | null; whatsappCloudId?: string | null; lastUsed?: string | null } | null;
}): string[] {
  const channels = participant.channels ?? {};
  return [
    ...(channels.whatsappId ? ['channels.whatsappId'] : []),
    ...(channels.whatsappCloudId ? ['channels.whatsappCloudId'] : []),
    ...(channels.lastUsed?.startsWith('whatsapp') ? ['channels.lastUsed'] : []),
  ];
}

/**
 * Participants in the order lists show them, by name then id, as the database sorts (by code point,
 * which `localeCompare` is not): lists sort in memory what one read brought.
 */
export function byNameThenId(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
