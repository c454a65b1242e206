import { z } from 'zod';
import { auditActorOf, recordAudit, type Account } from '../../auth';
import type { Models } from '../../db/models';
import { maskPhone } from '../../domain/identity';
import type { Cell } from '../../domain/imports/cells';
import { participantColumns } from '../../domain/imports/columns';
import { parseParticipantRow, type ParticipantColumn } from '../../domain/imports/participant-row';
import { RowReader } from '../../domain/imports/row';
import { checkPlace, knownPlacesOf, type KnownPlaces } from '../../domain/participants/known-places';
import { CLUSTER_LABELS, CLUSTERS, LANGUAGES, STAGE_LABELS, STAGES } from '../../domain/program';
import { storeParticipants } from '../../imports/store';
import type { ApiDependencies } from '../api/v1/dependencies';
import { problemSummary } from './form-problems';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';
import { declarePage, redirect, refusal, show, type Outcome, type Page, type PageInput } from './page';
import { LANGUAGE_LABELS, PARTICIPANTS_PATH, refusedUnlessAdmin } from './participants-common';

/** The form's fields: the import's own columns, so the importer's rules and messages apply as they are. */
const FIELDS = [
  'nama',
  'no_hp',
  'nik',
  'kecamatan',
  'desa',
  'klaster',
  'tahap',
  'nama_usaha',
  'hp_mibi',
  'hp_tksk',
  'bahasa',
] as const satisfies readonly ParticipantColumn[];
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string> & { desa_baru: string };
type Problems = Partial<Record<Field, string>>;

const isField = (column: string | undefined): column is Field =>
  (FIELDS as readonly string[]).includes(column ?? '');

const fieldLabel = (field: Field, t: Translate): string =>
  ({
    nama: t('Nama', 'Name'),
    no_hp: t('No. HP', 'Phone'),
    nik: 'NIK',
    kecamatan: 'Kecamatan',
    desa: 'Desa',
    klaster: t('Klaster', 'Cluster'),
    tahap: t('Tahap', 'Stage'),
    nama_usaha: t('Nama usaha', 'Business name'),
    hp_mibi: 'MiBi',
    hp_tksk: 'TKSK',
    bahasa: t('Bahasa', 'Language'),
  })[field];

/** Bounded reads: the Puskesos (a few per kecamatan) and one row per place participants live in. */
async function readKnownPlaces(models: Models): Promise<KnownPlaces> {
  const [offices, places] = await Promise.all([
    models.puskesos.find({}, { kecamatan: 1, desa: 1, servedDesa: 1 }).lean(),
    models.participants.aggregate<{ _id: { kecamatan: string; desa: string } }>([
      { $group: { _id: { kecamatan: '$kecamatan', desa: '$desa' } } },
    ]),
  ]);
  return knownPlacesOf(
    offices,
    places.map((place) => place._id),
  );
}

export interface NewParticipantModel {
  /** What was typed (empty on a fresh form, but the language, Indonesian). */
  values: Values;
  /** Each field's problem, in the import's words. */
  problems: Problems;
  /** The phone belongs to someone already: adding never changes them, as the import's upsert would. */
  phoneTaken: boolean;
  /** The known places: kecamatan to choose from, desa to suggest. */
  kecamatan: string[];
  desa: string[];
  /** The enabled mentors, offered by phone (the import's column) in the slot of their type. */
  mentors: { phone: string; name: string; type: 'MiBi' | 'TKSK' }[];
}

/** A field the form did not send, or sent twice, is read as empty, as a blank one is. */
const typed = z.string().catch('');
const newParticipantBody = z.object(
  Object.fromEntries([...FIELDS, 'desa_baru'].map((field) => [field, typed])) as Record<
    keyof Values,
    typeof typed
  >,
);

const empty = (): Values =>
  ({ ...Object.fromEntries(FIELDS.map((field) => [field, ''])), desa_baru: '' }) as Values;

/** The form's model: the known places and the mentors to choose from, with what was typed. */
async function formOf(
  models: Models,
  values: Values,
  problems: Problems,
  phoneTaken = false,
): Promise<NewParticipantModel> {
  const [known, mentors] = await Promise.all([
    readKnownPlaces(models),
    models.mentors
      .find({ disabledAt: { $exists: false } }, { name: 1, phone: 1, type: 1 })
      .sort({ name: 1 })
      .limit(1000)
      .lean(),
  ]);
  return {
    values,
    problems,
    phoneTaken,
    kecamatan: [...known.keys()],
    desa: [...new Set([...known.values()].flatMap((desas) => [...desas]))].sort(),
    mentors: mentors.map(({ phone, name, type }) => ({ phone, name, type })),
  };
}

