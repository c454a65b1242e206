import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, recordAudit, type Account } from '../../auth';
import { isoWeekOf, shiftIsoWeek } from '../../domain/calendar';
import { formatIsoWeek, formatRupiah, weekInSentence } from '../../domain/display';
import { sessionTime } from '../../domain/sessions/messages';
import { parseMoney } from '../../engine/inputs';
import { inLanguage, type LocalizedText } from '../../engine/text';
import type { ApiDependencies } from '../api/v1/dependencies';
import {
  correctionBody,
  correctionRefusalOf,
  correctWeeklyReportAs,
  isoWeek,
  participantId,
  REASON_MAX,
  REASON_MIN,
  type CorrectionBody,
} from '../actions/weekly-reports';
import { reportScopeOf } from '../../auth/scopes';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';
import { declarePage, redirect, refusal, show, type Outcome, type Page } from './page';
import { reportsRefusal } from './weekly-reports';
import { weeklyReportKey } from '../../db/models/weekly-report';

const AMOUNT_FIELDS = ['sales', 'spending', 'savingsDeposit', 'savingsWithdrawal'] as const;
type AmountField = (typeof AMOUNT_FIELDS)[number];
type Field = AmountField | 'reason';

/** What the form sends, every field as typed (kept as typed when it has to be shown again). */
const correctionForm = z.strictObject({
  csrf: z.string(),
  sales: z.string().max(100).default(''),
  spending: z.string().max(100).default(''),
  savingsDeposit: z.string().max(100).default(''),
  savingsWithdrawal: z.string().max(100).default(''),
  reason: z.string().max(2000).default(''),
});

type Typed = Record<Field, string>;

function labelsOf(t: Translate): Record<Field, string> {
  return {
    sales: 'Omzet',
    spending: t('Belanja/modal', 'Spending on stock'),
    savingsDeposit: t('Tabungan masuk', 'Saved'),
    savingsWithdrawal: t('Tabungan diambil', 'Taken out of savings'),
    reason: t('Alasan', 'Reason'),
  };
}

/** `1200000` → `1.200.000`, as the form shows a figure and as the chat's parser reads it back. */
const withDots = (amount: number) => formatRupiah(amount).replace(/^-?Rp/, '');

/** Why a field was refused, put into words by the view in the viewer's language. */
type Problem =
  | { kind: 'sales_required' }
  | { kind: 'no_amount' }
  | { kind: 'unreadable'; reason: LocalizedText }
  | { kind: 'reason' }
  | { kind: 'rule'; message: string };

/** Who sent a version: the participant from their chat, or an account (its name, unless removed). */
type Sender = { kind: 'participant' } | { kind: 'account'; name: string | undefined };

interface Figures {
  sales: number;
  spending: number;
  savingsDeposit: number;
  savingsWithdrawal: number;
}

export interface ReportCorrectionModel {
  participant: { id: string; name: string; kecamatan: string; desa: string };
  week: string;
  thisWeek: string;
  timeZone: string;
  /** The report as it stands, absent when the week is not reported. */
  report: (Figures & { savingsBalance: number; submittedAt: Date; by: Sender; channel: string }) | undefined;
  /** The current version, then the earlier ones newest first; shown once the report was corrected. */
  versions: (Figures & { submittedAt: Date; by: Sender; channel: string; reason: string | undefined })[];
  typed: Typed;
  problems: Partial<Record<Field, Problem>>;
}

const params = z.object({ participant: z.string(), week: z.string() });
type Subject = {
  participant: { _id: Types.ObjectId; name: string; kecamatan: string; desa: string };
  week: string;
  thisWeek: string;
};

