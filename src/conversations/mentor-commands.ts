import { Types } from 'mongoose';
import type { Models } from '../db/models';
import { isoWeekOf, shiftIsoWeek } from '../domain/calendar';
import { formatMentorDigest, gatherMentorFacts, rankDigest } from '../domain/digests';
import type { OutboundMessage } from '../engine/messages';

const DIGEST_WORDS = /^\/?(ringkasan|rekap|summary|digest)\b/i;
const THIS_WEEK = /\b(minggu ini|this week|minggu ieu)\b/i;

const MENTOR_HELP =
  'Halo, Bapak/Ibu pendamping. Ketik RINGKASAN untuk ringkasan peserta minggu lalu, atau RINGKASAN MINGGU INI untuk minggu berjalan.\n' +
  'Hello, mentor. Type SUMMARY for last week’s digest of your participants, or SUMMARY THIS WEEK for the current week.';

/** What a mentor can ask in chat: their digest on demand (`/ringkasan`); anything else gets the help text. */
export async function answerMentor(
  models: Models,
  mentorId: string,
  text: string | undefined,
  now: Date,
  timeZone: string,
): Promise<OutboundMessage[]> {
  if (!text || !DIGEST_WORDS.test(text.trim())) return [{ text: MENTOR_HELP }];
  const current = isoWeekOf(now, timeZone);
  const week = THIS_WEEK.test(text) ? current : shiftIsoWeek(current, -1);
  const rows = rankDigest(
    await gatherMentorFacts(models, new Types.ObjectId(mentorId), week, now),
    week,
    now,
  );
  return [{ text: formatMentorDigest(rows, week, 'id') }];
}
