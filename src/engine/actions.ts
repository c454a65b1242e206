/**
 * The handlers a flow may name in `action:`. Each is implemented by a domain service; the engine only
 * emits an `action_requested` event, so that flows stay free of I/O.
 */
export const FLOW_ACTIONS = [
  'record_consent',
  'suggest_report_week',
  'check_weekly_report',
  'save_weekly_report',
  'save_one_message_report',
  'show_progress',
  'show_schedule',
  'record_session_answer',
  'show_mentors',
  'open_complaint',
  'open_resident_complaint',
  'relay_complaint_message',
  'rate_complaint',
  'show_complaints',
  'set_language',
  'list_mentor_participants',
  'choose_session_participants',
  'plan_mentor_session',
  'find_attendance_session',
  'record_attendance',
  'stop_reminders',
  'resume_reminders',
] as const;

export type FlowAction = (typeof FLOW_ACTIONS)[number];

export const isFlowAction = (name: string): name is FlowAction =>
  (FLOW_ACTIONS as readonly string[]).includes(name);

/**
 * Answers an action adds to the conversation, with how to show them, so that flows can route on them
 * and name them in texts (`flows:check` knows them).
 */
export const ACTION_OUTPUTS: Partial<
  Record<FlowAction, Record<string, 'money' | 'yes_no' | 'text' | 'week'>>
> = {
  show_schedule: { has_session: 'yes_no', next_session: 'text' },
  record_session_answer: { mentor_told: 'yes_no' },
  list_mentor_participants: { has_participants: 'yes_no', participant_list: 'text', participant_ids: 'text' },
  choose_session_participants: { chosen_ok: 'yes_no', chosen_names: 'text', chosen_ids: 'text' },
  find_attendance_session: {
    has_session: 'yes_no',
    session_summary: 'text',
    session_id: 'text',
    participant_list: 'text',
    participant_ids: 'text',
  },
  record_attendance: { attendance_ok: 'yes_no' },
  suggest_report_week: { week: 'week', week_known: 'yes_no' },
  check_weekly_report: {
    balance_after: 'money',
    replaces: 'yes_no',
    previous_sales: 'money',
    unusual_sales: 'yes_no',
    usual_sales: 'money',
  },
};
