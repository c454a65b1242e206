import type { Request, Response } from 'express';
import {
  CLUSTER_LABELS,
  CLUSTERS,
  INDONESIAN_TIME_ZONES,
  LANGUAGES,
  STAGE_LABELS,
  STAGES,
} from '../../domain/program';
import type { ApiDependencies } from '../api/v1/dependencies';
import {
  changeParticipant,
  currentValuesOf,
  findParticipantInScope,
  mayChangeParticipant,
  participantChanges,
  type ParticipantField,
  type StoredParticipant,
} from '../actions/participants';
import { fromOf } from '../request-from';
import { setFlash } from './form-cookies';
import { problemSummary } from './form-problems';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { page, type Viewer, refuse } from './layout';
import {
  LANGUAGE_LABELS,
  PARTICIPANTS_PATH,
  refuseParticipant,
  TIME_ZONE_LABELS,
} from './participants-common';

const FIELDS: readonly ParticipantField[] = [
  'name',
  'phone',
  'kecamatan',
  'desa',
  'cluster',
  'stage',
  'businessName',
  'businessDescription',
  'language',
  'timeZone',
];

const isField = (key: string): key is ParticipantField => (FIELDS as readonly string[]).includes(key);

const fieldLabel = (field: ParticipantField, t: Translate): string =>
  ({
    name: t('Nama', 'Name'),
    phone: t('No. HP', 'Phone'),
    kecamatan: 'Kecamatan',
    desa: 'Desa',
    cluster: t('Klaster', 'Cluster'),
    stage: t('Tahap', 'Stage'),
    businessName: t('Nama usaha', 'Business name'),
    businessDescription: t('Keterangan usaha', 'Business description'),
    language: t('Bahasa', 'Language'),
    timeZone: t('Zona waktu', 'Time zone'),
  })[field];

type Values = Record<ParticipantField, string>;
type Problems = Partial<Record<ParticipantField, string>>;

