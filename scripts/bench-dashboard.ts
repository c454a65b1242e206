/**
 * Benchmark of the dashboard and the API on a regency's year of data, against a real database started
 * for the run: seeds it (participants, mentors, a year of weekly reports and their summaries,
 * complaints, the message history), starts the service (src/main.ts, a process of its own), signs in
 * as a Dinsos admin, a Puskesos koordinator and a mentor, and requests every GET page of the dashboard
 * and every GET of the API several times as each; then downloads a whole year's weekly reports and
 * every complaint as .xlsx while sampling the service's memory. Checks its own results against the
 * seed. Exits 1 when a check fails (a page's p95 above 1 s among them) or the run times out, 2 on a
 * bad command line.
 *
 *   npm run bench:dashboard -- --participants 5000 --messages 2000000
 */
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { complaintDeskSettingsOf } from '../src/conversations';
import { prepareStorage } from '../src/db';
import { formatRupiah } from '../src/domain/display';
import { dashboardRouter } from '../src/http/dashboard';
import type { Cleanup } from './bench/cleanup';
import { benchDatabaseName, connectBenchDatabase, startBenchServer } from './bench/database';
import {
  DASHBOARD_USAGE,
  parseDashboardOptions,
  type DashboardBenchOptions,
} from './bench/dashboard-options';
import { seedRegencyYear, type SeededYear } from './bench/dashboard-population';
import {
  apiPlan,
  dashboardPlan,
  getRoutesOf,
  signInAs,
  timeRoutes,
  ROLES,
  type Caller,
  type Timed,
} from './bench/dashboard-requests';
import { printMachine } from './bench/machine';
import { megabytes, peakRssOfProcess, summarizeLatencies } from './bench/measure';
import { runBenchmark } from './bench/run';
import { rssDuring, startServiceProcess, statusField, type ServiceProcess } from './bench/service-process';

const say = (line: string) => console.log(line);
const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;
const count = (value: number) => value.toLocaleString('en-US');

/** The floors: a page or list answers within a second at p95; a year's export within 30 s. */
const PAGE_P95_MS = 1_000;
const EXPORT_MS = 30_000;
/**
 * A streamed export holds a few rows and the workbook's compressor, whatever the file's length; a
 * year's rows held whole (260,000 at the default sizes) take hundreds of megabytes.
 */
const EXPORT_RSS_RISE_BYTES = 100 * 1024 * 1024;

/** Prints a check's outcome; true when nothing is wrong. */
function report(name: string, problems: string[], ok: string): boolean {
  if (problems.length === 0) say(`  OK (${name}): ${ok}`);
  for (const problem of problems.slice(0, 20)) say(`  WRONG (${name}): ${problem}`);
  if (problems.length > 20) say(`  ... and ${problems.length - 20} more`);
  return problems.length === 0;
}

