import { parseArgs } from 'node:util';
import { Types } from 'mongoose';
import { gridFsMediaStore } from '../db/media-store';
import { openDatabase } from '../db';
import type { Models } from '../db/models';
import type { OutboxMessage, QueueMessage } from '../db/outbox';
import { isoWeekOf, ISO_WEEK_PATTERN, shiftIsoWeek } from '../domain/calendar';
import { normalizePhone } from '../domain/identity';
import { loadEnvironmentOrExit } from '../environment';
import { redactText } from '../log';
import { dayOf, hourOf, programJobs } from '../scheduler';
import { scheduleSettingsOf } from '../scheduler/settings';
import { runCommand, usageError } from './run';

/**
 * The jobs an operator can run, each as the scheduler runs it: which scheduled jobs it is (the
 * reminders have one per time zone), what `--week` names, and whether it can be narrowed to a mentor.
 */
const JOBS = {
  'weekly-reminder': {
    about: 'pengingat laporan Sabtu / the Saturday report reminder (every time zone)',
    scheduled: /^weekly-report-reminder-first(@|$)/,
    week: 'asked',
  },
  'weekly-reminder-second': {
    about: 'pengingat kedua yang lebih lembut / the gentler repeat, to those still silent',
    scheduled: /^weekly-report-reminder-second(@|$)/,
    week: 'asked',
  },
  'savings-nudge': {
    about: 'dorongan menabung Rabu / the Wednesday savings nudge',
    scheduled: /^savings-nudge$/,
    week: 'reviewed',
  },
  'mentor-digest': {
    about: 'ringkasan Senin untuk pendamping dan program / the Monday mentor and program digests',
    scheduled: /^mentor-digest$/,
    week: 'reviewed',
  },
  'complaint-sla': {
    about: 'peringatan batas waktu pengaduan / complaint deadline alerts (this hour)',
    scheduled: /^complaint-sla$/,
    week: undefined,
  },
  'handover-sla': {
    about: 'peringatan batas waktu permintaan bantuan / request-for-a-person deadline alerts (this hour)',
    scheduled: /^handover-sla$/,
    week: undefined,
  },
  'staff-digest': {
    about: 'daftar pagi pengaduan terbuka untuk petugas / the staff morning list (today)',
    scheduled: /^staff-digest$/,
    week: undefined,
  },
  'message-retention': {
    about: 'hapus riwayat pesan lebih tua dari MESSAGE_RETENTION_MONTHS / prune old message history',
    scheduled: /^message-retention$/,
    week: undefined,
  },
  'privacy-requests': {
    about: 'permintaan hitung/hapus data pribadi dari dasbor / the dashboard’s privacy requests waiting',
    scheduled: /^privacy-requests$/,
    week: undefined,
  },
} as const;

type JobName = keyof typeof JOBS;

const USAGE = [
  'Pemakaian / usage: npm run job -- <job> (--now | --week 2026-W49) [--mentor <id atau no. HP>] [--dry-run]',
  '',
  'Jobs:',
  ...Object.entries(JOBS).map(([name, job]) => `  ${name.padEnd(24)}${job.about}`),
  '',
  '--now        jalankan sekarang untuk minggu/hari ini / run now, for this week (or this hour, today)',
  '--week       minggu yang diingatkan atau ditinjau / the week reminded about, or looked back on',
  '--mentor     hanya peserta satu pendamping / only one mentor’s participants (not complaint jobs)',
  '--dry-run    tampilkan saja, tidak menulis apa pun / print what would be sent, write nothing',
].join('\n');

/** How many of the messages a dry run would send it shows. */
const EXAMPLES = 3;

const refuseArguments = usageError(USAGE);

/**
 * Runs one of the scheduler's jobs now, for this week or a given one, optionally for one mentor's
 * participants, or only shows what it would send. Messages keep their dedupe keys, so a job run
 * again (here or by the scheduler) queues only what was not queued before. Exit 0 when done, 2 when
 * the arguments are wrong or the mentor unknown, 1 when the job failed.
 */
