import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ACTION_OUTPUTS, isFlowAction } from '../actions';
import { PLACEHOLDER } from '../conversation/format';
import { FLOW_TARGET, flowSchema, SPECIAL_TARGETS, type FlowDefinition, type FlowStep } from './schema';

/** One thing wrong in a flow file, precise enough to fix without reading the loader. */
export interface FlowProblem {
  file: string;
  step?: string;
  reason: string;
}

export class InvalidFlowsError extends Error {
  constructor(readonly problems: FlowProblem[]) {
    super(`Invalid flows:\n${problems.map(formatFlowProblem).join('\n')}`);
    this.name = 'InvalidFlowsError';
  }
}

export const formatFlowProblem = (problem: FlowProblem) =>
  `  ${problem.file}${problem.step ? `, step ${problem.step}` : ''}: ${problem.reason}`;

export type FlowLibrary = ReadonlyMap<string, FlowDefinition>;

const FLOW_FILE = /\.(ya?ml|json)$/;

/** Reads and checks every flow in `directory`; throws `InvalidFlowsError` naming every problem. */
export function loadFlows(directory: string): FlowLibrary {
  const flows = new Map<string, FlowDefinition>();
  const problems: FlowProblem[] = [];
  const files = readdirSync(directory)
    .filter((name) => FLOW_FILE.test(name))
    .sort();
  for (const name of files) {
    const result = checkFlowFile(name, readFileSync(join(directory, name), 'utf8'));
    problems.push(...result.problems);
    if (!result.flow) continue;
    if (flows.has(result.flow.id))
      problems.push({ file: name, reason: `flow id ${result.flow.id} is used by another file` });
    flows.set(result.flow.id, result.flow);
  }
  if (files.length === 0) problems.push({ file: directory, reason: 'no flow files (*.yaml, *.yml, *.json)' });
  for (const flow of flows.values()) {
    for (const step of flow.steps) {
      for (const target of targetsOf(step)) {
        const other = FLOW_TARGET.exec(target)?.[1];
        if (other && !flows.has(other))
          problems.push({
            file: `${flow.id}.yaml`,
            step: step.id,
            reason: `starts flow ${other}, which does not exist`,
          });
      }
    }
  }
  if (problems.length > 0) throw new InvalidFlowsError(problems);
  return flows;
}

/** Parses and checks one flow file's text. Pure, so every rule is tested without files. */
export function checkFlowFile(
  file: string,
  text: string,
): { flow?: FlowDefinition; problems: FlowProblem[] } {
  let raw: unknown;
  try {
    raw = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return {
      problems: [
        {
          file,
          reason: `not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
        },
      ],
    };
  }
  const parsed = flowSchema.safeParse(raw);
  if (!parsed.success) {
    const steps = Array.isArray((raw as { steps?: unknown })?.steps)
      ? (raw as { steps: { id?: unknown }[] }).steps
      : [];
    return {
      problems: parsed.error.issues.map((issue) => {
        const [first, index, ...rest] = issue.path;
        const stepId = first === 'steps' && typeof index === 'number' ? steps[index]?.id : undefined;
        const where = (stepId === undefined ? issue.path : rest).join('.');
        return {
          file,
          ...(stepId !== undefined
            ? { step: String(stepId) }
            : first === 'steps' && typeof index === 'number'
              ? { step: `#${index + 1}` }
              : {}),
          reason: `${where ? `${where}: ` : ''}${issue.message}`,
        };
      }),
    };
  }
  const flow = parsed.data;
  const problems = crossCheck(flow).map((problem) => ({ file, ...problem }));
  if (basename(file).replace(FLOW_FILE, '') !== flow.id)
    problems.push({ file, reason: `file name should be ${flow.id}${extname(file)}` });
  return problems.length > 0 ? { problems } : { flow, problems };
}

/** Rules that span steps: targets exist, actions are known, placeholders name saved answers. */
function crossCheck(flow: FlowDefinition): Omit<FlowProblem, 'file'>[] {
  const problems: Omit<FlowProblem, 'file'>[] = [];
  const ids = new Set<string>();
  for (const step of flow.steps) {
    if (ids.has(step.id)) problems.push({ step: step.id, reason: 'step id used twice' });
    ids.add(step.id);
  }
  const isTarget = (target: string) =>
    ids.has(target) || (SPECIAL_TARGETS as readonly string[]).includes(target) || FLOW_TARGET.test(target);
  if (!ids.has(flow.start)) problems.push({ reason: `start step ${flow.start} does not exist` });

  const saved = new Set([
    ...flow.given,
    ...flow.steps.filter((step) => step.input).map((step) => step.save ?? step.id),
    ...flow.steps.flatMap((step) =>
      Object.keys((step.action && isFlowAction(step.action) && ACTION_OUTPUTS[step.action]) || {}),
    ),
  ]);
  for (const step of flow.steps) {
    for (const target of targetsOf(step)) {
      if (!isTarget(target))
        problems.push({
          step: step.id,
          reason: `goes to ${target}, which is not a step (nor end, handoff or flow:<id>)`,
        });
    }
    if (step.action && !isFlowAction(step.action))
      problems.push({ step: step.id, reason: `unknown action ${step.action}` });
    for (const text of [step.prompt, step.reprompt].filter((entry) => entry !== undefined)) {
      for (const [language, value] of Object.entries(text)) {
        for (const [, name] of value.matchAll(PLACEHOLDER)) {
          if (name && !saved.has(name))
            problems.push({ step: step.id, reason: `${language} text uses {${name}}, which no step saves` });
        }
      }
    }
    for (const route of Array.isArray(step.next) ? step.next : []) {
      const conditions = route.when === undefined ? [] : [route.when].flat();
      for (const condition of conditions) {
        if (condition.answer && !saved.has(condition.answer)) {
          problems.push({
            step: step.id,
            reason: `condition reads answer ${condition.answer}, which no step saves`,
          });
        }
        if (!step.input && !condition.answer) {
          problems.push({
            step: step.id,
            reason: 'a step without input can only route on earlier answers (when.answer)',
          });
        }
      }
      if (route.then && !ids.has(route.then))
        problems.push({ step: step.id, reason: `then ${route.then} is not a step` });
    }
  }
  return problems;
}

function targetsOf(step: FlowStep): string[] {
  const next = Array.isArray(step.next) ? step.next.map((route) => route.goto) : [step.next];
  return [...next, step.onTooManyAttempts];
}
