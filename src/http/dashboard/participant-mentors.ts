import type { Request, Response } from 'express';
import { Types } from 'mongoose';
import { auditActorOf, recordAudit } from '../../auth';
import type { MentorType } from '../../domain/program';
import type { ApiDependencies } from '../api/v1/dependencies';
import type { StoredParticipant } from '../actions/participants';
import { fromOf } from '../request-from';
import { setFlash } from './form-cookies';
import { problemSummary } from './form-problems';
import { html } from './html';
import { translator, type Translate } from './language';
import { page, type Viewer } from './layout';
import { participantForAdmin, PARTICIPANTS_PATH } from './participants-common';

const SLOTS = [
  ['mibi', 'MiBi'],
  ['tksk', 'TKSK'],
] as const satisfies readonly (readonly [string, MentorType])[];
type Slot = (typeof SLOTS)[number][0];

/**
 * Assigning or changing a participant's MiBi and TKSK: a Dinsos admin's decision (a mentor may not
 * hand participants to another). Only enabled mentors of the right type are offered and accepted.
 */
export function participantMentorPages({ models, auth, clock }: ApiDependencies) {
  const cookies = { security: auth.cookieSecurity };

  const assignable = (request: Request, response: Response, viewer: Viewer, t: Translate) =>
    participantForAdmin(
      models,
      request,
      response,
      viewer,
      t,
      t(
        'Hanya admin Dinsos yang menetapkan atau mengganti pendamping peserta.',
        'Only Dinsos admins assign or change a participant’s mentors.',
      ),
    );

  const enabledMentors = () =>
    models.mentors
      .find({ disabledAt: { $exists: false } }, { name: 1, type: 1, kecamatan: 1 })
      .sort({ name: 1 })
      .limit(1000)
      .lean();

  async function send(
    response: Response,
    status: number,
    participant: StoredParticipant,
    values: Record<Slot, string>,
    problems: Partial<Record<Slot, string>>,
    viewer: Viewer,
    t: Translate,
  ) {
    const mentors = await enabledMentors();
    const title = t('Pendamping peserta', 'Participant’s mentors');
    const content = html`<h1>${title}: ${participant.name}</h1>
      ${problemSummary(
        t,
        SLOTS.filter(([slot]) => problems[slot]).map(([slot, type]) => ({
          field: slot,
          label: type,
          problem: problems[slot] ?? '',
        })),
      )}
      <form class="card" method="post" action="${PARTICIPANTS_PATH}/${String(participant._id)}/pendamping">
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
                      html`<option
                        value="${String(mentor._id)}"
                        ${values[slot] === String(mentor._id) ? html`selected` : ''}
                      >
                        ${mentor.name} (${mentor.kecamatan.join(', ')})
                      </option>`,
                  )}
              </select>
              ${problems[slot] ? html`<p class="field-error">${type}: ${problems[slot]}</p>` : ''}
            </div>`,
        )}
        <div class="actions">
          <button type="submit">${t('Simpan', 'Save')}</button>
          <a href="${PARTICIPANTS_PATH}/${String(participant._id)}">${t('Batal', 'Cancel')}</a>
        </div>
      </form>`;
    response.status(status).send(String(page(title, content, viewer)));
  }

  const currentOf = (participant: StoredParticipant): Record<Slot, string> => ({
    mibi: participant.mentors?.mibi ? String(participant.mentors.mibi) : '',
    tksk: participant.mentors?.tksk ? String(participant.mentors.tksk) : '',
  });

  async function show(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const participant = await assignable(request, response, viewer, t);
    if (participant) await send(response, 200, participant, currentOf(participant), {}, viewer, t);
  }

  async function submit(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const participant = await assignable(request, response, viewer, t);
    if (!participant) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = {
      mibi: typeof body.mibi === 'string' ? body.mibi.trim() : '',
      tksk: typeof body.tksk === 'string' ? body.tksk.trim() : '',
    };
    const chosen = SLOTS.flatMap(([slot]) => (/^[0-9a-f]{24}$/i.test(values[slot]) ? [values[slot]] : []));
    const mentors = new Map(
      (
        await models.mentors
          .find(
            { _id: { $in: chosen.map((id) => new Types.ObjectId(id)) } },
            { name: 1, type: 1, disabledAt: 1 },
          )
          .lean()
      ).map((mentor) => [String(mentor._id), mentor]),
    );
    const problems: Partial<Record<Slot, string>> = {};
    for (const [slot, type] of SLOTS) {
      if (values[slot] === '') continue;
      const mentor = mentors.get(values[slot]);
      if (!mentor)
        problems[slot] = t(
          'pendamping ini tidak ada; pilih dari daftar',
          'no such mentor; choose from the list',
        );
      else if (mentor.type !== type)
        problems[slot] = t(
          `${mentor.name} adalah ${mentor.type}, bukan ${type}`,
          `${mentor.name} is a ${mentor.type}, not a ${type}`,
        );
      else if (mentor.disabledAt)
        problems[slot] = t(
          `${mentor.name} sudah dinonaktifkan; pilih pendamping lain`,
          `${mentor.name} is disabled; choose another mentor`,
        );
    }
    if (Object.keys(problems).length > 0)
      return send(response, 400, participant, values, problems, viewer, t);

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
      await recordAudit(
        models,
        {
          actor: auditActorOf(viewer.account),
          action: 'participant.mentors',
          target: String(participant._id),
          from: fromOf(request),
          details: {
            via: 'session',
            page: 'dashboard',
            changes: Object.fromEntries(
              changed.map((slot) => [slot, { from: current[slot] || null, to: values[slot] || null }]),
            ),
          },
        },
        clock(),
      );
    }
    setFlash(request, response, cookies, {
      kind: 'ok',
      text:
        changed.length === 0
          ? t('Tidak ada yang berubah.', 'Nothing changed.')
          : t('Pendamping peserta disimpan.', 'The participant’s mentors are saved.'),
    });
    response.redirect(303, `${PARTICIPANTS_PATH}/${String(participant._id)}`);
  }

  return { show, submit };
}
