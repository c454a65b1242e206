/** Where one chat stands in one flow; saved in MongoDB after every step. */
export interface FlowState {
  flowId: string;
  /** A conversation keeps the flow version it started with, even when the file changes. */
  flowVersion: number;
  stepId: string;
  answers: Record<string, AnswerValue>;
  /** Answers not understood in a row at the current step. */
  attempts: number;
  /** Steps answered so far, latest last: KEMBALI (back) returns to the last one. */
  trail: string[];
  /** Where to continue after the current step is answered, when correcting one answer. */
  returnTo?: string | undefined;
  /**
   * While a flow starts with answers given (a report typed in one message): questions already answered
   * are passed over, through the actions on the way, until one is asked.
   */
  skipAnswered?: boolean | undefined;
}

/** What a step can store: numbers (money, integer), text, booleans (yes/no), ids, or null when skipped. */
export type AnswerValue = string | number | boolean | null | { [key: string]: string | number };

/** The outcome of reading one answer (see src/engine/inputs for the parsers). */
export type Interpretation =
  { kind: 'ok'; value: AnswerValue } | { kind: 'skip' } | { kind: 'fail'; reason: string };