/** The participant (in the account's scope) and the week the address names, or the refusal. */
async function subjectOf(
  { models, auth }: ApiDependencies,
  account: Account,
  address: z.output<typeof params>,
  now: Date,
): Promise<{ subject: Subject } | { refused: Outcome<never> }> {
  const scope = await reportScopeOf(models, account);
  if (!scope) return { refused: reportsRefusal };
  const id = participantId.safeParse(address.participant);
  const week = isoWeek.safeParse(address.week);
  const notFound = {
    refused: refusal(
      404,
      (t) => t('Tidak ditemukan', 'Not found'),
      (t) => t('Peserta atau minggu ini tidak ditemukan.', 'No such participant or week.'),
    ),
  };
  if (!id.success || !week.success) return notFound;
  const participant = await models.participants
    .findOne(
      { $and: [scope.participants, { _id: new Types.ObjectId(id.data) }] },
      { name: 1, kecamatan: 1, desa: 1 },
    )
    .lean();
  if (!participant) {
    return (await models.participants.exists({ _id: id.data })) ? { refused: reportsRefusal } : notFound;
  }
  const thisWeek = isoWeekOf(now, auth.timeZone);
  if (week.data > thisWeek) {
    return {
      refused: refusal(
        400,
        (t) => t('Minggu belum dimulai', 'Week not begun'),
        (t) => t('Minggu itu belum dimulai, jadi belum ada laporannya.', 'That week has not begun yet.'),
      ),
    };
  }
  return { subject: { participant, week: week.data, thisWeek } };
}

/** The week's report with its versions and who sent each, and the form as typed (or the figures). */
async function correctionOf(
  { models, auth }: ApiDependencies,
  { participant, week, thisWeek }: Subject,
  form: { typed?: Typed; problems?: Partial<Record<Field, Problem>> } = {},
): Promise<ReportCorrectionModel> {
  const report = await models.weeklyReports.findById(weeklyReportKey(participant._id, week)).lean();
  const versions = report ? [report, ...[...report.revisions].reverse()] : [];
  const people = versions.flatMap((version) => (version.submittedBy ? [version.submittedBy] : []));
  const [staff, mentors] = await Promise.all([
    people.length > 0 ? models.staff.find({ _id: { $in: people } }, { name: 1 }).lean() : [],
    people.length > 0 ? models.mentors.find({ _id: { $in: people } }, { name: 1 }).lean() : [],
  ]);
  const nameOf = new Map([...staff, ...mentors].map((person) => [String(person._id), person.name]));
  const byWhom = (version: (typeof versions)[number]): Sender =>
    version.submittedBy
      ? { kind: 'account', name: nameOf.get(String(version.submittedBy)) }
      : { kind: 'participant' };
  const figures = (version: Figures): Figures => ({
    sales: version.sales,
    spending: version.spending,
    savingsDeposit: version.savingsDeposit,
    savingsWithdrawal: version.savingsWithdrawal,
  });
  return {
    participant: {
      id: String(participant._id),
      name: participant.name,
      kecamatan: participant.kecamatan,
      desa: participant.desa,
    },
    week,
    thisWeek,
    timeZone: auth.timeZone,
    report: report
      ? {
          ...figures(report),
          savingsBalance: report.savingsBalance,
          submittedAt: report.submittedAt,
          by: byWhom(report),
          channel: report.channel,
        }
      : undefined,
    versions:
      report && report.revisions.length > 0
        ? versions.map((version) => ({
            ...figures(version),
            submittedAt: version.submittedAt,
            by: byWhom(version),
            channel: version.channel,
            reason: version.reason ?? undefined,
          }))
        : [],
    typed: form.typed ?? {
      sales: report ? withDots(report.sales) : '',
      spending: report ? withDots(report.spending) : '',
      savingsDeposit: report ? withDots(report.savingsDeposit) : '',
      savingsWithdrawal: report ? withDots(report.savingsWithdrawal) : '',
      reason: '',
    },
    problems: form.problems ?? {},
  };
}

/** Amounts read as the chat reads them, then the API's rule: the body, or each field's problem. */
function readCorrection(typed: Typed) {
  const problems: Partial<Record<Field, Problem>> = {};
  const amounts: Partial<Record<AmountField, number>> = {};
  for (const name of AMOUNT_FIELDS) {
    const text = typed[name].trim();
    if (text === '') {
      if (name === 'sales') problems.sales = { kind: 'sales_required' };
      else amounts[name] = 0;
      continue;
    }
    const reading = parseMoney(text);
    if (reading.kind === 'ok') amounts[name] = reading.value;
    else if (reading.kind === 'skip' && name !== 'sales') amounts[name] = 0;
    else
      problems[name] =
        reading.kind === 'fail' ? { kind: 'unreadable', reason: reading.reason } : { kind: 'no_amount' };
  }
  const body = correctionBody.safeParse({ ...amounts, reason: typed.reason });
  if (!body.success) {
    for (const issue of body.error.issues) {
      const name = issue.path[0] as Field | undefined;
      if (!name || problems[name]) continue;
      problems[name] = name === 'reason' ? { kind: 'reason' } : { kind: 'rule', message: issue.message };
    }
  }
  return body.success && Object.keys(problems).length === 0
    ? ({ ok: true, body: body.data } as const)
    : ({ ok: false, problems } as const);
}

