/** Complaints to the Puskesos: numbering and routing, the lifecycle, staff commands, SLA and digests. */
export {
  actOnComplaint,
  type ActOutcome,
  type ComplainantNotice,
  type ComplaintDeskSettings,
  type ComplaintRequester,
  type DeskAction,
} from './complaint-desk';
export {
  openComplaint,
  nextComplaintNumber,
  type NewComplaint,
  type OpenedComplaint,
} from './open-complaint';
export {
  COMPLAINT_STATUSES,
  decideComplaintAction,
  isOpen,
  offeredActions,
  OPEN_STATUSES,
  STAFF_ACTIONS,
  type ComplaintAction,
  type ComplaintStatus,
  type StaffActionKind,
} from './lifecycle';
export { complaintCategoryName } from './categories';
export { complainantUpdateText, statusWord, type ComplaintUpdate } from './messages';
export {
  addWorkingDays,
  workingDaysBetween,
  INDONESIAN_HOLIDAYS_2026,
  type WorkingCalendar,
} from './working-days';
export { queueSlaAlerts, slaStagesDue, REMINDER_LEAD_MS, type SlaStage } from './sla';
export { queueStaffDigests } from './morning-digest';
