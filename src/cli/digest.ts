import { parseArgs } from 'node:util';
import { openDatabase } from '../db';
import { instantInWeek, isoWeekOf, ISO_WEEK_PATTERN, shiftIsoWeek } from '../domain/calendar';
import {
  formatMentorDigest,
  formatProgramDigest,
  gatherMentorFacts,
  gatherProgramFacts,
  queueMentorDigest,
  rankDigest,
  summarizeProgram,
} from '../domain/digests';
import { normalizePhone } from '../domain/identity';
import { loadEnvironmentOrExit } from '../environment';
import { runCommand } from './run';

const USAGE =
  'Pemakaian / usage: npm run digest -- --mentor <no. HP> [--week 2026-W48] [--language id|en|su] [--dry-run]';

/**
 * Prints a mentor's digest for a week (default: the last full week) and, unless `--dry-run`, queues it
 * for the mentor's chat app. Exit 0 when done, 2 when the arguments are wrong or the mentor unknown.
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
    const rows = rankDigest(await gatherMentorFacts(database.models, mentor._id, week, now), week, now);
    const text = formatMentorDigest(rows, week, language);
    console.log(text);
    if (!values['dry-run']) {
      const queued = await queueMentorDigest(database.models, mentor, week, text, now);
      console.log(
        queued === undefined
          ? '\n(tidak terkirim: pendamping belum punya akun chat tercatat / not sent: no chat app recorded)'
          : queued === 'duplicate'
            ? '\n(sudah diantrekan sebelumnya / already queued)'
            : `\n(diantrekan untuk ${queued} / queued for ${queued})`,
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
