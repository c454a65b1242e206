import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../auth';
import type { MentorType } from '../../domain/program';
import { recordInRoster } from '../../domain/participants/roster';
import type { ApiDependencies } from '../api/v1/dependencies';
import type { StoredParticipant } from '../actions/participants';
import { problemSummary } from './form-problems';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';
import { declarePage, redirect, show, type Page } from './page';
import {
  participantOrRefusal,
  participantParams,
  PARTICIPANTS_PATH,
  refusedUnlessAdmin,
} from './participants-common';

const SLOTS = [
  ['mibi', 'MiBi'],
  ['tksk', 'TKSK'],
] as const satisfies readonly (readonly [string, MentorType])[];
type Slot = (typeof SLOTS)[number][0];

/** Why a chosen mentor was refused: none such, of the other type, or disabled. */
type MentorProblem =
  | { kind: 'unknown' }
  | { kind: 'other_type'; name: string; type: MentorType }
  | { kind: 'disabled'; name: string };

export interface MentorFormModel {
  participant: { id: string; name: string };
  /** The enabled mentors, each offered in the slot of its type. */
  mentors: { id: string; name: string; type: MentorType; kecamatan: string[] }[];
  values: Record<Slot, string>;
  problems: Partial<Record<Slot, MentorProblem>>;
}

/** A field the form did not send, or sent twice, is read as no mentor, as an empty choice is. */
const chosen = z
  .string()
  .catch('')
  .transform((value) => value.trim());
const mentorsBody = z.object({ mibi: chosen, tksk: chosen });

const path = '/peserta/{id}/pendamping';
const refuses = refusedUnlessAdmin((t) =>
  t(
    'Hanya admin Dinsos yang menetapkan atau mengganti pendamping peserta.',
    'Only Dinsos admins assign or change a participant’s mentors.',
  ),
);
const title = (_model: MentorFormModel, t: Translate) => t('Pendamping peserta', 'Participant’s mentors');

const currentOf = (participant: StoredParticipant): Record<Slot, string> => ({
  mibi: participant.mentors?.mibi ? String(participant.mentors.mibi) : '',
  tksk: participant.mentors?.tksk ? String(participant.mentors.tksk) : '',
});

/**
 * Assigning or changing a participant's MiBi and TKSK: a Dinsos admin's decision (a mentor may not
 * hand participants to another). Only enabled mentors of the right type are offered and accepted.
 */
export function participantMentorPages({ models }: ApiDependencies): Page[] {
  async function form(
    participant: StoredParticipant,
    values: Record<Slot, string>,
    problems: MentorFormModel['problems'],
  ): Promise<MentorFormModel> {
    const mentors = await models.mentors
      .find({ disabledAt: { $exists: false } }, { name: 1, type: 1, kecamatan: 1 })
      .sort({ name: 1 })
      .limit(1000)
      .lean();
    return {
      participant: { id: String(participant._id), name: participant.name },
      mentors: mentors.map(({ _id, name, type, kecamatan }) => ({ id: String(_id), name, type, kecamatan })),
      values,
      problems,
    };
  }

  /** Each chosen mentor that may not be chosen, and why. */
  async function problemsOf(values: Record<Slot, string>): Promise<MentorFormModel['problems']> {
    const ids = SLOTS.flatMap(([slot]) => (/^[0-9a-f]{24}$/i.test(values[slot]) ? [values[slot]] : []));
    const found = await models.mentors
      .find({ _id: { $in: ids.map((id) => new Types.ObjectId(id)) } }, { name: 1, type: 1, disabledAt: 1 })
      .lean();
    const mentors = new Map(found.map((mentor) => [String(mentor._id), mentor]));
    const problems: MentorFormModel['problems'] = {};
    for (const [slot, type] of SLOTS) {
      if (values[slot] === '') continue;
      const mentor = mentors.get(values[slot]);
      if (!mentor) problems[slot] = { kind: 'unknown' };
      else if (mentor.type !== type)
        problems[slot] = { kind: 'other_type', name: mentor.name, type: mentor.type };
      else if (mentor.disabledAt) problems[slot] = { kind: 'disabled', name: mentor.name };
    }
    return problems;
  }

  return [
    declarePage({
      method: 'get',
      path,
      params: participantParams,
      refuses,
      async load(account, { params }) {
        const found = await participantOrRefusal(models, account, params.id);
        if ('refused' in found) return found.refused;
        return show(await form(found.participant, currentOf(found.participant), {}));
      },
      title,
      view: mentorFormView,
    }),
    declarePage({
      method: 'post',
      path,
      params: participantParams,
      body: mentorsBody,
      refuses,
      async load(account, { params, body: values, now, from }) {
        const found = await participantOrRefusal(models, account, params.id);
        if ('refused' in found) return found.refused;
        const { participant } = found;
        const problems = await problemsOf(values);
        if (Object.keys(problems).length > 0) return show(await form(participant, values, problems), 400);

        const current = currentOf(participant);
        const changed = SLOTS.filter(([slot]) => current[slot] !== values[slot]).map(([slot]) => slot);
        if (changed.length > 0) {
          const set: Record<string, Types.ObjectId> = {};
          const unset: Record<string, 1> = {};
          for (const slot of changed) {
            if (values[slot] === '') unset[`mentors.${slot}`] = 1;
            else set[`mentors.${slot}`] = new Types.ObjectId(values[slot]);
          }
          await models.participants.updateOne(
            { _id: participant._id },
            {
              ...(Object.keys(set).length > 0 ? { $set: set } : {}),
              ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
            },
          );
          await recordInRoster(models, [{ id: participant._id, before: participant }]);
          await recordAudit(
            models,
            {
              actor: auditActorOf(account),
              action: 'participant.mentors',
              target: String(participant._id),
              from,
              details: {
                via: 'session',
                page: 'dashboard',
                changes: Object.fromEntries(
                  changed.map((slot) => [slot, { from: current[slot] || null, to: values[slot] || null }]),
                ),
              },
            },
            now,
          );
        }
        return redirect(`${PARTICIPANTS_PATH}/${String(participant._id)}`, {
          kind: 'ok',
          text: (t) =>
            changed.length === 0
              ? t('Tidak ada yang berubah.', 'Nothing changed.')
              : t('Pendamping peserta disimpan.', 'The participant’s mentors are saved.'),
        });
      },
      title,
      view: mentorFormView,
    }),
  ];
}

