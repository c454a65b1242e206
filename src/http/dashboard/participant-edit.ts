import { z } from 'zod';
import type { Account } from '../../auth';
import type { Models } from '../../db/models';
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
import { problemSummary } from './form-problems';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';
import { declarePage, redirect, refusal, show, type Outcome, type Page } from './page';
import {
  LANGUAGE_LABELS,
  PARTICIPANTS_PATH,
  participantRefusal,
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
/** Why a field was refused: left out, refused by the importer's rule (its words), or a phone in use. */
type Problem = { kind: 'required' } | { kind: 'refused'; reason: string } | { kind: 'phone_taken' };
type Problems = Partial<Record<ParticipantField, Problem>>;

const problemText = (problem: Problem, t: Translate): string =>
  problem.kind === 'required'
    ? t('wajib diisi', 'required')
    : problem.kind === 'phone_taken'
      ? t(
          'nomor HP ini sudah dipakai peserta lain; satu nomor hanya untuk satu peserta',
          'this phone number belongs to another participant; one number is for one participant only',
        )
      : problem.reason;

export interface ParticipantEditModel {
  participant: { id: string; name: string };
  values: Values;
  problems: Problems;
}

const params = z.object({ id: z.string() });

/** The participant, when the account may change their record; else the refusal. */
async function editable(
  models: Models,
  account: Account,
  id: string,
): Promise<{ participant: StoredParticipant } | { refused: Outcome<never> }> {
  const lookup = await findParticipantInScope(models, account, id);
  if (lookup.kind !== 'found') return { refused: participantRefusal(lookup.kind) };
  if (lookup.view !== 'full' || !mayChangeParticipant(account, lookup.participant)) {
    return {
      refused: refusal(
        403,
        (t) => t('Tidak berhak', 'Not allowed'),
        (t) =>
          t(
            'Data peserta hanya bisa diubah oleh pendampingnya dan admin Dinsos.',
            'Only the participant’s mentors and Dinsos admins may change their record.',
          ),
      ),
    };
  }
  return { participant: lookup.participant };
}

const modelOf = (participant: StoredParticipant, values: Values, problems: Problems = {}) => ({
  participant: { id: String(participant._id), name: participant.name },
  values,
  problems,
});

/** Checks the form with the importer's rules; a bad field shows the form again with what was typed. */
async function saveParticipant(
  models: Models,
  account: Account,
  participant: StoredParticipant,
  { body, now, from }: { body: Record<string, unknown>; now: Date; from: string },
): Promise<Outcome<ParticipantEditModel>> {
  const { csrf: _csrf, ...fields } = body;
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
      problems[field] =
        issue.code === 'invalid_type' ? { kind: 'required' } : { kind: 'refused', reason: issue.message };
    }
    if (unknown.length > 0) {
      return refusal(
        400,
        (t) => t('Formulir tidak sah', 'Invalid form'),
        (t) => `${t('Isian tidak dikenal', 'Unknown fields')}: ${unknown.join(', ')}`,
      );
    }
    return show(modelOf(participant, values, problems), 400);
  }
  const outcome = await changeParticipant(models, account, String(participant._id), parsed.data, {
    from,
    via: 'session',
    page: 'dashboard',
    now,
  });
  if (!outcome.ok) {
    return outcome.reason === 'phone_taken'
      ? show(modelOf(participant, values, { phone: { kind: 'phone_taken' } }), 400)
      : participantRefusal(outcome.reason);
  }
  const { changed } = outcome;
  return redirect(`${PARTICIPANTS_PATH}/${String(participant._id)}`, {
    kind: 'ok',
    text: (t) =>
      changed.length === 0
        ? t('Tidak ada yang berubah.', 'Nothing changed.')
        : t(
            `Data peserta disimpan: ${changed.map((field) => fieldLabel(field, t)).join(', ')}.`,
            `Participant saved: ${changed.map((field) => fieldLabel(field, t)).join(', ')}.`,
          ),
  });
}

const title = (_model: ParticipantEditModel, t: Translate) => t('Ubah data peserta', 'Edit participant');

/** Correcting a participant's record: Dinsos admins and the participant's own mentors. */
export function participantEditPages({ models }: ApiDependencies): Page[] {
  return [
    declarePage({
      method: 'get',
      path: '/peserta/{id}/ubah',
      params,
      async load(account, { params }) {
        const found = await editable(models, account, params.id);
        if ('refused' in found) return found.refused;
        const current = currentValuesOf(found.participant);
        const values = Object.fromEntries(FIELDS.map((field) => [field, current[field] ?? ''])) as Values;
        return show(modelOf(found.participant, values));
      },
      title,
      view: participantEditView,
    }),
    declarePage({
      method: 'post',
      path: '/peserta/{id}/ubah',
      params,
      body: z.record(z.string(), z.unknown()),
      async load(account, { params, ...input }) {
        const found = await editable(models, account, params.id);
        if ('refused' in found) return found.refused;
        return saveParticipant(models, account, found.participant, input);
      },
      title,
      view: participantEditView,
    }),
  ];
}

/** The form, with what was typed and each field's problem when it is shown again. */
export function participantEditView(model: ParticipantEditModel, t: Translate, viewer: Viewer): SafeHtml {
  const { participant, values } = model;
  const problems = Object.fromEntries(
    Object.entries(model.problems).map(([field, problem]) => [field, problemText(problem, t)]),
  ) as Partial<Record<ParticipantField, string>>;
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
            html`<option value="${value}" ${values[field] === value ? html`selected` : ''}>${label}</option>`,
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
    <form class="card participant-edit" method="post" action="${PARTICIPANTS_PATH}/${participant.id}/ubah">
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
        <a href="${PARTICIPANTS_PATH}/${participant.id}">${t('Batal', 'Cancel')}</a>
      </div>
    </form>`;
}
