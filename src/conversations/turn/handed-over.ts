import { whileHandedOver } from '../handover';
import type { TurnHandler } from './chain';

/** While a chat waits for a person, what its participant or resident writes goes to that person. */
export const handedOver: TurnHandler = {
  name: 'handed over',
  flows: [],
  actions: [],
  async handle(turn, next) {
    const { person } = turn;
    if (!turn.state.handoff || (person.kind !== 'participant' && person.kind !== 'unknown')) return next();
    const held = await whileHandedOver(turn.handoverChat());
    turn.handedOver(held);
    if (!held.handled) await next();
  },
};
