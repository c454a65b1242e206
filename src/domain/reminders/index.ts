export { queueWeeklyReportReminders, type ReminderPlan, type ReminderRound } from './weekly-report-reminders';
export { chatTargetOf, type ChatTarget } from './reach';
export { queueSavingsNudges, STALLED_WEEKS } from './savings-nudge';
export { nudgeFromMentor, type NudgeOutcome } from './mentor-nudge';
