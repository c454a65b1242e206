import type { Request, Response } from 'express';
import { auditActorOf, recordAudit } from '../../auth';
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
import { fromOf } from '../request-from';
import { setFlash } from './form-cookies';
import { problemSummary } from './form-problems';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { page, refuse, type Viewer } from './layout';
import { adminOnly, LANGUAGE_LABELS, PARTICIPANTS_PATH } from './participants-common';

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

/**
 * Adding one participant, for Dinsos admins (as the import is): the import's columns, checked by the
 * import's rules and written by its store, so a participant added here and one imported are alike.
 * Kecamatan and desa come from the known list; a new desa only when the admin ticks that it is new.
 */
export function participantNewPages({ models, auth, clock, nikVault }: ApiDependencies) {
  const cookies = { security: auth.cookieSecurity };

  const mayAdd = (response: Response, viewer: Viewer, t: Translate) =>
    adminOnly(
      response,
      viewer,
      t,
      t('Hanya admin Dinsos yang menambah peserta.', 'Only Dinsos admins add participants.'),
    );

  async function send(
    response: Response,
    status: number,
    values: Values,
    problems: Problems,
    viewer: Viewer,
    t: Translate,
  ) {
    const [known, mentors] = await Promise.all([
      readKnownPlaces(models),
      models.mentors
        .find({ disabledAt: { $exists: false } }, { name: 1, phone: 1, type: 1 })
        .sort({ name: 1 })
        .limit(1000)
        .lean(),
    ]);
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
              html`<option value="${value}" ${values[field] === value ? html`selected` : ''}>
                ${label}
              </option>`,
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
    const allDesa = [...new Set([...known.values()].flatMap((desas) => [...desas]))].sort();
    const listed = FIELDS.filter((field) => problems[field]);
    const title = t('Tambah peserta', 'Add a participant');
    const content = html`<h1>${title}</h1>
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
          ...[...known.keys()].map((name) => [name, name] as const),
        ])}
        ${text('desa', html`required list="known-desa" maxlength="100"`)}
        <datalist id="known-desa">${allDesa.map((desa) => html`<option value="${desa}"></option>`)}</datalist>
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
    response.status(status).send(String(page(title, content, viewer)));
  }

  const empty = (): Values =>
    ({ ...Object.fromEntries(FIELDS.map((field) => [field, ''])), desa_baru: '' }) as Values;

  async function show(_request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    if (mayAdd(response, viewer, t)) await send(response, 200, { ...empty(), bahasa: 'id' }, {}, viewer, t);
  }

  async function submit(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    if (!mayAdd(response, viewer, t)) return;
    if (!nikVault) {
      return refuse(
        response,
        503,
        t('Belum bisa dipakai', 'Not available'),
        t(
          'Kunci enkripsi NIK tidak dimuat oleh layanan, jadi peserta belum bisa ditambah.',
          'The service has not loaded the NIK encryption key, so participants cannot be added.',
        ),
        viewer,
      );
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(
      [...FIELDS, 'desa_baru'].map((field) => [field, typeof body[field] === 'string' ? body[field] : '']),
    ) as Values;
    const now = clock();
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
      return send(response, 400, values, problems, viewer, t);
    }
    const row = parsed.value;
    const place = checkPlace(
      await readKnownPlaces(models),
      row.kecamatan,
      row.desa,
      values.desa_baru === 'ya',
    );
    if (!place.ok) note(place.field, place.reason);
    // Adding never changes someone already there, as the import's upsert by phone would.
    if (await models.participants.exists({ phone: row.phone })) {
      note(
        'no_hp',
        t(
          'nomor HP ini sudah dipakai peserta lain; satu nomor hanya untuk satu peserta',
          'this phone number belongs to another participant; one number is for one participant only',
        ),
      );
    }
    if (Object.keys(problems).length > 0) return send(response, 400, values, problems, viewer, t);

    const [outcome] = await storeParticipants([row], { models, nikVault });
    if (Array.isArray(outcome)) {
      for (const problem of outcome) note(problem.column ?? 'no_hp', problem.reason);
      return send(response, 400, values, problems, viewer, t);
    }
    const created = await models.participants.findOne({ phone: row.phone }, { _id: 1, name: 1 }).lean();
    if (!created) throw new Error('the participant just stored is not found');
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'participant.create',
        target: String(created._id),
        from: fromOf(request),
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
    setFlash(request, response, cookies, {
      kind: 'ok',
      text: t(`Peserta ${row.name} ditambahkan.`, `Participant ${row.name} added.`),
    });
    response.redirect(303, `${PARTICIPANTS_PATH}/${String(created._id)}`);
  }

  return { show, submit };
}
