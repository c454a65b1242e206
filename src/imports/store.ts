import type { Models } from '../db/models';
import type { NikVault } from '../domain/identity';
import type { MentorRow } from '../domain/imports/mentor-row';
import type { ParticipantRow } from '../domain/imports/participant-row';
import type { PuskesosRow } from '../domain/imports/puskesos-row';
import type { RowProblem } from '../domain/imports/row';
import type { StaffRow } from '../domain/imports/staff-row';
import { say } from '../i18n';
import type { StoreOutcome } from './report';
import { isDuplicateKey } from '../db/errors';
import { recordInRoster, type RosterPlacement } from '../domain/participants/roster';
import { upsertChanged, upsertPerson, upsertPersonRecord } from './upsert';

export interface StoreContext {
  models: Models;
  nikVault: NikVault;
}

const problem = (row: number, column: string | undefined, reason: string): RowProblem[] => [
  { row, ...(column ? { column } : {}), reason },
];

/** Runs one row's upsert; a unique index refusing it becomes a problem of that row, not a crash. */
async function storeRow(
  row: number,
  write: () => Promise<StoreOutcome>,
  duplicateReason: string,
): Promise<StoreOutcome> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKey(error)) return problem(row, undefined, duplicateReason);
    throw error;
  }
}

/** Later rows repeating an earlier row's key are refused, so one file cannot say two things. */
function firstOccurrences<R extends { row: number }>(
  rows: R[],
  keys: { column: string; key: (row: R) => string | undefined }[],
): Map<R, RowProblem[]> {
  const refused = new Map<R, RowProblem[]>();
  for (const { column, key } of keys) {
    const seen = new Map<string, number>();
    for (const row of rows) {
      const value = key(row);
      if (value === undefined) continue;
      const earlier = seen.get(value);
      if (earlier === undefined) seen.set(value, row.row);
      else
        refused.set(row, [
          ...(refused.get(row) ?? []),
          ...problem(row.row, column, say('import.sameAsRow', 'id', { row: earlier })),
        ]);
    }
  }
  return refused;
}

export async function storeParticipants(
  rows: ParticipantRow[],
  { models, nikVault }: StoreContext,
): Promise<StoreOutcome[]> {
  const hashes = new Map(
    rows.flatMap((row) => (row.nik ? [[row, nikVault.lookupHash(row.nik)] as const] : [])),
  );
  const refused = firstOccurrences(rows, [
    { column: 'no_hp', key: (row) => row.phone },
    { column: 'nik', key: (row) => hashes.get(row) },
  ]);

  const mentorPhones = [
    ...new Set(rows.flatMap((row) => [row.mibiPhone, row.tkskPhone].filter((phone) => phone !== undefined))),
  ];
  const mentors = new Map(
    (await models.mentors.find({ phone: { $in: mentorPhones } }, { phone: 1, type: 1 }).lean()).map(
      (mentor) => [mentor.phone, mentor],
    ),
  );
  const owners = new Map(
    (
      await models.participants
        .find({ 'nik.hash': { $in: [...hashes.values()] } }, { phone: 1, nik: 1 })
        .lean()
    ).map((participant) => [participant.nik?.hash, participant.phone]),
  );

  const outcomes: StoreOutcome[] = [];
  // Every record stored, changed or not, goes to the roster at the end: one update of each roster
  // document for the whole file, and a file imported again after an interruption puts right what
  // the first run left undone. Those stored before a failure go there too.
  const stored: { id: unknown; before: RosterPlacement | null }[] = [];
  try {
    await storeParticipantRows(
      rows,
      { models, nikVault },
      { refused, hashes, mentors, owners },
      outcomes,
      stored,
    );
  } finally {
    await recordInRoster(models, stored);
  }
  return outcomes;
}

