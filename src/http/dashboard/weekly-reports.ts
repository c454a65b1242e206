import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit } from '../../auth';
import { isoWeekOf, shiftIsoWeek } from '../../domain/calendar';
import { weeksFrom } from '../../exports/weekly-reports';
import { byPlaceAndName, formatIsoWeek, formatRupiah, weekInSentence } from '../../domain/display';
import { readWeekSummaries } from '../../domain/reports/week-summaries';
import { reportsOfWeek } from '../../domain/reports/weekly-report-service';
import type { ApiDependencies } from '../api/v1/dependencies';
import { loadWeeklyReportRows, sendWeeklyReportFile } from '../api/v1/report-export';
import type { ListedParticipant } from '../../domain/participants/roster';
import { rosterOfReports } from '../actions/roster';
import { isoWeek, participantId } from '../actions/weekly-reports';
import { reportScopeOf } from '../../auth/scopes';
import { fromOf } from '../request-from';
import { takeFlash } from './form-cookies';
import { html } from './html';
import { translator, type Translate } from './language';
import { page, type Viewer, refuse, refuseWith } from './layout';
import { refusal } from './page';

/** Rows on one page of the table: a MiBi's 20 to 30 participants fit on one, a kecamatan's on a few. */
const PAGE_SIZE = 100;

/** Puskesos staff have no weekly reports: sales and savings are data a complaint does not need. */
export const reportsRefusal = refusal(
  403,
  (t) => t('Tidak berhak', 'Not allowed'),
  (t) =>
    t(
      'Laporan mingguan hanya untuk pendamping (peserta dampingannya sendiri) dan admin Dinsos.',
      'Weekly reports are for mentors (their own participants) and Dinsos admins only.',
    ),
);

export const refuseReports = (response: Response, viewer: Viewer): void =>
  refuseWith(response, reportsRefusal, viewer);

/** A form's or a link's empty field means "no filter", as an absent one does. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const filterFields = {
  minggu: optional(isoWeek),
  kecamatan: optional(z.string().trim().max(100)),
  desa: optional(z.string().trim().max(100)),
  mentor: optional(participantId),
};

const listQuery = z.strictObject({
  ...filterFields,
  belum: optional(z.literal('1')),
  halaman: optional(z.coerce.number().int().min(1).max(1000)),
});

/** A range of weeks (`dari` to `sampai`), or the one `minggu` of the page. */
const exportQuery = z.strictObject({
  ...filterFields,
  dari: optional(isoWeek),
  sampai: optional(isoWeek),
  belum: optional(z.literal('1')),
  format: z.enum(['xlsx', 'csv']),
});

/** A range of weeks the export reads at once: a year, so that a file stays within what a page reads. */
const MAX_EXPORT_WEEKS = 53;

type Filters = z.output<z.ZodObject<typeof filterFields>>;

/** `Rp1.200.000` in a table cell, right-aligned so that the digits line up. */
const rupiahCell = (amount: number, optionalColumn = false) =>
  html`<td class="number${optionalColumn ? ' optional' : ''}">${formatRupiah(amount)}</td>`;

/** The address of the table with these filters (for the week links, the pages and the form's reset). */
function listPath(filters: Filters & { belum?: '1' | undefined; halaman?: number | undefined }): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return `/dashboard/laporan${text ? `?${text}` : ''}`;
}

function badQuery(response: Response, viewer: Viewer, fields: string[]): void {
  const t = translator(viewer.language);
  const names: Record<string, string> = {
    minggu: t('minggu (contoh 2026-W48)', 'week (for example 2026-W48)'),
    kecamatan: 'kecamatan',
    desa: 'desa',
    mentor: t('pendamping', 'mentor'),
    belum: t('belum lapor', 'not reported'),
    halaman: t('halaman', 'page'),
    format: 'format (xlsx, csv)',
    dari: t('dari minggu (contoh 2026-W40)', 'from week (for example 2026-W40)'),
    sampai: t('sampai minggu (contoh 2026-W48)', 'to week (for example 2026-W48)'),
  };
  const named = fields.map((field) => names[field] ?? field).join(', ');
  refuse(
    response,
    400,
    t('Isian tidak dikenal', 'Unrecognised filter'),
    t(`Periksa isian: ${named}.`, `Please check: ${named}.`),
    viewer,
  );
}

