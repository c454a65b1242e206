import { Types } from 'mongoose';
import type { Models } from '../db/models';
import { isoWeekOf, shiftIsoWeek } from '../domain/calendar';
import { digestActions, formatMentorDigest, gatherMentorFacts, rankDigest } from '../domain/digests';
import { sessionTime } from '../domain/sessions';
import type { Language } from '../domain/program';
import type { OutboundMessage } from '../engine/messages';
import { inLanguage, type LocalizedText } from '../engine/text';

const DIGEST_WORDS = /^\/?(ringkasan|rekap|summary|digest)\b/i;
const THIS_WEEK = /\b(minggu ini|this week|minggu ieu)\b/i;

/** What mentors read in chat outside their flows, in their language (Sundanese reads Indonesian). */
const MENTOR_TEXTS = {
  help: {
    id: [
      'Halo, Bapak/Ibu pendamping. Ketik:',
      '- RINGKASAN: ringkasan peserta minggu lalu (RINGKASAN MINGGU INI untuk minggu berjalan)',
      '- SESI: jadwalkan pendampingan dan kirim undangan',
      '- JADWAL: sesi yang akan datang dan jawaban peserta',
      '- HADIR: catat kehadiran sesi terakhir',
      '- INGATKAN <nama>: kirim pengingat lapor ke peserta; KUNJUNGI <nama>: rencanakan kunjungan',
      'Hello, mentor. Type BAHASA EN for English.',
    ].join('\n'),
    en: [
      'Hello, mentor. Type:',
      "- SUMMARY: last week's digest of your participants (SUMMARY THIS WEEK for the current week)",
      '- SESI: plan a mentoring session and send the invitations',
      '- JADWAL: the sessions to come and how participants answered',
      '- HADIR: record attendance of the latest session',
      '- REMIND <name>: send a participant a reminder to report; VISIT <name>: plan a visit',
      'Ketik BAHASA ID untuk Bahasa Indonesia.',
    ].join('\n'),
  },
  languageSet: {
    id: 'Baik, Bapak/Ibu: pesan untuk Bapak/Ibu kini dalam Bahasa Indonesia.',
    en: 'All right: messages to you are now in English.',
    su: 'Muhun, Bapak/Ibu: pesen kanggo Bapak/Ibu ayeuna dina basa Sunda, upami aya.',
  },
  noSessions: {
    id: 'Tidak ada sesi pendampingan dalam 30 hari ke depan. Ketik SESI untuk menjadwalkan.',
    en: 'No mentoring sessions in the next 30 days. Type SESI to plan one.',
  },
  sessionsHeading: { id: 'Sesi pendampingan yang akan datang:', en: 'Mentoring sessions to come:' },
} satisfies Record<string, LocalizedText>;

const sessionAnswers = (invited: number, attend: number, decline: number, reschedule: number) => ({
  id: `${invited} diundang, ${attend} akan hadir, ${decline} tidak bisa, ${reschedule} minta jadwal lain`,
  en: `${invited} invited, ${attend} coming, ${decline} cannot come, ${reschedule} asked for another date`,
});

const SCHEDULE_WORDS = /^\/?(jadwal|schedule|sesi saya)$/i;
const LANGUAGE_WORDS = /^\/?(bahasa|language|basa)\s+(id|indonesia|en|english|inggris|su|sunda)$/i;

/** The language a mentor asked for with `BAHASA EN`, `/bahasa id`, `LANGUAGE SU`... */
function languageAsked(text: string): Language | undefined {
  const word = LANGUAGE_WORDS.exec(text)?.[2]?.toLowerCase();
  if (!word) return undefined;
  return word.startsWith('en') || word === 'inggris' ? 'en' : word.startsWith('su') ? 'su' : 'id';
}

/**
 * What a mentor can ask in chat: their digest on demand (`/ringkasan`), their sessions (`JADWAL`),
 * another language (`BAHASA EN`); anything else gets the help text. All in the mentor's language.
 */
export async function answerMentor(
  models: Models,
  mentorId: string,
  text: string | undefined,
  now: Date,
  timeZone: string,
  language: Language,
): Promise<OutboundMessage[]> {
  const typed = text?.trim() ?? '';
  const asked = languageAsked(typed);
  if (asked) {
    await models.mentors.updateOne({ _id: mentorId }, { $set: { language: asked } });
    return [{ text: inLanguage(MENTOR_TEXTS.languageSet, asked) }];
  }
  if (SCHEDULE_WORDS.test(typed)) {
    return [{ text: await upcomingSessions(models, new Types.ObjectId(mentorId), now, timeZone, language) }];
  }
  if (!DIGEST_WORDS.test(typed)) return [{ text: inLanguage(MENTOR_TEXTS.help, language) }];
  const current = isoWeekOf(now, timeZone);
  const week = THIS_WEEK.test(typed) ? current : shiftIsoWeek(current, -1);
  const rows = rankDigest(
    await gatherMentorFacts(models, new Types.ObjectId(mentorId), week, now),
    week,
    now,
  );
  const actions = digestActions(rows, language);
  return [
    { text: formatMentorDigest(rows, week, language), ...(actions.length > 0 ? { choices: actions } : {}) },
  ];
}

/** The mentor's sessions of the next 30 days, each with how its participants answered. */
async function upcomingSessions(
  models: Models,
  mentorId: Types.ObjectId,
  now: Date,
  timeZone: string,
  language: Language,
): Promise<string> {
  const sessions = await models.mentoringSessions
    .find({
      mentor: mentorId,
      status: 'planned',
      startsAt: { $gte: now, $lte: new Date(now.getTime() + 30 * 86_400_000) },
    })
    .sort({ startsAt: 1 })
    .lean();
  if (sessions.length === 0) return inLanguage(MENTOR_TEXTS.noSessions, language);
  const responses = await models.sessionResponses
    .find({ session: { $in: sessions.map((session) => session._id) } }, { session: 1, answer: 1 })
    .lean();
  const lines = sessions.map((session) => {
    const answers = responses.filter((response) => response.session.equals(session._id));
    const count = (answer: string) => answers.filter((response) => response.answer === answer).length;
    const answered = sessionAnswers(
      session.participants.length,
      count('attend'),
      count('decline'),
      count('reschedule'),
    );
    return `- ${sessionTime(session.startsAt, language, timeZone)} · ${session.topic} · ${session.place}: ${inLanguage(answered, language)}`;
  });
  return [inLanguage(MENTOR_TEXTS.sessionsHeading, language), ...lines].join('\n');
}
