import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import type { Cluster } from '../program';
import { shiftIsoWeek } from '../calendar';
import type { ProgramFacts } from './program';
import type { ParticipantFacts } from './rank';
import { OPEN_STATUSES } from '../complaints/lifecycle';

/** Weeks of history a digest looks at: the four-week average needs four, silences and streaks more. */
const DIGEST_WEEKS = 12;

const REPORT_FIELDS = {
  participant: 1,
  week: 1,
  sales: 1,
  savingsDeposit: 1,
  savingsWithdrawal: 1,
  savingsBalance: 1,
} as const;

interface ReportRecord {
  participant: Types.ObjectId;
  week: string;
  sales: number;
  savingsDeposit: number;
  savingsWithdrawal: number;
  savingsBalance: number;
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

const reportWeeks = (week: string) => ({ $gte: shiftIsoWeek(week, -DIGEST_WEEKS), $lte: week });

/**
 * The facts of every active participant a mentor follows, in four queries whatever the group's size
 * (no $lookup, which FerretDB 1.24 lacks): participants, their reports, open complaints, sessions.
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
  const [reports, complaints, sessions] = await Promise.all([
    models.weeklyReports.find({ participant: { $in: ids }, week: reportWeeks(week) }, REPORT_FIELDS).lean(),
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
  return factsOf(participants, reports, complaints, sessions);
}

/** A week's digests for every mentor at once: each mentor's participants' facts, and the program's. */
export interface DigestWeek {
  byMentor: Map<string, ParticipantFacts[]>;
  program: ProgramFacts;
}

/**
 * What every mentor's digest and the program digest of `week` need, reading each collection once
 * (participants, reports, open complaints, sessions) and grouping in memory, so that a run costs the
 * same number of queries for 1,000 mentors as for one.
 */
export async function gatherDigestWeek(
  models: Models,
  week: string,
  weekStart: Date,
  weekEnd: Date,
  now: Date,
): Promise<DigestWeek> {
  const [participants, reports, complaints, sessions] = await Promise.all([
    models.participants
      .find({ status: 'active' }, { name: 1, desa: 1, kecamatan: 1, cluster: 1, mentors: 1 })
      .lean(),
    models.weeklyReports.find({ week: reportWeeks(week) }, REPORT_FIELDS).lean(),
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
  const groups = new Map<string, typeof participants>();
  for (const participant of participants)
    for (const mentor of new Set([participant.mentors?.mibi, participant.mentors?.tksk])) {
      if (!mentor) continue;
      const group = groups.get(String(mentor)) ?? [];
      group.push(participant);
      groups.set(String(mentor), group);
    }
  const upcoming = sessions.filter((session) => session.status === 'planned' && session.startsAt >= now);
  const byMentor = new Map(
    [...groups].map(([mentor, group]) => [mentor, factsOf(group, reports, complaints, upcoming)]),
  );
  return {
    byMentor,
    program: programFactsOf(
      participants,
      reports.filter((report) => report.week === week),
      sessions.filter((session) => session.startsAt >= weekStart && session.startsAt < weekEnd).length,
    ),
  };
}

/**
 * Groups reports, open complaints and sessions under the participants they concern (the rest are
 * left out): the participants' facts, each with their next session.
 */
function factsOf(
  participants: { _id: Types.ObjectId; name: string; desa: string }[],
  reports: ReportRecord[],
  complaints: ComplaintRecord[],
  sessions: SessionRecord[],
): ParticipantFacts[] {
  const facts = new Map<string, ParticipantFacts>(
    participants.map((participant) => [
      String(participant._id),
      {
        participantId: String(participant._id),
        name: participant.name,
        desa: participant.desa,
        reports: [],
        openComplaints: [],
        nextSession: undefined,
      },
    ]),
  );
  for (const { participant, week, sales, savingsDeposit, savingsWithdrawal, savingsBalance } of reports)
    facts
      .get(String(participant))
      ?.reports.push({ week, sales, savingsDeposit, savingsWithdrawal, savingsBalance });
  for (const complaint of complaints)
    facts
      .get(String(complaint.participant))
      ?.openComplaints.push({ number: complaint.number, dueAt: complaint.dueAt ?? undefined });
  for (const session of sessions)
    for (const attendee of session.participants) {
      const fact = facts.get(String(attendee));
      if (fact && (!fact.nextSession || session.startsAt < fact.nextSession))
        fact.nextSession = session.startsAt;
    }
  return [...facts.values()];
}

function programFactsOf(
  participants: { _id: Types.ObjectId; kecamatan: string; cluster: Cluster }[],
  reports: { participant: Types.ObjectId; sales: number; savingsDeposit: number }[],
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
    models.weeklyReports.find({ week }, { participant: 1, sales: 1, savingsDeposit: 1 }).lean(),
    models.mentoringSessions.countDocuments({
      status: { $in: ['planned', 'done'] },
      startsAt: { $gte: weekStart, $lt: weekEnd },
    }),
  ]);
  return programFactsOf(participants, reports, sessionsHeld);
}
