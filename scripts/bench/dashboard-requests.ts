import type { Router } from 'express';
import type { SeededYear } from './dashboard-population';
import { BENCH_PASSWORD } from './dashboard-population';

export const ROLES = ['admin', 'koordinator', 'mentor'] as const;
export type Role = (typeof ROLES)[number];

/** `next:/dashboard/pengaduan?...`: the page its "next" link leads to, read from that page as each role. */
const NEXT = 'next:';

/**
 * The GET routes of a router as express holds them (`/peserta/:id`), so that a page added to the
 * dashboard or the API is requested by the benchmark or named as left out, never forgotten.
 */
export function getRoutesOf(router: Router): string[] {
  const routes: string[] = [];
  for (const layer of router.stack as { route?: { path: unknown; methods?: Record<string, boolean> } }[]) {
    if (layer.route?.methods?.get && typeof layer.route.path === 'string') routes.push(layer.route.path);
  }
  return routes;
}

type Plan = (role: Role) => string[];

/**
 * Every GET page of the dashboard with realistic query strings: the first page, a search, filters, the
 * next page; each role with records it may see. A route missing here fails the run.
 */
export function dashboardPlan(seed: SeededYear): Record<string, Plan | string> {
  const { samples, logins, weeks } = seed;
  const year = weeks.length;
  const lastWeek = weeks[year - 1] ?? '';
  const participantFor = (role: Role) =>
    role === 'mentor'
      ? samples.participantOfMentor
      : role === 'koordinator'
        ? samples.participantWithComplaint
        : samples.participant;
  const complaintFor = (role: Role) =>
    role === 'koordinator' ? samples.complaintOfKoordinator : samples.complaint;
  const name = encodeURIComponent(samples.participantName.split(' ')[0] ?? '');
  const all =
    (urls: string[]): Plan =>
    () =>
      urls;
  return {
    '/app.css': all(['/dashboard/app.css']),
    '/': all(['/dashboard/']),
    '/bahasa': all(['/dashboard/bahasa?ke=en']),
    '/masuk': all(['/dashboard/masuk']),
    '/masuk/kode': all(['/dashboard/masuk/kode']),
    '/masuk/kode/isi': all(['/dashboard/masuk/kode/isi']),
    '/pengaduan': all([
      '/dashboard/pengaduan',
      '/dashboard/pengaduan?status=semua',
      `/dashboard/pengaduan?status=semua&cari=${name}`,
      '/dashboard/pengaduan?status=closed&kategori=pkh',
      `${NEXT}/dashboard/pengaduan?status=semua`,
    ]),
    '/pengaduan/laporan': all(['/dashboard/pengaduan/laporan']),
    '/pengaduan/laporan/unduh': all(['/dashboard/pengaduan/laporan/unduh?format=xlsx']),
    '/pengaduan/unduh': all(['/dashboard/pengaduan/unduh?format=csv']),
    '/pengaduan/:number': (role) => [`/dashboard/pengaduan/${complaintFor(role)}`],
    '/pengaduan/:number/foto/:index':
      'the seed has no photos (a complaint photo is one read of GridFS by id)',
    '/bantuan': all(['/dashboard/bantuan']),
    '/bantuan.js': all(['/dashboard/bantuan.js']),
    '/bantuan/balasan': all(['/dashboard/bantuan/balasan']),
    '/bantuan/:number': all([`/dashboard/bantuan/${samples.handover}`]),
    // What an open request's page asks every few seconds: the messages since the last it saw.
    '/bantuan/:number/pesan': all([`/dashboard/bantuan/${samples.handover}/pesan?sejak=${Date.now()}`]),
    '/impor': all(['/dashboard/impor']),
    '/impor/templat/:kind': all(['/dashboard/impor/templat/participants']),
    '/sesi': all([
      '/dashboard/sesi',
      '/dashboard/sesi?tampilan=kalender',
      `/dashboard/sesi?pendamping=${logins.mentor.id}`,
    ]),
    '/sesi/unduh': all(['/dashboard/sesi/unduh?format=csv']),
    '/sesi/baru': all(['/dashboard/sesi/baru']),
    '/sesi/:id/ubah': all([`/dashboard/sesi/${samples.session}/ubah`]),
    '/sesi/:id/kehadiran': all([`/dashboard/sesi/${samples.session}/kehadiran`]),
    '/ringkasan': all(['/dashboard/ringkasan']),
    '/audit': all(['/dashboard/audit', '/dashboard/audit?aksi=participants.list', `${NEXT}/dashboard/audit`]),
    '/audit/unduh': all(['/dashboard/audit/unduh?format=csv&aksi=overview.read']),
    '/peserta': all([
      '/dashboard/peserta',
      `/dashboard/peserta?q=${name}`,
      '/dashboard/peserta?q=0812000001',
      `/dashboard/peserta?kecamatan=Cihampelas&klaster=kuliner`,
      '/dashboard/peserta?belum_lapor=1',
      '/dashboard/peserta?halaman=2',
    ]),
    '/peserta/unduh': all(['/dashboard/peserta/unduh?format=csv']),
    '/peserta/baru': all(['/dashboard/peserta/baru']),
    '/peserta/:id': (role) => [`/dashboard/peserta/${participantFor(role)}`],
    '/peserta/:id/ubah': (role) => [`/dashboard/peserta/${participantFor(role)}/ubah`],
    '/peserta/:id/pendamping': (role) => [`/dashboard/peserta/${participantFor(role)}/pendamping`],
    '/peserta/:id/status': (role) => [`/dashboard/peserta/${participantFor(role)}/status`],
    '/peserta/:id/privasi': (role) => [`/dashboard/peserta/${participantFor(role)}/privasi`],
    '/laporan': all([
      '/dashboard/laporan',
      `/dashboard/laporan?minggu=${lastWeek}`,
      `/dashboard/laporan?minggu=${lastWeek}&kecamatan=Cihampelas`,
      `/dashboard/laporan?minggu=${lastWeek}&belum=1`,
      `/dashboard/laporan?minggu=${lastWeek}&halaman=2`,
    ]),
    '/laporan/unduh': all([`/dashboard/laporan/unduh?minggu=${lastWeek}&format=xlsx`]),
    '/laporan/:participant/:week': (role) => [`/dashboard/laporan/${participantFor(role)}/${lastWeek}`],
    '/orang': all(['/dashboard/orang']),
    '/saluran': all(['/dashboard/saluran']),
    '/siaran': all(['/dashboard/siaran']),
    '/siaran/:id':
      'the seed sends no broadcast (its recipients are one read by id, what waits a scan of the queue)',
    '/saluran/whatsapp-qr.png': 'WhatsApp Web is off in the run (the QR code is the channel’s, in memory)',
  };
}

