import type { FlowAction } from '../actions';
import type { OutboundMessage } from '../messages';
import type { AnswerValue } from './state';

/**
 * What a step decided, for `applyEvents` to carry out: the engine itself performs no I/O.
 */
export type EngineEvent =
  | { type: 'message_created'; message: OutboundMessage }
  | { type: 'action_requested'; action: FlowAction; flowId: string; answers: Record<string, AnswerValue> }
  | { type: 'handoff_requested'; flowId: string; stepId: string }
  | { type: 'flow_ended'; flowId: string; reason: 'completed' | 'handoff' }
  | { type: 'flow_requested'; flowId: string; next: string };
