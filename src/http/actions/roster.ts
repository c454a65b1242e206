import { isAdmin, type Account } from '../../auth';
import { participantScopeOf, reportScopeOf } from '../../auth/scopes';
import type { Models } from '../../db/models';
import { readMentorRoster, readWholeRoster, type ListedParticipant } from '../../domain/participants/roster';
import { readWeekSummaries } from '../../domain/reports/week-summaries';
import { searchOf, type ParticipantCriteria, type ParticipantView } from './participants';

/**
 * The participants an account may see, from the roster (src/domain/participants/roster.ts), each
 * document read by `_id`: a mentor's own document, or every kecamatan's for a Dinsos admin and for
 * Puskesos staff (of whom only those with a complaint there are kept). The scope's rules are
 * `participantScopeOf`'s, unchanged; undefined when the account may see none.
 */
export async function rosterInScope(
  models: Models,
  account: Account,
): Promise<{ participants: ListedParticipant[]; view: ParticipantView } | undefined> {
  if (account.kind === 'mentor')
    return { participants: await readMentorRoster(models, account.id), view: 'full' };
  const scope = await participantScopeOf(models, account);
  if (!scope) return undefined;
  const everyone = await readWholeRoster(models);
  if (isAdmin(account)) return { participants: everyone, view: scope.view };
  const named = idsNamedBy(scope.filter);
  return { participants: everyone.filter((participant) => named.has(participant.id)), view: scope.view };
}

/** The participants whose reports an account may read (`reportScopeOf`'s rules), from the roster. */
export async function rosterOfReports(
  models: Models,
  account: Account,
): Promise<{ participants: ListedParticipant[]; admin: boolean } | undefined> {
  if (!(await reportScopeOf(models, account))) return undefined;
  const roster = await rosterInScope(models, account);
  return roster && { participants: roster.participants, admin: isAdmin(account) };
}

/** The ids a scope of Puskesos staff names (`{_id: {$in: [...]}}`): those with a complaint there. */
function idsNamedBy(filter: Record<string, unknown>): Set<string> {
  const ids = (filter._id as { $in?: unknown[] } | undefined)?.$in ?? [];
  return new Set(ids.map(String));
}

/**
 * Whether a participant is one the criteria keep, as the list's database filter did: a name (any
 * part, any case) or a phone (whole, in any spelling, or a part of it; the full view only); place,
 * and for the full view klaster, tahap, mentor and "no report this week" (`reported`: who did).
 */
export function criteriaMatcher(
  criteria: ParticipantCriteria,
  view: ParticipantView,
  reported: ReadonlySet<string>,
): (participant: ListedParticipant) => boolean {
  const search = criteria.search && searchMatcher(criteria.search, view);
  const full = view === 'full';
  return (participant) =>
    (!criteria.kecamatan || participant.kecamatan === criteria.kecamatan) &&
    (!criteria.desa || participant.desa === criteria.desa) &&
    (!search || search(participant)) &&
    (!full || !criteria.cluster || participant.cluster === criteria.cluster) &&
    (!full || !criteria.stage || participant.stage === criteria.stage) &&
    (!full ||
      !criteria.mentor ||
      participant.mibi === criteria.mentor ||
      participant.tksk === criteria.mentor) &&
    (!full || !criteria.withoutReportFor || !reported.has(participant.id));
}

/** Who reported the week the criteria ask about, from its summary (one read by `_id`), if they ask. */
export async function reportedFor(models: Models, criteria: ParticipantCriteria): Promise<Set<string>> {
  if (!criteria.withoutReportFor) return new Set();
  return new Set(
    (await readWeekSummaries(models, [criteria.withoutReportFor])).map((report) => report.participant),
  );
}

/** A search as the list's database filter read it (`searchOf`), over the roster's entries. */
function searchMatcher(search: string, view: ParticipantView): (participant: ListedParticipant) => boolean {
  const wanted = searchOf(search, view);
  if ('phone' in wanted) return (participant) => participant.phone === wanted.phone;
  if ('phoneDigits' in wanted) return (participant) => participant.phone.includes(wanted.phoneDigits);
  const name = wanted.name.toLowerCase();
  return (participant) => participant.name.toLowerCase().includes(name);
}
