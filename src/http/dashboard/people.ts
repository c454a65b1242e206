import type { Request, Response } from 'express';
import { Types, type Model } from 'mongoose';
import { auditActorOf, endWebSessionsOf, recordAudit } from '../../auth';
import { maskPhone } from '../../domain/identity';
import type { Cell } from '../../domain/imports/cells';
import { mentorColumns, staffColumns } from '../../domain/imports/columns';
import { parseMentorRow } from '../../domain/imports/mentor-row';
import { RowReader, type RowProblem } from '../../domain/imports/row';
import { parseStaffRow } from '../../domain/imports/staff-row';
import { knownPlacesOf } from '../../domain/participants/known-places';
import { MENTOR_TYPES, STAFF_ROLES } from '../../domain/program';
import { storeMentors, storeStaff } from '../../imports/store';
import type { ApiDependencies } from '../api/v1/dependencies';
import { fromOf } from '../request-from';
import { setFlash } from './form-cookies';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { page, refuse, type Viewer } from './layout';
import { adminOnly } from './participants-common';

export const PEOPLE_PATH = '/dashboard/orang';

/** The most staff and mentors the page lists; a regency has a few hundred of each. */
const MAX_LISTED = 1000;

type Kind = 'staff' | 'mentor';

/** A form of the page sent back with what was typed and each field's problem. */
interface FormState {
  kind: Kind;
  values: Record<string, string>;
  problems: Record<string, string>;
}

/** The form's fields are the import's columns, read by the importer's own row reader. */
function formRow<K extends string>(columns: Record<K, unknown>, body: Record<string, unknown>) {
  const names = Object.keys(columns) as K[];
  const values = Object.fromEntries(
    names.map((name) => [name, typeof body[name] === 'string' ? body[name].trim() : '']),
  ) as Record<K, string>;
  const reader = new RowReader<K>(
    1,
    new Map<K, Cell>(names.map((name) => [name, values[name]])),
    new Map(names.map((name) => [name, name])),
  );
  return { values, reader };
}

const problemsOf = (problems: readonly RowProblem[]): Record<string, string> => {
  const byField: Record<string, string> = {};
  for (const problem of problems) byField[problem.column ?? 'no_hp'] ??= problem.reason;
  return byField;
};
const isKind = (text: string): text is Kind => text === 'staff' || text === 'mentor';

/**
 * Staff and mentors, for Dinsos admins only: who may sign in, and who gets digests and complaint
 * posts. Disabling keeps the record (and a mentor's participants, who are flagged on the participants
 * list) but ends their web sessions and stops every message to them; enabling undoes it.
 */
