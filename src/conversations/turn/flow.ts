import { answerStep, goBack, startFlow, type StepOutcome } from '../../engine/conversation/step';
import type { InboundMessage } from '../../engine/messages';
import { inLanguage } from '../../i18n';
import { globalCommand } from '../commands';
import { reportShortcutOf } from '../report-shortcut';
import { flowOf, type TurnContext, type TurnHandler } from './chain';
import { PARTICIPANT_ACTIONS, PARTICIPANT_FLOWS } from './participant-flows';

/**
 * The end of the chain, for a participant who agreed: a report typed in one message, else the flow in
 * hand answered (or the menu opened), on the flow's current version.
 */
export const flow: TurnHandler = {
  name: 'flow',
  flows: PARTICIPANT_FLOWS,
  actions: PARTICIPANT_ACTIONS,
  async handle(turn, next) {
    const { person, inbound, context, desk, state } = turn;
    if (person.kind !== 'participant') return next();
    const shortcut = await reportShortcut(turn, person.id, inbound);
    if (shortcut) return turn.follow(shortcut);
    if (!state.flow) return turn.follow(menuChoice(turn, inbound) ?? turn.begin('menu'));
    const inHand = flowOf(desk.flows, state.flow.flowId);
    if (globalCommand(inbound.text) === 'back') return turn.follow(goBack(inHand, state.flow, context));
    if (state.flow.flowVersion !== inHand.version) {
      // Only the current version of a flow is loaded: a conversation continues on it when its step
      // still exists, and otherwise starts that flow again rather than guess.
      if (!inHand.steps.some((step) => step.id === state.flow?.stepId)) {
        state.flow = undefined;
        return turn.follow(turn.begin(inHand.id));
      }
      state.flow = { ...state.flow, flowVersion: inHand.version };
    }
    await turn.follow(answerStep(inHand, state.flow, inbound, desk.interpret, context));
  },
};

/**
 * Outside any flow a message opens the menu; when it already is one of the menu's choices (`1`,
 * `laporan`), it is taken as the answer, so that people who know the menu need not see it each time.
 */
export function menuChoice(turn: TurnContext, inbound: InboundMessage): StepOutcome | undefined {
  const { desk, context } = turn;
  const menu = desk.flows.get('menu');
  if (!menu || turn.state.draft?.flowId === 'menu') return undefined;
  const opened = startFlow(menu, context);
  const step = menu.steps.find((candidate) => candidate.id === opened.state?.stepId);
  if (!opened.state || !step) return undefined;
  // A tap goes to the menu's step even when it is not the menu's: that step says it was an earlier one's.
  if (inbound.choice === undefined && desk.interpret(step, inbound, context).kind !== 'ok') return undefined;
  return answerStep(menu, opened.state, inbound, desk.interpret, context);
}

/** A week's report typed in one message, or UBAH after one (src/conversations/report-shortcut.ts). */
export async function reportShortcut(
  turn: TurnContext,
  participantId: string,
  inbound: InboundMessage,
): Promise<StepOutcome | undefined> {
  const { desk, context } = turn;
  const open = turn.state.flow;
  const step =
    open && flowOf(desk.flows, open.flowId).steps.find((candidate) => candidate.id === open.stepId);
  const shortcut = await reportShortcutOf(desk.models, participantId, inbound.text, {
    flow: open,
    answersQuestion: step?.input !== undefined && desk.interpret(step, inbound, context).kind === 'ok',
    now: context.now,
    timeZone: context.timeZone,
  });
  if (!shortcut) return undefined;
  if (shortcut.kind === 'reply')
    return {
      state: open,
      events: [{ type: 'message_created', message: { text: inLanguage(shortcut.text, context.language) } }],
    };
  // The week is reported now: an unfinished report of it is not offered again.
  if (turn.state.draft?.answers.week === shortcut.given.week) turn.state.draft = undefined;
  return startFlow(flowOf(desk.flows, shortcut.flowId), context, shortcut.given, { skipAnswered: true });
}
