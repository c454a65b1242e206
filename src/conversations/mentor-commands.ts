import { Types } from 'mongoose';
import type { Models } from '../db/models';
import { isoWeekOf, shiftIsoWeek } from '../domain/calendar';
import { digestActions, formatMentorDigest, gatherMentorFacts, rankDigest } from '../domain/digests';
import { sessionTime } from '../domain/sessions';
import type { OutboundMessage } from '../engine/messages';

const DIGEST_WORDS = /^\/?(ringkasan|rekap|summary|digest)\b/i;
const THIS_WEEK = /\b(minggu ini|this week|minggu ieu)\b/i;

const MENTOR_HELP = [
  'Halo, Bapak/Ibu pendamping. Ketik:',
  '- RINGKASAN: ringkasan peserta minggu lalu (RINGKASAN MINGGU INI untuk minggu berjalan)',
  '- SESI: jadwalkan pendampingan dan kirim undangan',
  '- JADWAL: sesi yang akan datang dan jawaban peserta',
  '- HADIR: catat kehadiran sesi terakhir',
  '- INGATKAN <nama>: kirim pengingat lapor ke peserta; KUNJUNGI <nama>: rencanakan kunjungan',
  'Hello, mentor. Type SUMMARY for your digest, SESI to plan a session, JADWAL for the sessions to come, HADIR to record attendance.',
].join('\n');

const SCHEDULE_WORDS = /^\/?(jadwal|schedule|sesi saya)$/i;

/** What a mentor can ask in chat: their digest on demand (`/ringkasan`); anything else gets the help text. */
export async function answerMentor(
  models: Models,
  mentorId: string,
  text: string | undefined,
  now: Date,
  timeZone: string,
): Promise<OutboundMessage[]> {
  if (text && SCHEDULE_WORDS.test(text.trim())) {
    return [{ text: await upcomingSessions(models, new Types.ObjectId(mentorId), now, timeZone) }];
  }
  if (!text || !DIGEST_WORDS.test(text.trim())) return [{ text: MENTOR_HELP }];
  const current = isoWeekOf(now, timeZone);
  const week = THIS_WEEK.test(text) ? current : shiftIsoWeek(current, -1);
  const rows = rankDigest(
    await gatherMentorFacts(models, new Types.ObjectId(mentorId), week, now),
    week,
    now,
  );
  const actions = digestActions(rows);
  return [
    { text: formatMentorDigest(rows, week, 'id'), ...(actions.length > 0 ? { choices: actions } : {}) },
  ];
}

/** The mentor's sessions of the next 30 days, each with how its participants answered. */
async function upcomingSessions(
  models: Models,
  mentorId: Types.ObjectId,
  now: Date,
  timeZone: string,
): Promise<string> {
  const sessions = await models.mentoringSessions
    .find({
      mentor: mentorId,
      status: 'planned',
      startsAt: { $gte: now, $lte: new Date(now.getTime() + 30 * 86_400_000) },
    })
    .sort({ startsAt: 1 })
    .lean();
  if (sessions.length === 0)
    return 'Tidak ada sesi pendampingan dalam 30 hari ke depan. Ketik SESI untuk menjadwalkan.';
  const responses = await models.sessionResponses
    .find({ session: { $in: sessions.map((session) => session._id) } }, { session: 1, answer: 1 })
    .lean();
  const lines = sessions.map((session) => {
    const answers = responses.filter((response) => response.session.equals(session._id));
    const count = (answer: string) => answers.filter((response) => response.answer === answer).length;
    return `- ${sessionTime(session.startsAt, 'id', timeZone)} · ${session.topic} · ${session.place}: ${session.participants.length} diundang, ${count('attend')} akan hadir, ${count('decline')} tidak bisa, ${count('reschedule')} minta jadwal lain`;
  });
  return ['Sesi pendampingan yang akan datang:', ...lines].join('\n');
}