async function bench(
  options: DashboardBenchOptions,
  cleanup: Cleanup,
  signal: AbortSignal,
): Promise<boolean> {
  printMachine(say);
  let mark = performance.now();
  const server = await startBenchServer(cleanup, say);
  const name = benchDatabaseName();
  const { models } = await connectBenchDatabase(server, name, cleanup);
  await prepareStorage(models, (message) => say(`  [storage] ${message}`));
  say(
    `database:      ${server.description}, database ${name}; started in ${seconds(performance.now() - mark)}`,
  );

  const now = new Date();
  say(
    `\n== seeding: ${count(options.participants)} participants in ${options.kecamatan} kecamatan, ` +
      `${options.mentors} mentors, ${options.weeks} weeks, ${count(options.complaints)} complaints, ` +
      `${count(options.messages)} messages`,
  );
  mark = performance.now();
  const seed = await seedRegencyYear(models, options, now, say);
  const seedMs = performance.now() - mark;
  say(
    `seeded in ${seconds(seedMs)}: ` +
      Object.entries(seed.counts)
        .map(([what, how]) => `${what} ${count(how)}`)
        .join(', '),
  );
  if (signal.aborted) return false;

  const uri = new URL(server.uri);
  uri.pathname = `/${name}`;
  const service = await startServiceProcess(uri.toString(), cleanup, signal);
  say(`service:       pid ${service.pid}, ${service.baseUrl}, ready in ${seconds(service.startedInMs)}`);

  const browsers: Caller[] = [];
  for (const role of ROLES) browsers.push(await signInAs(service.baseUrl, role, seed.logins[role].login));
  const tokens: Caller[] = ROLES.map((role) => ({
    role,
    headers: { authorization: `Bearer ${seed.logins[role].token}` },
  }));

  // Every GET route, as the router holds them: a page added later is requested or named as left out.
  const dashboardRoutes = getRoutesOf(
    dashboardRouter({
      models,
      conversations: { notify: async () => undefined },
      complaints: complaintDeskSettingsOf({
        DEFAULT_TIMEZONE: 'Asia/Jakarta',
        PUBLIC_HOLIDAYS: [],
        SIMULATOR_ENABLED: false,
      }),
      allowedFrom: (due) => due,
      clock: () => new Date(),
      auth: {
        cookieSecurity: 'auto',
        sessionLifetimeMs: 3_600_000,
        signIn: { maxFailuresPerAccount: 5, maxAttemptsPerAddress: 50, windowMs: 900_000 },
        timeZone: 'Asia/Jakarta',
      },
    }).router,
  );
  const openapi = (await (await fetch(`${service.baseUrl}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const apiRoutes = Object.entries(openapi.paths)
    .filter(([, methods]) => methods.get)
    .map(([path]) => path);

  say(
    `\n== pages: ${dashboardRoutes.length} GET routes of the dashboard, ${apiRoutes.length} of the API, ` +
      `${options.repeats} times each URL per role`,
  );
  mark = performance.now();
  const pages = await timeRoutes(
    service.baseUrl,
    dashboardRoutes,
    dashboardPlan(seed),
    browsers,
    options.repeats,
    signal,
  );
  const api = await timeRoutes(service.baseUrl, apiRoutes, apiPlan(seed), tokens, options.repeats, signal);
  say(`requested in ${seconds(performance.now() - mark)}`);
  if (signal.aborted) return false;
  printTimes('/dashboard', pages.timed);
  printTimes('/api/v1', api.timed);
  for (const [route, why] of [...pages.skipped, ...api.skipped]) say(`  not requested: ${route}: ${why}`);

  let passed = true;
  passed =
    report(
      'every route requested',
      [
        ...pages.unplanned.map(
          (route) => `GET /dashboard${route} is not in the plan (scripts/bench/dashboard-requests.ts)`,
        ),
        ...api.unplanned.map(
          (route) => `GET /api/v1${route} is not in the plan (scripts/bench/dashboard-requests.ts)`,
        ),
        ...[...groupByRoute(pages.timed), ...groupByRoute(api.timed)]
          .filter(([, rows]) => rows.every((row) => row.status >= 400))
          .map(
            ([route]) => `${route}: refused to every role (status ${rows4xx(pages.timed, api.timed, route)})`,
          ),
      ],
      `${dashboardRoutes.length - pages.skipped.length} dashboard and ${apiRoutes.length - api.skipped.length} API routes requested, each answered to at least one role`,
    ) && passed;
  const slow = [...pages.timed, ...api.timed].filter(
    (row) => row.status < 400 && summarizeLatencies(row.milliseconds).p95 > PAGE_P95_MS,
  );
  passed =
    report(
      'p95 ≤ 1 s',
      slow.map(
        (row) => `${row.route} as ${row.role}: p95 ${summarizeLatencies(row.milliseconds).p95.toFixed(0)} ms`,
      ),
      'every page and list answered within 1 s at p95, for every role',
    ) && passed;

  say(`\n== a year's exports (.xlsx), the service's memory sampled every 50 ms`);
  const exported = await timeExports(service, seed, browsers, options);
  for (const line of exported.lines) say(line);
  passed = report('exports', exported.problems, exported.ok) && passed;

  say('\n== the figures the pages show, against the seed');
  passed =
    report(
      'figures',
      await verifyFigures(service.baseUrl, seed, browsers, tokens, options),
      'overview omzet, participant counts, report totals as seeded',
    ) && passed;

  const errors = [...service.errors()];
  passed =
    report(
      'service log',
      errors.map(([message, times]) => `${times} x ${message}`),
      'no error logged',
    ) && passed;

  say('');
  say(`service peak RSS: ${megabytes(statusField(service.pid, 'VmHWM') ?? 0)} (src/main.ts, whole run)`);
  const databasePeak = peakRssOfProcess(server.pid);
  if (databasePeak !== undefined) say(`database peak RSS: ${megabytes(databasePeak)} (server process)`);
  return passed && !signal.aborted;
}

function groupByRoute(rows: Timed[]): Map<string, Timed[]> {
  const grouped = new Map<string, Timed[]>();
  for (const row of rows) grouped.set(row.route, [...(grouped.get(row.route) ?? []), row]);
  return grouped;
}

const rows4xx = (pages: Timed[], api: Timed[], route: string) =>
  [...pages, ...api]
    .filter((row) => row.route === route)
    .map((row) => `${row.role} ${row.status}`)
    .join(', ');

/** One line per route: p50 / p95 / max for each role, or the status that refused it. */
function printTimes(prefix: string, rows: Timed[]): void {
  const cell = (row: Timed | undefined) => {
    if (!row) return '-';
    if (row.status >= 400) return `refused (${row.status})`;
    const { p50, p95, max } = summarizeLatencies(row.milliseconds);
    return `${p50.toFixed(0)} / ${p95.toFixed(0)} / ${max.toFixed(0)}${p95 > PAGE_P95_MS ? ' SLOW' : ''}`;
  };
  const table = [
    [`GET ${prefix}… (ms p50 / p95 / max)`, ...ROLES, 'URLs'],
    ...[...groupByRoute(rows)].map(([route, group]) => [
      route,
      ...ROLES.map((role) => cell(group.find((row) => row.role === role))),
      String(group[0]?.urls ?? 0),
    ]),
  ];
  const widths = (table[0] ?? []).map((_, column) =>
    Math.max(...table.map((row) => (row[column] ?? '').length)),
  );
  say('');
  for (const row of table)
    say(
      row
        .map((text, column) => text.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}

/** Rows of the first sheet of a workbook, read as a stream (a year's file is not held whole here either). */
async function workbookRows(bytes: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), {});
  let rows = 0;
  for await (const sheet of reader) for await (const _row of sheet) rows += 1;
  return rows;
}

async function download(baseUrl: string, url: string, caller: Caller) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${url}`, { headers: caller.headers });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes, milliseconds: performance.now() - started };
}

async function timeExports(
  service: ServiceProcess,
  seed: SeededYear,
  browsers: Caller[],
  options: DashboardBenchOptions,
) {
  const admin = browsers.find((caller) => caller.role === 'admin') as Caller;
  const first = seed.weeks[0] ?? '';
  const last = seed.weeks[seed.weeks.length - 1] ?? '';
  const problems: string[] = [];
  const lines: string[] = [];
  const files = [
    {
      what: 'weekly reports, one week',
      url: `/dashboard/laporan/unduh?minggu=${last}&format=xlsx`,
      rows: options.participants,
      year: false,
    },
    {
      what: `weekly reports, ${seed.weeks.length} weeks`,
      url: `/dashboard/laporan/unduh?dari=${first}&sampai=${last}&format=xlsx`,
      rows: options.participants * seed.weeks.length,
      year: true,
    },
    {
      what: 'complaints, all of the year',
      url: '/dashboard/pengaduan/unduh?status=semua&format=xlsx',
      rows: options.complaints,
      year: true,
    },
  ];
  for (const file of files) {
    const { result, before, peak } = await rssDuring(service.pid, () =>
      download(service.baseUrl, file.url, admin),
    );
    const rows = result.status === 200 ? (await workbookRows(result.bytes)) - 1 : 0;
    const rise = peak - before;
    lines.push(
      `  ${file.what}: ${seconds(result.milliseconds)}, ${count(rows)} rows, ${megabytes(result.bytes.length)} ` +
        `(${count(result.bytes.length)} bytes); service RSS ${megabytes(before)} → peak ${megabytes(peak)} (+${megabytes(rise)})`,
    );
    if (result.status !== 200) problems.push(`${file.what}: status ${result.status}`);
    else if (rows !== file.rows) problems.push(`${file.what}: ${rows} rows, expected ${file.rows}`);
    if (file.year && result.milliseconds > EXPORT_MS)
      problems.push(`${file.what}: ${seconds(result.milliseconds)}, more than ${seconds(EXPORT_MS)}`);
    if (file.year && rise > EXPORT_RSS_RISE_BYTES)
      problems.push(
        `${file.what}: the service grew by ${megabytes(rise)} while writing it (at most ${megabytes(EXPORT_RSS_RISE_BYTES)})`,
      );
  }
  return {
    lines,
    problems,
    ok: `each file complete, a year's within ${seconds(EXPORT_MS)}, the service growing by less than ${megabytes(EXPORT_RSS_RISE_BYTES)} while writing it`,
  };
}

/** What a user would check: the totals the pages and lists show are what was seeded. */
async function verifyFigures(
  baseUrl: string,
  seed: SeededYear,
  browsers: Caller[],
  tokens: Caller[],
  options: DashboardBenchOptions,
): Promise<string[]> {
  const problems: string[] = [];
  const as = (callers: Caller[], role: string) => callers.find((caller) => caller.role === role) as Caller;
  const text = async (url: string, caller: Caller) =>
    (await fetch(`${baseUrl}${url}`, { headers: caller.headers })).text();
  const json = async (url: string, caller: Caller) =>
    (await (await fetch(`${baseUrl}${url}`, { headers: caller.headers })).json()) as { total?: number };
  const lastWeek = seed.weeks[seed.weeks.length - 1] ?? '';
  const seeded = seed.byWeek.get(lastWeek) ?? { reports: 0, sales: 0 };

  const overview = await text('/dashboard/ringkasan', as(browsers, 'admin'));
  const weeksTable = overview.slice(
    overview.indexOf('id="minggu"'),
    overview.indexOf('</table>', overview.indexOf('id="minggu"')),
  );
  if (!weeksTable.includes(formatRupiah(seeded.sales)))
    problems.push(`overview: omzet of ${lastWeek} ${formatRupiah(seeded.sales)} not in the weeks' table`);

  for (const [role, expected] of [
    ['admin', options.participants],
    ['mentor', seed.mentorParticipants],
  ] as const) {
    const list = await text('/dashboard/peserta', as(browsers, role));
    if (!list.includes(`${expected} peserta`))
      problems.push(`/dashboard/peserta as ${role}: "${expected} peserta" not shown`);
    const listed = await json('/api/v1/participants', as(tokens, role));
    if (listed.total !== expected)
      problems.push(`/api/v1/participants as ${role}: total ${listed.total}, expected ${expected}`);
  }
  for (const [role, expected] of [
    ['admin', seeded.reports],
    ['mentor', seed.mentorReportsByWeek.get(lastWeek) ?? 0],
  ] as const) {
    const reports = await json(`/api/v1/weekly-reports?week=${lastWeek}`, as(tokens, role));
    if (reports.total !== expected)
      problems.push(
        `/api/v1/weekly-reports?week=${lastWeek} as ${role}: total ${reports.total}, expected ${expected}`,
      );
  }
  for (const [role, expected] of [
    ['admin', options.complaints],
    ['koordinator', seed.koordinatorComplaints],
  ] as const) {
    const complaints = await json('/api/v1/complaints?limit=1', as(tokens, role));
    if (complaints.total !== expected)
      problems.push(`/api/v1/complaints as ${role}: total ${complaints.total}, expected ${expected}`);
  }
  const participantPage = await text(
    `/dashboard/peserta/${seed.samples.participantOfMentor}`,
    as(browsers, 'mentor'),
  );
  const transcriptLines = participantPage.match(/<li class="(in|out)[ "]/g)?.length ?? 0;
  if (transcriptLines !== seed.samples.transcriptLines)
    problems.push(
      `/dashboard/peserta/:id as mentor: ${transcriptLines} lines of the chat, expected ${seed.samples.transcriptLines}`,
    );
  return problems;
}

async function main(): Promise<void> {
  let options: DashboardBenchOptions;
  try {
    options = parseDashboardOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${DASHBOARD_USAGE}`);
    process.exit(2);
  }
  await runBenchmark('bench:dashboard', options.timeoutMinutes, (cleanup, signal) =>
    bench(options, cleanup, signal),
  );
}

void main();
