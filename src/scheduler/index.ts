export { JobRunner, type ScheduledJob } from './job-runner';
export { startRepeatingTasks, type RepeatingTask } from './repeating-tasks';
export { programJobs, type ScheduleSettings } from './jobs';
export { nextAllowedTime, parseQuietHours, type QuietHours } from './quiet-hours';
export { parseWeeklyTime, weekDueAt, instantInWeek, type WeeklyTime } from './weekly-time';
export { parseDailyTime, hourOf, dayOf, workingDayDueAt, type DailyTime } from './daily-time';
