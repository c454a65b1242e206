import type { Connection, Types } from 'mongoose';
import { gridFsMediaStore } from '../../src/db/media-store';
import { loadConfig } from '../../src/config';
import type { Models } from '../../src/db/models';
import { formatRupiah } from '../../src/domain/display';
import { programJobs } from '../../src/scheduler';
import { scheduleSettingsOf } from '../../src/scheduler/settings';
import {
  baseSalesOf,
  digestPatternOf,
  mentorChatOf,
  participantNameOf,
  placeOfMentor,
  reportsOf,
  REPORT_WEEKS,
  type DigestPopulation,
} from './digest-population';

export interface DigestJobRun {
  ms: number;
  queued: number;
  programQueued: number;
}

/**
 * The Monday digest job as the scheduler and `npm run job -- mentor-digest` run it: the service's
 * default schedule, charts in the database's GridFS bucket, every mentor at once. `occurrence` is the
 * week the job runs in; the digests look back on the week before it.
 */
export async function runDigestJob(
  models: Models,
  connection: Connection,
  occurrence: string,
  now: Date,
): Promise<DigestJobRun> {
  const job = programJobs(models, scheduleSettingsOf(loadConfig({})), gridFsMediaStore(connection)).find(
    (scheduled) => scheduled.name === 'mentor-digest',
  );
  if (!job) throw new Error('the scheduler has no mentor-digest job');
  const start = performance.now();
  const outcome = (await job.run(occurrence, now)) as { queued: number; programQueued: number };
  return { ms: performance.now() - start, queued: outcome.queued, programQueued: outcome.programQueued };
}

interface StoredDigest {
  _id: string;
  channel: string;
  chatId: string;
  message: { text: string; image?: { mediaId: string }; choices?: { id: string }[] };
}

/**
 * What the two runs of the job did, against the seed: the first queued one digest for every mentor
 * and nothing else, the second nothing; each digest went to its mentor's chat with its chart, names
 * every participant of the group once with the figures and reasons seeded, ranks the participant
 * silent for three weeks first, the silent before those whose sales fell and those before those who
 * only stopped saving, and says the group's totals. Returns what is wrong.
 */
export async function verifyDigests(
  models: Models,
  population: DigestPopulation,
  {
    week,
    perMentor,
    first,
    second,
  }: { week: string; perMentor: number; first: DigestJobRun; second: DigestJobRun },
): Promise<string[]> {
  const mentors = population.mentorIds.length;
  const problems: string[] = [];
  if (first.queued !== mentors)
    problems.push(`first run queued ${first.queued} digests, expected ${mentors}`);
  if (second.queued !== 0) problems.push(`second run queued ${second.queued} more, expected none`);
  if (first.programQueued + second.programQueued !== 0)
    problems.push('a program digest was queued, with nobody seeded to get one');

  const stored = await models.outbox.find({}, { channel: 1, chatId: 1, message: 1 }).lean<StoredDigest[]>();
  if (stored.length !== mentors) problems.push(`outbox: ${stored.length} entries, expected ${mentors}`);
  const byKey = new Map(stored.map((entry) => [entry._id, entry]));
  const queued = new Set((await models.outboxQueue.find({}, { _id: 1 }).lean()).map((entry) => entry._id));
  const charts = await models.outbox.db.collection('media.files').countDocuments();
  if (charts !== mentors)
    problems.push(`media: ${charts} charts stored, expected one per mentor (${mentors})`);

  let wrong = 0;
  population.mentorIds.forEach((mentorId, mentor) => {
    const entry = byKey.get(`digest:${String(mentorId)}:${week}`);
    const found = !entry
      ? ['no digest queued']
      : [
          ...(entry.channel === 'telegram' && entry.chatId === mentorChatOf(mentor)
            ? []
            : [`sent to ${entry.channel} ${entry.chatId}, not the mentor's Telegram chat`]),
          ...(queued.has(entry._id) ? [] : ['not in the queue']),
          ...(entry.message.image?.mediaId ? [] : ['no chart']),
          ...checkDigestText(entry.message, population.groups[mentor] ?? [], mentor, perMentor, week),
        ];
    if (found.length > 0 && wrong++ < 10) problems.push(`mentor #${mentor}: ${found.join('; ')}`);
  });
  if (wrong > 10) problems.push(`... ${wrong} mentors' digests wrong in all`);
  return problems;
}

const REASON_TEXTS = {
  silent: (weeks: number) => `${weeks} minggu tidak melapor`,
  salesFalling: 'omzet turun 50%',
  savingsStalled: 'tabungan tidak bertambah 3 minggu',
};

