import type { FlowAction } from '../actions';
import type { FlowLibrary } from '../flows';
import type { ConversationContext, OutboundMessage } from '../messages';
import type { EngineEvent } from './events';
import type { AnswerValue, FlowState } from './state';
import { continueAfterAction, type StepOutcome } from './step';

/** What an action says (right after its step's prompt) and the answers it adds for the next steps. */
export interface ActionOutcome {
  messages: OutboundMessage[];
  outputs: Record<string, AnswerValue>;
}

/**
 * The services a turn's flow needs from its host, as goflow injects its services into a session: the
 * engine calls them where a step asks for them and goes on with what they give, so the host hands the
 * engine one outcome and gets the finished turn back.
 */
export interface FlowServices {
  /** Carries out an action a step paused at. */
  runAction(action: FlowAction, answers: Record<string, AnswerValue>): Promise<ActionOutcome>;
  /** Starts the flow another one ended into; the host may resume a draft of it. */
  startFlow(flowId: string): StepOutcome;
  /** Hands the chat to a person; gives what the person who asked is told. */
  handOver(request: Extract<EngineEvent, { type: 'handoff_requested' }>): Promise<OutboundMessage[]>;
}

export interface RunOutcome {
  /** Where the flow waits for the next message; `undefined` once it has ended. */
  state: FlowState | undefined;
  messages: OutboundMessage[];
}

/**
 * Plays a step's outcome to where it waits for the next message: messages are said, actions run and
 * the flow goes on with what they found, a flow ended into starts. `context.language` follows a
 * language chosen on the way (`set_language`), so what comes after is said in it.
 */
export async function runOutcome(
  flows: FlowLibrary,
  outcome: StepOutcome,
  context: ConversationContext,
  services: FlowServices,
): Promise<RunOutcome> {
  const messages: OutboundMessage[] = [];
  const play = async ({ state, events }: StepOutcome): Promise<FlowState | undefined> => {
    for (const event of events) {
      switch (event.type) {
        case 'message_created':
          messages.push(event.message);
          break;
        case 'action_requested': {
          const result = await services.runAction(event.action, event.answers);
          messages.push(...result.messages);
          if (event.action === 'set_language' && typeof event.answers.language === 'string') {
            context.language = event.answers.language as ConversationContext['language'];
          }
          // The flow waited at the action step; it goes on with what the action found.
          if (state)
            state = await play(
              continueAfterAction(flowOf(flows, state.flowId), state, result.outputs, context),
            );
          break;
        }
        case 'handoff_requested':
          messages.push(...(await services.handOver(event)));
          break;
        case 'flow_requested':
          state = await play(services.startFlow(event.next));
          break;
        case 'flow_ended':
          break;
      }
    }
    return state;
  };
  return { state: await play(outcome), messages };
}

function flowOf(flows: FlowLibrary, flowId: string) {
  const flow = flows.get(flowId);
  if (!flow) throw new Error(`no flow ${flowId}`);
  return flow;
}
