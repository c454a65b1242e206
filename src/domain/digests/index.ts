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
export {
  queueMentorDigest,
  queueWeekDigests,
  weekBounds,
  type ChartStore,
  type DigestPlan,
  type DigestChartAttachment,
} from './deliver';
export { mentorDigestChart, renderDigestChart } from './chart';
export { CHART_WEEKS, digestChart, groupWeeklyTotals, type DigestChart, type WeekTotals } from './chart-data';
export { digestActions, digestActionOf } from './actions';
