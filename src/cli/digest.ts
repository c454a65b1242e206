import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gridFsMediaStore } from '../db/media-store';
import { openDatabase } from '../db';
import { instantInWeek, isoWeekOf, ISO_WEEK_PATTERN, shiftIsoWeek } from '../domain/calendar';
import {
  formatMentorDigest,
  formatProgramDigest,
  gatherMentorFacts,
  gatherProgramFacts,
  mentorDigestChart,
  queueMentorDigest,
  rankDigest,
  summarizeProgram,
  digestActions,
} from '../domain/digests';
import { normalizePhone } from '../domain/identity';
import { loadEnvironmentOrExit } from '../environment';
import { runCommand } from './run';

const USAGE =
  'Pemakaian / usage: npm run digest -- --mentor <no. HP> [--week 2026-W48] [--language id|en|su] [--dry-run] [--chart file.png]';

/**
 * Prints a mentor's digest for a week (default: the last full week) and, unless `--dry-run`, queues it
 * with its chart for the mentor's chat app. With `--dry-run` (or `--chart <file>`) the chart is
 * written to a file, by default `<DATA_DIR>/charts/<mentor id>-<week>.png` (the id rather than the
 * phone: file names get copied around), and its path printed after the text. Exit 0 when done, 2
 * when the arguments are wrong or the mentor unknown.
 */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      mentor: { type: 'string' },
      week: { type: 'string' },
      language: { type: 'string', default: 'id' },
      'dry-run': { type: 'boolean', default: false },
      program: { type: 'boolean', default: false },
      chart: { type: 'string' },
    },
  });
  const phone = normalizePhone(values.mentor ?? '');
  const language = values.language;
  if (values.program) return printProgramDigest(values.week);
  if (
    !phone.ok ||
    (values.week !== undefined && !ISO_WEEK_PATTERN.test(values.week)) ||
    (language !== 'id' && language !== 'en' && language !== 'su')
  ) {
    console.error(`${USAGE}${values.mentor && !phone.ok ? `\n--mentor: ${phone.reason}` : ''}`);
    return 2;
  }
  const config = loadEnvironmentOrExit();
  const now = new Date();
  const week = values.week ?? shiftIsoWeek(isoWeekOf(now, config.DEFAULT_TIMEZONE), -1);
  const database = await openDatabase(config, (message) => console.error(message));
  try {
    const mentor = await database.models.mentors.findOne({ phone: phone.value }).lean();
    if (!mentor) {
      console.error(`Tidak ada pendamping dengan nomor ${values.mentor} / no mentor with that number`);
      return 2;
    }
    const facts = await gatherMentorFacts(database.models, mentor._id, week, now);
    const rows = rankDigest(facts, week, now);
    const text = formatMentorDigest(rows, week, language);
    console.log(text);
    const chart = () => mentorDigestChart(facts, week, language);
    if (values['dry-run'] || values.chart !== undefined) {
      const path = resolve(
        values.chart ?? join(config.DATA_DIR, 'charts', `${String(mentor._id)}-${week}.png`),
      );
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, chart());
      console.log(`\nGrafik / chart: ${path}`);
    }
    if (!values['dry-run']) {
      const queued = await queueMentorDigest(
        database.models,
        mentor,
        week,
        text,
        now,
        { render: chart, store: gridFsMediaStore(database.connection) },
        digestActions(rows, language),
      );
      console.log(
        queued === undefined
          ? '\n(tidak terkirim: pendamping belum punya akun chat tercatat / not sent: no chat app recorded)'
          : queued === 'duplicate'
            ? '\n(sudah diantrekan sebelumnya / already queued)'
            : `\n(diantrekan dengan grafik untuk ${queued} / queued with the chart for ${queued})`,
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

/** The program-wide digest of a week (default: the last full week), printed only. */
async function printProgramDigest(requestedWeek: string | undefined): Promise<number> {
  if (requestedWeek !== undefined && !ISO_WEEK_PATTERN.test(requestedWeek)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadEnvironmentOrExit();
  const zone = config.DEFAULT_TIMEZONE;
  const week = requestedWeek ?? shiftIsoWeek(isoWeekOf(new Date(), zone), -1);
  const monday = { weekday: 0, hour: 0, minute: 0 };
  const database = await openDatabase(config, (message) => console.error(message));
  try {
    const facts = await gatherProgramFacts(
      database.models,
      week,
      instantInWeek(week, monday, zone),
      instantInWeek(shiftIsoWeek(week, 1), monday, zone),
    );
    console.log(formatProgramDigest(summarizeProgram(facts), week));
    return 0;
  } finally {
    await database.close();
  }
}

runCommand('digest', () => main(process.argv.slice(2)));
