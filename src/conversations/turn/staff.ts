import { answerByQuoting } from '../handover';
import { answerStaff } from '../staff-commands';
import type { TurnHandler } from './chain';

/**
 * Puskesos staff: their commands and replies to complaint posts. A reply quoting a request for a
 * person is taken here from mentors too, before anything else they may mean.
 */
export const staff: TurnHandler = {
  name: 'staff',
  flows: [],
  actions: [],
  async handle(turn, next) {
    const { person, inbound, context, desk } = turn;
    if (person.kind !== 'staff' && person.kind !== 'mentor') return next();
    const quoting = await answerByQuoting(desk.models, person, inbound, context.now);
    if (quoting) {
      turn.state.replies.push(...quoting);
      return;
    }
    if (person.kind !== 'staff') return next();
    const { models, complaints, logger } = desk;
    turn.state.replies.push(
      ...(await answerStaff(
        { models, settings: complaints, logger },
        person.id,
        inbound,
        context.now,
        (notices) => turn.state.notices.push(...notices),
      )),
    );
  },
};
