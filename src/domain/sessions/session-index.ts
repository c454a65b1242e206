import type { Types } from 'mongoose';
import { underLease, writeUnderLease } from '../../db/leases';
import type { Models } from '../../db/models';

type Id = Types.ObjectId | string;
type Answer = 'attend' | 'decline' | 'reschedule';
type Status = 'planned' | 'cancelled' | 'done';

/** A session as the mentor's index holds it (see src/db/models/session-index.ts). */
export interface IndexedSession {
  startsAt: Date;
  place: string;
  topic: string;
  status: Status;
  participants: string[];
  /** Where its invitees live, for the kecamatan filter. */
  kecamatan: string[];
  /** Answers to the invitation: coming, and not. */
  yes: number;
  no: number;
  /** Recorded present; null until attendance is recorded. */
  present: number | null;
}

/** A session read from an index, with its id and mentor. */
export type ListedSession = IndexedSession & { id: string; mentor: string };

interface Ledger {
  answers: Record<string, Answer>;
  attendance: Record<string, boolean>;
  kecamatan?: string[] | undefined;
}

interface StoredSession {
  _id: Types.ObjectId;
  mentor: Types.ObjectId;
  startsAt: Date;
  place: string;
  topic: string;
  status: string;
  participants: Types.ObjectId[];
}

/** The index entry of a session from the session and its ledger: the one rule incremental and rebuild share. */
export function indexedSessionOf(session: StoredSession, ledger: Ledger): IndexedSession {
  const answers = Object.values(ledger.answers);
  const attendance = Object.values(ledger.attendance);
  return {
    startsAt: session.startsAt,
    place: session.place,
    topic: session.topic,
    status: session.status as Status,
    participants: session.participants.map(String),
    kecamatan: [...new Set(ledger.kecamatan ?? [])].sort(),
    yes: answers.filter((answer) => answer === 'attend').length,
    no: answers.filter((answer) => answer !== 'attend').length,
    present: attendance.length > 0 ? attendance.filter(Boolean).length : null,
  };
}

/**
 * A mentor's sessions change one at a time: answers to one invitation arrive together and all change
 * the mentor's one index document, which FerretDB updates by reading and writing it back.
 */
const INDEX_LEASE = { ttlMs: 10_000, patienceMs: 10_000 };

/** What changed of a session: its own fields only, its invitees, an answer, answers gone, attendance. */
export type SessionFact =
  | { kind: 'session' }
  | { kind: 'invitees' }
  | { kind: 'answer'; participant: Id; answer: Answer }
  | { kind: 'answers_cleared' }
  | { kind: 'attendance'; present: Record<string, boolean> };

/**
 * Brings the session's ledger and its entry in its mentor's index up to date after `fact`: the
 * session is read again by `_id`, so the entry shows what the session holds now. When its invitees
 * changed (or the ledger has never been written) their kecamatan are read, each by `_id`.
 */
export async function indexSessionFact(models: Models, sessionId: Id, fact: SessionFact, now: Date) {
  const session = await models.mentoringSessions.findById(sessionId).lean();
  if (!session) return;
  const mentor = String(session.mentor);
  await writeUnderLease(models, `session-index:${mentor}`, now, INDEX_LEASE, async () => {
    const ledger = await writeLedger(models, session, fact);
    await models.sessionIndex.updateOne(
      { _id: mentor },
      { $set: { [`entries.${String(session._id)}`]: indexedSessionOf(session, ledger) } },
      { upsert: true },
    );
  });
}

/** The session's ledger after `fact`, written by `_id`. */
async function writeLedger(models: Models, session: StoredSession, fact: SessionFact): Promise<Ledger> {
  const id = String(session._id);
  const change: Record<string, unknown> =
    fact.kind === 'answer'
      ? { [`answers.${String(fact.participant)}`]: fact.answer }
      : fact.kind === 'answers_cleared'
        ? { answers: {} }
        : fact.kind === 'attendance'
          ? { attendance: fact.present }
          : {};
  const stored = await models.sessionLedgers.findById(id, { kecamatan: 1 }).lean<Ledger>();
  if (fact.kind === 'invitees' || !stored?.kecamatan) {
    change.kecamatan = await kecamatanOf(models, session.participants);
  }
  const ledger =
    Object.keys(change).length > 0
      ? await models.sessionLedgers
          .findOneAndUpdate({ _id: id }, { $set: change }, { upsert: true, returnDocument: 'after' })
          .lean<Ledger>()
      : await models.sessionLedgers.findById(id).lean<Ledger>();
  return {
    answers: ledger?.answers ?? {},
    attendance: ledger?.attendance ?? {},
    kecamatan: ledger?.kecamatan,
  };
}