async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        now: { type: 'boolean', default: false },
        week: { type: 'string' },
        mentor: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return refuseArguments(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [name, ...extra] = positionals;
  if (name === undefined) return refuseArguments('Pilih satu job / name a job.');
  if (!(name in JOBS)) return refuseArguments(`Job tidak dikenal / unknown job: ${name}`);
  const job = JOBS[name as JobName];
  if (extra.length > 0) return refuseArguments(`Argumen berlebih / unexpected: ${extra.join(' ')}`);
  if (!values.now && values.week === undefined)
    return refuseArguments('Sebutkan kapan / say when: --now or --week 2026-W49.');
  if (values.week !== undefined && (!job.week || !ISO_WEEK_PATTERN.test(values.week)))
    return refuseArguments(
      job.week
        ? `--week: expected a week like 2026-W49, got "${values.week}"`
        : `--week does not apply to ${name}`,
    );
  if (values.mentor !== undefined && !job.week) return refuseArguments(`--mentor does not apply to ${name}`);
  if (values['dry-run'] && name === 'message-retention')
    return refuseArguments(
      '--dry-run does not apply to message-retention (it sends nothing; see MESSAGE_RETENTION_MONTHS)',
    );
  if (values['dry-run'] && name === 'privacy-requests')
    return refuseArguments('--dry-run does not apply to privacy-requests (it sends nothing)');

  const config = loadEnvironmentOrExit();
  const now = new Date();
  const zone = config.DEFAULT_TIMEZONE;
  const database = await openDatabase(config, (message) => console.error(message));
  try {
    const models = database.models;
    const mentor = values.mentor === undefined ? undefined : await findMentor(models, values.mentor);
    if (mentor === null) {
      console.error('Tidak ada pendamping itu / no such mentor (an id or a phone number like 081234567890)');
      return 2;
    }
    // The scheduler's occurrence: a reminder's week is the one it asks about; the digest and the
    // nudge run in the week after the one they look back on.
    const week =
      values.week ??
      (job.week === 'reviewed' ? shiftIsoWeek(isoWeekOf(now, zone), -1) : isoWeekOf(now, zone));
    const occurrence =
      job.week === 'reviewed'
        ? shiftIsoWeek(week, 1)
        : job.week === 'asked'
          ? week
          : name === 'complaint-sla' || name === 'handover-sla'
            ? hourOf(now, zone)
            : dayOf(now, zone);
    const dryRun = values['dry-run'] ? dryRunQueue(models) : undefined;
    const jobs = programJobs(
      models,
      scheduleSettingsOf(config),
      // A dry run stores no chart.
      dryRun ? { save: () => Promise.resolve('dry-run') } : gridFsMediaStore(database.connection),
      { mentor: mentor?._id, queue: dryRun?.queue },
    ).filter((scheduled) => job.scheduled.test(scheduled.name));
    console.log(
      `${name} ${job.week ? week : occurrence}${mentor ? ` (pendamping / mentor ${mentor.name})` : ''}${dryRun ? ' — uji coba, tidak ada yang ditulis / dry run, nothing written' : ''}`,
    );
    for (const scheduled of jobs) {
      const outcome = await scheduled.run(occurrence, now);
      console.log(`  ${scheduled.name}: ${JSON.stringify(outcome)}`);
    }
    if (dryRun) printPlanned(dryRun.planned);
    return 0;
  } finally {
    await database.close();
  }
}

async function findMentor(models: Models, idOrPhone: string) {
  if (/^[0-9a-f]{24}$/i.test(idOrPhone))
    return models.mentors.findById(new Types.ObjectId(idOrPhone), { name: 1 }).lean();
  const phone = normalizePhone(idOrPhone);
  return phone.ok ? models.mentors.findOne({ phone: phone.value }, { name: 1 }).lean() : null;
}

/** A queue that writes nothing: it notes each message and says whether it would be new (by `_id`). */
function dryRunQueue(models: Models): {
  queue: QueueMessage;
  planned: { entry: OutboxMessage; fresh: boolean }[];
} {
  const planned: { entry: OutboxMessage; fresh: boolean }[] = [];
  return {
    planned,
    queue: async (entry) => {
      const fresh = (await models.outbox.exists({ _id: entry.dedupeKey })) === null;
      planned.push({ entry, fresh });
      return fresh;
    },
  };
}

/** Counts and a few examples; never a chat id, and keys and texts pass the log's phone and NIK redaction. */
function printPlanned(planned: { entry: OutboxMessage; fresh: boolean }[]): void {
  const fresh = planned.filter((message) => message.fresh);
  console.log(
    `Akan dikirim / would send: ${fresh.length}; sudah diantrekan sebelumnya / already queued: ${planned.length - fresh.length}`,
  );
  for (const { entry } of fresh.slice(0, EXAMPLES)) {
    const text = redactText(entry.message.text).replace(/\s+/g, ' ');
    console.log(
      `  - ${entry.channel} · ${redactText(entry.dedupeKey)} · ${text.length > 120 ? `${text.slice(0, 119)}…` : text}`,
    );
  }
}

runCommand('job', () => main(process.argv.slice(2)), 1);
