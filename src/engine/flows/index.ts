export {
  flowSchema,
  INPUT_TYPES,
  type FlowDefinition,
  type FlowStep,
  type StepInput,
  type Condition,
} from './schema';
export {
  loadFlows,
  checkFlowFile,
  InvalidFlowsError,
  formatFlowProblem,
  type FlowLibrary,
  type FlowProblem,
} from './load';
