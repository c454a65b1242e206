import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import { wallClockOf } from '../../domain/calendar';
import type { Models } from '../../db/models';
import type { ApiDependencies } from '../api/v1/dependencies';
import { readMentorSessions, type ListedSession } from '../../domain/sessions';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import type { Viewer } from './layout';
import { declarePage, refusal, show, type Page } from './page';
import { objectId, pageTime, refusedWithoutSessions, statusLabel } from './session-common';
import { MONTH_PATTERN, monthGrid, monthOf, type MonthGrid } from './session-calendar';

const UPCOMING_LIMIT = 200;
const PAST_LIMIT = 50;
const CALENDAR_LIMIT = 500;

const listQuery = z.strictObject({
  pendamping: z.union([objectId, z.literal('')]).optional(),
  kecamatan: z.string().trim().max(60).optional(),
  tampilan: z.enum(['daftar', 'kalender']).optional(),
  bulan: z.string().regex(MONTH_PATTERN).optional(),
});

export type Filters = { pendamping?: string | undefined; kecamatan?: string | undefined };

const WEEKDAYS: [string, string][] = [
  ['Sen', 'Mon'],
  ['Sel', 'Tue'],
  ['Rab', 'Wed'],
  ['Kam', 'Thu'],
  ['Jum', 'Fri'],
  ['Sab', 'Sat'],
  ['Min', 'Sun'],
];

/** The address of the list or calendar with the same filters (for the view switch and the months). */
function addressOf(filters: Filters, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  if (filters.pendamping) query.set('pendamping', filters.pendamping);
  if (filters.kecamatan) query.set('kecamatan', filters.kecamatan);
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  const text = query.toString();
  return `/dashboard/sesi${text ? `?${text}` : ''}`;
}

export interface SessionRow {
  id: string;
  /** The mentor's name, for an admin's list only. */
  mentor?: string;
  startsAt: Date;
  place: string;
  topic: string;
  status: ListedSession['status'];
  invited: number;
  /** Answers to the invitation: coming, and not. */
  yes: number;
  no: number;
  /** How many were recorded present; undefined until attendance is recorded. */
  present: number | undefined;
}

export interface SessionListModel {
  /** A Dinsos admin sees every mentor's sessions, each with its mentor, and filters by mentor. */
  admin: boolean;
  filters: Filters;
  /** The kecamatan of the participants in scope, and the mentors an admin chooses from. */
  kecamatan: string[];
  mentors: { id: string; name: string }[];
  now: Date;
  timeZone: string;
  /** The month's calendar when asked for (`?tampilan=kalender`), else the list. */
  calendar: MonthGrid<SessionRow> | undefined;
  upcoming: SessionRow[];
  past: SessionRow[];
}

type ListQuery = z.output<typeof listQuery>;

/**
 * The sessions in scope from the mentors' indexes (one read by `_id` a mentor): an admin's view reads
 * every mentor's, or the chosen one's; the mentors and their kecamatan come from the small `mentors`.
 */
async function sessionsInScope(models: Models, account: Account, chosen: string | undefined) {
  const admin = isAdmin(account);
  const mentors = admin
    ? await models.mentors.find({}, { name: 1, kecamatan: 1 }).sort({ name: 1 }).limit(500).lean()
    : [];
  const own = admin ? undefined : await models.mentors.findById(account.id, { kecamatan: 1 }).lean();
  const read = chosen ? [chosen] : admin ? mentors.map((mentor) => mentor._id) : [account.id];
  const sessions = await readMentorSessions(models, read);
  const kecamatan = new Set([
    ...(own?.kecamatan ?? []),
    ...mentors.flatMap((mentor) => mentor.kecamatan),
    ...sessions.flatMap((session) => session.kecamatan),
  ]);
  return { mentors, sessions, kecamatan: [...kecamatan].sort((a, b) => a.localeCompare(b, 'id')) };
}

