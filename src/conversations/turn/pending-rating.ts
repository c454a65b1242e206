import { startFlow } from '../../engine/conversation/step';
import type { TurnHandler } from './chain';

/**
 * Around the rest of the chain: a complaint's rating that waited for the flow in hand (news of its
 * answer came in the middle of a report) is asked as soon as nothing else is.
 */
export const pendingRating: TurnHandler = {
  name: 'pending rating',
  flows: ['complaint-rating'],
  actions: ['rate_complaint'],
  async handle(turn, next) {
    await next();
    const { state, desk } = turn;
    const rating = desk.flows.get('complaint-rating');
    if (!state.pendingRating || state.flow || state.handoff || !rating) return;
    const complaint = state.pendingRating;
    state.pendingRating = undefined;
    await turn.follow(startFlow(rating, turn.context, { complaint }));
  },
};
