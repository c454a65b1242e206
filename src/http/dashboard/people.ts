import type { Request, Response } from 'express';
import { Types, type Model } from 'mongoose';
import { auditActorOf, endWebSessionsOf, isAdmin, recordAudit } from '../../auth';
import type { ApiDependencies } from '../api/v1/dependencies';
import { fromOf } from '../request-from';
import { setFlash } from './form-cookies';
import { html } from './html';
import { translator, type Translate } from './language';
import { page, refuse, type Viewer } from './layout';

export const PEOPLE_PATH = '/dashboard/orang';

/** The most staff and mentors the page lists; a regency has a few hundred of each. */
const MAX_LISTED = 1000;

type Kind = 'staff' | 'mentor';
const isKind = (text: string): text is Kind => text === 'staff' || text === 'mentor';

/**
 * Staff and mentors, for Dinsos admins only: who may sign in, and who gets digests and complaint
 * posts. Disabling keeps the record (and a mentor's participants, who are flagged on the participants
 * list) but ends their web sessions and stops every message to them; enabling undoes it.
 */
export function peoplePages({ models, auth, clock }: ApiDependencies) {
  const cookies = { security: auth.cookieSecurity };

  function adminOnly(response: Response, viewer: Viewer, t: Translate): boolean {
    if (isAdmin(viewer.account)) return true;
    refuse(
      response,
      403,
      t('Tidak berhak', 'Not allowed'),
      t(
        'Hanya admin Dinsos yang mengelola staf dan pendamping.',
        'Only Dinsos admins manage staff and mentors.',
      ),
      viewer,
    );
    return false;
  }

  async function list(_request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    if (!adminOnly(response, viewer, t)) return;
    const [staff, mentors, offices] = await Promise.all([
      models.staff
        .find({}, { name: 1, role: 1, puskesos: 1, disabledAt: 1 })
        .sort({ name: 1 })
        .limit(MAX_LISTED)
        .lean(),
      models.mentors
        .find({}, { name: 1, type: 1, kecamatan: 1, disabledAt: 1 })
        .sort({ name: 1 })
        .limit(MAX_LISTED)
        .lean(),
      models.puskesos.find({}, { name: 1 }).lean(),
    ]);
    const officeName = new Map(offices.map((office) => [String(office._id), office.name]));
    const toggle = (kind: Kind, id: Types.ObjectId, name: string, disabled: boolean) =>
      viewer.account.id === String(id)
        ? html`<span class="note">${t('akun Anda', 'your account')}</span>`
        : html`<form method="post" action="${PEOPLE_PATH}/${kind}/${String(id)}/status">
            <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
            <input type="hidden" name="action" value="${disabled ? 'enable' : 'disable'}" />
            <button
              type="submit"
              aria-label="${disabled ? t('Aktifkan', 'Enable') : t('Nonaktifkan', 'Disable')} ${name}"
            >
              ${disabled ? t('Aktifkan', 'Enable') : t('Nonaktifkan', 'Disable')}
            </button>
          </form>`;
    const state = (disabledAt: Date | null | undefined) =>
      disabledAt ? html`<span class="badge">${t('nonaktif', 'disabled')}</span>` : t('aktif', 'active');
    const title = t('Staf dan pendamping', 'Staff and mentors');
    const content = html`<h1>${title}</h1>
      <p class="note">
        ${t(
          'Akun nonaktif tidak bisa masuk dan tidak menerima ringkasan atau pengaduan; datanya tetap tersimpan.',
          'A disabled account cannot sign in and gets no digests or complaints; its record is kept.',
        )}
      </p>
      <h2>${t('Pendamping', 'Mentors')}</h2>
      <table>
        <thead>
          <tr>
            <th>${t('Nama', 'Name')}</th>
            <th>${t('Jenis', 'Type')}</th>
            <th>Kecamatan</th>
            <th>Status</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${mentors.map(
            (mentor) =>
              html`<tr>
                <td>${mentor.name}</td>
                <td>${mentor.type}</td>
                <td>${mentor.kecamatan.join(', ')}</td>
                <td>${state(mentor.disabledAt)}</td>
                <td>${toggle('mentor', mentor._id, mentor.name, Boolean(mentor.disabledAt))}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>${t('Staf', 'Staff')}</h2>
      <table>
        <thead>
          <tr>
            <th>${t('Nama', 'Name')}</th>
            <th>${t('Peran', 'Role')}</th>
            <th>Puskesos</th>
            <th>Status</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${staff.map(
            (member) =>
              html`<tr>
                <td>${member.name}</td>
                <td>${member.role}</td>
                <td>${member.puskesos ? (officeName.get(String(member.puskesos)) ?? '—') : 'Dinsos'}</td>
                <td>${state(member.disabledAt)}</td>
                <td>${toggle('staff', member._id, member.name, Boolean(member.disabledAt))}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    response.send(String(page(title, content, viewer)));
  }

  /** Disables or enables one account; a no-op (already so) changes and audits nothing. */
  async function setStatus(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    if (!adminOnly(response, viewer, t)) return;
    const kind = String(request.params.kind);
    const id = String(request.params.id);
    const action = (request.body as Record<string, unknown> | undefined)?.action;
    if (!isKind(kind) || !/^[0-9a-f]{24}$/i.test(id) || (action !== 'disable' && action !== 'enable')) {
      return refuse(
        response,
        400,
        t('Formulir tidak sah', 'Invalid form'),
        t('Pilih Nonaktifkan atau Aktifkan pada daftar.', 'Choose Disable or Enable on the list.'),
        viewer,
      );
    }
    if (id === viewer.account.id) {
      return refuse(
        response,
        400,
        t('Tidak bisa', 'Not possible'),
        t('Akun Anda sendiri tidak bisa dinonaktifkan di sini.', 'You cannot disable your own account.'),
        viewer,
      );
    }
    const now = clock();
    const _id = new Types.ObjectId(id);
    // The two collections' models differ in type but not in these fields.
    const accounts = (kind === 'staff' ? models.staff : models.mentors) as unknown as Model<{
      name: string;
      disabledAt?: Date;
    }>;
    const before = await accounts.findById(_id, { name: 1, disabledAt: 1 }).lean();
    if (!before) {
      return refuse(
        response,
        404,
        t('Tidak ditemukan', 'Not found'),
        t('Akun ini tidak ada.', 'No such account.'),
        viewer,
      );
    }
    // Conditional on the state read, so a double submit changes and audits it once.
    const { modifiedCount } = await accounts.updateOne(
      { _id, disabledAt: { $exists: action === 'enable' } },
      action === 'disable' ? { $set: { disabledAt: now } } : { $unset: { disabledAt: 1 } },
    );
    if (modifiedCount === 0) {
      setFlash(request, response, cookies, {
        kind: 'ok',
        text: t('Tidak ada yang berubah.', 'Nothing changed.'),
      });
      return response.redirect(303, PEOPLE_PATH);
    }
    if (action === 'disable') await endWebSessionsOf(models, { kind, id });
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: `account.${action}`,
        target: `${kind}:${id}`,
        from: fromOf(request),
        details: {
          via: 'session',
          page: 'dashboard',
          disabledAt: { from: before.disabledAt ?? null, to: action === 'disable' ? now : null },
        },
      },
      now,
    );
    setFlash(request, response, cookies, {
      kind: 'ok',
      text:
        action === 'disable'
          ? t(`${before.name} dinonaktifkan.`, `${before.name} disabled.`)
          : t(`${before.name} diaktifkan kembali.`, `${before.name} enabled again.`),
    });
    response.redirect(303, PEOPLE_PATH);
  }

  return { list, setStatus };
}
