import type { Models } from '../../db/models';
import type { ComplainantNotice, ComplaintDeskSettings } from '../../domain/complaints';
import type { FlowAction } from '../../engine/actions';
import { runOutcome } from '../../engine/conversation/run';
import type { AnswerValue, FlowState } from '../../engine/conversation/state';
import {
  goBack,
  answerStep,
  startFlow,
  type Interpreter,
  type StepOutcome,
} from '../../engine/conversation/step';
import type { FlowLibrary } from '../../engine/flows';
import type { ConversationContext, InboundMessage, OutboundMessage } from '../../engine/messages';
import { inLanguage, say, text, type LocalizedText } from '../../i18n';
import type { Logger } from '../../log';
import { nextAllowedTime, type QuietHours } from '../../scheduler/quiet-hours';
import { ACTION_HANDLERS, type ActionContext, type ActionResult } from '../actions';
import { globalCommand } from '../commands';
import { askForPerson, type HandoverChat, type HandoverStep } from '../handover';
import type { Person } from '../identify';

/** The state one message leaves a chat in, written in one update together with the message's id. */
export interface Turn {
  flow: FlowState | undefined;
  draft: FlowState | undefined;
  handoff: boolean;
  /** An answered complaint to ask the rating of once no flow is in hand. */
  pendingRating: string | undefined;
  /** What the person wrote before being asked for consent, handled once they agree. */
  firstMessage: { text?: string | undefined; choice?: string | undefined } | undefined;
  replies: OutboundMessage[];
  /** News for other chats (a complaint's complainant), delivered after this message. */
  notices: ComplainantNotice[];
}

/** What every handler may use: the service's settings, none of them about this message. */
export interface TurnDesk {
  models: Models;
  flows: FlowLibrary;
  interpret: Interpreter;
  logger: Logger;
  complaints: ComplaintDeskSettings;
  quietHours?: QuietHours | undefined;
}

/**
 * One message's turn as a handler sees it (grammY's context, for an inbound message): who wrote what,
 * the state being built, and the ways to move a flow, limited to the flows and actions the handler
 * declares.
 */
export interface TurnContext {
  readonly desk: TurnDesk;
  readonly person: Person;
  readonly inbound: InboundMessage;
  /** Its language follows a language chosen during the turn. */
  readonly context: ConversationContext;
  /** The state the message leaves the chat in, as far as the handlers before have built it. */
  readonly state: Turn;
  /** Adds a text to the replies, in the person's language. */
  say(reply: LocalizedText): void;
  /** Starts one of the handler's flows, resuming its draft when one of the same version was left unfinished. */
  begin(flowId: string): StepOutcome;
  /**
   * Plays a step's outcome to where the flow waits, running its actions (those the handler allows)
   * for `inbound` (the message itself unless given), and leaves the flow there.
   */
  follow(outcome: StepOutcome, inbound?: InboundMessage): Promise<void>;
  /** Runs one action the handler allows, outside any flow (STOP). */
  runAction(action: FlowAction, answers?: Record<string, AnswerValue>): Promise<ActionResult>;
  handoverChat(): HandoverChat;
  /** Whether the chat now waits for a person, and what the person who asked is told. */
  handedOver(step: HandoverStep): void;
}

/**
 * One link of a turn's chain: it answers the message, or passes it on with `next` (and may act after
 * the rest of the chain, as grammY's middleware does). It declares the flows it starts and the
 * actions its flows may run; anything else is refused.
 */
export interface TurnHandler {
  name: string;
  flows: readonly string[];
  actions: readonly FlowAction[];
  handle(turn: TurnContext, next: () => Promise<void>): Promise<void>;
}

export interface TurnFrame {
  desk: TurnDesk;
  person: Person;
  inbound: InboundMessage;
  context: ConversationContext;
  turn: Turn;
}

/** Passes the message down the chain from its first handler until one answers it. */
export async function runChain(handlers: readonly TurnHandler[], frame: TurnFrame): Promise<void> {
  const from = async (index: number): Promise<void> => {
    const handler = handlers[index];
    if (handler) await handler.handle(turnContext(handler, frame), () => from(index + 1));
  };
  await from(0);
}

