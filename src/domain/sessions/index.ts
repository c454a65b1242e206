export {
  planSession,
  moveSession,
  reviseSession,
  cancelSession,
  recordSessionAnswer,
  type NewSession,
  type SessionChanges,
  type SessionContext,
  type SessionAnswer,
} from './mentoring-sessions';
export { sessionNotice, sessionTime, type SessionNotice } from './messages';
export {
  attendanceClosedReason,
  parseListNumbers,
  recordAttendance,
  sessionToRecord,
  type AttendanceClosed,
} from './attendance';
export {
  indexSessionFact,
  readMentorSessions,
  readSessionLedger,
  rebuildSessionIndex,
  type IndexedSession,
  type ListedSession,
  type SessionFact,
} from './session-index';
