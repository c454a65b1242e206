import type { FlowAction } from '../../engine/actions';
import {
  fileComplaint,
  fileResidentComplaint,
  rateComplaint,
  relayComplaintMessage,
  showComplaints,
} from './complaint';
import { showMentors, showProgress, showSchedule } from './information';
import {
  chooseSessionParticipants,
  findAttendanceSession,
  listMentorParticipants,
  planMentorSession,
  recordSessionAttendance,
} from './mentor';
import { recordConsent, resumeReminders, setLanguage, stopReminders } from './participant';
import { recordAttendanceAnswer } from './session';
import type { ActionHandler } from './types';
import { checkWeeklyReport, saveWeeklyReport, suggestReportWeek } from './weekly-report';
import { saveOneMessageReport } from './one-message-report';

export type { ActionContext, ActionHandler, ActionResult } from './types';
export { CONSENT_PURPOSE } from './participant';

/** Every action a flow may name, with the domain code that carries it out. */
export const ACTION_HANDLERS: Record<FlowAction, ActionHandler> = {
  record_consent: recordConsent,
  suggest_report_week: suggestReportWeek,
  check_weekly_report: checkWeeklyReport,
  save_weekly_report: saveWeeklyReport,
  save_one_message_report: saveOneMessageReport,
  show_progress: showProgress,
  show_schedule: showSchedule,
  record_session_answer: recordAttendanceAnswer,
  show_mentors: showMentors,
  open_complaint: fileComplaint,
  open_resident_complaint: fileResidentComplaint,
  relay_complaint_message: relayComplaintMessage,
  rate_complaint: rateComplaint,
  show_complaints: showComplaints,
  set_language: setLanguage,
  list_mentor_participants: listMentorParticipants,
  choose_session_participants: chooseSessionParticipants,
  plan_mentor_session: planMentorSession,
  find_attendance_session: findAttendanceSession,
  record_attendance: recordSessionAttendance,
  stop_reminders: stopReminders,
  resume_reminders: resumeReminders,
};
