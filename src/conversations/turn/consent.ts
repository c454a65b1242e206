import type { TurnHandler } from './chain';

/**
 * A participant who has not agreed yet is asked first. Often the first message already is what they
 * came for (a report, a complaint): it is kept to be handled once they agree (`first-message.ts`),
 * and forgotten if they do not.
 */
export const consent: TurnHandler = {
  name: 'consent',
  flows: ['consent'],
  actions: [],
  async handle(turn, next) {
    const { person, inbound, state } = turn;
    if (person.kind !== 'participant' || person.consented || state.flow?.flowId === 'consent') return next();
    state.firstMessage = { text: inbound.text, choice: inbound.choice };
    await turn.follow(turn.begin('consent'));
  },
};