function turnContext(handler: TurnHandler, frame: TurnFrame): TurnContext {
  const { desk, person, inbound, context, turn } = frame;
  const begin = (flowId: string): StepOutcome => {
    if (!handler.flows.includes(flowId))
      throw new Error(`the ${handler.name} handler starts no flow ${flowId}`);
    return resumeOrStart(desk.flows, flowId, turn, context);
  };
  const runAction = async (
    action: FlowAction,
    answers: Record<string, AnswerValue> = {},
    from: InboundMessage = inbound,
  ): Promise<ActionResult> => {
    if (!handler.actions.includes(action)) {
      desk.logger.warn({ action, handler: handler.name }, 'action not allowed in this turn: not run');
      return { messages: [], outputs: {} };
    }
    return ACTION_HANDLERS[action](answers, actionContext(desk, person, from, context, turn));
  };
  const handoverChat = (from: InboundMessage = inbound): HandoverChat => ({
    models: desk.models,
    settings: desk.complaints,
    inbound: from,
    language: context.language,
    now: context.now,
  });
  const handedOver = (step: HandoverStep) => {
    turn.handoff = step.handoff;
    turn.replies.push(...step.replies);
  };
  return {
    desk,
    person,
    inbound,
    context,
    state: turn,
    say: (said) => turn.replies.push({ text: inLanguage(said, context.language) }),
    begin,
    runAction,
    handoverChat,
    handedOver,
    follow: async (outcome, from = inbound) => {
      const ran = await runOutcome(desk.flows, outcome, context, {
        runAction: (action, answers) => runAction(action, answers, from),
        startFlow: begin,
        handOver: async (request) => {
          if (person.kind !== 'participant' && person.kind !== 'unknown') return [];
          const asked = await askForPerson(handoverChat(from), {
            reason: request.reason,
            flowId: request.flowId,
            participantId: person.kind === 'participant' ? person.id : undefined,
            residentDesa: typeof request.answers.desa === 'string' ? request.answers.desa : undefined,
          });
          turn.handoff = asked.handoff;
          return asked.replies;
        },
      });
      turn.flow = ran.state;
      turn.replies.push(...ran.messages);
    },
  };
}

function actionContext(
  desk: TurnDesk,
  person: Person,
  inbound: InboundMessage,
  context: ConversationContext,
  turn: Turn,
): ActionContext {
  const { models, complaints, quietHours } = desk;
  return {
    models,
    participantId: person.kind === 'participant' ? person.id : '',
    inbound,
    language: context.language,
    timeZone: context.timeZone,
    now: context.now,
    complaints,
    mentorId: person.kind === 'mentor' ? person.id : '',
    allowedFrom: (due) => (quietHours ? nextAllowedTime(due, context.timeZone, quietHours) : due),
    notify: (notices) => turn.notices.push(...notices),
  };
}

/** Starts a flow, resuming its draft when one of the same version was left unfinished. */
function resumeOrStart(
  flows: FlowLibrary,
  flowId: string,
  turn: Turn,
  context: ConversationContext,
): StepOutcome {
  const flow = flowOf(flows, flowId);
  const draft = turn.draft;
  if (draft && draft.flowId === flowId && draft.flowVersion === flow.version && worthKeeping(draft)) {
    turn.draft = undefined;
    const step = flow.steps.find((candidate) => candidate.id === draft.stepId);
    if (step) {
      // The question is asked again with the answers given so far, so a summary shows them.
      const resumed = startFlow({ ...flow, start: draft.stepId }, context, draft.answers);
      return {
        state: resumed.state && { ...resumed.state, trail: draft.trail, returnTo: draft.returnTo },
        events: [
          { type: 'message_created', message: { text: say('chat.resumed', context.language) } },
          ...resumed.events,
        ],
      };
    }
  }
  return startFlow(flow, context);
}

/**
 * Goes on with the flow of someone who has no menu (a mentor planning a session, a resident
 * complaining): BATAL or MENU leave it, KEMBALI goes back a step, anything else answers it.
 */
export async function continueWithoutMenu(turn: TurnContext, state: FlowState): Promise<void> {
  const command = globalCommand(turn.inbound.text);
  if (command === 'cancel' || command === 'menu' || command === 'start') {
    turn.state.flow = undefined;
    turn.say(text('chat.cancelled'));
    return;
  }
  const { flows, interpret } = turn.desk;
  const flow = flowOf(flows, state.flowId);
  await turn.follow(
    command === 'back'
      ? goBack(flow, state, turn.context)
      : answerStep(flow, state, turn.inbound, interpret, turn.context),
  );
}

export function flowOf(flows: FlowLibrary, flowId: string) {
  const flow = flows.get(flowId);
  if (!flow) throw new Error(`no flow ${flowId}`);
  return flow;
}

/**
 * A flow left for the menu is kept to be offered again, unless there is nothing in it to resume: the
 * menu itself, or a flow not yet answered, which would otherwise replace a draft that has answers.
 */
export function keptDraft(left: FlowState | undefined, draft: FlowState | undefined): FlowState | undefined {
  return left && worthKeeping(left) ? left : draft;
}

function worthKeeping(state: FlowState): boolean {
  return state.flowId !== 'menu' && Object.keys(state.answers).length > 0;
}
