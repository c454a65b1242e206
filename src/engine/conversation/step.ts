import { ACTION_OUTPUTS, isFlowAction } from '../actions';
import { FLOW_TARGET, type Condition, type FlowDefinition, type FlowStep } from '../flows/schema';
import type { ConversationContext, InboundMessage, OutboundMessage } from '../messages';
import { inLanguage, say, text, type LocalizedText } from '../../i18n';
import type { EngineEvent } from './events';
import { formatAnswer, PLACEHOLDER, weekWhen } from './format';
import { questionToken, tapFits } from './question-token';
import type { AnswerValue, FlowState, Interpretation } from './state';

/** Reads one inbound message as the answer a step expects (parsers in src/engine/inputs). */
export type Interpreter = (
  step: FlowStep,
  inbound: InboundMessage,
  context: ConversationContext,
) => Interpretation;

export interface StepOutcome {
  /** `undefined` once the flow has ended. */
  state: FlowState | undefined;
  events: EngineEvent[];
}

/** Safety net against a flow whose steps without input lead to each other forever. */
const MAX_STEPS_PER_TURN = 25;

export interface StartOptions {
  /**
   * Passes over the questions whose answers are given, routing on them as if they had just been
   * answered (a report typed in one message asks only what it lacks). Only while the flow starts:
   * a question reached later, to correct an answer, is asked.
   */
  skipAnswered?: boolean;
}

export function startFlow(
  flow: FlowDefinition,
  context: ConversationContext,
  given: Record<string, AnswerValue> = {},
  options: StartOptions = {},
): StepOutcome {
  const state: FlowState = {
    flowId: flow.id,
    flowVersion: flow.version,
    stepId: flow.start,
    answers: given,
    attempts: 0,
    trail: [],
    ...(options.skipAnswered ? { skipAnswered: true } : {}),
  };
  return enter(flow, state, flow.start, context, []);
}

/**
 * Runs one turn: reads the answer to the current step, then either says what was wrong (keeping the
 * step), hands over to a person after too many tries, or saves the answer and moves on.
 */
export function answerStep(
  flow: FlowDefinition,
  state: FlowState,
  inbound: InboundMessage,
  interpret: Interpreter,
  context: ConversationContext,
): StepOutcome {
  const step = stepOf(flow, state.stepId);
  if (!step.input) return enter(flow, state, state.stepId, context, []);
  if (!tapFits(flow.id, step, inbound)) {
    const prompt = step.prompt ? `\n\n${render(flow, step.prompt, state.answers, context)}` : '';
    const text = `${inLanguage(EARLIER_BUTTON, context.language)}${prompt}`;
    return { state, events: [message({ text, ...choicesOf(flow, step, context) })] };
  }
  const interpretation = interpret(step, inbound, context);

  if (interpretation.kind === 'fail' || (interpretation.kind === 'skip' && !step.input.optional)) {
    const attempts = state.attempts + 1;
    if (attempts >= step.maxAttempts)
      return gaveUp(enter(flow, { ...state, attempts: 0 }, step.onTooManyAttempts, context, []), context);
    const reason =
      interpretation.kind === 'fail' ? interpretation.reason : inLanguage(NOT_OPTIONAL, context.language);
    const text = step.reprompt ? render(flow, step.reprompt, state.answers, context) : reason;
    return { state: { ...state, attempts }, events: [message({ text, ...choicesOf(flow, step, context) })] };
  }

  const value = interpretation.kind === 'ok' ? interpretation.value : null;
  const answers = { ...state.answers, [step.save ?? step.id]: value };
  const chosen = state.returnTo ? { goto: state.returnTo } : route(step, value, answers);
  const moved = { ...state, answers, attempts: 0, trail: [...state.trail, step.id], returnTo: chosen.then };
  return enter(flow, moved, chosen.goto, context, []);
}

/** Resumes a flow paused at an action step, with the answers the action produced. */
export function continueAfterAction(
  flow: FlowDefinition,
  state: FlowState,
  outputs: Record<string, AnswerValue>,
  context: ConversationContext,
): StepOutcome {
  const step = stepOf(flow, state.stepId);
  const answers = { ...state.answers, ...outputs };
  const chosen = route(step, undefined, answers);
  return enter(
    flow,
    { ...state, answers, returnTo: chosen.then ?? state.returnTo },
    chosen.goto,
    context,
    [],
  );
}

/** KEMBALI: asks the previous question again, keeping every answer (the new one will replace it). */
export function goBack(flow: FlowDefinition, state: FlowState, context: ConversationContext): StepOutcome {
  const previous = state.trail.at(-1);
  const target = previous ?? state.stepId;
  return enter(flow, { ...state, trail: state.trail.slice(0, -1), attempts: 0 }, target, context, []);
}

const NOT_OPTIONAL = text('conversation.notOptional');

const EARLIER_BUTTON = text('conversation.earlierButton');

const HANDOFF = text('conversation.gaveUp');

/**
 * A handover the step's failed attempts led to: the engine apologises for not understanding, and the
 * host, which knows who will take it, says what happens next.
 */
function gaveUp(outcome: StepOutcome, context: ConversationContext): StepOutcome {
  return {
    ...outcome,
    events: outcome.events.flatMap((event) =>
      event.type === 'handoff_requested'
        ? [message({ text: inLanguage(HANDOFF, context.language) }), { ...event, reason: 'gave_up' as const }]
        : [event],
    ),
  };
}

