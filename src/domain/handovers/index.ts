/** Requests for a person: who takes them, the messages both ways, and closing them. */
export {
  answerHandover,
  closeHandover,
  openHandover,
  relayToHandover,
  type HandoverDeskSettings,
  type HandoverOutcome,
  type HandoverResponder,
  type OpenedHandover,
} from './handover-desk';
export {
  handoverLeftForMenuText,
  handoverOpenedText,
  handoverPassedOnText,
  handoverStillOpenText,
} from './messages';
export { HANDOVER_NUMBER, topicOfFlow, type HandoverReason } from './rules';
