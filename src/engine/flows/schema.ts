import { z } from 'zod';
import { localizedTextSchema } from '../../i18n';

/**
 * The shape of a flow file in `flows/`. Flows are data that a program officer can read and change;
 * `npm run flows:check` validates them, and the service refuses to start with an invalid one.
 */

export const INPUT_TYPES = [
  'money',
  'integer',
  'choice',
  'yes_no',
  'text',
  'photo',
  'date',
  /** A day and time to come (`kamis 3/12 09.00`, `besok jam 2 siang`): when a session takes place. */
  'datetime',
  'week',
  'contact',
  'location',
] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/** Where a transition may lead besides another step; `flow:<id>` starts another flow. */
export const SPECIAL_TARGETS = ['end', 'handoff'] as const;
export const FLOW_TARGET = /^flow:([a-z][a-z0-9-]*)$/;

const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, { error: 'expected lower-case letters, digits and _' });

const choiceOptionSchema = z
  .object({
    id: identifier,
    label: localizedTextSchema,
    aliases: z.array(z.string().min(1)).default([]),
  })
  .strict();

const inputSchema = z
  .object({
    type: z.enum(INPUT_TYPES),
    /** An optional answer can be skipped with `-`, `lewati` or `skip`. */
    optional: z.boolean().default(false),
    options: z.array(choiceOptionSchema).min(2).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.type === 'choice' && !input.options)
      ctx.addIssue({ code: 'custom', message: 'a choice needs options' });
    if (input.type !== 'choice' && input.options)
      ctx.addIssue({ code: 'custom', message: `options only apply to a choice, not ${input.type}` });
    if (input.min !== undefined && input.max !== undefined && input.min > input.max) {
      ctx.addIssue({ code: 'custom', message: 'min is above max' });
    }
  });

/** A condition on the answer just given (or on an earlier one, named by `answer`). */
const conditionSchema = z
  .object({
    answer: identifier.optional(),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z.array(z.union([z.string(), z.number()])).optional(),
    above: z.number().optional(),
    below: z.number().optional(),
  })
  .strict();

const target = z.union([identifier, z.string().regex(FLOW_TARGET)], {
  error: 'expected a step id, end, handoff or flow:<id>',
});

const transitionSchema = z.union([
  target,
  z
    .array(
      z
        .object({
          /** One condition, or several that must all hold. */
          when: z.union([conditionSchema, z.array(conditionSchema).min(1)]).optional(),
          goto: target,
          /** After the step `goto` leads to is answered, continue here instead (to correct one answer). */
          then: identifier.optional(),
        })
        .strict(),
    )
    .min(1)
    .refine((routes) => routes.at(-1)?.when === undefined, {
      error: 'the last route must have no `when` (the default)',
    }),
]);

const stepSchema = z
  .object({
    id: identifier,
    /** What the bot says on reaching the step; only a step that runs an action may say nothing. */
    prompt: localizedTextSchema.optional(),
    /** Said instead of the parser's own explanation when an answer is not understood. */
    reprompt: localizedTextSchema.optional(),
    /** A step without input only says its prompt (and runs its action), then moves on. */
    input: inputSchema.optional(),
    /** The answer is kept under this name (default: the step id). */
    save: identifier.optional(),
    /** Named handler in src/ run when the step is reached, with the answers so far. */
    action: identifier.optional(),
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** Where to go after too many answers that were not understood. */
    onTooManyAttempts: identifier.default('handoff'),
    next: transitionSchema.default('end'),
  })
  .strict()
  .superRefine((step, ctx) => {
    // A step with neither prompt, input nor action only routes (on earlier answers).
    const router = !step.input && !step.action && Array.isArray(step.next);
    if (!step.prompt && !step.action && !router) {
      ctx.addIssue({
        code: 'custom',
        path: ['prompt'],
        message: 'a step needs a prompt (or an action, or routes)',
      });
    }
    if (step.action && step.input) {
      ctx.addIssue({
        code: 'custom',
        path: ['action'],
        message: 'a step either asks (input) or acts (action), not both',
      });
    }
  });

export const flowSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'expected lower-case letters, digits and -' }),
    version: z.number().int().min(1),
    title: localizedTextSchema,
    start: identifier,
    /** Answers the service fills in when it starts the flow itself (the complaint a reply is about). */
    given: z.array(identifier).default([]),
    steps: z.array(stepSchema).min(1),
  })
  .strict();

export type FlowDefinition = z.infer<typeof flowSchema>;
export type FlowStep = FlowDefinition['steps'][number];
export type StepInput = NonNullable<FlowStep['input']>;
export type Condition = z.infer<typeof conditionSchema>;
