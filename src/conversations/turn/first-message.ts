import type { TurnHandler } from './chain';
import { menuChoice, reportShortcut } from './flow';
import { PARTICIPANT_ACTIONS, PARTICIPANT_FLOWS } from './participant-flows';

/**
 * Around the rest of the chain: once the participant has agreed, what they wrote before being asked
 * (`consent.ts`) answers the menu just shown after the thanks (a report, say).
 */
export const firstMessage: TurnHandler = {
  name: 'first message',
  flows: PARTICIPANT_FLOWS,
  actions: PARTICIPANT_ACTIONS,
  async handle(turn, next) {
    await next();
    const { person, inbound, state } = turn;
    if (!state.firstMessage || state.flow?.flowId === 'consent') return;
    const { question: _consentQuestion, ...answer } = inbound;
    const kept = { ...answer, text: state.firstMessage.text, choice: state.firstMessage.choice };
    state.firstMessage = undefined;
    const chosen =
      state.flow?.flowId === 'menu' && person.kind === 'participant'
        ? ((await reportShortcut(turn, person.id, kept)) ?? menuChoice(turn, kept))
        : undefined;
    if (!chosen) return;
    // The menu's question goes: what they wrote first answers it.
    state.replies.pop();
    await turn.follow(chosen, kept);
  },
};