function problemText(problem: MentorProblem, type: MentorType, t: Translate): string {
  switch (problem.kind) {
    case 'unknown':
      return t('pendamping ini tidak ada; pilih dari daftar', 'no such mentor; choose from the list');
    case 'other_type':
      return t(
        `${problem.name} adalah ${problem.type}, bukan ${type}`,
        `${problem.name} is a ${problem.type}, not a ${type}`,
      );
    case 'disabled':
      return t(
        `${problem.name} sudah dinonaktifkan; pilih pendamping lain`,
        `${problem.name} is disabled; choose another mentor`,
      );
  }
}

/** The form: for each slot, the enabled mentors of its type, the chosen one selected, and its problem. */
export function mentorFormView(model: MentorFormModel, t: Translate, viewer: Viewer): SafeHtml {
  const { participant, mentors, values, problems } = model;
  const problemOf = (slot: Slot, type: MentorType) => {
    const problem = problems[slot];
    return problem ? problemText(problem, type, t) : '';
  };
  return html`<h1>${t('Pendamping peserta', 'Participant’s mentors')}: ${participant.name}</h1>
    ${problemSummary(
      t,
      SLOTS.filter(([slot]) => problems[slot]).map(([slot, type]) => ({
        field: slot,
        label: type,
        problem: problemOf(slot, type),
      })),
    )}
    <form class="card" method="post" action="${PARTICIPANTS_PATH}/${participant.id}/pendamping">
      <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
      ${SLOTS.map(
        ([slot, type]) =>
          html`<div class="field">
            <label for="field-${slot}">${type}</label>
            <select id="field-${slot}" name="${slot}">
              <option value="">${t('(tanpa pendamping)', '(no mentor)')}</option>
              ${mentors
                .filter((mentor) => mentor.type === type)
                .map(
                  (mentor) =>
                    html`<option value="${mentor.id}" ${values[slot] === mentor.id ? html`selected` : ''}>
                      ${mentor.name} (${mentor.kecamatan.join(', ')})
                    </option>`,
                )}
            </select>
            ${problems[slot] ? html`<p class="field-error">${type}: ${problemOf(slot, type)}</p>` : ''}
          </div>`,
      )}
      <div class="actions">
        <button type="submit">${t('Simpan', 'Save')}</button>
        <a href="${PARTICIPANTS_PATH}/${participant.id}">${t('Batal', 'Cancel')}</a>
      </div>
    </form>`;
}