/** The sessions as the calendar's month or the upcoming and past lists (soonest and latest first). */
function sessionsShown(sessions: ListedSession[], query: ListQuery, now: Date, timeZone: string) {
  const byTime = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  if (query.tampilan === 'kalender') {
    const month = query.bulan ?? monthOf(now, timeZone);
    const bounds = monthGrid(month, [], timeZone);
    const found = byTime
      .filter((session) => session.startsAt >= bounds.from && session.startsAt < bounds.to)
      .slice(0, CALENDAR_LIMIT);
    return { grid: monthGrid(month, found, timeZone, now), upcoming: [], past: [] };
  }
  return {
    grid: undefined,
    upcoming: byTime.filter((session) => session.startsAt >= now).slice(0, UPCOMING_LIMIT),
    past: byTime
      .filter((session) => session.startsAt < now)
      .reverse()
      .slice(0, PAST_LIMIT),
  };
}

/**
 * The sessions in scope (a mentor's own, any for an admin) with the filters, as a month's calendar or
 * the upcoming and past lists, each with its answers and attendance counted; audited.
 */
async function sessionListOf(
  { models, auth }: ApiDependencies,
  account: Account,
  query: ListQuery,
  { now, from }: { now: Date; from: string },
): Promise<SessionListModel> {
  const admin = isAdmin(account);
  const filters: Filters = {
    pendamping: admin && query.pendamping ? query.pendamping : undefined,
    kecamatan: query.kecamatan || undefined,
  };
  const { mentors, sessions, kecamatan } = await sessionsInScope(models, account, filters.pendamping);
  const kept = filters.kecamatan
    ? sessions.filter((session) => session.kecamatan.includes(filters.kecamatan ?? ''))
    : sessions;
  const { grid, upcoming, past } = sessionsShown(kept, query, now, auth.timeZone);
  const shown = grid ? grid.weeks.flat().flatMap((day) => day.items) : [...upcoming, ...past];
  const mentorNames = new Map(mentors.map((mentor) => [String(mentor._id), mentor.name]));

  await recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action: 'sessions.list',
      from,
      details: {
        via: 'session',
        page: 'dashboard',
        view: grid ? 'calendar' : 'list',
        count: shown.length,
        ...(grid ? { month: grid.month } : {}),
        ...(filters.pendamping ? { mentor: filters.pendamping } : {}),
        ...(filters.kecamatan ? { kecamatan: filters.kecamatan } : {}),
      },
    },
    now,
  );

  const rowOf = (session: ListedSession): SessionRow => ({
    id: session.id,
    ...(admin ? { mentor: mentorNames.get(session.mentor) ?? '—' } : {}),
    startsAt: session.startsAt,
    place: session.place,
    topic: session.topic,
    status: session.status,
    invited: session.participants.length,
    yes: session.yes,
    no: session.no,
    present: session.present ?? undefined,
  });
  return {
    admin,
    filters,
    kecamatan,
    mentors: mentors.map((mentor) => ({ id: String(mentor._id), name: mentor.name })),
    now,
    timeZone: auth.timeZone,
    calendar: grid && {
      ...grid,
      weeks: grid.weeks.map((week) => week.map((day) => ({ ...day, items: day.items.map(rowOf) }))),
    },
    upcoming: upcoming.map(rowOf),
    past: past.map(rowOf),
  };
}

/** GET /dashboard/sesi: upcoming and past sessions, or a month's calendar (?tampilan=kalender&bulan=...). */
export function sessionListPage(dependencies: ApiDependencies): Page {
  return declarePage({
    method: 'get',
    path: '/sesi',
    query: listQuery,
    refuses: refusedWithoutSessions,
    invalidQuery: (issues) => {
      const fields = issues.map((issue) => issue.path.join('.')).join(', ');
      return refusal(
        400,
        (t) => t('Filter tidak dikenal', 'Unknown filter'),
        (t) => t(`Periksa isian ${fields} pada alamat halaman.`, `Check ${fields} in the page's address.`),
      );
    },
    load: async (account, { query, now, from }) =>
      show(await sessionListOf(dependencies, account, query, { now, from })),
    title: (_model, t) => t('Sesi pendampingan', 'Mentoring sessions'),
    view: sessionListView,
  });
}

