import { Types } from 'mongoose';
import type { Models } from '../db/models';
import { isoWeekOf, shiftIsoWeek } from '../domain/calendar';
import { digestActions, formatMentorDigest, gatherMentorFacts, rankDigest } from '../domain/digests';
import { sessionTime } from '../domain/sessions';
import type { Language } from '../domain/program';
import type { OutboundMessage } from '../engine/messages';
import { say } from '../i18n';

const DIGEST_WORDS = /^\/?(ringkasan|rekap|summary|digest)\b/i;
const THIS_WEEK = /\b(minggu ini|this week|minggu ieu)\b/i;

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
    return [{ text: say('mentor.languageSet', asked) }];
  }
  if (SCHEDULE_WORDS.test(typed)) {
    return [{ text: await upcomingSessions(models, new Types.ObjectId(mentorId), now, timeZone, language) }];
  }
  if (!DIGEST_WORDS.test(typed)) return [{ text: say('mentor.help', language) }];
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
  if (sessions.length === 0) return say('mentor.noSessions', language);
  const responses = await models.sessionResponses
    .find({ session: { $in: sessions.map((session) => session._id) } }, { session: 1, answer: 1 })
    .lean();
  const lines = sessions.map((session) => {
    const answers = responses.filter((response) => response.session.equals(session._id));
    const count = (answer: string) => answers.filter((response) => response.answer === answer).length;
    const answered = say('mentor.sessionAnswers', language, {
      invited: session.participants.length,
      attend: count('attend'),
      decline: count('decline'),
      reschedule: count('reschedule'),
    });
    return `- ${sessionTime(session.startsAt, language, timeZone)} · ${session.topic} · ${session.place}: ${answered}`;
  });
  return [say('mentor.sessionsHeading', language), ...lines].join('\n');
}
