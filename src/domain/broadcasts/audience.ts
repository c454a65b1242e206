import type { Cluster, ParticipantStatus, Stage } from '../program';

/**
 * Whom a broadcast is for, within the sender's own participants: every condition given must hold
 * (none given: all of them). `notReportedWeek` is the ISO week the participant sent no report for.
 */
export interface BroadcastFilter {
  kecamatan?: string | undefined;
  cluster?: Cluster | undefined;
  stage?: Stage | undefined;
  notReportedWeek?: string | undefined;
  /** A mentoring session: those invited to it. */
  session?: string | undefined;
}

/** A participant as choosing an audience needs them. */
export interface Candidate {
  id: string;
  name: string;
  kecamatan: string;
  cluster: string;
  stage: string;
  status: ParticipantStatus;
  consentGiven: boolean;
  consentWithdrawn: boolean;
  /** They sent STOP: nothing the programme sends on its own initiative reaches them. */
  stopped: boolean;
  erased: boolean;
}

/** What is known beside the participants: who reported the filter's week, who the session invited. */
export interface AudienceFacts {
  reported: ReadonlySet<string>;
  invited: ReadonlySet<string>;
}

export interface Audience<T extends Candidate> {
  /** Those the message goes to, by name. */
  recipients: T[];
  /** Matched by the filter but said STOP: left out, and counted so that the sender knows. */
  stopped: number;
  /** Matched by the filter but never agreed to be written to, or withdrew their consent. */
  withoutConsent: number;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether the participant meets every condition of the filter. */
export function matchesFilter(candidate: Candidate, filter: BroadcastFilter, facts: AudienceFacts): boolean {
  return (
    (!filter.kecamatan || same(candidate.kecamatan, filter.kecamatan)) &&
    (!filter.cluster || candidate.cluster === filter.cluster) &&
    (!filter.stage || candidate.stage === filter.stage) &&
    (!filter.notReportedWeek || !facts.reported.has(candidate.id)) &&
    (!filter.session || facts.invited.has(candidate.id))
  );
}

/**
 * The broadcast's recipients among the sender's participants: active ones (not graduated, not
 * dropped out, not erased) who match the filter, have agreed to be written to and have not said STOP.
 */
export function chooseAudience<T extends Candidate>(
  candidates: readonly T[],
  filter: BroadcastFilter,
  facts: AudienceFacts,
): Audience<T> {
  const audience: Audience<T> = { recipients: [], stopped: 0, withoutConsent: 0 };
  for (const candidate of candidates) {
    if (candidate.status !== 'active' || candidate.erased || !matchesFilter(candidate, filter, facts))
      continue;
    if (!candidate.consentGiven || candidate.consentWithdrawn) audience.withoutConsent++;
    else if (candidate.stopped) audience.stopped++;
    else audience.recipients.push(candidate);
  }
  audience.recipients.sort((a, b) => a.name.localeCompare(b.name, 'id'));
  return audience;
}
