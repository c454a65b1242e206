import { say } from '../../i18n';
import { parseDateCell } from '../imports/cells';
import type { ParticipantStatus } from '../program';

/** A participant leaving the programme (graduated or dropped out), or an admin's undoing of it. */
export interface StatusChange {
  status: ParticipantStatus;
  /** The day it happened, midnight UTC as the importer's dates are. */
  on: Date;
  reason: string;
}

export type StatusChangeField = 'status' | 'on' | 'reason';
export type StatusChangeInput = Partial<Record<StatusChangeField, string>>;

const MIN_REASON = 5;
const MAX_REASON = 500;

/**
 * Checks a status change as typed on the form: every problem named by its field, so the form can be
 * shown again with what was typed. The day uses the importer's date rules and may not be in the
 * future (a graduation is recorded when it has happened); the reason is what a later reader needs.
 * `today` is the programme's local date at midnight UTC, as parsed dates are.
 */
export function parseStatusChange(
  input: StatusChangeInput,
  current: ParticipantStatus,
  today: Date,
): { ok: true; value: StatusChange } | { ok: false; problems: Partial<Record<StatusChangeField, string>> } {
  const problems: Partial<Record<StatusChangeField, string>> = {};
  const status = (['active', 'graduated', 'withdrawn'] as const).find(
    (each) => each === input.status?.trim(),
  );
  if (!status) problems.status = say('participant.statusChoice', 'id');
  else if (status === current) problems.status = say('participant.statusUnchanged', 'id');

  const dayText = input.on?.trim() ?? '';
  let on: Date | undefined;
  if (dayText === '') problems.on = say('participant.dayRequired', 'id', { example: '2026-11-30' });
  else {
    const parsed = parseDateCell(dayText);
    if (!parsed.ok) problems.on = parsed.reason;
    else if (parsed.value.getTime() > today.getTime()) problems.on = say('participant.dayNotPassed', 'id');
    else on = parsed.value;
  }

  const reason = (input.reason ?? '').trim().replace(/\s+/g, ' ');
  if (reason.length < MIN_REASON)
    problems.reason = say('participant.reasonTooShort', 'id', { min: MIN_REASON });
  else if (reason.length > MAX_REASON)
    problems.reason = say('participant.reasonTooLong', 'id', { max: MAX_REASON });

  if (!status || !on || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { status, on, reason } };
}
