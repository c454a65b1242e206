import ExcelJS from 'exceljs';
import type { Types } from 'mongoose';
import type { Models } from '../../../db/models';

/** One weekly report as a row of the export, in the words of the program's own spreadsheets. */
export interface ReportRow {
  name: string;
  kecamatan: string;
  desa: string;
  week: string;
  sales: number;
  spending: number | null;
  savingsDeposit: number;
  savingsWithdrawal: number;
  savingsBalance: number | null;
  channel: string;
  submittedAt: Date;
}

const COLUMNS: { header: string; key: keyof ReportRow; width: number }[] = [
  { header: 'Nama', key: 'name', width: 24 },
  { header: 'Kecamatan', key: 'kecamatan', width: 16 },
  { header: 'Desa', key: 'desa', width: 16 },
  { header: 'Minggu', key: 'week', width: 10 },
  { header: 'Omzet (Rp)', key: 'sales', width: 14 },
  { header: 'Pengeluaran (Rp)', key: 'spending', width: 16 },
  { header: 'Setoran tabungan (Rp)', key: 'savingsDeposit', width: 20 },
  { header: 'Penarikan tabungan (Rp)', key: 'savingsWithdrawal', width: 22 },
  { header: 'Saldo tabungan (Rp)', key: 'savingsBalance', width: 18 },
  { header: 'Lewat', key: 'channel', width: 12 },
  { header: 'Waktu lapor', key: 'submittedAt', width: 20 },
];

/** Which reports go into a file: one week, and the participants the caller may see (all when absent). */
export interface ExportFilter {
  week: string;
  participant?: { $in: Types.ObjectId[] };
}

export type ExportFormat = 'xlsx' | 'csv';

/**
 * The file of a week's reports, as the API and the dashboard both hand it out: rows by kecamatan, desa
 * and name. The caller has decided the scope (in `filter`) and writes the audit line.
 */
export async function weeklyReportFile(
  models: Models,
  filter: ExportFilter,
  format: ExportFormat,
): Promise<{ name: string; contentType: string; body: Buffer | string; count: number }> {
  const reports = await models.weeklyReports.find(filter).lean();
  const people = new Map(
    (
      await models.participants
        .find(
          { _id: { $in: reports.map((report) => report.participant) } },
          { name: 1, kecamatan: 1, desa: 1 },
        )
        .lean()
    ).map((participant) => [String(participant._id), participant]),
  );
  const rows: ReportRow[] = reports
    .map((report) => {
      const participant = people.get(String(report.participant));
      return {
        name: participant?.name ?? '',
        kecamatan: participant?.kecamatan ?? '',
        desa: participant?.desa ?? '',
        week: report.week,
        sales: report.sales,
        spending: report.spending ?? null,
        savingsDeposit: report.savingsDeposit,
        savingsWithdrawal: report.savingsWithdrawal,
        savingsBalance: report.savingsBalance ?? null,
        channel: report.channel,
        submittedAt: report.submittedAt,
      };
    })
    .sort(
      (a, b) =>
        a.kecamatan.localeCompare(b.kecamatan) ||
        a.desa.localeCompare(b.desa) ||
        a.name.localeCompare(b.name),
    );
  const name = `laporan-mingguan-${filter.week}.${format}`;
  return format === 'csv'
    ? { name, contentType: 'text/csv; charset=utf-8', body: reportsCsv(rows), count: rows.length }
    : {
        name,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: await reportsWorkbook(filter.week, rows),
        count: rows.length,
      };
}

/** The week's reports as an Excel workbook: amounts as numbers (so sums work), times as dates. */
export async function reportsWorkbook(week: string, rows: ReportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pendamping';
  const sheet = workbook.addWorksheet(`Laporan ${week}`);
  sheet.columns = COLUMNS;
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow({ ...row, name: safeText(row.name) });
  for (const key of ['sales', 'spending', 'savingsDeposit', 'savingsWithdrawal', 'savingsBalance']) {
    sheet.getColumn(key).numFmt = '#,##0';
  }
  sheet.getColumn('submittedAt').numFmt = 'yyyy-mm-dd hh:mm';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same as CSV (UTF-8 with a BOM, so Excel reads the names' accents right). */
export function reportsCsv(rows: ReportRow[]): string {
  const lines = [COLUMNS.map((column) => column.header)];
  for (const row of rows) {
    lines.push(
      COLUMNS.map(({ key }) => {
        const value = row[key];
        if (value === null) return '';
        if (value instanceof Date) return value.toISOString();
        return typeof value === 'number' ? String(value) : safeText(value);
      }),
    );
  }
  return `\uFEFF${lines.map((cells) => cells.map(quote).join(',')).join('\r\n')}\r\n`;
}

/**
 * A text that a spreadsheet would run as a formula (`=HYPERLINK(...)` typed as a name) is kept as
 * text by a leading apostrophe.
 */
function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
