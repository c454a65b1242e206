import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, recordAudit, type Account } from '../../auth';
import { complaintCategoryName, KNOWN_CATEGORIES } from '../../domain/complaints/categories';
import {
  complaintReportFigures,
  MONTH_PATTERN,
  monthOf,
  monthsBetween,
  shiftMonth,
  startOfMonth,
  type ComplaintMonthFigures,
  type MonthKey,
} from '../../domain/complaints/report-figures';
import { shortMonth } from '../../domain/display';
import type { Language } from '../../domain/program';
import type { ApiDependencies } from '../api/v1/dependencies';
import { complaintScopeOf } from '../../auth/scopes';
import { fromOf } from '../request-from';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { type Viewer, refuse } from './layout';
import { declarePage, refusal, show, type Outcome, type Page } from './page';
import { svgChart } from './svg-chart';

/** The default range: this month and the five before it. */
const DEFAULT_MONTHS = 6;
/** The longest range one view reads (one query, bounded by `createdAt`). */
const MAX_MONTHS = 24;

const reportQuery = z.object({
  dari: z.string().regex(MONTH_PATTERN).optional(),
  sampai: z.string().regex(MONTH_PATTERN).optional(),
});
const downloadQuery = reportQuery.extend({ format: z.enum(['csv', 'xlsx']) });

/** One line of the report as a page, a CSV and a workbook show it: numbers unformatted, null for none. */
interface ReportLine {
  puskesos: string;
  month: MonthKey;
  total: number;
  categories: number[];
  medianHoursToAcknowledge: number | null;
  medianHoursToAnswer: number | null;
  withinDeadline: number | null;
  ratings: number;
  averageScore: number | null;
  solvedShare: number | null;
}

/** A figure as people in Indonesia write it: a decimal comma, one decimal (`12,5`); a dash for none. */
const decimal = (value: number | null, language: Language) =>
  value === null
    ? '—'
    : value.toLocaleString(language === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 });
const percent = (value: number | null, language: Language) =>
  value === null ? '—' : `${decimal(value * 100, language)} %`;

const monthLabel = (month: MonthKey, language: Language) =>
  `${shortMonth(new Date(`${month}-01T00:00:00Z`), language)} ${month.slice(0, 4)}`;

/** What a view of the report found: its range, the figures per Puskesos and month, their names. */
interface ReportModel {
  first: MonthKey;
  last: MonthKey;
  months: MonthKey[];
  figures: ComplaintMonthFigures[];
  categories: string[];
  names: ReadonlyMap<string, string>;
}

const refusedRange = (download: boolean) =>
  refusal(
    400,
    (t) => t('Pilihan tidak dapat dipakai', 'The choice cannot be used'),
    (t) =>
      t(
        `Pilih bulan awal dan akhir seperti 2026-06 sampai 2026-11 (paling banyak ${MAX_MONTHS} bulan)${download ? ' dan format csv atau xlsx' : ''}.`,
        `Choose the first and last month like 2026-06 to 2026-11 (at most ${MAX_MONTHS} months)${download ? ' and the format csv or xlsx' : ''}.`,
      ),
  );

const refusedRole = refusal(
  403,
  (t) => t('Tidak berhak', 'Not allowed'),
  (t) =>
    t(
      'Laporan pengaduan hanya untuk petugas Puskesos dan admin Dinsos.',
      'The complaints report is for Puskesos staff and Dinsos admins only.',
    ),
);

/**
 * The figures of the months asked for (this month and the five before by default), read in one query
 * of the scope's complaints of those months; a refusal for a range it cannot use.
 */