/**
 * One digest's text (in Indonesian, the seeded mentors' language) and its actions against the
 * group seeded for `mentor`. The expected lines are written from the seed's pattern, not from the
 * ranking under test.
 */
function checkDigestText(
  message: StoredDigest['message'],
  group: Types.ObjectId[],
  mentor: number,
  perMentor: number,
  week: string,
): string[] {
  const problems: string[] = [];
  const lines = message.text.split('\n');
  const attention = lines.flatMap((line) => {
    const match = /^(\d+)\. (.+) \((.+)\): (.+)$/.exec(line);
    return match ? [{ name: match[2] ?? '', desa: match[3] ?? '', reasons: match[4] ?? '' }] : [];
  });
  const others = lines.flatMap((line) => {
    const match = /^- (.+?): (.+)$/.exec(line);
    return match ? [{ name: match[1] ?? '', figures: match[2] ?? '' }] : [];
  });
  const { desa } = placeOfMentor(mentor);

  let reported = 0;
  let sales = 0;
  let saved = 0;
  const rowProblems: string[] = [];
  const tierOf = new Map<string, number>();
  group.forEach((_, position) => {
    const index = mentor * perMentor + position;
    const name = participantNameOf(index);
    const pattern = digestPatternOf(position);
    const seeded = reportsOf(index, position, week);
    const latest = seeded[seeded.length - 1];
    const reasons = [
      ...(pattern.silentWeeks >= 2 ? [REASON_TEXTS.silent(pattern.silentWeeks)] : []),
      ...(pattern.salesFalling ? [REASON_TEXTS.salesFalling] : []),
      ...(pattern.savingsStalled ? [REASON_TEXTS.savingsStalled] : []),
    ];
    if (pattern.silentWeeks === 0) {
      reported++;
      sales += latest?.sales ?? 0;
      saved += latest?.savingsDeposit ?? 0;
    }
    const asAttention = attention.filter((row) => row.name === name);
    const asOther = others.filter((row) => row.name === name);
    if (asAttention.length + asOther.length !== 1) {
      rowProblems.push(`${name} on ${asAttention.length + asOther.length} lines`);
      return;
    }
    if (reasons.length > 0) {
      const row = asAttention[0];
      if (!row || row.desa !== desa || row.reasons !== reasons.join('; '))
        rowProblems.push(
          `${name}: "${row ? `(${row.desa}): ${row.reasons}` : 'not among those needing attention'}"`,
        );
      tierOf.set(
        name,
        pattern.silentWeeks >= 2 ? 0 : pattern.salesFalling ? (pattern.savingsStalled ? 1 : 2) : 3,
      );
    } else {
      const expected = `${formatRupiah(baseSalesOf(index))} (+0%), tabungan ${formatRupiah(latest?.savingsBalance ?? 0)}, ${REPORT_WEEKS} minggu berturut-turut`;
      const row = asOther[0];
      if (!row || row.figures !== expected)
        rowProblems.push(`${name}: "${row?.figures}", expected "${expected}"`);
    }
  });
  if (rowProblems.length > 0) problems.push(`${rowProblems.length} rows wrong, e.g. ${rowProblems[0]}`);
  if (attention.length + others.length !== group.length)
    problems.push(`${attention.length + others.length} rows, expected ${group.length}`);

  if (attention[0]?.name !== participantNameOf(mentor * perMentor))
    problems.push(`first is ${attention[0]?.name ?? 'nobody'}, expected the participant silent for 3 weeks`);
  // Silences first, then falling sales, then savings alone; a fall with stalled savings weighs as
  // much as a two weeks' silence, and the two are ordered by name.
  const tiers = attention.map((row) => tierOf.get(row.name) ?? 0);
  const outOfOrder = tiers.findIndex(
    (tier, at) => at > 0 && tier < (tiers[at - 1] ?? 0) && !(tier === 0 && tiers[at - 1] === 1),
  );
  if (outOfOrder > 0)
    problems.push(`${attention[outOfOrder]?.name} ranked after ${attention[outOfOrder - 1]?.name}`);

  const rate = Math.round((reported / group.length) * 100);
  const summary = `${group.length} peserta, ${reported} melapor (${rate}%). Omzet ${formatRupiah(sales)}, tabungan masuk ${formatRupiah(saved)}.`;
  if (!lines.includes(summary)) problems.push(`the text does not say "${summary}"`);
  if (message.choices?.[0]?.id !== `nudge:${String(group[0])}`)
    problems.push(
      `the first action is ${message.choices?.[0]?.id ?? 'missing'}, expected a reminder to the silent participant`,
    );
  return problems;
}