/** A session's page: its form while it is still to come, its attendance once it has begun. */
const linkOf = (session: SessionRow, now: Date) =>
  session.status === 'planned' && session.startsAt > now
    ? `/dashboard/sesi/${session.id}/ubah`
    : `/dashboard/sesi/${session.id}/kehadiran`;

function sessionTable(
  model: SessionListModel,
  sessions: SessionRow[],
  empty: string,
  t: Translate,
  viewer: Viewer,
) {
  const { admin, now, timeZone } = model;
  const row = (session: SessionRow) => {
    const started = session.startsAt <= now;
    return html`<tr class="session ${session.status}">
      <td>${pageTime(session.startsAt, viewer.language, timeZone)}</td>
      <td>${session.topic}</td>
      <td class="optional">${session.place}</td>
      ${admin ? html`<td class="optional">${session.mentor}</td>` : ''}
      <td class="number">${session.invited}</td>
      <td class="optional answers">${t('ya', 'yes')} ${session.yes} · ${t('tidak', 'no')} ${session.no}</td>
      <td class="number">${session.present ?? '—'}</td>
      <td>${statusLabel(t, session.status)}</td>
      <td class="links">
        ${session.status === 'planned' && !started ? html`<a href="/dashboard/sesi/${session.id}/ubah">${t('Ubah', 'Edit')}</a>` : ''}
        ${session.status !== 'cancelled' && started ? html`<a href="/dashboard/sesi/${session.id}/kehadiran">${t('Kehadiran', 'Attendance')}</a>` : ''}
      </td>
    </tr>`;
  };
  return sessions.length === 0
    ? html`<p>${empty}</p>`
    : html`<table class="sessions">
        <thead>
          <tr>
            <th>${t('Waktu (WIB)', 'Time (WIB)')}</th>
            <th>${t('Topik', 'Topic')}</th>
            <th class="optional">${t('Tempat', 'Place')}</th>
            ${admin ? html`<th class="optional">${t('Pendamping', 'Mentor')}</th>` : ''}
            <th>${t('Diundang', 'Invited')}</th>
            <th class="optional">${t('Jawaban', 'Answers')}</th>
            <th>${t('Hadir', 'Present')}</th>
            <th>${t('Status', 'Status')}</th>
            <th><span class="visually-hidden">${t('Tindakan', 'Actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${sessions.map(row)}
        </tbody>
      </table>`;
}

function filterForm(model: SessionListModel, t: Translate): SafeHtml {
  const { admin, filters, calendar } = model;
  return html`<form class="filters" method="get" action="/dashboard/sesi">
    ${calendar ? html`<input type="hidden" name="tampilan" value="kalender" />` : ''}
    ${calendar ? html`<input type="hidden" name="bulan" value="${calendar.month}" />` : ''}
    ${
      admin
        ? html`<div>
            <label for="filter-mentor">${t('Pendamping', 'Mentor')}</label>
            <select id="filter-mentor" name="pendamping">
              <option value="">${t('Semua pendamping', 'All mentors')}</option>
              ${model.mentors.map(
                (mentor) =>
                  html`<option value="${mentor.id}" ${filters.pendamping === mentor.id ? html`selected` : ''}>
                    ${mentor.name}
                  </option>`,
              )}
            </select>
          </div>`
        : ''
    }
    <div>
      <label for="filter-kecamatan">${t('Kecamatan', 'Kecamatan')}</label>
      <select id="filter-kecamatan" name="kecamatan">
        <option value="">${t('Semua kecamatan', 'All kecamatan')}</option>
        ${model.kecamatan.map(
          (kecamatan) =>
            html`<option value="${kecamatan}" ${filters.kecamatan === kecamatan ? html`selected` : ''}>
              ${kecamatan}
            </option>`,
        )}
      </select>
    </div>
    <button type="submit" class="secondary">${t('Tampilkan', 'Show')}</button>
  </form>`;
}