/** Checks the row by the import's rules and the known places, then stores it by the import's store. */
async function addParticipant(
  { models, nikVault }: ApiDependencies,
  account: Account,
  { body: values, now, from }: PageInput<undefined, undefined, Values>,
): Promise<Outcome<NewParticipantModel>> {
  if (!nikVault) {
    return refusal(
      503,
      (t) => t('Belum bisa dipakai', 'Not available'),
      (t) =>
        t(
          'Kunci enkripsi NIK tidak dimuat oleh layanan, jadi peserta belum bisa ditambah.',
          'The service has not loaded the NIK encryption key, so participants cannot be added.',
        ),
    );
  }
  const reader = new RowReader<ParticipantColumn>(
    1,
    new Map<ParticipantColumn, Cell>(FIELDS.map((field) => [field, values[field]])),
    new Map(Object.keys(participantColumns).map((column) => [column as ParticipantColumn, column])),
  );
  const parsed = parseParticipantRow(reader, now);
  const problems: Problems = {};
  const note = (column: string | undefined, reason: string) => {
    if (isField(column) && !problems[column]) problems[column] = reason;
  };
  if (!parsed.ok) {
    for (const problem of parsed.problems) note(problem.column, problem.reason);
    return show(await formOf(models, values, problems), 400);
  }
  const row = parsed.value;
  const place = checkPlace(await readKnownPlaces(models), row.kecamatan, row.desa, values.desa_baru === 'ya');
  if (!place.ok) note(place.field, place.reason);
  const phoneTaken = Boolean(await models.participants.exists({ phone: row.phone }));
  if (phoneTaken || Object.keys(problems).length > 0) {
    return show(await formOf(models, values, problems, phoneTaken), 400);
  }

  const [outcome] = await storeParticipants([row], { models, nikVault });
  if (Array.isArray(outcome)) {
    for (const problem of outcome) note(problem.column ?? 'no_hp', problem.reason);
    return show(await formOf(models, values, problems), 400);
  }
  const created = await models.participants.findOne({ phone: row.phone }, { _id: 1, name: 1 }).lean();
  if (!created) throw new Error('the participant just stored is not found');
  await recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action: 'participant.create',
      target: String(created._id),
      from,
      details: {
        via: 'session',
        page: 'dashboard',
        before: null,
        after: {
          name: row.name,
          phone: maskPhone(row.phone),
          nik: row.nik ? 'given' : null,
          kecamatan: row.kecamatan,
          desa: row.desa,
          newDesa: values.desa_baru === 'ya',
          cluster: row.cluster,
          stage: row.stage,
          mibi: row.mibiPhone ? maskPhone(row.mibiPhone) : null,
          tksk: row.tkskPhone ? maskPhone(row.tkskPhone) : null,
        },
      },
    },
    now,
  );
  return redirect(`${PARTICIPANTS_PATH}/${String(created._id)}`, {
    kind: 'ok',
    text: (t) => t(`Peserta ${row.name} ditambahkan.`, `Participant ${row.name} added.`),
  });
}

const refuses = refusedUnlessAdmin((t) =>
  t('Hanya admin Dinsos yang menambah peserta.', 'Only Dinsos admins add participants.'),
);
const title = (_model: NewParticipantModel, t: Translate) => t('Tambah peserta', 'Add a participant');

/**
 * Adding one participant, for Dinsos admins (as the import is): the import's columns, checked by the
 * import's rules and written by its store, so a participant added here and one imported are alike.
 * Kecamatan and desa come from the known list; a new desa only when the admin ticks that it is new.
 */
export function participantNewPages(dependencies: ApiDependencies): Page[] {
  return [
    declarePage({
      method: 'get',
      path: '/peserta/baru',
      refuses,
      load: async () => show(await formOf(dependencies.models, { ...empty(), bahasa: 'id' }, {})),
      title,
      view: newParticipantView,
    }),
    declarePage({
      method: 'post',
      path: '/peserta/baru',
      body: newParticipantBody,
      refuses,
      load: (account, input) => addParticipant(dependencies, account, input),
      title,
      view: newParticipantView,
    }),
  ];
}

