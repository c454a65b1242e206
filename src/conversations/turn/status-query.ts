import { answerStatusQuery, statusQueryOf } from '../complaint-status';
import type { TurnHandler } from './chain';

/** "STATUS PGD-…": where a complaint stands, for the one who filed it (mentors file none). */
export const statusQuery: TurnHandler = {
  name: 'status query',
  flows: [],
  actions: [],
  async handle(turn, next) {
    const { person, inbound, context, desk } = turn;
    const query = statusQueryOf(inbound.text);
    if (!query || person.kind === 'mentor') return next();
    turn.state.replies.push(await answerStatusQuery(desk.models, query, person, inbound, context.language));
  },
};
