import { isoWeekOf } from '../../domain/calendar';
import { reportingStreak } from '../../domain/reports/progress';
import { formatIsoWeek, formatRupiah } from '../../domain/display';
import { inLanguage } from '../../engine/text';
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
    return say(
      {
        id: 'Belum ada laporan. Pilih "Laporan mingguan" di menu untuk mengirim yang pertama.',
        en: 'No reports yet. Choose "Weekly report" in the menu to send the first one.',
        su: 'Teu acan aya laporan. Pilih "Laporan mingguan" dina menu kanggo ngintunkeun nu munggaran.',
      },
      language,
    );
  }
  const rows = reports.map(
    (report) =>
      `${formatIsoWeek(report.week, language)}: ${formatRupiah(report.sales)} / ${formatRupiah(report.savingsDeposit)}`,
  );
  const total = reports[0]?.savingsBalance ?? 0;
  const streak = reportingStreak(reports, isoWeekOf(now, timeZone));
  return say(
    {
      id: `Omzet / tabungan 4 minggu terakhir:\n${rows.join('\n')}\nTotal tabungan: ${formatRupiah(total)}\nMelapor berturut-turut: ${streak} minggu`,
      en: `Sales / savings, last 4 weeks:\n${rows.join('\n')}\nSavings total: ${formatRupiah(total)}\nReporting streak: ${streak} weeks`,
      su: `Omzet / tabungan 4 minggu pamungkas:\n${rows.join('\n')}\nJumlah tabungan: ${formatRupiah(total)}\nNgalaporkeun berturut-turut: ${streak} minggu`,
    },
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
    return {
      ...say(
        {
          id: 'Belum ada jadwal pendampingan. Pendamping akan mengabari Bapak/Ibu.',
          en: 'No mentoring session is planned yet. Your mentor will let you know.',
          su: 'Teu acan aya jadwal pendampingan. Pendamping badé ngabéjaan Bapak/Ibu.',
        },
        language,
      ),
      outputs: { has_session: false },
    };
  }
  const rows = sessions
    .map(
      (session) =>
        `- ${sessionTime(session.startsAt, language, timeZone)}, ${session.place}: ${session.topic}`,
    )
    .join('\n');
  return {
    ...say(
      {
        id: `Jadwal pendampingan:\n${rows}`,
        en: `Mentoring sessions:\n${rows}`,
        su: `Jadwal pendampingan:\n${rows}`,
      },
      language,
    ),
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
    return say(
      {
        id: 'Data pendamping Bapak/Ibu belum tercatat. Ketik BANTUAN untuk dihubungkan dengan petugas.',
        en: 'Your mentors are not recorded yet. Type BANTUAN to be put in touch with staff.',
        su: 'Data pendamping Bapak/Ibu teu acan kacatet. Serat BANTUAN kanggo dihubungkeun sareng petugas.',
      },
      language,
    );
  }
  // Participants may call their own mentors; the number is shown whole to them, never in logs.
  const rows = mentors
    .map((mentor) => `${mentor.type}: ${mentor.name}, ${mentor.phone.replace(/^\+62/, '0')}`)
    .join('\n');
  return {
    messages: [
      {
        text: `${inLanguage({ id: 'Pendamping Bapak/Ibu:', en: 'Your mentors:', su: 'Pendamping Bapak/Ibu:' }, language)}\n${rows}`,
      },
    ],
    outputs: {},
  };
};