async function gatherReport(
  { models, auth }: ApiDependencies,
  account: Account,
  asked: { dari?: string | undefined; sampai?: string | undefined },
  now: Date,
  download: boolean,
): Promise<{ model: ReportModel; read: number } | Outcome<never>> {
  const scope = complaintScopeOf(account);
  if (!scope) return refusedRole;
  const last = asked.sampai ?? monthOf(now, auth.timeZone);
  const first = asked.dari ?? shiftMonth(last, 1 - DEFAULT_MONTHS);
  const months = monthsBetween(first, last);
  if (months.length === 0 || months.length > MAX_MONTHS) return refusedRange(download);
  const complaints = await models.complaints
    .find(
      {
        ...scope,
        createdAt: {
          $gte: startOfMonth(first, auth.timeZone),
          $lt: startOfMonth(shiftMonth(last, 1), auth.timeZone),
        },
      },
      { puskesos: 1, category: 1, createdAt: 1, answerBy: 1, rating: 1, events: 1 },
    )
    .lean();
  const units = await models.puskesos.find(scope.puskesos ? { _id: scope.puskesos } : {}, { name: 1 }).lean();
  const figures = complaintReportFigures(
    complaints.map((complaint) => ({
      puskesos: complaint.puskesos ? String(complaint.puskesos) : undefined,
      category: complaint.category,
      createdAt: complaint.createdAt,
      answerBy: complaint.answerBy ?? undefined,
      events: complaint.events,
      rating: complaint.rating ?? undefined,
    })),
    { timeZone: auth.timeZone, now },
  );
  const names = new Map(units.map((unit) => [String(unit._id), unit.name]));
  return {
    model: { first, last, months, figures, categories: categoriesOf(figures), names },
    read: complaints.length,
  };
}

/** The report's lines in the viewer's language, by Puskesos then month. */
const linesOf = (model: ReportModel, t: Translate) =>
  model.figures
    .map((month) => lineOf(month, model.categories, model.names, t))
    .sort((a, b) => a.puskesos.localeCompare(b.puskesos) || a.month.localeCompare(b.month));

/**
 * The complaints report (issue 15): per Puskesos and month, complaints by category, the median hours
 * to acknowledge and to answer, the share answered within its deadline and the complainants' ratings;
 * a chart, and the same lines as CSV or .xlsx. A Dinsos admin sees every Puskesos, staff their own.
 * Each view reads the complaints of the months chosen once (FerretDB scans the collection for it).
 */
export function complaintReportPage(dependencies: ApiDependencies): Page {
  return declarePage<ReportModel, undefined, typeof reportQuery>({
    method: 'get',
    path: '/pengaduan/laporan',
    query: reportQuery,
    refuses: (account) => (complaintScopeOf(account) ? undefined : refusedRole),
    invalidQuery: () => refusedRange(false),
    async load(account, { query, now, from }) {
      const found = await gatherReport(dependencies, account, query, now, false);
      if ('kind' in found) return found;
      const { first, last } = found.model;
      await recordAudit(
        dependencies.models,
        {
          actor: auditActorOf(account),
          action: 'complaints.report',
          from,
          details: { via: 'session', page: 'dashboard', from: first, to: last, count: found.read },
        },
        now,
      );
      return show(found.model);
    },
    title: (_model, t) => t('Laporan pengaduan', 'Complaints report'),
    view: reportView,
  });
}

