import { startFlow } from '../../engine/conversation/step';
import { complainantUpdateText } from '../../domain/complaints';
import type { TurnHandler } from './chain';

/** Flows that news of a complaint may replace: nothing is lost by leaving them. */
const NEWS_REPLACES = new Set(['menu', 'complaint-reply']);

/**
 * News of the person's complaint: said in their language; a staff reply then waits for their answer,
 * and an answered complaint asks for their rating, unless they are in the middle of another flow.
 */
export const complaintNews: TurnHandler = {
  name: 'complaint news',
  flows: ['complaint-reply', 'complaint-rating'],
  actions: ['relay_complaint_message', 'rate_complaint'],
  async handle(turn, next) {
    const update = turn.inbound.complaintUpdate;
    if (!update) return next();
    const { person, context, state } = turn;
    context.language = person.kind === 'participant' ? person.language : update.language;
    state.replies.push({ text: complainantUpdateText(update, context.language) });
    const following =
      update.status === 'answered' ? 'complaint-rating' : update.text ? 'complaint-reply' : undefined;
    const flow = following && turn.desk.flows.get(following);
    // Waiting for an answer to the staff, or at the menu, is no flow to keep: newer news replaces it.
    // A rating asked in the middle of a report waits for the report to end.
    if (!flow) return;
    if (state.flow && !NEWS_REPLACES.has(state.flow.flowId)) {
      if (following === 'complaint-rating') state.pendingRating = update.number;
      return;
    }
    await turn.follow(startFlow(flow, context, { complaint: update.number }));
  },
};
