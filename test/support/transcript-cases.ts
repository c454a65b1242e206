import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * Transcript case files (test/flows/cases/<flow>.yaml): conversations typed line by line with the
 * replies, messages to other people and stored records they must give, in the manner of goflow's
 * test data. This module reads them and compares what happened with what a case expects; playing
 * them through the conversation service is test/flows/transcripts.test.ts.
 */

const text = z.string().min(1);

/** One message the person gets: its exact text, or words it must contain; its buttons' labels. */
const expectedMessage = z.union([
  text,
  z
    .object({
      text: text.optional(),
      contains: z.union([text, z.array(text).min(1)]).optional(),
      choices: z.array(text).optional(),
    })
    .strict()
    .refine((message) => (message.text === undefined) !== (message.contains === undefined), {
      error: 'give either text or contains',
    }),
]);

const turn = z
  .object({
    /** A typed line. */
    send: text.optional(),
    /** A button tapped under the last message that had buttons: the choice's id. */
    tap: text.optional(),
    /** A photo, by name, as the simulator stands one in. */
    photo: text.optional(),
    /** A line typed by the Puskesos's staff member in their own chat. */
    staff: text.optional(),
    /** With `staff`: the staff member replies to (quotes) the post of this complaint. */
    quoting: text.optional(),
    /** Every message the case's person gets after this turn, in order; unchecked when absent. */
    replies: z.array(expectedMessage).optional(),
  })
  .strict()
  .refine(
    (line) => [line.send, line.tap, line.photo, line.staff].filter((kind) => kind !== undefined).length === 1,
    { error: 'a turn is one of send, tap, photo or staff' },
  )
  .refine((line) => line.quoting === undefined || line.staff !== undefined, {
    error: 'only a staff turn quotes a complaint',
  });

const amount = z.number().int().nonnegative();

export const PEOPLE = ['siti', 'euis', 'ujang', 'mentor', 'staff', 'resident'] as const;
export type Someone = (typeof PEOPLE)[number];

const transcriptCase = z
  .object({
    title: text,
    /** The language on the writer's record (a resident's is always Indonesian). */
    language: z.enum(['id', 'en', 'su']),
    /** Who types: Siti the participant, the mentor Rina, or a resident nobody knows. */
    as: z.enum(['participant', 'mentor', 'resident']).default('participant'),
    /** The clock at the first turn; it moves one minute a turn. Saturday 28 Nov 2026, 16:00 WIB by default. */
    at: z.iso.datetime({ offset: true }).default('2026-11-28T09:00:00Z'),
    given: z
      .object({
        /** Whether Siti has given consent; she has unless said otherwise. */
        consented: z.boolean().default(true),
        /** Siti's reports stored before the case starts. */
        reports: z
          .array(
            z
              .object({
                week: z.string().regex(/^\d{4}-W\d{2}$/),
                sales: amount,
                spending: amount.default(0),
                savings: amount.default(0),
                withdrawal: amount.default(0),
              })
              .strict(),
          )
          .default([]),
        /** A session of the mentor's with all three participants invited. */
        session: z
          .object({ topic: text, startsAt: z.iso.datetime({ offset: true }), place: text })
          .strict()
          .optional(),
      })
      .strict()
      .prefault({}),
    turns: z.array(turn).min(1),
    /** Every message queued for someone other than the writer during the case, in order. */
    events: z
      .array(
        z
          .object({
            to: z.enum(PEOPLE),
            text: text.optional(),
            contains: z.union([text, z.array(text)]).optional(),
          })
          .strict(),
      )
      .optional(),
    /**
     * Records after the case: `me` is the writer's own; any other key is a collection of the models
     * (`weeklyReports`, `complaints`...) given whole, each document by the fields it must have.
     */
    stored: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type TranscriptCase = z.infer<typeof transcriptCase>;
export type Turn = TranscriptCase['turns'][number];
export type ExpectedMessage = z.infer<typeof expectedMessage>;

export interface CaseFile {
  /** The file's path from the repository root, as a failure names it. */
  path: string;
  /** The flow it covers: the file's name. */
  flowId: string;
  cases: TranscriptCase[];
}

/** Reads every case file in `directory`; a file that does not fit the format fails with its path and the reason. */
export function loadCaseFiles(directory: string, root: string): CaseFile[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const path = relative(root, join(directory, name));
      const parsed = z
        .array(transcriptCase)
        .min(1)
        .safeParse(parseYaml(readFileSync(join(directory, name), 'utf8')));
      if (!parsed.success) {
        // One line: jest shows only the first line of an error thrown while a test file loads.
        const problems = parsed.error.issues.map((issue) => `at ${issue.path.join('.')}: ${issue.message}`);
        throw new Error(`${path} is not a valid case file: ${problems.join('; ')}`);
      }
      return { path, flowId: basename(name, '.yaml'), cases: parsed.data };
    });
}