/** Enters or corrects the week's report through the API's action, or shows the form again. */
async function correct(
  dependencies: ApiDependencies,
  account: Account,
  subject: Subject,
  { body, now, from }: { body: Record<string, unknown>; now: Date; from: string },
): Promise<Outcome<ReportCorrectionModel>> {
  const form = correctionForm.safeParse(body);
  if (!form.success) {
    return refusal(
      400,
      (t) => t('Formulir tidak dikenal', 'Unrecognised form'),
      (t) => t('Muat ulang halaman lalu coba lagi.', 'Reload the page and try again.'),
    );
  }
  const { csrf: _csrf, ...typed } = form.data;
  const read = readCorrection(typed);
  if (!read.ok)
    return show(await correctionOf(dependencies, subject, { typed, problems: read.problems }), 400);
  const { participant, week } = subject;
  const outcome = await correctWeeklyReportAs(
    dependencies.models,
    account,
    String(participant._id),
    week,
    read.body satisfies CorrectionBody,
    { from, via: 'session', page: 'dashboard', now, timeZone: dependencies.auth.timeZone },
  );
  if (!outcome.ok) {
    const refused = correctionRefusalOf(outcome);
    const [indonesian = refused.message, english = refused.message] = refused.message.split(' / ');
    return refusal(
      refused.status,
      (t) => t('Tidak bisa disimpan', 'Not saved'),
      (t) => t(indonesian, english),
    );
  }
  const balance = formatRupiah(outcome.savingsBalance);
  const weekNamed = (language: 'id' | 'en') =>
    weekInSentence(week, isoWeekOf(now, dependencies.auth.timeZone), language);
  return redirect(`/dashboard/laporan/${String(participant._id)}/${week}`, {
    kind: 'ok',
    text: (t) =>
      outcome.kind === 'created'
        ? t(
            `Laporan disimpan. Saldo tabungan ${weekNamed('id')}: ${balance}.`,
            `Report saved. Savings balance ${weekNamed('en')}: ${balance}.`,
          )
        : t(
            `Koreksi disimpan; angka lama tetap tercatat di riwayat. Saldo tabungan ${weekNamed('id')}: ${balance}.`,
            `Correction saved; the earlier figures stay in the history. Savings balance ${weekNamed('en')}: ${balance}.`,
          ),
  });
}

const title = (model: ReportCorrectionModel) => `${model.participant.name} · ${model.week}`;
const path = '/laporan/{participant}/{week}';

/** A participant's week: the report with every earlier version, and the form entering or correcting it. */
export function weeklyReportCorrectionPages(dependencies: ApiDependencies): Page[] {
  const { models } = dependencies;
  return [
    declarePage({
      method: 'get',
      path,
      params,
      async load(account, { params, now, from }) {
        const found = await subjectOf(dependencies, account, params, now);
        if ('refused' in found) return found.refused;
        const { subject } = found;
        await recordAudit(
          models,
          {
            actor: auditActorOf(account),
            action: 'weekly_report.read',
            target: `${String(subject.participant._id)}/${subject.week}`,
            from,
            details: { via: 'session', page: 'dashboard' },
          },
          now,
        );
        return show(await correctionOf(dependencies, subject));
      },
      title,
      view: reportCorrectionView,
    }),
    declarePage({
      method: 'post',
      path,
      params,
      body: z.record(z.string(), z.unknown()),
      async load(account, { params, ...input }) {
        const found = await subjectOf(dependencies, account, params, input.now);
        if ('refused' in found) return found.refused;
        return correct(dependencies, account, found.subject, input);
      },
      title,
      view: reportCorrectionView,
    }),
  ];
}