async function storeParticipantRows(
  rows: ParticipantRow[],
  { models, nikVault }: StoreContext,
  known: {
    refused: Map<ParticipantRow, RowProblem[]>;
    hashes: Map<ParticipantRow, string>;
    mentors: Map<string, { _id: unknown; type: string }>;
    owners: Map<string | undefined, string>;
  },
  outcomes: StoreOutcome[],
  stored: { id: unknown; before: RosterPlacement | null }[],
): Promise<void> {
  const { refused, hashes, mentors, owners } = known;
  for (const row of rows) {
    const problems = [...(refused.get(row) ?? [])];
    const mentorOf = (phone: string | undefined, type: 'MiBi' | 'TKSK', column: string) => {
      if (!phone) return undefined;
      const mentor = mentors.get(phone);
      if (!mentor) problems.push(...problem(row.row, column, say('import.noSuchMentor', 'id', { type })));
      else if (mentor.type !== type)
        problems.push(
          ...problem(row.row, column, say('import.mentorOfOtherType', 'id', { actual: mentor.type, type })),
        );
      return mentor?.type === type ? mentor._id : undefined;
    };
    const mibi = mentorOf(row.mibiPhone, 'MiBi', 'hp_mibi');
    const tksk = mentorOf(row.tkskPhone, 'TKSK', 'hp_tksk');
    const hash = hashes.get(row);
    const owner = hash && owners.get(hash);
    if (owner && owner !== row.phone) problems.push(...problem(row.row, 'nik', say('import.nikTaken', 'id')));
    if (problems.length > 0) {
      outcomes.push(problems);
      continue;
    }
    // A NIK is encrypted with a fresh IV each time, so it is written only when it is new or different.
    const nik = row.nik && owner !== row.phone ? nikVault.protect(row.nik) : undefined;
    outcomes.push(
      await storeRow(
        row.row,
        async () => {
          const { outcome, id, before } = await upsertPersonRecord(
            models,
            'participant',
            row.phone,
            {
              name: row.name,
              kecamatan: row.kecamatan,
              desa: row.desa,
              cluster: row.cluster,
              stage: row.stage,
              nik,
              'business.name': row.businessName,
              'business.description': row.businessDescription,
              'capitalGrant.amount': row.capitalAmount,
              'capitalGrant.date': row.capitalDate,
              'mentoringWindow.start': row.mentoringWindow?.start,
              'mentoringWindow.end': row.mentoringWindow?.end,
              'mentors.mibi': mibi,
              'mentors.tksk': tksk,
              timeZone: row.timeZone,
            },
            // The language in the file is a first guess; the participant's own choice in chat wins later.
            { language: row.language ?? 'id', status: 'active', channels: {} },
          );
          stored.push({ id, before: before as RosterPlacement | null });
          return outcome;
        },
        say('import.phoneOrNikTaken', 'id'),
      ),
    );
  }
}

export async function storeMentors(
  rows: MentorRow[],
  { models }: Pick<StoreContext, 'models'>,
): Promise<StoreOutcome[]> {
  const refused = firstOccurrences(rows, [{ column: 'no_hp', key: (row) => row.phone }]);
  const outcomes: StoreOutcome[] = [];
  for (const row of rows) {
    const problems = refused.get(row);
    outcomes.push(
      problems ??
        (await storeRow(
          row.row,
          () =>
            upsertPerson(
              models,
              'mentor',
              row.phone,
              { name: row.name, type: row.type, kecamatan: row.kecamatan },
              { channels: {} },
            ),
          say('import.phoneTaken', 'id'),
        )),
    );
  }
  return outcomes;
}

export async function storeStaff(
  rows: StaffRow[],
  { models }: Pick<StoreContext, 'models'>,
): Promise<StoreOutcome[]> {
  const refused = firstOccurrences(rows, [
    { column: 'no_hp', key: (row) => row.phone },
    { column: 'email', key: (row) => row.email },
  ]);
  const names = [...new Set(rows.flatMap((row) => (row.puskesos ? [row.puskesos] : [])))];
  const units = new Map(
    (await models.puskesos.find({ name: { $in: names } }, { name: 1 }).lean()).map((unit) => [
      unit.name,
      unit._id,
    ]),
  );
  const outcomes: StoreOutcome[] = [];
  for (const row of rows) {
    const problems = [...(refused.get(row) ?? [])];
    const unit = row.puskesos ? units.get(row.puskesos) : undefined;
    if (row.puskesos && !unit)
      problems.push(
        ...problem(row.row, 'puskesos', say('import.noSuchPuskesos', 'id', { name: row.puskesos })),
      );
    if (problems.length > 0) {
      outcomes.push(problems);
      continue;
    }
    outcomes.push(
      await storeRow(
        row.row,
        () =>
          upsertPerson(
            models,
            'staff',
            row.phone,
            { name: row.name, email: row.email, role: row.role, puskesos: unit },
            { channels: {} },
          ),
        say('import.phoneOrEmailTaken', 'id'),
      ),
    );
  }
  return outcomes;
}

export async function storePuskesos(rows: PuskesosRow[], { models }: StoreContext): Promise<StoreOutcome[]> {
  const refused = firstOccurrences(rows, [{ column: 'nama', key: (row) => row.name.toLowerCase() }]);
  const outcomes: StoreOutcome[] = [];
  for (const row of rows) {
    outcomes.push(
      refused.get(row) ??
        (await storeRow(
          row.row,
          () =>
            upsertChanged(
              models.puskesos,
              { name: row.name },
              {
                desa: row.desa,
                kecamatan: row.kecamatan,
                services: row.services,
                servedDesa: row.servedDesa,
                // Only what the file says: a column left out keeps what is stored (or the defaults).
                'sla.acknowledgeWorkingDays': row.sla.acknowledgeWorkingDays,
                'sla.answerWorkingDays': row.sla.answerWorkingDays,
              },
            ),
          say('import.puskesosNameTaken', 'id'),
        )),
    );
  }
  return outcomes;
}
