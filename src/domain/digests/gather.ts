import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { shiftIsoWeek } from '../calendar';
import type { ProgramFacts } from './program';
import type { ParticipantFacts } from './rank';
import { OPEN_STATUSES } from '../complaints/lifecycle';

/** Weeks of history a digest looks at: the four-week average needs four, silences and streaks more. */
const DIGEST_WEEKS = 12;

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
    models.weeklyReports
      .find(
        { participant: { $in: ids }, week: { $gte: shiftIsoWeek(week, -DIGEST_WEEKS), $lte: week } },
        { participant: 1, week: 1, sales: 1, savingsDeposit: 1, savingsWithdrawal: 1, savingsBalance: 1 },
      )
      .lean(),
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
      .sort({ startsAt: 1 })
      .lean(),
  ]);
  return participants.map((participant) => {
    const id = String(participant._id);
    const nextSession = sessions.find((session) =>
      session.participants.some((attendee) => String(attendee) === id),
    );
    return {
      participantId: id,
      name: participant.name,
      desa: participant.desa,
      reports: reports
        .filter((report) => String(report.participant) === id)
        .map(({ week: reportWeek, sales, savingsDeposit, savingsWithdrawal, savingsBalance }) => ({
          week: reportWeek,
          sales,
          savingsDeposit,
          savingsWithdrawal,
          savingsBalance,
        })),
      openComplaints: complaints
        .filter((complaint) => String(complaint.participant) === id)
        .map((complaint) => ({ number: complaint.number, dueAt: complaint.dueAt ?? undefined })),
      nextSession: nextSession?.startsAt,
    };
  });
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
