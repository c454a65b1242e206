export {
  rankDigest,
  digestRow,
  ATTENTION_RULES,
  type ParticipantFacts,
  type DigestRow,
  type AttentionReason,
} from './rank';
export { formatMentorDigest } from './format';
export { gatherMentorFacts } from './gather';
export { queueMentorDigest } from './deliver';