/** Enters `target` and every following step that needs no answer, until one waits for input. */
function enter(
  flow: FlowDefinition,
  state: FlowState,
  target: string,
  context: ConversationContext,
  events: EngineEvent[],
): StepOutcome {
  let current = target;
  for (let visited = 0; visited < MAX_STEPS_PER_TURN; visited++) {
    if (current === 'end') {
      return {
        state: undefined,
        events: [...events, { type: 'flow_ended', flowId: flow.id, reason: 'completed' }],
      };
    }
    const nextFlow = FLOW_TARGET.exec(current)?.[1];
    if (nextFlow) {
      return {
        state: undefined,
        events: [
          ...events,
          { type: 'flow_ended', flowId: flow.id, reason: 'completed' },
          { type: 'flow_requested', flowId: flow.id, next: nextFlow },
        ],
      };
    }
    if (current === 'handoff') {
      return {
        state: undefined,
        events: [
          ...events,
          {
            type: 'handoff_requested',
            flowId: flow.id,
            stepId: state.stepId,
            reason: 'asked',
            answers: state.answers,
          },
          { type: 'flow_ended', flowId: flow.id, reason: 'handoff' },
        ],
      };
    }
    const step = stepOf(flow, current);
    const key = step.save ?? step.id;
    if (state.skipAnswered && step.input && Object.hasOwn(state.answers, key)) {
      const chosen = route(step, state.answers[key], state.answers);
      if (chosen.then) state = { ...state, returnTo: chosen.then };
      current = chosen.goto;
      continue;
    }
    if (step.prompt) {
      events.push(
        message({
          text: render(flow, step.prompt, state.answers, context),
          ...choicesOf(flow, step, context),
        }),
      );
    }
    // The flow pauses at an action: `runOutcome` has its host run it, then continues with what it
    // found, so that the next steps can route on it. What the action says comes after the prompt.
    if (step.action && isFlowAction(step.action)) {
      events.push({ type: 'action_requested', action: step.action, flowId: flow.id, answers: state.answers });
      return { state: { ...state, stepId: step.id, attempts: 0 }, events };
    }
    if (step.input) {
      const { skipAnswered: _starting, ...asking } = state;
      return { state: { ...asking, stepId: step.id, attempts: 0 }, events };
    }
    const chosen = route(step, undefined, state.answers);
    if (chosen.then) state = { ...state, returnTo: chosen.then };
    current = chosen.goto;
  }
  throw new Error(`flow ${flow.id} passes more than ${MAX_STEPS_PER_TURN} steps without asking anything`);
}

function route(
  step: FlowStep,
  answer: AnswerValue | undefined,
  answers: Record<string, AnswerValue>,
): { goto: string; then?: string | undefined } {
  if (!Array.isArray(step.next)) return { goto: step.next };
  const chosen = step.next.find(
    (candidate) =>
      !candidate.when || [candidate.when].flat().every((condition) => holds(condition, answer, answers)),
  );
  return chosen ? { goto: chosen.goto, then: chosen.then } : { goto: 'end' };
}

function holds(
  condition: Condition,
  answer: AnswerValue | undefined,
  answers: Record<string, AnswerValue>,
): boolean {
  const value = condition.answer ? answers[condition.answer] : answer;
  if (condition.equals !== undefined && value !== condition.equals) return false;
  if (condition.in !== undefined && !(typeof value === 'string' || typeof value === 'number')) return false;
  if (condition.in !== undefined && !condition.in.includes(value as string | number)) return false;
  if (condition.above !== undefined && !(typeof value === 'number' && value > condition.above)) return false;
  if (condition.below !== undefined && !(typeof value === 'number' && value < condition.below)) return false;
  return true;
}

function stepOf(flow: FlowDefinition, id: string): FlowStep {
  const step = flow.steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`flow ${flow.id} v${flow.version} has no step ${id}`);
  return step;
}

/** Fills `{name}` with the saved answer, formatted by the input type of the step that saved it. */
function render(
  flow: FlowDefinition,
  text: LocalizedText,
  answers: Record<string, AnswerValue>,
  context: ConversationContext,
): string {
  return inLanguage(text, context.language).replace(
    PLACEHOLDER,
    (_placeholder, name: string, form?: string) => {
      const value = answers[name];
      if (form === 'when' && typeof value === 'string') return weekWhen(value, context);
      const source = flow.steps.find((step) => (step.save ?? step.id) === name);
      // A choice is shown by its label, in the person's language, not by its id.
      const option = source?.input?.options?.find((candidate) => candidate.id === answers[name]);
      if (option) return inLanguage(option.label, context.language);
      return formatAnswer(
        source?.input?.type ?? actionOutputType(flow, name),
        answers[name],
        context.language,
        context.timeZone,
      );
    },
  );
}

function choicesOf(
  flow: FlowDefinition,
  step: FlowStep,
  context: ConversationContext,
): Pick<OutboundMessage, 'choices' | 'question' | 'requestContact'> {
  const question = questionToken(flow.id, step.id);
  if (step.input?.type === 'choice' && step.input.options) {
    return {
      choices: step.input.options.map((option) => ({
        id: option.id,
        label: inLanguage(option.label, context.language),
      })),
      question,
    };
  }
  if (step.input?.type === 'yes_no') {
    return {
      choices: [
        { id: 'yes', label: say('conversation.yes', context.language) },
        { id: 'no', label: say('conversation.no', context.language) },
      ],
      question,
    };
  }
  if (step.input?.type === 'contact') return { requestContact: true };
  return {};
}

const message = (outbound: OutboundMessage): EngineEvent => ({ type: 'message_created', message: outbound });

function actionOutputType(flow: FlowDefinition, name: string) {
  for (const step of flow.steps) {
    const type = step.action && isFlowAction(step.action) ? ACTION_OUTPUTS[step.action]?.[name] : undefined;
    if (type) return type;
  }
  return undefined;
}
