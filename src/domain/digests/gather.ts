import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import type { Cluster } from '../program';
import { shiftIsoWeek } from '../calendar';
import type { ProgramFacts } from './program';
import type { ParticipantFacts } from './rank';
import type { WeekFigures } from '../reports/progress';
import type { Ledger } from '../reports/weekly-report-service';
import type { LedgerWeek } from '../../db/models/report-ledger';
import { OPEN_STATUSES } from '../complaints/lifecycle';
import { readWeekSummaries } from '../reports/week-summaries';

/** Weeks of history a digest looks at: the four-week average needs four, silences and streaks more. */
const DIGEST_WEEKS = 12;

interface ReportRecord extends LedgerWeek {
  /** The participant's id, as their ledger's key. */
  participant: string;
  week: string;
}

interface ComplaintRecord {
  participant?: Types.ObjectId | null;
  number: string;
  dueAt?: Date | null;
}

interface SessionRecord {
  participants: Types.ObjectId[];
  startsAt: Date;
}

/**
 * The reports of the weeks a digest of `week` looks at, from the participants' ledgers, which hold
 * every week's figures of one participant in one document: a digest reads one document a
 * participant, not one a report (12 times fewer, each of them read whole on FerretDB).
 */
function reportsInLedgers(ledgers: { _id: string; weeks?: unknown }[], week: string): ReportRecord[] {
  const first = shiftIsoWeek(week, -DIGEST_WEEKS);
  const reports: ReportRecord[] = [];
  for (const ledger of ledgers)
    for (const [reported, figures] of Object.entries((ledger.weeks ?? {}) as Ledger))
      // ISO weeks sort in calendar order as text.
      if (reported >= first && reported <= week)
        reports.push({ participant: ledger._id, week: reported, ...figures });
  return reports;
}

/**
 * The facts of every active participant a mentor follows (no $lookup, which FerretDB 1.24 lacks):
 * the participants, open complaints and sessions in one query each, and each participant's ledger
 * by `_id`.
 */
export async function gatherMentorFacts(
  models: Models,
  mentorId: Types.ObjectId,
  week: string,
  now: Date,
): Promise<ParticipantFacts[]> {
  const participants = await models.participants
    .find(
      { status: 'active', $or: [{ 'mentors.mibi': mentorId }, { 'mentors.tksk': mentorId }] },
      { name: 1, desa: 1 },
    )
    .lean();
  const ids = participants.map((participant) => participant._id);
  const [ledgers, complaints, sessions] = await Promise.all([
    Promise.all(ids.map((id) => models.reportLedgers.findById(String(id), { weeks: 1 }).lean())),
    models.complaints
      .find(
        { participant: { $in: ids }, status: { $in: [...OPEN_STATUSES] } },
        { participant: 1, number: 1, dueAt: 1 },
      )
      .lean(),
    models.mentoringSessions
      .find(
        { participants: { $in: ids }, status: 'planned', startsAt: { $gte: now } },
        { participants: 1, startsAt: 1 },
      )
      .lean(),
  ]);
  const reports = reportsInLedgers(
    ledgers.filter((ledger) => ledger !== null),
    week,
  );
  return factsOf(participants, recordsByParticipant(reports, complaints, sessions));
}

/** A week's digests for every mentor at once: each mentor's participants' facts, and the program's. */
export interface DigestWeek {
  byMentor: Map<string, ParticipantFacts[]>;
  program: ProgramFacts;
}

/**
 * What every mentor's digest and the program digest of `week` need, reading each collection once
 * (participants, report ledgers, open complaints, sessions) and grouping in memory, so that a run
 * costs the same number of queries for 1,000 mentors as for one.
 */
