/** One message to a filtered group of participants, through the outbox (issue 15, section 4). */
export { chooseAudience, matchesFilter, type BroadcastFilter, type Candidate } from './audience';
export {
  broadcastMessageText,
  checkBroadcastText,
  signatureOf,
  MAX_BROADCAST_CHARS,
  type BroadcastSender,
} from './message';
export { describeFilter } from './filter-label';
export { unreachableReason, type Unreachable } from './reach';
export {
  broadcastOutboxKey,
  broadcastProgress,
  findAudience,
  followsReports,
  kecamatanInScope,
  sendBroadcast,
  sessionsInScope,
  type BroadcastProgress,
  type BroadcastScope,
  type BroadcastSettings,
  type FoundAudience,
} from './broadcast-service';