/** The kecamatan the invitees live in, each read by `_id`. */
async function kecamatanOf(models: Models, participants: readonly Types.ObjectId[]): Promise<string[]> {
  const people = await Promise.all(
    participants.map((participant) => models.participants.findById(participant, { kecamatan: 1 }).lean()),
  );
  return [...new Set(people.flatMap((person) => (person ? [person.kecamatan] : [])))].sort();
}

/** The sessions of these mentors from their indexes: one read by `_id` a mentor. */
export async function readMentorSessions(models: Models, mentors: readonly Id[]): Promise<ListedSession[]> {
  const indexes = await Promise.all(
    mentors.map((mentor) => models.sessionIndex.findById(String(mentor)).lean()),
  );
  return indexes.flatMap((index) =>
    index
      ? Object.entries(index.entries as Record<string, IndexedSession>).map(([id, entry]) => ({
          ...entry,
          startsAt: new Date(entry.startsAt),
          id,
          mentor: index._id,
        }))
      : [],
  );
}

/** A session's answers and attendance by participant id, read by `_id`. */
export async function readSessionLedger(models: Models, sessionId: Id): Promise<Ledger> {
  const ledger = await models.sessionLedgers.findById(String(sessionId)).lean<Ledger>();
  return {
    answers: ledger?.answers ?? {},
    attendance: ledger?.attendance ?? {},
    kecamatan: ledger?.kecamatan,
  };
}

/**
 * Builds every session's ledger and every mentor's index again from the sessions, answers,
 * attendance and participants, reading each collection once: for a database made before the
 * indexes, or sessions written around the service (a seed). Removes indexes of mentors without
 * sessions. Returns how many sessions it indexed.
 */
export async function rebuildSessionIndex(models: Models): Promise<number> {
  const [sessions, answers, attendance, people] = await Promise.all([
    models.mentoringSessions.find({}).lean(),
    models.sessionResponses.find({}, { session: 1, participant: 1, answer: 1 }).lean(),
    models.sessionAttendance.find({}, { session: 1, participant: 1, present: 1 }).lean(),
    models.participants.find({}, { kecamatan: 1 }).lean(),
  ]);
  const kecamatanOfPerson = new Map(people.map((person) => [String(person._id), person.kecamatan]));
  const ledgers = new Map<string, Ledger>();
  const ledgerOf = (session: Types.ObjectId) => {
    const key = String(session);
    const ledger = ledgers.get(key) ?? { answers: {}, attendance: {} };
    ledgers.set(key, ledger);
    return ledger;
  };
  for (const answer of answers) ledgerOf(answer.session).answers[String(answer.participant)] = answer.answer;
  for (const entry of attendance)
    ledgerOf(entry.session).attendance[String(entry.participant)] = entry.present;
  const byMentor = new Map<string, Record<string, IndexedSession>>();
  for (const session of sessions) {
    const ledger = ledgerOf(session._id);
    ledger.kecamatan = [
      ...new Set(session.participants.flatMap((id) => kecamatanOfPerson.get(String(id)) ?? [])),
    ].sort();
    const entries = byMentor.get(String(session.mentor)) ?? {};
    entries[String(session._id)] = indexedSessionOf(session, ledger);
    byMentor.set(String(session.mentor), entries);
  }
  const known = new Set(sessions.map((session) => String(session._id)));
  for (const [id, ledger] of ledgers) {
    if (!known.has(id)) continue;
    await models.sessionLedgers.replaceOne({ _id: id }, { _id: id, ...ledger }, { upsert: true });
  }
  for (const [mentor, entries] of byMentor) {
    await underLease(models, `session-index:${mentor}`, new Date(), INDEX_LEASE, () =>
      models.sessionIndex.replaceOne({ _id: mentor }, { _id: mentor, entries }, { upsert: true }),
    );
  }
  const stored = await models.sessionIndex.find({}, { _id: 1 }).lean();
  const gone = stored.map((index) => index._id).filter((mentor) => !byMentor.has(mentor));
  if (gone.length > 0) await models.sessionIndex.deleteMany({ _id: { $in: gone } });
  return sessions.length;
}
