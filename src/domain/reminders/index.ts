export { queueWeeklyReportReminders, type ReminderPlan, type ReminderRound } from './weekly-report-reminders';
export { chatTargetOf, type ChatTarget } from './reach';
