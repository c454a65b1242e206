import { Types, type Model } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, endWebSessionsOf, recordAudit, type Account } from '../../auth';
import type { Models } from '../../db/models';
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
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';
import { declareAction, declarePage, redirect, refusal, show, type Outcome, type Page } from './page';
import { refusedUnlessAdmin } from './participants-common';

export const PEOPLE_PATH = '/dashboard/orang';

/** The most staff and mentors the page lists; a regency has a few hundred of each. */
const MAX_LISTED = 1000;

type Kind = 'staff' | 'mentor';
const isKind = (text: string): text is Kind => text === 'staff' || text === 'mentor';

/** A form of the page sent back with what was typed and each field's problem. */
export interface PeopleForm {
  kind: Kind;
  values: Record<string, string>;
  /** Each field's problem, in the importer's words. */
  problems: Record<string, string>;
  /** The phone is already staff's or a mentor's: one person, one account. */
  phoneTaken: boolean;
}

export interface PeopleModel {
  mentors: { id: string; name: string; type: string; kecamatan: string[]; disabled: boolean }[];
  /** `puskesos` is its name, undefined for the Dinsos's own staff. */
  staff: { id: string; name: string; role: string; puskesos: string | undefined; disabled: boolean }[];
  /** The known kecamatan a mentor is chosen for, and the Puskesos staff belong to, by name. */
  kecamatan: string[];
  puskesos: string[];
  refused?: PeopleForm;
}

/** The form's fields are the import's columns, each sent once as text (anything else reads as empty). */
const columnsBody = <K extends string>(columns: Record<K, unknown>) =>
  z.object(
    Object.fromEntries(Object.keys(columns).map((name) => [name, z.string().trim().catch('')])) as Record<
      K,
      z.ZodCatch<z.ZodString>
    >,
  );

/** The form, read by the importer's own row reader, so its rules and messages apply as they are. */
function readerOf<K extends string>(values: Record<K, string>): RowReader<K> {
  const names = Object.keys(values) as K[];
  return new RowReader<K>(
    1,
    new Map<K, Cell>(names.map((name) => [name, values[name]])),
    new Map(names.map((name) => [name, name])),
  );
}

const problemsOf = (problems: readonly RowProblem[]): Record<string, string> => {
  const byField: Record<string, string> = {};
  for (const problem of problems) byField[problem.column ?? 'no_hp'] ??= problem.reason;
  return byField;
};

/** Bounded reads: every staff member and mentor up to MAX_LISTED, and the Puskesos (a few dozen). */
async function peopleOf(models: Models, refused?: PeopleForm): Promise<PeopleModel> {
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
  const officeName = new Map(offices.map((office) => [String(office._id), office.name]));
  return {
    mentors: mentors.map((mentor) => ({
      id: String(mentor._id),
      name: mentor.name,
      type: mentor.type,
      kecamatan: mentor.kecamatan,
      disabled: Boolean(mentor.disabledAt),
    })),
    staff: staff.map((member) => ({
      id: String(member._id),
      name: member.name,
      role: member.role,
      // A Puskesos since removed leaves its staff with none to name.
      puskesos: member.puskesos ? (officeName.get(String(member.puskesos)) ?? '—') : undefined,
      disabled: Boolean(member.disabledAt),
    })),
    kecamatan: [...knownPlacesOf(offices, []).keys()],
    puskesos: offices.map((office) => office.name),
    ...(refused ? { refused } : {}),
  };
}

/** The staff or the mentors: the two collections' models differ in type but not in these fields. */
const accountsOf = (models: Models, kind: Kind) =>
  (kind === 'staff' ? models.staff : models.mentors) as unknown as Model<{
    name: string;
    phone: string;
    disabledAt?: Date;
  }>;

/** A phone already held by staff or a mentor: one person, one account, or sign-in would be ambiguous. */
async function phoneTaken(models: Models, phone: string): Promise<boolean> {
  const [staff, mentor] = await Promise.all([
    models.staff.exists({ phone }),
    models.mentors.exists({ phone }),
  ]);
  return Boolean(staff ?? mentor);
}

/** The account just stored, audited with what it was created with, and the list again. */
async function added(
  models: Models,
  account: Account,
  { kind, phone, now, from }: { kind: Kind; phone: string; now: Date; from: string },
  after: Record<string, unknown> & { name: string },
): Promise<Outcome<never>> {
  const created = await accountsOf(models, kind).findOne({ phone }, { _id: 1 }).lean();
  await recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action: `${kind}.create`,
      target: `${kind}:${String(created?._id)}`,
      from,
      details: { via: 'session', page: 'dashboard', before: null, after },
    },
    now,
  );
  return redirect(PEOPLE_PATH, {
    kind: 'ok',
    text: (t) => t(`${after.name} ditambahkan.`, `${after.name} added.`),
  });
}

const statusParams = z.object({ kind: z.string(), id: z.string() });
const statusBody = z.object({ action: z.string().catch('') });