/** The form, with what was typed and each field's problem when it is shown again. */
export function newParticipantView(model: NewParticipantModel, t: Translate, viewer: Viewer): SafeHtml {
  const { values, mentors } = model;
  const problems: Problems = {
    ...model.problems,
    ...(model.phoneTaken && !model.problems.no_hp
      ? {
          no_hp: t(
            'nomor HP ini sudah dipakai peserta lain; satu nomor hanya untuk satu peserta',
            'this phone number belongs to another participant; one number is for one participant only',
          ),
        }
      : {}),
  };
  const described = (field: Field) =>
    problems[field] ? html`aria-invalid="true" aria-describedby="error-${field}"` : '';
  const errorOf = (field: Field) =>
    problems[field]
      ? html`<p class="field-error" id="error-${field}">${fieldLabel(field, t)}: ${problems[field]}</p>`
      : '';
  const labelled = (field: Field, control: SafeHtml) =>
    html`<div class="field">
      <label for="field-${field}">${fieldLabel(field, t)}</label>
      ${control} ${errorOf(field)}
    </div>`;
  const text = (field: Field, extra: SafeHtml | string = '') =>
    labelled(
      field,
      html`<input
        type="text"
        id="field-${field}"
        name="${field}"
        value="${values[field]}"
        ${described(field)}
        ${extra}
      />`,
    );
  const select = (field: Field, choices: readonly (readonly [string, string])[]) =>
    labelled(
      field,
      html`<select id="field-${field}" name="${field}" ${described(field)}>
        ${choices.map(
          ([value, label]) =>
            html`<option value="${value}" ${values[field] === value ? html`selected` : ''}>${label}</option>`,
        )}
      </select>`,
    );
  const mentorChoices = (type: 'MiBi' | 'TKSK') =>
    [
      ['', t('(belum ada)', '(none yet)')] as const,
      ...mentors
        .filter((mentor) => mentor.type === type)
        .map((mentor) => [mentor.phone, mentor.name] as const),
    ] as const;
  const listed = FIELDS.filter((field) => problems[field]);
  return html`<h1>${t('Tambah peserta', 'Add a participant')}</h1>
    ${problemSummary(
      t,
      listed.map((field) => ({ field, label: fieldLabel(field, t), problem: problems[field] ?? '' })),
    )}
    <form class="card participant-edit" method="post" action="${PARTICIPANTS_PATH}/baru">
      <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
      ${text('nama', html`required maxlength="200"`)}
      ${text('no_hp', html`required inputmode="tel" placeholder="0812-3456-7890"`)}
      ${text('nik', html`inputmode="numeric" maxlength="16" placeholder="3217014506900001"`)}
      ${select('kecamatan', [
        ['', t('(pilih)', '(choose)')],
        ...model.kecamatan.map((name) => [name, name] as const),
      ])}
      ${text('desa', html`required list="known-desa" maxlength="100"`)}
      <datalist id="known-desa">
        ${model.desa.map((desa) => html`<option value="${desa}"></option>`)}
      </datalist>
      <div class="field">
        <label>
          <input
            type="checkbox"
            name="desa_baru"
            value="ya"
            ${values.desa_baru === 'ya' ? html`checked` : ''}
          />
          ${t('Desa baru, belum ada di daftar', 'A new desa, not yet on the list')}
        </label>
      </div>
      ${select(
        'klaster',
        CLUSTERS.map((cluster) => [cluster, CLUSTER_LABELS[cluster]] as const),
      )}
      ${select(
        'tahap',
        STAGES.map((stage) => [stage, STAGE_LABELS[stage]] as const),
      )}
      ${text('nama_usaha', html`maxlength="200"`)} ${select('hp_mibi', mentorChoices('MiBi'))}
      ${select('hp_tksk', mentorChoices('TKSK'))}
      ${select(
        'bahasa',
        LANGUAGES.map((language) => [language, LANGUAGE_LABELS[language]] as const),
      )}
      <div class="actions">
        <button type="submit">${t('Simpan', 'Save')}</button>
        <a href="${PARTICIPANTS_PATH}">${t('Batal', 'Cancel')}</a>
      </div>
    </form>`;
}