export function peoplePages({ models, auth, clock }: ApiDependencies) {
  const cookies = { security: auth.cookieSecurity };

  const mayManage = (response: Response, viewer: Viewer, t: Translate) =>
    adminOnly(
      response,
      viewer,
      t,
      t(
        'Hanya admin Dinsos yang mengelola staf dan pendamping.',
        'Only Dinsos admins manage staff and mentors.',
      ),
    );

  async function render(response: Response, status: number, viewer: Viewer, t: Translate, state?: FormState) {
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
      models.puskesos.find({}, { name: 1, kecamatan: 1, desa: 1, servedDesa: 1 }).lean(),
    ]);
    const kecamatans = [...knownPlacesOf(offices, []).keys()];
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
    const accountState = (disabledAt: Date | null | undefined) =>
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
                <td>${accountState(mentor.disabledAt)}</td>
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
                <td>${accountState(member.disabledAt)}</td>
                <td>${toggle('staff', member._id, member.name, Boolean(member.disabledAt))}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    const valueOf = (kind: Kind, field: string) => (state?.kind === kind ? (state.values[field] ?? '') : '');
    const field = (kind: Kind, name: string, label: string, control: SafeHtml) => {
      const problem = state?.kind === kind ? state.problems[name] : undefined;
      return html`<div class="field">
        <label for="${kind}-${name}">${label}</label>
        ${control}
        ${problem ? html`<p class="field-error" id="error-${kind}-${name}">${label}: ${problem}</p>` : ''}
      </div>`;
    };
    const input = (kind: Kind, name: string, label: string, extra: SafeHtml | string = '') =>
      field(
        kind,
        name,
        label,
        html`<input
          type="text"
          id="${kind}-${name}"
          name="${name}"
          value="${valueOf(kind, name)}"
          ${extra}
        />`,
      );
    const select = (
      kind: Kind,
      name: string,
      label: string,
      choices: readonly (readonly [string, string])[],
    ) =>
      field(
        kind,
        name,
        label,
        html`<select id="${kind}-${name}" name="${name}">
          ${choices.map(
            ([value, text]) =>
              html`<option value="${value}" ${valueOf(kind, name) === value ? html`selected` : ''}>
                ${text}
              </option>`,
          )}
        </select>`,
      );
    const refused = state
      ? html`<div class="flash error" role="alert">
          <p>${t('Belum disimpan. Periksa isian berikut:', 'Nothing was saved. Check these fields:')}</p>
          <ul>
            ${Object.entries(state.problems).map(([name, problem]) => html`<li>${name}: ${problem}</li>`)}
          </ul>
        </div>`
      : '';
    const forms = html`<h2>${t('Tambah pendamping', 'Add a mentor')}</h2>
      <form class="card" method="post" action="${PEOPLE_PATH}/pendamping">
        <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
        ${input('mentor', 'nama', t('Nama', 'Name'), html`required maxlength="200"`)}
        ${input('mentor', 'no_hp', t('No. HP', 'Phone'), html`required inputmode="tel" placeholder="0812-3456-7890"`)}
        ${select(
          'mentor',
          'jenis',
          t('Jenis', 'Type'),
          MENTOR_TYPES.map((type) => [type, type] as const),
        )}
        ${select('mentor', 'kecamatan', 'Kecamatan', [
          ['', t('(pilih)', '(choose)')],
          ...kecamatans.map((name) => [name, name] as const),
        ])}
        <div class="actions"><button type="submit">${t('Tambah pendamping', 'Add mentor')}</button></div>
      </form>
      <h2>${t('Tambah staf', 'Add staff')}</h2>
      <form class="card" method="post" action="${PEOPLE_PATH}/staf">
        <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
        ${input('staff', 'nama', t('Nama', 'Name'), html`required maxlength="200"`)}
        ${input('staff', 'no_hp', t('No. HP', 'Phone'), html`required inputmode="tel" placeholder="0812-3456-7890"`)}
        ${input('staff', 'email', 'Email', html`inputmode="email" placeholder="nama@dinsos.go.id"`)}
        ${select(
          'staff',
          'peran',
          t('Peran', 'Role'),
          STAFF_ROLES.map((role) => [role, role] as const),
        )}
        ${select('staff', 'puskesos', 'Puskesos', [
          ['', t('(Dinsos, tanpa Puskesos)', '(Dinsos, no Puskesos)')],
          ...offices.map((office) => [office.name, office.name] as const),
        ])}
        <div class="actions"><button type="submit">${t('Tambah staf', 'Add staff')}</button></div>
      </form>`;
    response.status(status).send(String(page(title, html`${refused}${content}${forms}`, viewer)));
  }

  async function list(_request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    if (mayManage(response, viewer, t)) await render(response, 200, viewer, t);
  }

  /** A phone already held by staff or a mentor: one person, one account, or sign-in would be ambiguous. */
  async function phoneTaken(phone: string): Promise<boolean> {
    const [staff, mentor] = await Promise.all([
      models.staff.exists({ phone }),
      models.mentors.exists({ phone }),
    ]);
    return Boolean(staff ?? mentor);
  }

  const takenMessage = (t: Translate) =>
    t(
      'nomor HP ini sudah dipakai staf atau pendamping lain; satu nomor untuk satu orang',
      'this phone number belongs to other staff or a mentor; one number is for one person',
    );

  async function added(
    request: Request,
    response: Response,
    viewer: Viewer,
    kind: Kind,
    id: string,
    after: Record<string, unknown>,
  ) {
    const t = translator(viewer.language);
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: `${kind}.create`,
        target: `${kind}:${id}`,
        from: fromOf(request),
        details: { via: 'session', page: 'dashboard', before: null, after },
      },
      clock(),
    );
    setFlash(request, response, cookies, {
      kind: 'ok',
      text: t(`${String(after.name)} ditambahkan.`, `${String(after.name)} added.`),
    });
    response.redirect(303, PEOPLE_PATH);
  }

  async function addMentor(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    if (!mayManage(response, viewer, t)) return;
    const { values, reader } = formRow(mentorColumns, (request.body ?? {}) as Record<string, unknown>);
    const parsed = parseMentorRow(reader);
    const refuseWith = (problems: Record<string, string>) =>
      render(response, 400, viewer, t, { kind: 'mentor', values, problems });
    if (!parsed.ok) return refuseWith(problemsOf(parsed.problems));
    const row = parsed.value;
    const offices = await models.puskesos.find({}, { kecamatan: 1, desa: 1 }).lean();
    const known = knownPlacesOf(offices, []);
    const unknown = row.kecamatan.filter((name) => !known.has(name));
    if (unknown.length > 0)
      return refuseWith({ kecamatan: `"${unknown.join(', ')}" belum dikenal; pilih dari daftar` });
    if (await phoneTaken(row.phone)) return refuseWith({ no_hp: takenMessage(t) });
    const [outcome] = await storeMentors([row], { models });
    if (Array.isArray(outcome)) return refuseWith(problemsOf(outcome));
    const created = await models.mentors.findOne({ phone: row.phone }, { _id: 1 }).lean();
    await added(request, response, viewer, 'mentor', String(created?._id), {
      name: row.name,
      phone: maskPhone(row.phone),
      type: row.type,
      kecamatan: row.kecamatan,
    });
  }

  async function addStaff(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    if (!mayManage(response, viewer, t)) return;
    const { values, reader } = formRow(staffColumns, (request.body ?? {}) as Record<string, unknown>);
    const parsed = parseStaffRow(reader);
    const refuseWith = (problems: Record<string, string>) =>
      render(response, 400, viewer, t, { kind: 'staff', values, problems });
    if (!parsed.ok) return refuseWith(problemsOf(parsed.problems));
    const row = parsed.value;
    if (await phoneTaken(row.phone)) return refuseWith({ no_hp: takenMessage(t) });
    const [outcome] = await storeStaff([row], { models });
    if (Array.isArray(outcome)) return refuseWith(problemsOf(outcome));
    const created = await models.staff.findOne({ phone: row.phone }, { _id: 1 }).lean();
    await added(request, response, viewer, 'staff', String(created?._id), {
      name: row.name,
      phone: maskPhone(row.phone),
      email: row.email ?? null,
      role: row.role,
      puskesos: row.puskesos ?? null,
    });
  }

  /** Disables or enables one account; a no-op (already so) changes and audits nothing. */
  async function setStatus(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    if (!mayManage(response, viewer, t)) return;
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

  return { list, setStatus, addMentor, addStaff };
}
