import { weeklyReportKey } from '../../db/models/weekly-report';
import { rebuildParticipantRoster } from '../participants/roster';
import { rebuildWeekSummaries } from '../reports/week-summaries';
import { rebuildReportLedgers } from '../reports/weekly-report-service';
import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { upsertChanged, upsertPerson, type UpsertOutcome } from '../../imports/upsert';
import { maskPhone, type NikVault } from '../identity';
import type { DemoWeeklyReport } from './reports';
import type { DemoData } from './types';

/** Upserts in flight at once: enough to hide the round trips, few enough for a small server. */
const CONCURRENCY = 8;

export type Tally = Record<UpsertOutcome, number>;

export interface DemoWriteSummary {
  puskesos: Tally;
  staff: Tally;
  mentors: Tally;
  participants: Tally;
  weeklyReports: Tally;
}

export interface DemoWriteContext {
  models: Models;
  nikVault: NikVault;
}

/**
 * Stores the demo by natural keys (Puskesos by name, people by phone, reports by participant and
 * week), one document per write and only where something differs, so that a second run changes
 * nothing, not even `updatedAt`. What people change in chat (language, consent) is set only on
 * insert, as the import does.
 */
export async function writeDemoData(
  data: DemoData,
  { models, nikVault }: DemoWriteContext,
): Promise<DemoWriteSummary> {
  const puskesos = await tally(data.puskesos, (unit) =>
    upsertChanged(
      models.puskesos,
      { name: unit.name },
      { desa: unit.desa, kecamatan: unit.kecamatan, services: unit.services, servedDesa: unit.servedDesa },
    ),
  );

  const units = idsBy(
    await models.puskesos.find({ name: { $in: data.puskesos.map((unit) => unit.name) } }, { name: 1 }).lean(),
    (unit) => unit.name,
  );
  const staff = await tally(data.staff, (person) =>
    upsertPerson(
      models,
      'staff',
      person.phone,
      {
        name: person.name,
        email: person.email,
        role: person.role,
        puskesos: person.puskesos === undefined ? undefined : required(units, person.puskesos),
      },
      { channels: {} },
    ),
  );

  const mentors = await tally(data.mentors, (mentor) =>
    upsertPerson(
      models,
      'mentor',
      mentor.phone,
      { name: mentor.name, type: mentor.type, kecamatan: mentor.kecamatan },
      { channels: {} },
    ),
  );

  const mentorIds = idsBy(
    await models.mentors
      .find({ phone: { $in: data.mentors.map((mentor) => mentor.phone) } }, { phone: 1 })
      .lean(),
    (mentor) => mentor.phone,
  );
  const phones = data.participants.map((participant) => participant.phone);
  const storedHashes = new Map(
    (await models.participants.find({ phone: { $in: phones } }, { phone: 1, nik: 1 }).lean()).map(
      (participant) => [participant.phone, participant.nik?.hash],
    ),
  );
  const participants = await tally(data.participants, (participant) => {
    // A NIK is encrypted with a fresh IV each time, so it is written only when it is new or different.
    const nik =
      participant.nik !== undefined &&
      storedHashes.get(participant.phone) !== nikVault.lookupHash(participant.nik)
        ? nikVault.protect(participant.nik)
        : undefined;
    return upsertPerson(
      models,
      'participant',
      participant.phone,
      {
        name: participant.name,
        // As dotted paths, which upsertChanged compares as strings; it does not look inside objects.
        'nik.encrypted': nik?.encrypted,
        'nik.hash': nik?.hash,
        'nik.masked': nik?.masked,
        kecamatan: participant.kecamatan,
        desa: participant.desa,
        cluster: participant.cluster,
        stage: participant.stage,
        'business.name': participant.business.name,
        'business.description': participant.business.description,
        'capitalGrant.amount': participant.capitalGrant.amount,
        'capitalGrant.date': participant.capitalGrant.date,
        'mentoringWindow.start': participant.mentoringWindow.start,
        'mentoringWindow.end': participant.mentoringWindow.end,
        'mentors.mibi': required(mentorIds, participant.mentors.mibi),
        'mentors.tksk': required(mentorIds, participant.mentors.tksk),
      },
      {
        language: participant.language,
        status: 'active',
        consent: participant.consent,
        channels: {},
      },
    );
  });

  // The lists' roster, built from the records just written in one read (a seed is a batch).
  await rebuildParticipantRoster(models);

  const participantIds = idsBy(
    await models.participants.find({ phone: { $in: phones } }, { phone: 1 }).lean(),
    (participant) => participant.phone,
  );
  const weeklyReports = await storeWeeklyReports(data.weeklyReports, participantIds, models);

  return { puskesos, staff, mentors, participants, weeklyReports };
}

