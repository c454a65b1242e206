export { chatsOf, findDataSubject, participantSubject, type Chat, type DataSubject } from './subject';
export { gatherHoldings, PERSONAL_DATA, type Holdings } from './holdings';
export { exportOf, exportFileStem, exportWorkbook, type PersonalDataExport } from './export';
export {
  changesNothing,
  eraseHoldings,
  ERASED_TEXT,
  ERASURE_LABELS,
  erasurePlan,
  isErasable,
  placeholderPhoneOf,
  pseudonymOf,
  type ErasureCounts,
} from './erase';
export { pruneMessageHistory, retentionCutoff } from './retention';
export { gatherHoldingsOfMany } from './holdings';
export {
  carryOutPrivacyRequests,
  HELD_KINDS,
  heldCounts,
  privacyRequestsOf,
  submitPrivacyRequest,
  type HeldCounts,
  type PrivacyAudit,
  type PrivacyRequestsOf,
} from './requests';
