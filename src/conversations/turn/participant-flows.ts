import type { FlowAction } from '../../engine/actions';

/**
 * What a participant's conversation may start and run: the menu and all it leads to. A resident's
 * complaint begun before they were registered is finished as it was begun.
 */
export const PARTICIPANT_FLOWS: readonly string[] = [
  'consent',
  'menu',
  'weekly-report',
  'one-message-report',
  'complaint',
  'complaint-reply',
  'complaint-rating',
  'resident-complaint',
];

export const PARTICIPANT_ACTIONS: readonly FlowAction[] = [
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
  'stop_reminders',
  'resume_reminders',
];