/** Disables or enables one account; a no-op (already so) changes and audits nothing. */
async function setAccountStatus(
  models: Models,
  account: Account,
  { kind, id, action }: { kind: string; id: string; action: string },
  { now, from }: { now: Date; from: string },
): Promise<Outcome<never>> {
  if (!isKind(kind) || !/^[0-9a-f]{24}$/i.test(id) || (action !== 'disable' && action !== 'enable')) {
    return refusal(
      400,
      (t) => t('Formulir tidak sah', 'Invalid form'),
      (t) => t('Pilih Nonaktifkan atau Aktifkan pada daftar.', 'Choose Disable or Enable on the list.'),
    );
  }
  if (id === account.id) {
    return refusal(
      400,
      (t) => t('Tidak bisa', 'Not possible'),
      (t) => t('Akun Anda sendiri tidak bisa dinonaktifkan di sini.', 'You cannot disable your own account.'),
    );
  }
  const _id = new Types.ObjectId(id);
  const accounts = accountsOf(models, kind);
  const before = await accounts.findById(_id, { name: 1, disabledAt: 1 }).lean();
  if (!before) {
    return refusal(
      404,
      (t) => t('Tidak ditemukan', 'Not found'),
      (t) => t('Akun ini tidak ada.', 'No such account.'),
    );
  }
  // Conditional on the state read, so a double submit changes and audits it once.
  const { modifiedCount } = await accounts.updateOne(
    { _id, disabledAt: { $exists: action === 'enable' } },
    action === 'disable' ? { $set: { disabledAt: now } } : { $unset: { disabledAt: 1 } },
  );
  if (modifiedCount === 0) {
    return redirect(PEOPLE_PATH, {
      kind: 'ok',
      text: (t) => t('Tidak ada yang berubah.', 'Nothing changed.'),
    });
  }
  if (action === 'disable') await endWebSessionsOf(models, { kind, id });
  await recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action: `account.${action}`,
      target: `${kind}:${id}`,
      from,
      details: {
        via: 'session',
        page: 'dashboard',
        disabledAt: { from: before.disabledAt ?? null, to: action === 'disable' ? now : null },
      },
    },
    now,
  );
  return redirect(PEOPLE_PATH, {
    kind: 'ok',
    text: (t) =>
      action === 'disable'
        ? t(`${before.name} dinonaktifkan.`, `${before.name} disabled.`)
        : t(`${before.name} diaktifkan kembali.`, `${before.name} enabled again.`),
  });
}

const refuses = refusedUnlessAdmin((t) =>
  t('Hanya admin Dinsos yang mengelola staf dan pendamping.', 'Only Dinsos admins manage staff and mentors.'),
);
const title = (_model: PeopleModel, t: Translate) => t('Staf dan pendamping', 'Staff and mentors');

/**
 * Staff and mentors, for Dinsos admins only: who may sign in, and who gets digests and complaint
 * posts. Disabling keeps the record (and a mentor's participants, who are flagged on the participants
 * list) but ends their web sessions and stops every message to them; enabling undoes it. Adding one
 * uses the import's columns, rules and store, so one added here and one imported are alike.
 */
export function peoplePages({ models }: ApiDependencies): Page[] {
  return [
    declarePage({
      method: 'get',
      path: '/orang',
      refuses,
      load: async () => show(await peopleOf(models)),
      title,
      view: peopleView,
    }),
    declarePage({
      method: 'post',
      path: '/orang/pendamping',
      body: columnsBody(mentorColumns),
      refuses,
      async load(account, { body: values, now, from }) {
        const refuseWith = async (problems: Record<string, string>, taken = false) =>
          show(await peopleOf(models, { kind: 'mentor', values, problems, phoneTaken: taken }), 400);
        const parsed = parseMentorRow(readerOf(values));
        if (!parsed.ok) return refuseWith(problemsOf(parsed.problems));
        const row = parsed.value;
        const offices = await models.puskesos.find({}, { kecamatan: 1, desa: 1 }).lean();
        const known = knownPlacesOf(offices, []);
        const unknown = row.kecamatan.filter((name) => !known.has(name));
        if (unknown.length > 0)
          return refuseWith({ kecamatan: `"${unknown.join(', ')}" belum dikenal; pilih dari daftar` });
        if (await phoneTaken(models, row.phone)) return refuseWith({}, true);
        const [outcome] = await storeMentors([row], { models });
        if (Array.isArray(outcome)) return refuseWith(problemsOf(outcome));
        return added(
          models,
          account,
          { kind: 'mentor', phone: row.phone, now, from },
          { name: row.name, phone: maskPhone(row.phone), type: row.type, kecamatan: row.kecamatan },
        );
      },
      title,
      view: peopleView,
    }),
    declarePage({
      method: 'post',
      path: '/orang/staf',
      body: columnsBody(staffColumns),
      refuses,
      async load(account, { body: values, now, from }) {
        const refuseWith = async (problems: Record<string, string>, taken = false) =>
          show(await peopleOf(models, { kind: 'staff', values, problems, phoneTaken: taken }), 400);
        const parsed = parseStaffRow(readerOf(values));
        if (!parsed.ok) return refuseWith(problemsOf(parsed.problems));
        const row = parsed.value;
        if (await phoneTaken(models, row.phone)) return refuseWith({}, true);
        const [outcome] = await storeStaff([row], { models });
        if (Array.isArray(outcome)) return refuseWith(problemsOf(outcome));
        return added(
          models,
          account,
          { kind: 'staff', phone: row.phone, now, from },
          {
            name: row.name,
            phone: maskPhone(row.phone),
            email: row.email ?? null,
            role: row.role,
            puskesos: row.puskesos ?? null,
          },
        );
      },
      title,
      view: peopleView,
    }),
    declareAction({
      method: 'post',
      path: '/orang/{kind}/{id}/status',
      params: statusParams,
      body: statusBody,
      refuses,
      load: (account, { params, body, now, from }) =>
        setAccountStatus(models, account, { ...params, action: body.action }, { now, from }),
    }),
  ];
}

