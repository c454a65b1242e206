import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { sessionFactKey } from '../../db/models/session-response';
import { indexSessionFact } from './session-index';

/** How far back a session can still have its attendance recorded from chat. */
const RECORDABLE_DAYS = 14;

/** The mentor's latest session that has begun (within two weeks), whose attendance is to be recorded. */
export async function sessionToRecord(models: Models, mentorId: Types.ObjectId, now: Date) {
  return models.mentoringSessions
    .findOne({
      mentor: mentorId,
      status: { $in: ['planned', 'done'] },
      startsAt: { $lte: now, $gte: new Date(now.getTime() - RECORDABLE_DAYS * 86_400_000) },
    })
    .sort({ startsAt: -1 })
    .lean();
}

/** Why a session's attendance cannot be recorded now; chat looks only for sessions without one. */
export type AttendanceClosed = 'not_started' | 'cancelled';

/**
 * The one rule of the page and the API: who came is known once a session has begun, and a cancelled
 * one had nobody.
 */
export function attendanceClosedReason(
  session: { startsAt: Date; status: string },
  now: Date,
): AttendanceClosed | undefined {
  if (session.status === 'cancelled') return 'cancelled';
  return session.startsAt > now ? 'not_started' : undefined;
}

/**
 * Records who came to a session (everyone else of it did not) and marks it held. One document per
 * participant: recording again corrects the earlier answers.
 */
export async function recordAttendance(
  models: Models,
  session: { _id: Types.ObjectId; participants: Types.ObjectId[] },
  present: ReadonlySet<string>,
  mentorId: Types.ObjectId,
  now: Date,
): Promise<{ present: number; invited: number }> {
  // Each participant's by key, recorded first or corrected: nothing is searched.
  for (const participant of session.participants) {
    const fields = { present: present.has(String(participant)), recordedAt: now, recordedBy: mentorId };
    await models.sessionAttendance.updateOne(
      { _id: sessionFactKey(session._id, participant) },
      { $set: fields, $setOnInsert: { session: session._id, participant } },
      { upsert: true },
    );
  }
  await models.mentoringSessions.updateOne({ _id: session._id }, { $set: { status: 'done' } });
  const attendance = Object.fromEntries(
    session.participants.map((participant) => [String(participant), present.has(String(participant))]),
  );
  await indexSessionFact(models, session._id, { kind: 'attendance', present: attendance }, now);
  return {
    present: session.participants.filter((participant) => present.has(String(participant))).length,
    invited: session.participants.length,
  };
}

/**
 * The numbers a mentor typed (`1 3 4`, `1,3`, `0` for nobody, `semua` for all) as positions in a
 * list of `size`, or the reason they cannot be read.
 */
export function parseListNumbers(
  text: string,
  size: number,
): { ok: true; positions: number[] } | { ok: false; reason: string } {
  const words = text.trim().toLowerCase();
  if (/^(semua|all|sadaya)$/.test(words)) return { ok: true, positions: [...Array(size).keys()] };
  if (/^(0|tidak ada|none)$/.test(words)) return { ok: true, positions: [] };
  const parts = words.split(/[\s,;.]+/).filter(Boolean);
  const numbers = parts.map(Number);
  const bad = parts.find(
    (part, index) => !/^\d+$/.test(part) || (numbers[index] ?? 0) < 1 || (numbers[index] ?? 0) > size,
  );
  if (parts.length === 0 || bad !== undefined) {
    return {
      ok: false,
      reason: `"${bad ?? text}" bukan nomor dalam daftar (1 sampai ${size}). Contoh: 1 3 4`,
    };
  }
  return { ok: true, positions: [...new Set(numbers.map((number) => number - 1))] };
}