/** A message as the person's chat shows it. */
export interface ShownMessage {
  text: string;
  choices?: { label: string }[] | undefined;
}

/** What differs between the messages a turn expects and those the person got; empty when they agree. */
export function messageMismatches(expected: ExpectedMessage[], actual: ShownMessage[]): string[] {
  const problems: string[] = [];
  if (expected.length !== actual.length)
    problems.push(`expected ${expected.length} message(s), got ${actual.length}`);
  expected.forEach((wanted, index) => {
    const got = actual[index];
    const name = `message ${index + 1}`;
    if (!got) return;
    const want = typeof wanted === 'string' ? { text: wanted } : wanted;
    if (want.text !== undefined && got.text !== want.text)
      problems.push(`${name}: expected exactly ${JSON.stringify(want.text)}`);
    for (const part of [want.contains ?? []].flat())
      if (!got.text.includes(part)) problems.push(`${name}: expected to contain ${JSON.stringify(part)}`);
    const labels = (got.choices ?? []).map((choice) => choice.label);
    if (want.choices && JSON.stringify(want.choices) !== JSON.stringify(labels))
      problems.push(
        `${name}: expected buttons ${JSON.stringify(want.choices)}, got ${JSON.stringify(labels)}`,
      );
  });
  return problems;
}

/**
 * What differs between an expected value and a stored one (as JSON: ids as strings, dates as ISO
 * text): objects need only the fields expected, lists have exactly the expected items.
 */
export function storedMismatches(expected: unknown, actual: unknown, path: string): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${JSON.stringify(actual)}`];
    const length =
      expected.length === actual.length
        ? []
        : [`${path}: expected ${expected.length} item(s), got ${actual.length}`];
    return [
      ...length,
      ...expected.flatMap((item, index) => storedMismatches(item, actual[index], `${path}[${index}]`)),
    ];
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object')
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      storedMismatches(value, (actual as Record<string, unknown>)[key], `${path}.${key}`),
    );
  }
  return expected === actual
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** How a turn is told in a failure: what was typed or done. */
export function describeTurn(line: Turn): string {
  if (line.send !== undefined) return `send ${JSON.stringify(line.send)}`;
  if (line.tap !== undefined) return `tap ${JSON.stringify(line.tap)}`;
  if (line.photo !== undefined) return `photo ${JSON.stringify(line.photo)}`;
  return `staff ${JSON.stringify(line.staff)}${line.quoting ? ` quoting ${line.quoting}` : ''}`;
}

/** A failure a flow author can act on: where the case is, which turn, what was expected and what came. */
export function caseFailure(
  file: string,
  item: Pick<TranscriptCase, 'title' | 'language'>,
  where: string,
  problems: string[],
  actual: ShownMessage[] | unknown,
): Error {
  const shown = Array.isArray(actual)
    ? (actual as unknown[]).map((message, index) => `    ${index + 1}. ${JSON.stringify(message)}`).join('\n')
    : `    ${JSON.stringify(actual, undefined, 2)?.replace(/\n/g, '\n    ')}`;
  return new Error(
    [
      `${file}, case "${item.title}" (${item.language}), ${where}:`,
      ...problems.map((problem) => `  ${problem}`),
      '  actual:',
      shown || '    (nothing)',
    ].join('\n'),
  );
}