/** The lists of mentors and staff, each with its state and the button that changes it. */
function accountTables(model: PeopleModel, t: Translate, viewer: Viewer): SafeHtml {
  const toggle = (kind: Kind, id: string, name: string, disabled: boolean) =>
    viewer.account.id === id
      ? html`<span class="note">${t('akun Anda', 'your account')}</span>`
      : html`<form method="post" action="${PEOPLE_PATH}/${kind}/${id}/status">
          <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
          <input type="hidden" name="action" value="${disabled ? 'enable' : 'disable'}" />
          <button
            type="submit"
            aria-label="${disabled ? t('Aktifkan', 'Enable') : t('Nonaktifkan', 'Disable')} ${name}"
          >
            ${disabled ? t('Aktifkan', 'Enable') : t('Nonaktifkan', 'Disable')}
          </button>
        </form>`;
  const accountState = (disabled: boolean) =>
    disabled ? html`<span class="badge">${t('nonaktif', 'disabled')}</span>` : t('aktif', 'active');
  return html`<h2>${t('Pendamping', 'Mentors')}</h2>
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
        ${model.mentors.map(
          (mentor) =>
            html`<tr>
              <td>${mentor.name}</td>
              <td>${mentor.type}</td>
              <td>${mentor.kecamatan.join(', ')}</td>
              <td>${accountState(mentor.disabled)}</td>
              <td>${toggle('mentor', mentor.id, mentor.name, mentor.disabled)}</td>
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
        ${model.staff.map(
          (member) =>
            html`<tr>
              <td>${member.name}</td>
              <td>${member.role}</td>
              <td>${member.puskesos ?? 'Dinsos'}</td>
              <td>${accountState(member.disabled)}</td>
              <td>${toggle('staff', member.id, member.name, member.disabled)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** The two forms adding a mentor and staff; a refused one again with what was typed and its problems. */
function addForms(
  model: PeopleModel,
  problems: Record<string, string>,
  t: Translate,
  viewer: Viewer,
): SafeHtml {
  const { refused } = model;
  const valueOf = (kind: Kind, name: string) => (refused?.kind === kind ? (refused.values[name] ?? '') : '');
  const field = (kind: Kind, name: string, label: string, control: SafeHtml) => {
    const problem = refused?.kind === kind ? problems[name] : undefined;
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
      html`<input type="text" id="${kind}-${name}" name="${name}" value="${valueOf(kind, name)}" ${extra} />`,
    );
  const select = (kind: Kind, name: string, label: string, choices: readonly (readonly [string, string])[]) =>
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
  return html`<h2>${t('Tambah pendamping', 'Add a mentor')}</h2>
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
        ...model.kecamatan.map((name) => [name, name] as const),
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
        ...model.puskesos.map((name) => [name, name] as const),
      ])}
      <div class="actions"><button type="submit">${t('Tambah staf', 'Add staff')}</button></div>
    </form>`;
}

/** The page: a refused form's summary first, the accounts, then the forms adding one. */
export function peopleView(model: PeopleModel, t: Translate, viewer: Viewer): SafeHtml {
  const { refused } = model;
  const problems: Record<string, string> = {
    ...refused?.problems,
    ...(refused?.phoneTaken
      ? {
          no_hp: t(
            'nomor HP ini sudah dipakai staf atau pendamping lain; satu nomor untuk satu orang',
            'this phone number belongs to other staff or a mentor; one number is for one person',
          ),
        }
      : {}),
  };
  return html`${
      refused
        ? html`<div class="flash error" role="alert">
            <p>${t('Belum disimpan. Periksa isian berikut:', 'Nothing was saved. Check these fields:')}</p>
            <ul>
              ${Object.entries(problems).map(([name, problem]) => html`<li>${name}: ${problem}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <h1>${t('Staf dan pendamping', 'Staff and mentors')}</h1>
    <p class="note">
      ${t(
        'Akun nonaktif tidak bisa masuk dan tidak menerima ringkasan atau pengaduan; datanya tetap tersimpan.',
        'A disabled account cannot sign in and gets no digests or complaints; its record is kept.',
      )}
    </p>
    ${accountTables(model, t, viewer)} ${addForms(model, problems, t, viewer)}`;
}
