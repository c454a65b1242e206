import type { FlowAction } from '../actions';
import type { OutboundMessage } from '../messages';
import type { AnswerValue } from './state';

/**
 * What a step decided, for `runOutcome` to carry out with its host's services: the engine itself
 * performs no I/O.
 */
export type EngineEvent =
  | { type: 'message_created'; message: OutboundMessage }
  | { type: 'action_requested'; action: FlowAction; flowId: string; answers: Record<string, AnswerValue> }
  /**
   * `asked`: a route led to it (menu 7); `gave_up`: too many answers the step could not read. The
   * flow's answers so far go along: the host may route on them (a resident's desa).
   */
  | {
      type: 'handoff_requested';
      flowId: string;
      stepId: string;
      reason: 'asked' | 'gave_up';
      answers: Record<string, AnswerValue>;
    }
  | { type: 'flow_ended'; flowId: string; reason: 'completed' | 'handoff' }
  | { type: 'flow_requested'; flowId: string; next: string };