/**
 * Reports are most of the demo, so they are read in one query and written in one bulk of
 * single-document writes, each found by `_id` or inserted: FerretDB (SQLite) reads the whole
 * collection for every upsert by participant and week, which made a first run take 8 s instead of 1 s.
 * Only reports that are new or differ are written. A report that someone adds between the read and
 * the insert is refused by the unique index (participant, week): the run fails and a re-run mends it.
 */
async function storeWeeklyReports(
  reports: readonly DemoWeeklyReport[],
  participantIds: Map<string, Types.ObjectId>,
  models: Models,
): Promise<Tally> {
  const stored = await models.weeklyReports
    .find({ participant: { $in: [...participantIds.values()] } })
    .lean();
  const storedByKey = new Map(
    stored.map((report) => [`${String(report.participant)} ${report.week}`, report]),
  );
  const counts: Tally = { created: 0, updated: 0, unchanged: 0 };
  const writes: Parameters<typeof models.weeklyReports.bulkWrite>[0] = [];
  for (const report of reports) {
    const participant = required(participantIds, report.participantPhone);
    const existing = storedByKey.get(`${String(participant)} ${report.week}`);
    const changed = Object.fromEntries(
      REPORT_FIGURES.filter((field) => !existing || !sameFigure(existing[field], report[field])).map(
        (field) => [field, report[field]],
      ),
    );
    if (!existing) {
      counts.created += 1;
      writes.push({
        insertOne: {
          document: {
            _id: weeklyReportKey(participant, report.week),
            participant,
            week: report.week,
            ...changed,
          },
        },
      });
    } else if (Object.keys(changed).length > 0) {
      counts.updated += 1;
      writes.push({ updateOne: { filter: { _id: existing._id }, update: { $set: changed } } });
    } else {
      counts.unchanged += 1;
    }
  }
  if (writes.length > 0) {
    await models.weeklyReports.bulkWrite(writes, { ordered: false });
    // Written around the service, so the chat's ledgers and the overview's week summaries are built
    // again from what is stored.
    await rebuildReportLedgers(models);
    await rebuildWeekSummaries(models);
  }
  return counts;
}

const REPORT_FIGURES = [
  'sales',
  'spending',
  'savingsDeposit',
  'savingsWithdrawal',
  'savingsBalance',
  'channel',
  'submittedAt',
] as const satisfies readonly (keyof DemoWeeklyReport)[];

const sameFigure = (stored: unknown, wanted: number | string | Date) =>
  wanted instanceof Date
    ? stored instanceof Date && stored.getTime() === wanted.getTime()
    : stored === wanted;

/** `demo: puskesos 2, staff 9, ... (created 0, updated 0, unchanged 450)` */
export function formatDemoSummary(summary: DemoWriteSummary): string {
  const tallies = Object.values(summary);
  const sum = (outcome: UpsertOutcome) => tallies.reduce((total, counts) => total + counts[outcome], 0);
  const count = (counts: Tally) => counts.created + counts.updated + counts.unchanged;
  return (
    `demo: puskesos ${count(summary.puskesos)}, staff ${count(summary.staff)}, ` +
    `mentors ${count(summary.mentors)}, participants ${count(summary.participants)}, ` +
    `weekly reports ${count(summary.weeklyReports)} ` +
    `(created ${sum('created')}, updated ${sum('updated')}, unchanged ${sum('unchanged')})`
  );
}

/**
 * Runs the upserts a few at a time: each touches its own document by its own key, so their order does
 * not matter, and each is idempotent, so a crash halfway is mended by a re-run.
 */
async function tally<T>(items: readonly T[], upsert: (item: T) => Promise<UpsertOutcome>): Promise<Tally> {
  const counts: Tally = { created: 0, updated: 0, unchanged: 0 };
  const queue = [...items].reverse();
  const worker = async () => {
    try {
      for (let item = queue.pop(); item !== undefined; item = queue.pop()) counts[await upsert(item)] += 1;
    } catch (error) {
      // The other workers stop after their current upsert, so nothing is written after a failure is known.
      queue.length = 0;
      throw error;
    }
  };
  const finished = await Promise.allSettled(Array.from({ length: CONCURRENCY }, worker));
  const failure = finished.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return counts;
}

function idsBy<D extends { _id: Types.ObjectId }>(documents: D[], key: (document: D) => string) {
  return new Map(documents.map((document) => [key(document), document._id]));
}

/** The id stored under a natural key; phones are masked in the message, which may reach a log. */
function required(ids: Map<string, Types.ObjectId>, key: string): Types.ObjectId {
  const id = ids.get(key);
  if (!id) {
    const shown = key.startsWith('+62') ? maskPhone(key) : key;
    throw new Error(`demo data refers to ${shown}, which was not stored`);
  }
  return id;
}