function problemText(
  name: Field,
  problem: Problem,
  labels: Record<Field, string>,
  t: Translate,
  language: 'id' | 'en',
) {
  switch (problem.kind) {
    case 'sales_required':
      return t('Omzet wajib diisi (0 bila tidak ada).', 'Sales are required (0 if none).');
    case 'no_amount':
      return `${labels[name]}: ${t('Tulis angkanya, 0 bila tidak ada.', 'Type the amount, 0 if none.')}`;
    case 'unreadable':
      return `${labels[name]}: ${inLanguage(problem.reason, language)}`;
    case 'reason':
      return t(
        `Alasan wajib diisi (paling sedikit ${REASON_MIN} huruf, paling banyak ${REASON_MAX}).`,
        `A reason is required (${REASON_MIN} to ${REASON_MAX} characters).`,
      );
    case 'rule':
      return `${labels[name]}: ${problem.message}`;
  }
}

/** Who sent a version, in the viewer's words. */
const senderName = (by: Sender, t: Translate) =>
  by.kind === 'participant'
    ? t('peserta sendiri', 'the participant')
    : (by.name ?? t('(akun dihapus)', '(account removed)'));

/** The participant, the week and the report as it stands (or that it is missing). */
function reportCard(model: ReportCorrectionModel, t: Translate, viewer: Viewer): SafeHtml {
  const labels = labelsOf(t);
  const { participant, week, report } = model;
  const when = (at: Date) => sessionTime(at, viewer.language, model.timeZone);
  return html`<div class="card">
    <dl>
      <dt>${t('Peserta', 'Participant')}</dt>
      <dd>${participant.name}</dd>
      <dt>${t('Desa, kecamatan', 'Desa, kecamatan')}</dt>
      <dd>${participant.desa}, ${participant.kecamatan}</dd>
      <dt>${t('Minggu', 'Week')}</dt>
      <dd>${formatIsoWeek(week, viewer.language)} (${week})</dd>
      ${
        report
          ? html`<dt>Omzet</dt>
              <dd>${formatRupiah(report.sales)}</dd>
              <dt>${labels.spending}</dt>
              <dd>${formatRupiah(report.spending)}</dd>
              <dt>${labels.savingsDeposit}</dt>
              <dd>${formatRupiah(report.savingsDeposit)}</dd>
              <dt>${labels.savingsWithdrawal}</dt>
              <dd>${formatRupiah(report.savingsWithdrawal)}</dd>
              <dt>${t('Saldo tabungan', 'Savings balance')}</dt>
              <dd class="balance">${formatRupiah(report.savingsBalance)}</dd>
              <dt>${t('Dikirim', 'Sent')}</dt>
              <dd>${when(report.submittedAt)} · ${senderName(report.by, t)} · ${report.channel}</dd>`
          : html`<dt>Status</dt>
              <dd><span class="badge belum">${t('belum lapor', 'not reported')}</span></dd>`
      }
    </dl>
  </div>`;
}

/** Every version of a corrected report, the current one first. */
function revisionsOf(model: ReportCorrectionModel, t: Translate, viewer: Viewer): SafeHtml {
  const when = (at: Date) => sessionTime(at, viewer.language, model.timeZone);
  const versionRows = model.versions.map(
    (version, index) =>
      html`<tr>
        <td>${index === 0 ? t('sekarang', 'current') : t('sebelumnya', 'earlier')}</td>
        <td>${when(version.submittedAt)}</td>
        <td>${senderName(version.by, t)}</td>
        <td class="optional">${version.channel}</td>
        <td class="number">${formatRupiah(version.sales)}</td>
        <td class="number optional">${formatRupiah(version.spending)}</td>
        <td class="number">${formatRupiah(version.savingsDeposit)}</td>
        <td class="number optional">${formatRupiah(version.savingsWithdrawal)}</td>
        <td>${version.reason ?? '—'}</td>
      </tr>`,
  );
  const { report } = model;
  return html`<h2>${t('Riwayat perubahan', 'Revisions')}</h2>
    ${
      model.versions.length > 0
        ? html`<table class="revisions">
            <thead>
              <tr>
                <th>${t('Versi', 'Version')}</th>
                <th>${t('Waktu', 'When')}</th>
                <th>${t('Oleh', 'By')}</th>
                <th class="optional">${t('Lewat', 'Via')}</th>
                <th class="number">Omzet</th>
                <th class="number optional">${t('Belanja', 'Spending')}</th>
                <th class="number">${t('Tabungan masuk', 'Saved')}</th>
                <th class="number optional">${t('Tabungan diambil', 'Taken out')}</th>
                <th>${t('Alasan', 'Reason')}</th>
              </tr>
            </thead>
            <tbody>
              ${versionRows}
            </tbody>
          </table>`
        : html`<p>
            ${report ? t('Belum pernah dikoreksi.', 'Never corrected.') : t('Belum ada laporan.', 'No report yet.')}
          </p>`
    }`;
}

