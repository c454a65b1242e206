export {
  rankDigest,
  digestRow,
  ATTENTION_RULES,
  type ParticipantFacts,
  type DigestRow,
  type AttentionReason,
} from './rank';
export { formatMentorDigest } from './format';
export { gatherMentorFacts, gatherProgramFacts } from './gather';
export { summarizeProgram, formatProgramDigest, type ProgramFacts, type ProgramSummary } from './program';
export { queueMentorDigest, queueProgramDigest } from './deliver';
