import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../auth';
import { localDateOf } from '../../domain/calendar';
import { recordInRoster } from '../../domain/participants/roster';
import {
  parseStatusChange,
  type StatusChangeField,
  type StatusChangeInput,
} from '../../domain/participants/status-change';
import type { ParticipantStatus } from '../../domain/program';
import type { ApiDependencies } from '../api/v1/dependencies';
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
  statusLabel,
} from './participants-common';

const FIELDS: readonly StatusChangeField[] = ['status', 'on', 'reason'];

const fieldLabel = (field: StatusChangeField, t: Translate) =>
  ({ status: t('Status baru', 'New status'), on: t('Tanggal', 'Date'), reason: t('Alasan', 'Reason') })[
    field
  ];

/** A field the form did not send, or sent twice, is read as empty, as a blank one is. */
const typed = z.string().catch('');
const statusChangeBody = z.object({ status: typed, on: typed, reason: typed });

export interface StatusFormModel {
  participant: { id: string; name: string; status: ParticipantStatus };
  values: StatusChangeInput;
  problems: Partial<Record<StatusChangeField, string>>;
}

const path = '/peserta/{id}/status';
const refuses = refusedUnlessAdmin((t) =>
  t(
    'Hanya admin Dinsos yang dapat meluluskan peserta atau mencatat peserta keluar.',
    'Only Dinsos admins may graduate a participant or record a drop-out.',
  ),
);
const title = (_model: StatusFormModel, t: Translate) =>
  t('Ubah status peserta', 'Change participant status');

/**
 * Graduating a participant or marking a drop-out, and undoing either: a Dinsos admin's decision, so
 * mentors and staff are refused. The weekly reminders, savings nudges, digests and session invitations
 * all select `status: 'active'`, so they stop with the change and resume if it is undone.
 */
export function participantStatusPages({ models, auth }: ApiDependencies): Page[] {
  return [
    declarePage({
      method: 'get',
      path,
      params: participantParams,
      refuses,
      async load(account, { params }) {
        const found = await participantOrRefusal(models, account, params.id);
        if ('refused' in found) return found.refused;
        const { _id, name, status } = found.participant;
        return show<StatusFormModel>({
          participant: { id: String(_id), name, status },
          values: {},
          problems: {},
        });
      },
      title,
      view: statusFormView,
    }),
    declarePage({
      method: 'post',
      path,
      params: participantParams,
      body: statusChangeBody,
      refuses,
      async load(account, { params, body: values, now, from }) {
        const found = await participantOrRefusal(models, account, params.id);
        if ('refused' in found) return found.refused;
        const { participant } = found;
        const back = `${PARTICIPANTS_PATH}/${String(participant._id)}`;
        const { year, month, day } = localDateOf(now, auth.timeZone);
        const parsed = parseStatusChange(
          values,
          participant.status,
          new Date(Date.UTC(year, month - 1, day)),
        );
        if (!parsed.ok) {
          const { _id, name, status } = participant;
          return show<StatusFormModel>(
            { participant: { id: String(_id), name, status }, values, problems: parsed.problems },
            400,
          );
        }
        const change = parsed.value;
        const actor = auditActorOf(account);
        // Conditional on the status read: two admins submitting at once change it once, not twice.
        const { modifiedCount } = await models.participants.updateOne(
          { _id: participant._id, status: participant.status },
          {
            $set: {
              status: change.status,
              statusChange: { on: change.on, reason: change.reason, by: actor },
            },
          },
          { runValidators: true },
        );
        if (modifiedCount > 0) await recordInRoster(models, [{ id: participant._id, before: participant }]);
        if (modifiedCount === 0) {
          return redirect(back, {
            kind: 'error',
            text: (t) =>
              t(
                'Status peserta sudah diubah orang lain; periksa lagi sebelum mengubahnya.',
                'Someone else changed this participant’s status; check it before changing it.',
              ),
          });
        }
        await recordAudit(
          models,
          {
            actor,
            action: 'participant.status',
            target: String(participant._id),
            from,
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
        return redirect(back, {
          kind: 'ok',
          text: (t) =>
            t(
              `Status ${participant.name} sekarang ${statusLabel(change.status, t)}.`,
              `${participant.name} is now ${statusLabel(change.status, t)}.`,
            ),
        });
      },
      title,
      view: statusFormView,
    }),
  ];
}

/** The form, with what was typed and each field's problem when it is shown again. */
export function statusFormView(model: StatusFormModel, t: Translate, viewer: Viewer): SafeHtml {
  const { participant, values, problems } = model;
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
  return html`<h1>${t('Ubah status peserta', 'Change participant status')}: ${participant.name}</h1>
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
    <form class="card" method="post" action="${PARTICIPANTS_PATH}/${participant.id}/status">
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
        <a href="${PARTICIPANTS_PATH}/${participant.id}">${t('Batal', 'Cancel')}</a>
      </div>
    </form>`;
}