export function participantEditPages({ models, auth, clock }: ApiDependencies) {
  const cookies = { security: auth.cookieSecurity };

  /** The participant, if the viewer may change their record; otherwise the refusal has been sent. */
  async function editable(request: Request, response: Response, viewer: Viewer, t: Translate) {
    const lookup = await findParticipantInScope(models, viewer.account, String(request.params.id));
    if (lookup.kind !== 'found') {
      refuseParticipant(response, lookup.kind, viewer, t);
      return undefined;
    }
    if (lookup.view !== 'full' || !mayChangeParticipant(viewer.account, lookup.participant)) {
      refuse(
        response,
        403,
        t('Tidak berhak', 'Not allowed'),
        t(
          'Data peserta hanya bisa diubah oleh pendampingnya dan admin Dinsos.',
          'Only the participant’s mentors and Dinsos admins may change their record.',
        ),
        viewer,
      );
      return undefined;
    }
    return lookup.participant;
  }

  function form(
    participant: StoredParticipant,
    values: Values,
    problems: Problems,
    viewer: Viewer,
    t: Translate,
  ): SafeHtml {
    const problemOf = (field: ParticipantField) => problems[field];
    const described = (field: ParticipantField) =>
      problemOf(field) ? html`aria-invalid="true" aria-describedby="error-${field}"` : '';
    const errorOf = (field: ParticipantField) => {
      const problem = problemOf(field);
      return problem
        ? html`<p class="field-error" id="error-${field}">${fieldLabel(field, t)}: ${problem}</p>`
        : '';
    };
    const text = (field: ParticipantField, extra: SafeHtml | string = '') =>
      html`<div class="field">
        <label for="field-${field}">${fieldLabel(field, t)}</label>
        <input
          type="text"
          id="field-${field}"
          name="${field}"
          value="${values[field]}"
          ${described(field)}
          ${extra}
        />
        ${errorOf(field)}
      </div>`;
    const select = (field: ParticipantField, choices: readonly (readonly [string, string])[]) =>
      html`<div class="field">
        <label for="field-${field}">${fieldLabel(field, t)}</label>
        <select id="field-${field}" name="${field}" ${described(field)}>
          ${choices.map(
            ([value, label]) =>
              html`<option value="${value}" ${values[field] === value ? html`selected` : ''}>
                ${label}
              </option>`,
          )}
        </select>
        ${errorOf(field)}
      </div>`;
    const listed = FIELDS.filter((field) => problems[field]);
    return html`<h1>${t('Ubah data peserta', 'Edit participant')}: ${participant.name}</h1>
      ${problemSummary(
        t,
        listed.map((field) => ({ field, label: fieldLabel(field, t), problem: problems[field] ?? '' })),
      )}
      <form
        class="card participant-edit"
        method="post"
        action="${PARTICIPANTS_PATH}/${String(participant._id)}/ubah"
      >
        <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
        ${text('name', html`required maxlength="200"`)}
        ${text('phone', html`required inputmode="tel" placeholder="0812-3456-7890"`)}
        ${text('kecamatan', html`required maxlength="100"`)} ${text('desa', html`required maxlength="100"`)}
        ${select(
          'cluster',
          CLUSTERS.map((cluster) => [cluster, CLUSTER_LABELS[cluster]] as const),
        )}
        ${select(
          'stage',
          STAGES.map((stage) => [stage, STAGE_LABELS[stage]] as const),
        )}
        ${text('businessName', html`maxlength="200"`)}
        <div class="field">
          <label for="field-businessDescription">${fieldLabel('businessDescription', t)}</label>
          <textarea
            id="field-businessDescription"
            name="businessDescription"
            maxlength="1000"
            ${described('businessDescription')}
          >
${values.businessDescription}</textarea>
          ${errorOf('businessDescription')}
        </div>
        ${select(
          'language',
          LANGUAGES.map((language) => [language, LANGUAGE_LABELS[language]] as const),
        )}
        ${select('timeZone', [
          ['', t('Sama dengan program (WIB)', 'As the program (WIB)')],
          ...INDONESIAN_TIME_ZONES.map((zone) => [zone, TIME_ZONE_LABELS[zone]] as const),
        ])}
        <p class="note">
          ${t(
            'NIK tidak bisa diubah di sini; perbaiki lewat impor data peserta.',
            'The NIK cannot be changed here; correct it through the participant import.',
          )}
        </p>
        <div class="actions">
          <button type="submit">${t('Simpan', 'Save')}</button>
          <a href="${PARTICIPANTS_PATH}/${String(participant._id)}">${t('Batal', 'Cancel')}</a>
        </div>
      </form>`;
  }

  const send = (
    response: Response,
    status: number,
    participant: StoredParticipant,
    values: Values,
    problems: Problems,
    viewer: Viewer,
    t: Translate,
  ): void => {
    const title = t('Ubah data peserta', 'Edit participant');
    response.status(status).send(String(page(title, form(participant, values, problems, viewer, t), viewer)));
  };

  async function show(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const participant = await editable(request, response, viewer, t);
    if (!participant) return;
    const current = currentValuesOf(participant);
    const values = Object.fromEntries(FIELDS.map((field) => [field, current[field] ?? ''])) as Values;
    send(response, 200, participant, values, {}, viewer, t);
  }

  /** Checks the form with the importer's rules; a bad field shows the form again with what was typed. */
  async function submit(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const participant = await editable(request, response, viewer, t);
    if (!participant) return;
    const { csrf: _csrf, ...fields } = (request.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(
      FIELDS.map((field) => [field, typeof fields[field] === 'string' ? fields[field] : '']),
    ) as Values;
    const parsed = participantChanges.safeParse(fields);
    if (!parsed.success) {
      const problems: Problems = {};
      const unknown: string[] = [];
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          unknown.push(...issue.keys);
          continue;
        }
        const field = String(issue.path[0] ?? '');
        if (!isField(field) || problems[field]) continue;
        problems[field] = issue.code === 'invalid_type' ? t('wajib diisi', 'required') : issue.message;
      }
      if (unknown.length > 0) {
        return refuse(
          response,
          400,
          t('Formulir tidak sah', 'Invalid form'),
          `${t('Isian tidak dikenal', 'Unknown fields')}: ${unknown.join(', ')}`,
          viewer,
        );
      }
      return send(response, 400, participant, values, problems, viewer, t);
    }
    const outcome = await changeParticipant(models, viewer.account, String(participant._id), parsed.data, {
      from: fromOf(request),
      via: 'session',
      page: 'dashboard',
      now: clock(),
    });
    if (!outcome.ok) {
      if (outcome.reason === 'phone_taken') {
        return send(
          response,
          400,
          participant,
          values,
          {
            phone: t(
              'nomor HP ini sudah dipakai peserta lain; satu nomor hanya untuk satu peserta',
              'this phone number belongs to another participant; one number is for one participant only',
            ),
          },
          viewer,
          t,
        );
      }
      return refuseParticipant(response, outcome.reason, viewer, t);
    }
    setFlash(
      request,
      response,
      cookies,
      outcome.changed.length === 0
        ? { kind: 'ok', text: t('Tidak ada yang berubah.', 'Nothing changed.') }
        : {
            kind: 'ok',
            text: t(
              `Data peserta disimpan: ${outcome.changed.map((field) => fieldLabel(field, t)).join(', ')}.`,
              `Participant saved: ${outcome.changed.map((field) => fieldLabel(field, t)).join(', ')}.`,
            ),
          },
    );
    response.redirect(303, `${PARTICIPANTS_PATH}/${String(participant._id)}`);
  }

  return { show, submit };
}
