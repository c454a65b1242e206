import { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { queueOnce } from '../../db/outbox';
import { localDateOf } from '../calendar';
import { say, type Language } from '../../i18n';
import { chatTargetOf } from './reach';

export type NudgeOutcome = 'queued' | 'already_today' | 'not_yours' | 'stopped' | 'unreachable';

/**
 * A mentor's one-tap reminder to one of their participants (from the digest): in the participant's
 * language and signed by the mentor, at most once a day, and never to someone who said STOP.
 */
export async function nudgeFromMentor(
  models: Models,
  mentorId: string,
  participantId: string,
  at: { now: Date; dueAt: Date; timeZone: string },
  fallback?: 'simulator',
): Promise<{ outcome: NudgeOutcome; name?: string }> {
  const mentor = new Types.ObjectId(mentorId);
  const [participant, mentorRecord] = await Promise.all([
    models.participants
      .findOne(
        { _id: participantId, $or: [{ 'mentors.mibi': mentor }, { 'mentors.tksk': mentor }] },
        { name: 1, phone: 1, language: 1, channels: 1, remindersStoppedAt: 1 },
      )
      .lean(),
    models.mentors.findById(mentor, { name: 1 }).lean(),
  ]);
  if (!participant) return { outcome: 'not_yours' };
  const name = participant.name;
  if (participant.remindersStoppedAt) return { outcome: 'stopped', name };
  const target = chatTargetOf(participant, fallback);
  if (!target) return { outcome: 'unreachable', name };
  const first = name.trim().split(/\s+/)[0] ?? name;
  const language = participant.language as Language;
  const from = mentorRecord?.name ?? say('reminder.aMentor', language);
  const text = say('reminder.mentorNudge', language, { name: first, mentor: from });
  const { year, month, day } = localDateOf(at.now, at.timeZone);
  const queued = await queueOnce(models, {
    dedupeKey: `mentor-nudge:${participantId}:${year}-${month}-${day}`,
    ...target,
    message: { text },
    dueAt: at.dueAt,
  });
  return { outcome: queued ? 'queued' : 'already_today', name };
}