/** Every GET of the API (from its OpenAPI document), with a page 2 and filters where it lists. */
export function apiPlan(seed: SeededYear): Record<string, Plan | string> {
  const lastWeek = seed.weeks[seed.weeks.length - 1] ?? '';
  const name = encodeURIComponent(seed.samples.participantName.split(' ')[0] ?? '');
  const all =
    (urls: string[]): Plan =>
    () =>
      urls;
  return {
    '/openapi.json': all(['/api/v1/openapi.json']),
    '/broadcasts': all(['/api/v1/broadcasts', '/api/v1/broadcasts?page=2']),
    '/broadcasts/{id}':
      'the seed sends no broadcast (its recipients are one read by id, what waits a scan of the queue)',
    '/me': all(['/api/v1/me']),
    '/complaints': all([
      '/api/v1/complaints',
      '/api/v1/complaints?page=2',
      '/api/v1/complaints?status=closed',
    ]),
    '/complaints/{number}': (role) => [
      `/api/v1/complaints/${role === 'koordinator' ? seed.samples.complaintOfKoordinator : seed.samples.complaint}`,
    ],
    '/participants': all([
      '/api/v1/participants',
      '/api/v1/participants?page=2&limit=100',
      `/api/v1/participants?search=${name}`,
      '/api/v1/participants?kecamatan=Cihampelas&cluster=kuliner',
      '/api/v1/participants?notReportedThisWeek=true',
    ]),
    '/weekly-reports': all([
      `/api/v1/weekly-reports?week=${lastWeek}`,
      `/api/v1/weekly-reports?week=${lastWeek}&page=2&limit=100`,
    ]),
    '/weekly-reports/export': all([`/api/v1/weekly-reports/export?week=${lastWeek}&format=csv`]),
    '/sessions': all(['/api/v1/sessions', '/api/v1/sessions?page=2']),
  };
}

