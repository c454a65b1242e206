import { Types } from 'mongoose';
import { recordSessionAnswer, type SessionAnswer } from '../../domain/sessions';
import { nothing, word, type ActionHandler } from './types';

const ANSWERS: readonly string[] = ['attend', 'decline', 'reschedule'] satisfies SessionAnswer[];

/**
 * Records whether the participant comes to their next session; the mentor hears of declines in chat
 * when they have a chat app (`mentor_told`), which decides what the participant is told.
 */
export const recordAttendanceAnswer: ActionHandler = async (answers, { models, participantId, now }) => {
  const session = word(answers.next_session);
  const answer = word(answers.session_answer);
  if (!Types.ObjectId.isValid(session) || !ANSWERS.includes(answer)) return nothing();
  const { mentorTold } = await recordSessionAnswer(
    models,
    new Types.ObjectId(session),
    new Types.ObjectId(participantId),
    answer as SessionAnswer,
    now,
  );
  return { messages: [], outputs: { mentor_told: mentorTold } };
};