export function weeklyReportPages(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const cookies = { security: auth.cookieSecurity };

  /**
   * The participants the viewer may see, from the roster (read by key: a mentor's document, or each
   * kecamatan's for a Dinsos admin), then the filters, in memory; the whole scope also gives the
   * kecamatan, desa and mentor choices of the filter form.
   */
  async function participantsOf(viewer: Viewer, filters: Filters) {
    const [roster, mentors] = await Promise.all([
      rosterOfReports(models, viewer.account),
      isAdmin(viewer.account)
        ? models.mentors.find({}, { name: 1, type: 1 }).sort({ name: 1 }).limit(1000).lean()
        : Promise.resolve([]),
    ]);
    if (!roster) return undefined;
    const inScope = roster.participants;
    const mentorOf = (participant: ListedParticipant) =>
      [participant.mibi, participant.tksk].filter((id): id is string => id !== undefined);
    const chosen = inScope.filter(
      (participant) =>
        (!filters.kecamatan || participant.kecamatan === filters.kecamatan) &&
        (!filters.desa || participant.desa === filters.desa) &&
        (!filters.mentor || mentorOf(participant).includes(filters.mentor)),
    );
    const unique = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
    return {
      admin: roster.admin,
      chosen,
      narrowed: Boolean(filters.kecamatan || filters.desa || filters.mentor),
      mentorOf,
      mentors,
      kecamatan: unique(inScope.map((participant) => participant.kecamatan)),
      desa: unique(
        inScope
          .filter((participant) => !filters.kecamatan || participant.kecamatan === filters.kecamatan)
          .map((participant) => participant.desa),
      ),
    };
  }

  async function list(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    if (!(await reportScopeOf(models, viewer.account))) return refuseReports(response, viewer);
    const query = listQuery.safeParse({ ...request.query });
    if (!query.success) {
      return badQuery(
        response,
        viewer,
        query.error.issues.map((issue) => String(issue.path[0] ?? '')),
      );
    }
    const now = dependencies.clock();
    const thisWeek = isoWeekOf(now, auth.timeZone);
    const filters: Filters = { ...query.data, minggu: query.data.minggu ?? thisWeek };
    const week = filters.minggu ?? thisWeek;
    const found = await participantsOf(viewer, filters);
    if (!found) return refuseReports(response, viewer);
    // Who reported the week, with their figures, from its summary: one read by key, whatever is stored.
    const reportedBy = new Map(
      (await readWeekSummaries(models, [week])).map((figures) => [figures.participant, figures]),
    );
    const rows = found.chosen
      .map((participant) => ({ participant, figures: reportedBy.get(participant.id) }))
      .filter((row) => query.data.belum !== '1' || row.figures === undefined)
      .sort((a, b) => byPlaceAndName(a.participant, b.participant));
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    const pageNumber = Math.min(query.data.halaman ?? 1, pages);
    // The reports of the rows shown, each by its key, for how each came and whether it was corrected.
    const onPage = rows.slice((pageNumber - 1) * PAGE_SIZE, pageNumber * PAGE_SIZE);
    const stored = new Map(
      (
        await reportsOfWeek(
          models,
          week,
          onPage.flatMap(({ participant, figures }) => (figures ? [participant.id] : [])),
        )
      ).map((report) => [String(report.participant), report]),
    );
    const shown = onPage.map(({ participant, figures }) => {
      if (!figures) return { participant, report: undefined };
      const report = stored.get(participant.id);
      return {
        participant,
        report: { ...figures, channel: report?.channel ?? '—', revisions: report?.revisions ?? [] },
      };
    });
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'weekly_reports.list',
        from: fromOf(request),
        details: {
          via: 'session',
          page: 'dashboard',
          week,
          count: shown.length,
          filters: {
            ...(filters.kecamatan ? { kecamatan: filters.kecamatan } : {}),
            ...(filters.desa ? { desa: filters.desa } : {}),
            ...(filters.mentor ? { mentor: filters.mentor } : {}),
            ...(query.data.belum ? { notReported: true } : {}),
          },
          pageNumber,
        },
      },
      now,
    );

    const mentorName = new Map(found.mentors.map((mentor) => [String(mentor._id), mentor.name]));
    // The totals are those of the rows the filters keep: with "belum lapor", of no report at all.
    const listed = rows.flatMap((row) => (row.figures ? [row.figures] : []));
    const totals = listed.reduce(
      (sum, report) => ({
        sales: sum.sales + report.sales,
        spending: sum.spending + report.spending,
        savingsDeposit: sum.savingsDeposit + report.savingsDeposit,
        savingsWithdrawal: sum.savingsWithdrawal + report.savingsWithdrawal,
        savingsBalance: sum.savingsBalance + report.savingsBalance,
      }),
      { sales: 0, spending: 0, savingsDeposit: 0, savingsWithdrawal: 0, savingsBalance: 0 },
    );
    const same = { kecamatan: filters.kecamatan, desa: filters.desa, mentor: filters.mentor };
    const weekLink = (target: string) => listPath({ minggu: target, ...same, belum: query.data.belum });
    const exportLink = (format: 'xlsx' | 'csv') =>
      `/dashboard/laporan/unduh?${new URLSearchParams(
        Object.entries({ minggu: week, ...same, belum: query.data.belum, format }).filter(
          (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
        ),
      ).toString()}`;
    const previousWeek = shiftIsoWeek(week, -1);
    const nextWeek = shiftIsoWeek(week, 1);

    const tableRows = shown.map(({ participant, report }) => {
      const correction = `/dashboard/laporan/${participant.id}/${week}`;
      return html`<tr${report ? '' : html` class="unreported"`}>
        <td><a href="${correction}">${participant.name}</a></td>
        <td class="optional">${participant.desa}, ${participant.kecamatan}</td>
        ${
          found.admin
            ? html`<td class="optional">
                ${
                  found
                    .mentorOf(participant)
                    .map((id) => mentorName.get(id) ?? '')
                    .filter((name) => name !== '')
                    .join(', ') || '—'
                }
              </td>`
            : ''
        }
        ${
          report
            ? html`${rupiahCell(report.sales)}${rupiahCell(report.spending, true)}${rupiahCell(
                  report.savingsDeposit,
                )}${rupiahCell(report.savingsWithdrawal, true)}${rupiahCell(report.savingsBalance)}
                <td class="optional">
                  ${report.channel}${report.revisions.length > 0 ? html` · ${t('dikoreksi', 'corrected')}` : ''}
                </td>`
            : html`<td class="number">
                  <span class="badge belum">${t('belum lapor', 'not reported')}</span>
                </td>
                <td class="number optional">—</td>
                <td class="number">—</td>
                <td class="number optional">—</td>
                <td class="number">—</td>
                <td class="optional"><a href="${correction}">${t('isi laporan', 'enter report')}</a></td>`
        }
      </tr>`;
    });

    const option = (value: string, label: string, selected: boolean) =>
      html`<option value="${value}" ${selected ? html`selected` : ''}>${label}</option>`;
    const reported = found.chosen.filter((participant) => reportedBy.has(participant.id)).length;
    const weekNamed = (language: 'id' | 'en') => weekInSentence(week, thisWeek, language);
    const content = html`<h1>${t('Laporan mingguan', 'Weekly reports')}</h1>
      <p class="weeknav">
        <a href="${weekLink(previousWeek)}" rel="prev">← ${formatIsoWeek(previousWeek, viewer.language)}</a>
        <strong>${formatIsoWeek(week, viewer.language)} (${week})</strong>
        ${
          nextWeek <= thisWeek
            ? html`<a href="${weekLink(nextWeek)}" rel="next"
                >${formatIsoWeek(nextWeek, viewer.language)} →</a
              >`
            : ''
        }
        ${week === thisWeek ? '' : html`<a href="${weekLink(thisWeek)}">${t('Minggu ini', 'This week')}</a>`}
      </p>
      <form class="filters card" method="get" action="/dashboard/laporan">
        <div>
          <label for="minggu">${t('Minggu', 'Week')}</label>
          <input type="week" id="minggu" name="minggu" value="${week}" max="${thisWeek}" />
        </div>
        <div>
          <label for="kecamatan">Kecamatan</label>
          <select id="kecamatan" name="kecamatan">
            ${option('', t('Semua', 'All'), !filters.kecamatan)}
            ${found.kecamatan.map((name) => option(name, name, name === filters.kecamatan))}
          </select>
        </div>
        <div>
          <label for="desa">Desa</label>
          <select id="desa" name="desa">
            ${option('', t('Semua', 'All'), !filters.desa)}
            ${found.desa.map((name) => option(name, name, name === filters.desa))}
          </select>
        </div>
        ${
          found.admin
            ? html`<div>
                <label for="mentor">${t('Pendamping', 'Mentor')}</label>
                <select id="mentor" name="mentor">
                  ${option('', t('Semua', 'All'), !filters.mentor)}
                  ${found.mentors.map((mentor) =>
                    option(
                      String(mentor._id),
                      `${mentor.name} (${mentor.type})`,
                      String(mentor._id) === filters.mentor,
                    ),
                  )}
                </select>
              </div>`
            : ''
        }
        <div class="check">
          <input type="checkbox" id="belum" name="belum" value="1" ${query.data.belum ? html`checked` : ''} />
          <label for="belum">${t('Hanya yang belum lapor', 'Only those not reported')}</label>
        </div>
        <button type="submit">${t('Tampilkan', 'Show')}</button>
      </form>
      <p>
        ${t(
          `${reported} dari ${found.chosen.length} peserta sudah melapor ${weekNamed('id')}.`,
          `${reported} of ${found.chosen.length} participants reported ${weekNamed('en')}.`,
        )}
      </p>
      <p class="actions">
        <a class="button" href="${exportLink('xlsx')}" download>${t('Unduh Excel', 'Download Excel')}</a>
        <a class="button secondary" href="${exportLink('csv')}" download>${t('Unduh CSV', 'Download CSV')}</a>
      </p>
      <form class="filters card" method="get" action="/dashboard/laporan/unduh">
        ${Object.entries({ ...same, belum: query.data.belum })
          .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
          .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
        <div>
          <label for="dari">${t('Dari minggu', 'From week')}</label>
          <input type="week" id="dari" name="dari" value="${shiftIsoWeek(week, -3)}" max="${thisWeek}" />
        </div>
        <div>
          <label for="sampai">${t('Sampai minggu', 'To week')}</label>
          <input type="week" id="sampai" name="sampai" value="${week}" max="${thisWeek}" />
        </div>
        <div>
          <label for="format">Format</label>
          <select id="format" name="format">
            ${option('xlsx', 'Excel (.xlsx)', true)} ${option('csv', 'CSV', false)}
          </select>
        </div>
        <button type="submit">${t('Unduh rentang minggu', 'Download a range of weeks')}</button>
      </form>
      ${
        shown.length === 0
          ? html`<p>${t('Tidak ada peserta untuk pilihan ini.', 'No participants for this choice.')}</p>`
          : html`<table class="reports">
              <thead>
                <tr>
                  <th>${t('Peserta', 'Participant')}</th>
                  <th class="optional">${t('Desa, kecamatan', 'Desa, kecamatan')}</th>
                  ${found.admin ? html`<th class="optional">${t('Pendamping', 'Mentor')}</th>` : ''}
                  <th class="number">Omzet</th>
                  <th class="number optional">${t('Belanja', 'Spending')}</th>
                  <th class="number">${t('Tabungan masuk', 'Saved')}</th>
                  <th class="number optional">${t('Tabungan diambil', 'Taken out')}</th>
                  <th class="number">${t('Saldo tabungan', 'Savings balance')}</th>
                  <th class="optional">${t('Keterangan', 'Note')}</th>
                </tr>
              </thead>
              <tbody>
                ${tableRows}
              </tbody>
              <tfoot>
                <tr>
                  <th>${t(`Jumlah (${listed.length} laporan)`, `Total (${listed.length} reports)`)}</th>
                  <th class="optional"></th>
                  ${found.admin ? html`<th class="optional"></th>` : ''}
                  <th class="number">${formatRupiah(totals.sales)}</th>
                  <th class="number optional">${formatRupiah(totals.spending)}</th>
                  <th class="number">${formatRupiah(totals.savingsDeposit)}</th>
                  <th class="number optional">${formatRupiah(totals.savingsWithdrawal)}</th>
                  <th class="number">${formatRupiah(totals.savingsBalance)}</th>
                  <th class="optional"></th>
                </tr>
              </tfoot>
            </table>`
      }
      ${pager(t, pageNumber, pages, (number) =>
        listPath({ ...filters, belum: query.data.belum, halaman: number }),
      )}`;
    response.send(
      String(
        page(t('Laporan mingguan', 'Weekly reports'), content, viewer, takeFlash(request, response, cookies)),
      ),
    );
  }

  /**
   * The shown week (with the shown filters) as a file: the API export's own code, with the same scope
   * (the viewer's participants only) and its own audit line.
   */
  async function download(request: Request, response: Response, viewer: Viewer) {
    if (!(await reportScopeOf(models, viewer.account))) return refuseReports(response, viewer);
    const query = exportQuery.safeParse({ ...request.query });
    if (!query.success) {
      return badQuery(
        response,
        viewer,
        query.error.issues.map((issue) => String(issue.path[0] ?? '')),
      );
    }
    const now = dependencies.clock();
    const week = query.data.minggu ?? isoWeekOf(now, auth.timeZone);
    const weeks = { from: query.data.dari ?? week, to: query.data.sampai ?? week };
    const range = weeksFrom(weeks.from, weeks.to, MAX_EXPORT_WEEKS);
    if (range.length === 0 || range.length > MAX_EXPORT_WEEKS) {
      const t = translator(viewer.language);
      return refuse(
        response,
        400,
        t('Rentang minggu tidak sah', 'Invalid range of weeks'),
        t(
          `"Dari" harus sebelum "sampai", paling lama ${MAX_EXPORT_WEEKS} minggu (contoh: dari=2026-W40&sampai=2026-W48).`,
          `"From" must come before "to", at most ${MAX_EXPORT_WEEKS} weeks (for example: dari=2026-W40&sampai=2026-W48).`,
        ),
        viewer,
      );
    }
    const found = await participantsOf(viewer, query.data);
    if (!found) return refuseReports(response, viewer);
    // Dinsos without filters has every participant; otherwise exactly the participants listed.
    const rows = await loadWeeklyReportRows(
      models,
      range,
      { participants: found.chosen, everyone: found.admin && !found.narrowed },
      query.data.belum === '1' ? 'only' : 'include',
    );
    await sendWeeklyReportFile(
      response,
      rows,
      weeks,
      { format: query.data.format, timeZone: auth.timeZone },
      (count) =>
        recordAudit(
          models,
          {
            actor: auditActorOf(viewer.account),
            action: 'weekly_reports.export',
            from: fromOf(request),
            details: {
              via: 'session',
              page: 'dashboard',
              week: weeks.from === weeks.to ? weeks.from : `${weeks.from}..${weeks.to}`,
              format: query.data.format,
              count,
              ...(found.narrowed || query.data.belum
                ? {
                    filters: {
                      ...(query.data.kecamatan ? { kecamatan: query.data.kecamatan } : {}),
                      ...(query.data.desa ? { desa: query.data.desa } : {}),
                      ...(query.data.mentor ? { mentor: query.data.mentor } : {}),
                      ...(query.data.belum ? { notReported: true } : {}),
                    },
                  }
                : {}),
            },
          },
          now,
        ),
    );
  }

  return { list, download };
}

function pager(t: Translate, current: number, pages: number, pathOf: (page: number) => string) {
  if (pages <= 1) return '';
  return html`<nav class="pager" aria-label="${t('Halaman', 'Pages')}">
    ${current > 1 ? html`<a href="${pathOf(current - 1)}" rel="prev">← ${t('Sebelumnya', 'Previous')}</a>` : ''}
    <span>${t(`Halaman ${current} dari ${pages}`, `Page ${current} of ${pages}`)}</span>
    ${current < pages ? html`<a href="${pathOf(current + 1)}" rel="next">${t('Berikutnya', 'Next')} →</a>` : ''}
  </nav>`;
}
