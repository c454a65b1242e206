/** Requests for a person: who takes them, the messages both ways, and closing them. */
export {
  answerHandover,
  closeHandover,
  handoverDueAt,
  openHandover,
  relayToHandover,
  type HandoverDeskSettings,
  type HandoverOutcome,
  type HandoverResponder,
  type OpenedHandover,
} from './handover-desk';
export { queueHandoverSlaAlerts } from './deadlines';
export {
  handoverInChatText,
  handoverLeftForMenuText,
  handoverOpenedText,
  handoverPassedOnText,
  handoverStillOpenText,
  type InChatOutcome,
} from './messages';
export {
  HANDOVER_NUMBER,
  HANDOVER_NUMBER_IN_TEXT,
  mayActOn,
  topicOfFlow,
  type HandoverActor,
  type HandoverReason,
} from './rules';