/** A signed-in browser of one role: its cookies, sent with each request. */
export interface Caller {
  role: Role;
  headers: Record<string, string>;
}

/** Signs in through the sign-in form, as a person does, and keeps the session's cookie. */
export async function signInAs(baseUrl: string, role: Role, login: string): Promise<Caller> {
  const form = await fetch(`${baseUrl}/dashboard/masuk`);
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [key = '', value = ''] = pair.split('=');
      cookies.set(key.trim(), value);
    }
  };
  keep(form);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const cookie = () => [...cookies].map(([key, value]) => `${key}=${value}`).join('; ');
  const answer = await fetch(`${baseUrl}/dashboard/masuk`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrf, login, password: BENCH_PASSWORD }).toString(),
  });
  keep(answer);
  if (answer.status !== 303) throw new Error(`signing in as the ${role} (${login}) gave ${answer.status}`);
  return { role, headers: { cookie: cookie() } };
}

export interface Timed {
  route: string;
  role: Role;
  status: number;
  milliseconds: number[];
  urls: number;
}

/**
 * Requests each route's URLs as each role, `repeats` times, one request at a time (a person clicking),
 * the body read whole; the statuses of the last round are kept.
 */
export async function timeRoutes(
  baseUrl: string,
  routes: string[],
  plan: Record<string, Plan | string>,
  callers: Caller[],
  repeats: number,
  signal: AbortSignal,
): Promise<{ timed: Timed[]; skipped: [string, string][]; unplanned: string[] }> {
  const timed: Timed[] = [];
  const skipped: [string, string][] = [];
  const unplanned: string[] = [];
  for (const route of routes) {
    const entry = plan[route];
    if (entry === undefined) {
      unplanned.push(route);
      continue;
    }
    if (typeof entry === 'string') {
      skipped.push([route, entry]);
      continue;
    }
    for (const caller of callers) {
      const urls = await Promise.all(entry(caller.role).map((url) => resolveNext(baseUrl, url, caller)));
      const milliseconds: number[] = [];
      let worst = 0;
      for (let round = 0; round < repeats; round++) {
        for (const url of urls) {
          if (signal.aborted) return { timed, skipped, unplanned };
          const started = performance.now();
          const response = await fetch(`${baseUrl}${url}`, {
            headers: caller.headers,
            redirect: 'manual',
            signal,
          });
          await response.arrayBuffer();
          milliseconds.push(performance.now() - started);
          // The least successful status: one refused URL marks the route refused for the role.
          worst = Math.max(worst, response.status);
        }
      }
      timed.push({ route, role: caller.role, status: worst, milliseconds, urls: urls.length });
    }
  }
  return { timed, skipped, unplanned };
}

/** The URL a `next:` entry names: the "next" link of that page, or the page itself when it has none. */
async function resolveNext(baseUrl: string, url: string, caller: Caller): Promise<string> {
  if (!url.startsWith(NEXT)) return url;
  const first = url.slice(NEXT.length);
  const page = await fetch(`${baseUrl}${first}`, { headers: caller.headers }).then((response) =>
    response.text(),
  );
  const next =
    /<a rel="next" href="([^"]+)"/.exec(page)?.[1] ?? /<a href="([^"]+)"\s+rel="next"/.exec(page)?.[1];
  return next ? next.replace(/&amp;/g, '&') : first;
}