/** The report, its versions, and the form: what was typed and each field's problem when shown again. */
export function reportCorrectionView(model: ReportCorrectionModel, t: Translate, viewer: Viewer): SafeHtml {
  const labels = labelsOf(t);
  const { participant, week, thisWeek, report, typed } = model;
  const errors = Object.fromEntries(
    (Object.entries(model.problems) as [Field, Problem][]).map(([name, problem]) => [
      name,
      problemText(name, problem, labels, t, viewer.language),
    ]),
  ) as Partial<Record<Field, string>>;
  const invalid = Object.keys(errors) as Field[];
  const field = (name: Field, control: SafeHtml) =>
    html`<div class="field">
      <label for="${name}">${labels[name]}</label>
      ${errors[name] ? html`<p class="field-error" id="${name}-error">${errors[name]}</p>` : ''} ${control}
    </div>`;
  const amountInput = (name: AmountField) =>
    field(
      name,
      html`<input
        type="text"
        inputmode="numeric"
        id="${name}"
        name="${name}"
        value="${typed[name]}"
        maxlength="100"
        ${name === 'sales' ? html`required` : ''}
        ${errors[name] ? html`aria-invalid="true" aria-describedby="${name}-error"` : ''}
      />`,
    );
  const weekLink = (target: string) => `/dashboard/laporan/${participant.id}/${target}`;
  return html`<h1>${participant.name} · ${formatIsoWeek(week, viewer.language)}</h1>
    <p class="weeknav">
      <a href="${weekLink(shiftIsoWeek(week, -1))}" rel="prev"
        >← ${t('Minggu sebelumnya', 'Previous week')}</a
      >
      ${
        shiftIsoWeek(week, 1) <= thisWeek
          ? html`<a href="${weekLink(shiftIsoWeek(week, 1))}" rel="next"
              >${t('Minggu berikutnya', 'Next week')} →</a
            >`
          : ''
      }
      <a href="/dashboard/laporan?minggu=${week}"
        >${t('Semua laporan minggu itu', 'All reports of that week')}</a
      >
    </p>
    ${reportCard(model, t, viewer)} ${revisionsOf(model, t, viewer)}
    <h2>
      ${report ? t('Koreksi laporan', 'Correct the report') : t('Isi laporan yang belum ada', 'Enter the missing report')}
    </h2>
    ${
      invalid.length > 0
        ? html`<p class="flash error" role="alert">
            ${t('Periksa isian', 'Please check')}: ${invalid.map((name) => labels[name]).join(', ')}.
          </p>`
        : ''
    }
    <form
      class="card correction"
      method="post"
      action="/dashboard/laporan/${participant.id}/${week}"
      novalidate
    >
      <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
      <p class="meta">
        ${t(
          'Tulis dalam rupiah, bilangan bulat: 1.250.000 atau 1250000 (juga 1,25jt atau 150rb, seperti di chat). Kosong berarti 0, kecuali omzet.',
          'In whole rupiah: 1.250.000 or 1250000 (also 1,25jt or 150rb, as in chat). Empty means 0, except sales.',
        )}
      </p>
      <div class="amounts">${AMOUNT_FIELDS.map(amountInput)}</div>
      ${field(
        'reason',
        html`<textarea
          id="reason"
          name="reason"
          required
          maxlength="${REASON_MAX}"
          ${errors.reason ? html`aria-invalid="true" aria-describedby="reason-error"` : ''}
        >
${typed.reason}</textarea>`,
      )}
      <button type="submit">
        ${report ? t('Simpan koreksi', 'Save the correction') : t('Simpan laporan', 'Save the report')}
      </button>
    </form>`;
}
