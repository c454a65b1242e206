import { isoWeekOf } from '../../domain/calendar';
import { reportingStreak } from '../../domain/reports/progress';
import { formatIsoWeek, formatRupiah } from '../../domain/display';
import { text } from '../../i18n';
import { sessionTime } from '../../domain/sessions';
import { say, type ActionHandler, type ActionResult } from './types';

/** My progress: the last weeks' figures, the savings total and the streak. */
export const showProgress: ActionHandler = async (
  _answers,
  { models, participantId, language, now, timeZone },
) => {
  const reports = await models.weeklyReports
    .find(
      { participant: participantId },
      { week: 1, sales: 1, savingsDeposit: 1, savingsBalance: 1, savingsWithdrawal: 1, _id: 0 },
    )
    .sort({ week: -1 })
    .limit(4)
    .lean();
  if (reports.length === 0) {
    return say(text('report.noReports'), language);
  }
  const rows = reports.map(
    (report) =>
      `${formatIsoWeek(report.week, language)}: ${formatRupiah(report.sales)} / ${formatRupiah(report.savingsDeposit)}`,
  );
  const total = reports[0]?.savingsBalance ?? 0;
  const streak = reportingStreak(reports, isoWeekOf(now, timeZone));
  return say(
    text('report.progress', { rows: rows.join('\n'), total: formatRupiah(total), streak }),
    language,
  );
};

/** My mentoring schedule: the next planned sessions; the flow then asks about the first one. */
export const showSchedule: ActionHandler = async (
  _answers,
  { models, participantId, language, now, timeZone },
): Promise<ActionResult> => {
  const sessions = await models.mentoringSessions
    .find(
      { participants: participantId, status: 'planned', startsAt: { $gte: now } },
      { startsAt: 1, place: 1, topic: 1 },
    )
    .sort({ startsAt: 1 })
    .limit(3)
    .lean();
  const first = sessions[0];
  if (!first) {
    return { ...say(text('information.noSessions'), language), outputs: { has_session: false } };
  }
  const rows = sessions
    .map(
      (session) =>
        `- ${sessionTime(session.startsAt, language, timeZone)}, ${session.place}: ${session.topic}`,
    )
    .join('\n');
  return {
    ...say(text('information.sessions', { rows }), language),
    outputs: { has_session: true, next_session: String(first._id) },
  };
};

/** Contact my mentor: the MiBi's and TKSK's names and numbers, which participants may call. */
export const showMentors: ActionHandler = async (_answers, { models, participantId, language }) => {
  const participant = await models.participants.findById(participantId, { mentors: 1 }).lean();
  const ids = [participant?.mentors?.mibi, participant?.mentors?.tksk].filter(
    (id) => id !== undefined && id !== null,
  );
  // One read by `_id` each (two at most): a list of ids would be a search, not a keyed read.
  const found = await Promise.all(
    ids.map((id) => models.mentors.findById(id, { name: 1, phone: 1, type: 1 }).lean()),
  );
  const mentors = found.filter((mentor) => mentor !== null);
  if (mentors.length === 0) {
    return say(text('information.noMentors'), language);
  }
  // Participants may call their own mentors; the number is shown whole to them, never in logs.
  const rows = mentors
    .map((mentor) => `${mentor.type}: ${mentor.name}, ${mentor.phone.replace(/^\+62/, '0')}`)
    .join('\n');
  return say(text('information.mentors', { rows }), language);
};
