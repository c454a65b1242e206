/**
 * The handlers a flow may name in `action:`. Each is implemented by a domain service; the engine only
 * emits an `action_requested` event, so that flows stay free of I/O.
 */
export const FLOW_ACTIONS = [
  'record_consent',
  'save_weekly_report',
  'open_complaint',
  'set_language',
  'stop_reminders',
  'resume_reminders',
] as const;

export type FlowAction = (typeof FLOW_ACTIONS)[number];

export const isFlowAction = (name: string): name is FlowAction =>
  (FLOW_ACTIONS as readonly string[]).includes(name);
