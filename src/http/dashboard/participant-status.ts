import type { Request, Response } from 'express';
import { auditActorOf, recordAudit } from '../../auth';
import { localDateOf } from '../../domain/calendar';
import {
  parseStatusChange,
  type StatusChangeField,
  type StatusChangeInput,
} from '../../domain/participants/status-change';
import type { ApiDependencies } from '../api/v1/dependencies';
import type { StoredParticipant } from '../actions/participants';
import { fromOf } from '../request-from';
import { setFlash } from './form-cookies';
import { problemSummary } from './form-problems';
import { html } from './html';
import { translator, type Translate } from './language';
import { page, type Viewer } from './layout';
import { participantForAdmin, PARTICIPANTS_PATH, statusLabel } from './participants-common';

const FIELDS: readonly StatusChangeField[] = ['status', 'on', 'reason'];

const fieldLabel = (field: StatusChangeField, t: Translate) =>
  ({ status: t('Status baru', 'New status'), on: t('Tanggal', 'Date'), reason: t('Alasan', 'Reason') })[
    field
  ];

/**
 * Graduating a participant or marking a drop-out, and undoing either: a Dinsos admin's decision, so
 * mentors and staff are refused. The weekly reminders, savings nudges, digests and session invitations
 * all select `status: 'active'`, so they stop with the change and resume if it is undone.
 */
export function participantStatusPages({ models, auth, clock }: ApiDependencies) {
  const cookies = { security: auth.cookieSecurity };

  const changeable = (request: Request, response: Response, viewer: Viewer, t: Translate) =>
    participantForAdmin(
      models,
      request,
      response,
      viewer,
      t,
      t(
        'Hanya admin Dinsos yang dapat meluluskan peserta atau mencatat peserta keluar.',
        'Only Dinsos admins may graduate a participant or record a drop-out.',
      ),
    );

  function send(
    response: Response,
    status: number,
    participant: StoredParticipant,
    values: StatusChangeInput,
    problems: Partial<Record<StatusChangeField, string>>,
    viewer: Viewer,
    t: Translate,
  ) {
    const described = (field: StatusChangeField) =>
      problems[field] ? html`aria-invalid="true" aria-describedby="error-${field}"` : '';
    const errorOf = (field: StatusChangeField) =>
      problems[field]
        ? html`<p class="field-error" id="error-${field}">${fieldLabel(field, t)}: ${problems[field]}</p>`
        : '';
    const choices = (['graduated', 'withdrawn', 'active'] as const).filter(
      (choice) => choice !== participant.status,
    );
    const listed = FIELDS.filter((field) => problems[field]);
    const title = t('Ubah status peserta', 'Change participant status');
    const content = html`<h1>${title}: ${participant.name}</h1>
      <p>
        ${t('Status sekarang', 'Current status')}: <strong>${statusLabel(participant.status, t)}</strong>.
        ${t(
          'Peserta yang lulus atau keluar tidak lagi mendapat pengingat, dorongan menabung, atau undangan sesi.',
          'A graduated or withdrawn participant no longer gets reminders, savings nudges or session invitations.',
        )}
      </p>
      ${problemSummary(
        t,
        listed.map((field) => ({ field, label: fieldLabel(field, t), problem: problems[field] ?? '' })),
      )}
      <form class="card" method="post" action="${PARTICIPANTS_PATH}/${String(participant._id)}/status">
        <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
        <div class="field">
          <label for="field-status">${fieldLabel('status', t)}</label>
          <select id="field-status" name="status" ${described('status')}>
            ${choices.map(
              (choice) =>
                html`<option value="${choice}" ${values.status === choice ? html`selected` : ''}>
                  ${choice === 'active' ? t('aktif kembali', 'active again') : statusLabel(choice, t)}
                </option>`,
            )}
          </select>
          ${errorOf('status')}
        </div>
        <div class="field">
          <label for="field-on">${fieldLabel('on', t)}</label>
          <input type="date" id="field-on" name="on" value="${values.on ?? ''}" required ${described('on')} />
          ${errorOf('on')}
        </div>
        <div class="field">
          <label for="field-reason">${fieldLabel('reason', t)}</label>
          <textarea id="field-reason" name="reason" maxlength="500" required ${described('reason')}>
${values.reason ?? ''}</textarea>
          ${errorOf('reason')}
        </div>
        <div class="actions">
          <button type="submit">${t('Simpan', 'Save')}</button>
          <a href="${PARTICIPANTS_PATH}/${String(participant._id)}">${t('Batal', 'Cancel')}</a>
        </div>
      </form>`;
    response.status(status).send(String(page(title, content, viewer)));
  }

  async function show(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const participant = await changeable(request, response, viewer, t);
    if (participant) send(response, 200, participant, {}, {}, viewer, t);
  }

  async function submit(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const participant = await changeable(request, response, viewer, t);
    if (!participant) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(
      FIELDS.map((field) => [field, typeof body[field] === 'string' ? body[field] : '']),
    ) as StatusChangeInput;
    const now = clock();
    const { year, month, day } = localDateOf(now, auth.timeZone);
    const parsed = parseStatusChange(values, participant.status, new Date(Date.UTC(year, month - 1, day)));
    if (!parsed.ok) return send(response, 400, participant, values, parsed.problems, viewer, t);
    const change = parsed.value;
    const actor = auditActorOf(viewer.account);
    // Conditional on the status read: two admins submitting at once change it once, not twice.
    const { modifiedCount } = await models.participants.updateOne(
      { _id: participant._id, status: participant.status },
      { $set: { status: change.status, statusChange: { on: change.on, reason: change.reason, by: actor } } },
      { runValidators: true },
    );
    if (modifiedCount === 0) {
      setFlash(request, response, cookies, {
        kind: 'error',
        text: t(
          'Status peserta sudah diubah orang lain; periksa lagi sebelum mengubahnya.',
          'Someone else changed this participant’s status; check it before changing it.',
        ),
      });
      return response.redirect(303, `${PARTICIPANTS_PATH}/${String(participant._id)}`);
    }
    await recordAudit(
      models,
      {
        actor,
        action: 'participant.status',
        target: String(participant._id),
        from: fromOf(request),
        details: {
          via: 'session',
          page: 'dashboard',
          status: { from: participant.status, to: change.status },
          on: change.on.toISOString().slice(0, 10),
          reason: change.reason,
        },
      },
      now,
    );
    setFlash(request, response, cookies, {
      kind: 'ok',
      text: t(
        `Status ${participant.name} sekarang ${statusLabel(change.status, t)}.`,
        `${participant.name} is now ${statusLabel(change.status, t)}.`,
      ),
    });
    response.redirect(303, `${PARTICIPANTS_PATH}/${String(participant._id)}`);
  }

  return { show, submit };
}