/** The sessions page: the view switch and downloads, the filters, then the calendar or the two lists. */
export function sessionListView(model: SessionListModel, t: Translate, viewer: Viewer): SafeHtml {
  const { filters, calendar } = model;
  // The calendar's month narrows the file to that month; the list's file holds every session.
  const exportPath = (format: 'xlsx' | 'csv') =>
    addressOf(filters, { ...(calendar ? { bulan: calendar.month } : {}), format }).replace(
      '/dashboard/sesi',
      '/dashboard/sesi/unduh',
    );
  const views = html`<p class="views">
    ${
      calendar
        ? html`<a href="${addressOf(filters)}">${t('Tampilan daftar', 'List view')}</a>`
        : html`<a href="${addressOf(filters, { tampilan: 'kalender' })}"
            >${t('Tampilan kalender', 'Calendar view')}</a
          >`
    }
    · <a href="/dashboard/sesi/baru">${t('Rencanakan sesi baru', 'Plan a new session')}</a> ·
    <a href="${exportPath('xlsx')}" download>${t('Unduh Excel', 'Download Excel')}</a>
    · <a href="${exportPath('csv')}" download>${t('Unduh CSV', 'Download CSV')}</a>
  </p>`;
  const body = calendar
    ? calendarView(calendar, filters, t, viewer.language, model.timeZone, (session) =>
        linkOf(session, model.now),
      )
    : html`<h2>${t('Akan datang', 'Upcoming')}</h2>
        ${sessionTable(model, model.upcoming, t('Belum ada sesi yang direncanakan.', 'No session planned yet.'), t, viewer)}
        <h2>${t('Sudah lewat', 'Past')}</h2>
        ${sessionTable(model, model.past, t('Belum ada sesi yang sudah lewat.', 'No past session yet.'), t, viewer)}`;
  return html`<h1>${t('Sesi pendampingan', 'Mentoring sessions')}</h1>
    ${views} ${filterForm(model, t)} ${body}`;
}

function calendarView(
  grid: MonthGrid<SessionRow>,
  filters: Filters,
  t: Translate,
  language: 'id' | 'en',
  timeZone: string,
  linkOf: (session: SessionRow) => string,
): SafeHtml {
  const [year, month] = grid.month.split('-').map(Number);
  const name = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'UTC',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 1)));
  const clock = (startsAt: Date) => {
    const wall = wallClockOf(startsAt, timeZone);
    return `${String(wall.hour).padStart(2, '0')}.${String(wall.minute).padStart(2, '0')}`;
  };
  return html`<nav class="months" aria-label="${t('Bulan', 'Months')}">
      <a href="${addressOf(filters, { tampilan: 'kalender', bulan: grid.previous })}" rel="prev"
        >← ${t('Bulan sebelumnya', 'Previous month')}</a
      >
      <h2>${name}</h2>
      <a href="${addressOf(filters, { tampilan: 'kalender', bulan: grid.next })}" rel="next"
        >${t('Bulan berikutnya', 'Next month')} →</a
      >
    </nav>
    <table class="calendar">
      <thead>
        <tr>
          ${WEEKDAYS.map(([id, en]) => html`<th scope="col">${t(id, en)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${grid.weeks.map(
          (week) =>
            html`<tr>
              ${week.map(
                (day) =>
                  html`<td
                    class="${[day.inMonth ? '' : 'outside', day.today ? 'today' : ''].join(' ').trim()}"
                    data-date="${day.date}"
                  >
                    <span class="day">${day.day}</span>
                    ${
                      day.items.length > 0
                        ? html`<ul>
                            ${day.items.map(
                              (session) =>
                                html`<li class="${session.status}">
                                  <a href="${linkOf(session)}">${clock(session.startsAt)} ${session.topic}</a>
                                </li>`,
                            )}
                          </ul>`
                        : ''
                    }
                  </td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>`;
}
