import type { Request, Response } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, recordAudit } from '../../auth';
import { isoWeekOf, shiftIsoWeek } from '../../domain/calendar';
import { formatIsoWeek, formatRupiah, weekInSentence } from '../../domain/display';
import { sessionTime } from '../../domain/sessions/messages';
import { parseMoney } from '../../engine/inputs';
import { inLanguage } from '../../engine/text';
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
import { fromOf } from '../request-from';
import { setFlash, takeFlash } from './form-cookies';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { page, refusalPage, type Flash, type Viewer, refuse } from './layout';
import { refuseReports } from './weekly-reports';
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

export function weeklyReportCorrectionPages(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const cookies = { security: auth.cookieSecurity };

  /** The participant (in the viewer's scope) and the week the address names, or the refusal to answer. */
  async function subjectOf(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const scope = await reportScopeOf(models, viewer.account);
    if (!scope) return refuseReports(response, viewer);
    const id = participantId.safeParse(request.params.participant);
    const week = isoWeek.safeParse(request.params.week);
    const notFound = (): undefined => {
      refuse(
        response,
        404,
        t('Tidak ditemukan', 'Not found'),
        t('Peserta atau minggu ini tidak ditemukan.', 'No such participant or week.'),
        viewer,
      );
      return undefined;
    };
    if (!id.success || !week.success) return notFound();
    const participant = await models.participants
      .findOne(
        { $and: [scope.participants, { _id: new Types.ObjectId(id.data) }] },
        { name: 1, kecamatan: 1, desa: 1 },
      )
      .lean();
    if (!participant) {
      return (await models.participants.exists({ _id: id.data }))
        ? refuseReports(response, viewer)
        : notFound();
    }
    const thisWeek = isoWeekOf(dependencies.clock(), auth.timeZone);
    if (week.data > thisWeek) {
      refuse(
        response,
        400,
        t('Minggu belum dimulai', 'Week not begun'),
        t('Minggu itu belum dimulai, jadi belum ada laporannya.', 'That week has not begun yet.'),
        viewer,
      );
      return undefined;
    }
    return { participant, week: week.data, thisWeek };
  }

  async function render(
    response: Response,
    viewer: Viewer,
    subject: Exclude<Awaited<ReturnType<typeof subjectOf>>, void | undefined>,
    form: { typed?: Typed; errors?: Partial<Record<Field, string>> },
    flash?: Flash,
    status = 200,
  ) {
    const t = translator(viewer.language);
    const labels = labelsOf(t);
    const { participant, week, thisWeek } = subject;
    const report = await models.weeklyReports.findById(weeklyReportKey(participant._id, week)).lean();
    const versions = report ? [report, ...[...report.revisions].reverse()] : [];
    const people = versions.flatMap((version) => (version.submittedBy ? [version.submittedBy] : []));
    const [staff, mentors] = await Promise.all([
      people.length > 0 ? models.staff.find({ _id: { $in: people } }, { name: 1 }).lean() : [],
      people.length > 0 ? models.mentors.find({ _id: { $in: people } }, { name: 1 }).lean() : [],
    ]);
    const nameOf = new Map([...staff, ...mentors].map((person) => [String(person._id), person.name]));
    const when = (at: Date) => sessionTime(at, viewer.language, auth.timeZone);
    const byWhom = (version: (typeof versions)[number]) =>
      version.submittedBy
        ? (nameOf.get(String(version.submittedBy)) ?? t('(akun dihapus)', '(account removed)'))
        : t('peserta sendiri', 'the participant');
    const path = `/dashboard/laporan/${String(participant._id)}/${week}`;
    const typed: Typed = form.typed ?? {
      sales: report ? withDots(report.sales) : '',
      spending: report ? withDots(report.spending) : '',
      savingsDeposit: report ? withDots(report.savingsDeposit) : '',
      savingsWithdrawal: report ? withDots(report.savingsWithdrawal) : '',
      reason: '',
    };
    const errors = form.errors ?? {};
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
    const versionRows = versions.map(
      (version, index) =>
        html`<tr>
          <td>${index === 0 ? t('sekarang', 'current') : t('sebelumnya', 'earlier')}</td>
          <td>${when(version.submittedAt)}</td>
          <td>${byWhom(version)}</td>
          <td class="optional">${version.channel}</td>
          <td class="number">${formatRupiah(version.sales)}</td>
          <td class="number optional">${formatRupiah(version.spending)}</td>
          <td class="number">${formatRupiah(version.savingsDeposit)}</td>
          <td class="number optional">${formatRupiah(version.savingsWithdrawal)}</td>
          <td>${version.reason ?? '—'}</td>
        </tr>`,
    );
    const weekLink = (target: string) => `/dashboard/laporan/${String(participant._id)}/${target}`;
    const content = html`<h1>${participant.name} · ${formatIsoWeek(week, viewer.language)}</h1>
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
      <div class="card">
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
                  <dd>${when(report.submittedAt)} · ${byWhom(report)} · ${report.channel}</dd>`
              : html`<dt>Status</dt>
                  <dd><span class="badge belum">${t('belum lapor', 'not reported')}</span></dd>`
          }
        </dl>
      </div>
      <h2>${t('Riwayat perubahan', 'Revisions')}</h2>
      ${
        report && report.revisions.length > 0
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
      }
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
      <form class="card correction" method="post" action="${path}" novalidate>
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
    response.status(status).send(String(page(`${participant.name} · ${week}`, content, viewer, flash)));
  }

  async function show(request: Request, response: Response, viewer: Viewer) {
    const subject = await subjectOf(request, response, viewer);
    if (!subject) return;
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'weekly_report.read',
        target: `${String(subject.participant._id)}/${subject.week}`,
        from: fromOf(request),
        details: { via: 'session', page: 'dashboard' },
      },
      dependencies.clock(),
    );
    await render(response, viewer, subject, {}, takeFlash(request, response, cookies));
  }

  /** The form: amounts read as the chat reads them, then the API's rule; post, redirect, get. */
  async function correct(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const subject = await subjectOf(request, response, viewer);
    if (!subject) return;
    const form = correctionForm.safeParse(request.body ?? {});
    if (!form.success) {
      refuse(
        response,
        400,
        t('Formulir tidak dikenal', 'Unrecognised form'),
        t('Muat ulang halaman lalu coba lagi.', 'Reload the page and try again.'),
        viewer,
      );
      return;
    }
    const typed: Typed = {
      sales: form.data.sales,
      spending: form.data.spending,
      savingsDeposit: form.data.savingsDeposit,
      savingsWithdrawal: form.data.savingsWithdrawal,
      reason: form.data.reason,
    };
    const labels = labelsOf(t);
    const errors: Partial<Record<Field, string>> = {};
    const amounts: Partial<Record<AmountField, number>> = {};
    for (const name of AMOUNT_FIELDS) {
      const text = typed[name].trim();
      if (text === '') {
        if (name === 'sales')
          errors.sales = t('Omzet wajib diisi (0 bila tidak ada).', 'Sales are required (0 if none).');
        else amounts[name] = 0;
        continue;
      }
      const reading = parseMoney(text);
      if (reading.kind === 'ok') amounts[name] = reading.value;
      else if (reading.kind === 'skip' && name !== 'sales') amounts[name] = 0;
      else {
        const why =
          reading.kind === 'fail'
            ? inLanguage(reading.reason, viewer.language)
            : t('Tulis angkanya, 0 bila tidak ada.', 'Type the amount, 0 if none.');
        errors[name] = `${labels[name]}: ${why}`;
      }
    }
    const body = correctionBody.safeParse({ ...amounts, reason: typed.reason });
    if (!body.success) {
      for (const issue of body.error.issues) {
        const name = issue.path[0] as Field | undefined;
        if (!name || errors[name]) continue;
        errors[name] =
          name === 'reason'
            ? t(
                `Alasan wajib diisi (paling sedikit ${REASON_MIN} huruf, paling banyak ${REASON_MAX}).`,
                `A reason is required (${REASON_MIN} to ${REASON_MAX} characters).`,
              )
            : `${labels[name]}: ${issue.message}`;
      }
    }
    if (!body.success || Object.keys(errors).length > 0) {
      return render(response, viewer, subject, { typed, errors }, undefined, 400);
    }
    const outcome = await correctWeeklyReportAs(
      models,
      viewer.account,
      String(subject.participant._id),
      subject.week,
      body.data satisfies CorrectionBody,
      {
        from: fromOf(request),
        via: 'session',
        page: 'dashboard',
        now: dependencies.clock(),
        timeZone: auth.timeZone,
      },
    );
    if (!outcome.ok) {
      const refusal = correctionRefusalOf(outcome);
      const [indonesian = refusal.message, english = refusal.message] = refusal.message.split(' / ');
      response
        .status(refusal.status)
        .send(String(refusalPage(t('Tidak bisa disimpan', 'Not saved'), t(indonesian, english), viewer)));
      return;
    }
    const balance = formatRupiah(outcome.savingsBalance);
    const thisWeek = isoWeekOf(dependencies.clock(), auth.timeZone);
    const weekNamed = (language: 'id' | 'en') => weekInSentence(subject.week, thisWeek, language);
    setFlash(request, response, cookies, {
      kind: 'ok',
      text:
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
    response.redirect(303, `/dashboard/laporan/${String(subject.participant._id)}/${subject.week}`);
  }

  return { show, correct };
}
