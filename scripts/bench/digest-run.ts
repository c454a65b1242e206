import type { Types } from 'mongoose';
import type { Models } from '../../src/db/models';
import { formatMentorDigest, gatherMentorFacts, rankDigest, type DigestRow } from '../../src/domain/digests';
import {
  baseSalesOf,
  digestPatternOf,
  reportsOf,
  REPORT_WEEKS,
  type DigestPopulation,
} from './digest-population';

export interface DigestTimings {
  /** Per mentor, gathering, ranking and formatting together (what the Monday job does before queuing). */
  perMentorMs: number[];
  /** Per mentor, the database part alone. */
  gatherMs: number[];
  totalMs: number;
  problems: string[];
}

/**
 * Each mentor's digest in turn, as the Monday job computes it, timed; each digest is then checked
 * against the seed (outside the timing). Stops early when `signal` aborts.
 */
export async function computeDigests(
  models: Models,
  population: DigestPopulation,
  {
    week,
    now,
    perMentor,
    signal,
    progress,
  }: {
    week: string;
    now: Date;
    perMentor: number;
    signal: AbortSignal;
    progress: (done: number, lastMs: number) => void;
  },
): Promise<DigestTimings> {
  const perMentorMs: number[] = [];
  const gatherMs: number[] = [];
  const problems: string[] = [];
  const start = performance.now();
  for (const [mentor, mentorId] of population.mentorIds.entries()) {
    if (signal.aborted) break;
    const mark = performance.now();
    const facts = await gatherMentorFacts(models, mentorId, week, now);
    const gathered = performance.now();
    const rows = rankDigest(facts, week, now);
    const text = formatMentorDigest(rows, week, 'id');
    perMentorMs.push(performance.now() - mark);
    gatherMs.push(gathered - mark);
    const group = population.groups[mentor] ?? [];
    problems.push(
      ...checkDigest(rows, text, group, mentor * perMentor, week).map(
        (problem) => `mentor #${mentor}: ${problem}`,
      ),
    );
    progress(mentor + 1, performance.now() - mark);
  }
  return { perMentorMs, gatherMs, totalMs: performance.now() - start, problems };
}

/** A digest's rows and text against what was seeded for the group starting at participant `firstIndex`. */
function checkDigest(
  rows: DigestRow[],
  text: string,
  group: Types.ObjectId[],
  firstIndex: number,
  week: string,
): string[] {
  const problems: string[] = [];
  if (rows.length !== group.length) problems.push(`${rows.length} rows, expected ${group.length}`);
  const silentLongest = group[0];
  if (silentLongest && rows[0]?.participantId !== String(silentLongest))
    problems.push(`first row is ${rows[0]?.name ?? 'nobody'}, expected the participant silent for 3 weeks`);

  const positionOf = new Map(group.map((id, position) => [String(id), position]));
  let reported = 0;
  let sales = 0;
  const wrong: string[] = [];
  for (const row of rows) {
    const position = positionOf.get(row.participantId);
    if (position === undefined) {
      wrong.push(`${row.name} is not in this mentor's group`);
      continue;
    }
    const index = firstIndex + position;
    const pattern = digestPatternOf(position);
    const seeded = reportsOf(index, position, week);
    const expected = {
      reported: pattern.silentWeeks === 0,
      sales:
        pattern.silentWeeks === 0
          ? pattern.salesFalling
            ? Math.round(baseSalesOf(index) / 2)
            : baseSalesOf(index)
          : undefined,
      savingsTotal: seeded[seeded.length - 1]?.savingsBalance ?? 0,
      streak: pattern.silentWeeks === 0 ? REPORT_WEEKS : 0,
      weeksWithoutReport: pattern.silentWeeks,
      attention: [
        ...(pattern.silentWeeks >= 2 ? ['weeks_without_report'] : []),
        ...(pattern.salesFalling ? ['sales_falling'] : []),
        ...(pattern.savingsStalled ? ['savings_stalled'] : []),
      ],
    };
    const actual = {
      reported: row.reported,
      sales: row.sales,
      savingsTotal: row.savingsTotal,
      streak: row.streak,
      weeksWithoutReport: row.weeksWithoutReport,
      attention: row.attention,
    };
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      wrong.push(`${row.name}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
    if (expected.reported) reported++;
    sales += expected.sales ?? 0;
  }
  if (wrong.length > 0) problems.push(`${wrong.length} rows wrong, e.g. ${wrong[0]}`);
  const rowSales = rows.reduce((sum, row) => sum + (row.reported ? (row.sales ?? 0) : 0), 0);
  if (rowSales !== sales) problems.push(`sales this week ${rowSales}, seeded ${sales}`);
  const summary = `${group.length} peserta, ${reported} melapor`;
  if (!text.includes(summary)) problems.push(`the text does not say "${summary}"`);
  return problems;
}