/** Pure: the report as a page, with its chart, its table and the links to its files. */
function reportView(model: ReportModel, t: Translate, viewer: Viewer): SafeHtml {
  const { language } = viewer;
  const lines = linesOf(model, t);
  const perMonth = model.months.map((month) => model.figures.filter((figure) => figure.month === month));
  const labels = model.months.map((month) => monthLabel(month, language));
  const countChart = svgChart({
    title: t('Pengaduan per bulan', 'Complaints per month'),
    labels,
    kind: 'bars',
    series: [
      {
        name: t('Pengaduan', 'Complaints'),
        className: 'series-b',
        values: perMonth.map((figures) => figures.reduce((sum, figure) => sum + figure.total, 0)),
      },
    ],
  });
  const range = `dari=${model.first}&sampai=${model.last}`;
  const categoryHeads = model.categories.map(
    (category) => html`<th class="number optional">${complaintCategoryName(category, language)}</th>`,
  );
  const rows = lines.map(
    (line) =>
      html`<tr>
        <td>${line.puskesos}</td>
        <td>${monthLabel(line.month, language)}</td>
        <td class="number">${line.total}</td>
        ${line.categories.map((count) => html`<td class="number optional">${count}</td>`)}
        <td class="number">${decimal(line.medianHoursToAcknowledge, language)}</td>
        <td class="number">${decimal(line.medianHoursToAnswer, language)}</td>
        <td class="number">${percent(line.withinDeadline, language)}</td>
        <td class="number">${decimal(line.averageScore, language)}</td>
        <td class="number">${percent(line.solvedShare, language)}</td>
        <td class="number">${line.ratings}</td>
      </tr>`,
  );
  return html`<h1>${t('Laporan pengaduan', 'Complaints report')}</h1>
    <form method="get" action="/dashboard/pengaduan/laporan" class="filters">
      <label for="dari">${t('Dari bulan', 'From month')}</label>
      <input type="month" id="dari" name="dari" value="${model.first}" />
      <label for="sampai">${t('Sampai bulan', 'To month')}</label>
      <input type="month" id="sampai" name="sampai" value="${model.last}" />
      <button type="submit">${t('Tampilkan', 'Show')}</button>
    </form>
    <p>
      ${t(
        'Waktu dihitung sejak pengaduan sampai di Puskesos. Tepat waktu: dijawab sebelum batas waktunya, dari yang sudah dijawab atau sudah lewat batas.',
        'Times count from when the Puskesos got the complaint. Within deadline: answered by its deadline, of those answered or past it.',
      )}
    </p>
    <p>
      <a class="button" href="/dashboard/pengaduan/laporan/unduh?${range}&format=xlsx" download
        >${t('Unduh Excel', 'Download Excel')}</a
      >
      <a class="button secondary" href="/dashboard/pengaduan/laporan/unduh?${range}&format=csv" download
        >${t('Unduh CSV', 'Download CSV')}</a
      >
    </p>
    ${countChart}
    ${
      lines.length === 0
        ? html`<p>${t('Tidak ada pengaduan pada bulan-bulan ini.', 'No complaints in these months.')}</p>`
        : html`<table class="complaint-report">
            <thead>
              <tr>
                <th>Puskesos</th>
                <th>${t('Bulan', 'Month')}</th>
                <th class="number">${t('Jumlah', 'Count')}</th>
                ${categoryHeads}
                <th class="number">${t('Median diterima (jam)', 'Median to acknowledge (hours)')}</th>
                <th class="number">${t('Median dijawab (jam)', 'Median to answer (hours)')}</th>
                <th class="number">${t('Tepat waktu', 'Within deadline')}</th>
                <th class="number">${t('Nilai rata-rata', 'Average score')}</th>
                <th class="number">${t('Selesai menurut pelapor', 'Solved, say complainants')}</th>
                <th class="number">${t('Jumlah penilaian', 'Ratings')}</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
    <p>
      <a href="/dashboard/pengaduan">${t('Kembali ke daftar pengaduan', 'Back to the complaints')}</a>
    </p>`;
}

/** The report as a file: the same lines, CSV for Excel with Indonesian settings or .xlsx. */
export function complaintReportDownload(dependencies: ApiDependencies) {
  return async function download(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const query = downloadQuery.safeParse({ ...request.query });
    const now = dependencies.clock();
    const found = query.success
      ? await gatherReport(dependencies, viewer.account, query.data, now, true)
      : complaintScopeOf(viewer.account)
        ? refusedRange(true)
        : refusedRole;
    if ('kind' in found) {
      if (found.kind === 'refuse') refuse(response, found.status, found.title(t), found.message(t), viewer);
      return;
    }
    const format = request.query.format === 'xlsx' ? 'xlsx' : 'csv';
    const { model } = found;
    const header = [
      'Puskesos',
      t('Bulan', 'Month'),
      t('Jumlah', 'Count'),
      ...model.categories.map((category) => complaintCategoryName(category, viewer.language)),
      t('Median diterima (jam)', 'Median to acknowledge (hours)'),
      t('Median dijawab (jam)', 'Median to answer (hours)'),
      t('Tepat waktu', 'Within deadline'),
      t('Nilai rata-rata', 'Average score'),
      t('Selesai menurut pelapor', 'Solved, say complainants'),
      t('Jumlah penilaian', 'Ratings'),
    ];
    await recordAudit(
      dependencies.models,
      {
        actor: auditActorOf(viewer.account),
        action: 'complaints.report.export',
        from: fromOf(request),
        details: { via: 'session', page: 'dashboard', from: model.first, to: model.last, format },
      },
      now,
    );
    const name = `laporan-pengaduan-${model.first}-${model.last}.${format}`;
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    const lines = linesOf(model, t);
    if (format === 'csv') {
      response.type('text/csv; charset=utf-8').send(reportCsv(header, lines));
      return;
    }
    response
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await reportWorkbook(header, lines));
  };
}

/** The categories that occur, the flows' known ones first in their order, then any other code. */
function categoriesOf(figures: readonly ComplaintMonthFigures[]): string[] {
  const present = new Set(figures.flatMap((figure) => Object.keys(figure.byCategory)));
  return [
    ...KNOWN_CATEGORIES.filter((category) => present.has(category)),
    ...[...present].filter((category) => !KNOWN_CATEGORIES.includes(category)).sort(),
  ];
}

function lineOf(
  figure: ComplaintMonthFigures,
  categories: readonly string[],
  names: ReadonlyMap<string, string>,
  t: Translate,
): ReportLine {
  return {
    puskesos: figure.puskesos
      ? (names.get(figure.puskesos) ?? '—')
      : t('Belum ada Puskesos', 'No Puskesos yet'),
    month: figure.month,
    total: figure.total,
    categories: categories.map((category) => figure.byCategory[category] ?? 0),
    medianHoursToAcknowledge: figure.medianHoursToAcknowledge,
    medianHoursToAnswer: figure.medianHoursToAnswer,
    withinDeadline: figure.withinDeadline.share,
    ratings: figure.ratings.count,
    averageScore: figure.ratings.averageScore,
    solvedShare: figure.ratings.solvedShare,
  };
}

const cellsOf = (line: ReportLine) => [
  line.puskesos,
  line.month,
  line.total,
  ...line.categories,
  line.medianHoursToAcknowledge,
  line.medianHoursToAnswer,
  line.withinDeadline,
  line.averageScore,
  line.solvedShare,
  line.ratings,
];

/**
 * For Excel with Indonesian settings: `;` between cells, a decimal comma, shares as percentages, and a
 * UTF-8 BOM so that names keep their accents.
 */
export function reportCsv(header: readonly string[], lines: readonly ReportLine[]): string {
  const shares = new Set([header.length - 4, header.length - 2]);
  const cell = (value: string | number | null, index: number) => {
    if (value === null) return '';
    if (typeof value === 'number') {
      const shown = shares.has(index) ? value * 100 : value;
      return String(Math.round(shown * 10) / 10).replace('.', ',');
    }
    const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = [header, ...lines.map(cellsOf)].map((cells) => cells.map(cell).join(';'));
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** The same lines as a workbook: figures as numbers (so Excel can sum them), shares as percentages. */
async function reportWorkbook(header: readonly string[], lines: readonly ReportLine[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pendamping';
  const sheet = workbook.addWorksheet('Laporan pengaduan');
  sheet.addRow([...header]).font = { bold: true };
  for (const line of lines) sheet.addRow(cellsOf(line));
  const columns = header.length;
  for (const index of [columns - 5, columns - 4, columns - 2]) {
    sheet.getColumn(index).numFmt = '0.0';
  }
  sheet.getColumn(columns - 3).numFmt = '0.0%';
  sheet.getColumn(columns - 1).numFmt = '0.0%';
  sheet.getColumn(1).width = 28;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