export async function gatherDigestWeek(
  models: Models,
  week: string,
  weekStart: Date,
  weekEnd: Date,
  now: Date,
): Promise<DigestWeek> {
  const [participants, ledgers, complaints, sessions] = await Promise.all([
    models.participants
      .find({ status: 'active' }, { name: 1, desa: 1, kecamatan: 1, cluster: 1, mentors: 1 })
      .lean(),
    models.reportLedgers.find({}, { weeks: 1 }).lean(),
    models.complaints
      .find({ status: { $in: [...OPEN_STATUSES] } }, { participant: 1, number: 1, dueAt: 1 })
      .lean(),
    // The mentors' upcoming sessions and the sessions held in the week, in one read.
    models.mentoringSessions
      .find(
        {
          status: { $in: ['planned', 'done'] },
          startsAt: { $gte: weekStart < now ? weekStart : now },
        },
        { participants: 1, startsAt: 1, status: 1 },
      )
      .lean(),
  ]);
  const reports = reportsInLedgers(ledgers, week);
  const groups = new Map<string, typeof participants>();
  for (const participant of participants)
    // By the id's text: two ObjectIds of one mentor (MiBi and TKSK at once) are two objects.
    for (const mentor of new Set(
      [participant.mentors?.mibi, participant.mentors?.tksk].flatMap((id) => (id ? [String(id)] : [])),
    )) {
      const group = groups.get(mentor) ?? [];
      group.push(participant);
      groups.set(mentor, group);
    }
  const upcoming = sessions.filter((session) => session.status === 'planned' && session.startsAt >= now);
  const records = recordsByParticipant(reports, complaints, upcoming);
  const byMentor = new Map([...groups].map(([mentor, group]) => [mentor, factsOf(group, records)]));
  return {
    byMentor,
    program: programFactsOf(
      participants,
      reports.filter((report) => report.week === week),
      sessions.filter((session) => session.startsAt >= weekStart && session.startsAt < weekEnd).length,
    ),
  };
}

/** What is known of each participant by their id, grouped once for however many digests use it. */
interface ParticipantRecords {
  reports: Map<string, WeekFigures[]>;
  openComplaints: Map<string, ParticipantFacts['openComplaints']>;
  nextSession: Map<string, Date>;
}

/**
 * Groups reports, open complaints and sessions under the participants they concern, in one pass over
 * each: every mentor's facts are then picked from the groups, never from the whole of them again.
 */
function recordsByParticipant(
  reports: ReportRecord[],
  complaints: ComplaintRecord[],
  sessions: SessionRecord[],
): ParticipantRecords {
  const records: ParticipantRecords = {
    reports: new Map(),
    openComplaints: new Map(),
    nextSession: new Map(),
  };
  const add = <T>(groups: Map<string, T[]>, key: string, item: T) => {
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  };
  for (const { participant, week, sales, savingsDeposit, savingsWithdrawal, savingsBalance } of reports)
    add(records.reports, String(participant), {
      week,
      sales,
      savingsDeposit,
      savingsWithdrawal,
      savingsBalance,
    });
  for (const complaint of complaints)
    add(records.openComplaints, String(complaint.participant), {
      number: complaint.number,
      dueAt: complaint.dueAt ?? undefined,
    });
  for (const session of sessions)
    for (const attendee of session.participants) {
      const next = records.nextSession.get(String(attendee));
      if (!next || session.startsAt < next) records.nextSession.set(String(attendee), session.startsAt);
    }
  return records;
}

/** The participants' facts, each with their reports, open complaints and next session. */
function factsOf(
  participants: { _id: Types.ObjectId; name: string; desa: string }[],
  records: ParticipantRecords,
): ParticipantFacts[] {
  return participants.map((participant) => {
    const id = String(participant._id);
    return {
      participantId: id,
      name: participant.name,
      desa: participant.desa,
      reports: records.reports.get(id) ?? [],
      openComplaints: records.openComplaints.get(id) ?? [],
      nextSession: records.nextSession.get(id),
    };
  });
}

function programFactsOf(
  participants: { _id: Types.ObjectId; kecamatan: string; cluster: Cluster }[],
  reports: { participant: Types.ObjectId | string; sales: number; savingsDeposit: number }[],
  sessionsHeld: number,
): ProgramFacts {
  return {
    participants: participants.map((participant) => ({
      id: String(participant._id),
      kecamatan: participant.kecamatan,
      cluster: participant.cluster,
    })),
    reports: reports.map((report) => ({
      participant: String(report.participant),
      sales: report.sales,
      savingsDeposit: report.savingsDeposit,
    })),
    sessionsHeld,
  };
}

/** The whole program's facts for a week, in three queries. */
export async function gatherProgramFacts(
  models: Models,
  week: string,
  weekStart: Date,
  weekEnd: Date,
): Promise<ProgramFacts> {
  const [participants, reports, sessionsHeld] = await Promise.all([
    models.participants.find({ status: 'active' }, { kecamatan: 1, cluster: 1 }).lean(),
    // The week's reports from its summary: one read by key, not a pass over every report.
    readWeekSummaries(models, [week]),
    models.mentoringSessions.countDocuments({
      status: { $in: ['planned', 'done'] },
      startsAt: { $gte: weekStart, $lt: weekEnd },
    }),
  ]);
  return programFactsOf(participants, reports, sessionsHeld);
}
