import type { Request, Response } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit } from '../../auth';
import { wallClockOf } from '../../domain/calendar';
import type { ApiDependencies } from '../api/v1/dependencies';
import { sessionScopeOf } from '../../auth/scopes';
import { fromOf } from '../request-from';
import { takeFlash } from './form-cookies';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { page, type Viewer, refuse } from './layout';
import { objectId, pageTime, refuseStaff, statusLabel } from './session-common';
import { MONTH_PATTERN, monthGrid, monthOf, type MonthGrid } from './session-calendar';

const UPCOMING_LIMIT = 200;
const PAST_LIMIT = 50;
const CALENDAR_LIMIT = 500;
const PARTICIPANTS_LIMIT = 5000;

const listQuery = z.strictObject({
  pendamping: z.union([objectId, z.literal('')]).optional(),
  kecamatan: z.string().trim().max(60).optional(),
  tampilan: z.enum(['daftar', 'kalender']).optional(),
  bulan: z.string().regex(MONTH_PATTERN).optional(),
});

type Filters = { pendamping?: string | undefined; kecamatan?: string | undefined };

interface Row {
  _id: Types.ObjectId;
  mentor: Types.ObjectId;
  startsAt: Date;
  place: string;
  topic: string;
  participants: Types.ObjectId[];
  status: 'planned' | 'cancelled' | 'done';
}

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

/** GET /dashboard/sesi: upcoming and past sessions, or a month's calendar (?tampilan=kalender&bulan=...). */
export function sessionListPage(dependencies: ApiDependencies) {
  const { models, auth } = dependencies;
  const cookies = { security: auth.cookieSecurity };

  return async function list(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const scope = sessionScopeOf(viewer.account);
    if (!scope) return refuseStaff(response, viewer);
    const query = listQuery.safeParse(request.query);
    if (!query.success) {
      return refuse(
        response,
        400,
        t('Filter tidak dikenal', 'Unknown filter'),
        t(
          `Periksa isian ${query.error.issues.map((issue) => issue.path.join('.')).join(', ')} pada alamat halaman.`,
          `Check ${query.error.issues.map((issue) => issue.path.join('.')).join(', ')} in the page's address.`,
        ),
        viewer,
      );
    }
    const admin = isAdmin(viewer.account);
    const filters: Filters = {
      pendamping: admin && query.data.pendamping ? query.data.pendamping : undefined,
      kecamatan: query.data.kecamatan || undefined,
    };
    const now = dependencies.clock();
    const mentorFilter = filters.pendamping ? { mentor: new Types.ObjectId(filters.pendamping) } : scope;
    const participantScope =
      viewer.account.kind === 'mentor'
        ? {
            $or: [
              { 'mentors.mibi': new Types.ObjectId(viewer.account.id) },
              { 'mentors.tksk': new Types.ObjectId(viewer.account.id) },
            ],
          }
        : {};
    const [people, mentors] = await Promise.all([
      models.participants.find(participantScope, { kecamatan: 1 }).limit(PARTICIPANTS_LIMIT).lean(),
      admin ? models.mentors.find({}, { name: 1 }).sort({ name: 1 }).limit(500).lean() : [],
    ]);
    const kecamatans = [...new Set(people.map((person) => person.kecamatan))].sort();
    const inKecamatan = filters.kecamatan
      ? people.filter((person) => person.kecamatan === filters.kecamatan).map((person) => person._id)
      : undefined;
    const filter = { ...mentorFilter, ...(inKecamatan ? { participants: { $in: inKecamatan } } : {}) };
    const fields = { mentor: 1, startsAt: 1, place: 1, topic: 1, participants: 1, status: 1 };

    const calendar = query.data.tampilan === 'kalender';
    let grid: MonthGrid<Row> | undefined;
    let upcoming: Row[] = [];
    let past: Row[] = [];
    if (calendar) {
      const month = query.data.bulan ?? monthOf(now, auth.timeZone);
      const bounds = monthGrid(month, [], auth.timeZone);
      const found = await models.mentoringSessions
        .find({ ...filter, startsAt: { $gte: bounds.from, $lt: bounds.to } }, fields)
        .sort({ startsAt: 1 })
        .limit(CALENDAR_LIMIT)
        .lean();
      grid = monthGrid(month, found, auth.timeZone, now);
    } else {
      [upcoming, past] = await Promise.all([
        models.mentoringSessions
          .find({ ...filter, startsAt: { $gte: now } }, fields)
          .sort({ startsAt: 1 })
          .limit(UPCOMING_LIMIT)
          .lean(),
        models.mentoringSessions
          .find({ ...filter, startsAt: { $lt: now } }, fields)
          .sort({ startsAt: -1 })
          .limit(PAST_LIMIT)
          .lean(),
      ]);
    }
    const shown = grid ? grid.weeks.flat().flatMap((day) => day.items) : [...upcoming, ...past];
    const ids = shown.map((session) => session._id);
    const [answers, attended] = await Promise.all([
      models.sessionResponses.find({ session: { $in: ids } }, { session: 1, answer: 1 }).lean(),
      models.sessionAttendance.find({ session: { $in: ids } }, { session: 1, present: 1 }).lean(),
    ]);
    const count = <T extends { session: Types.ObjectId }>(entries: T[], keep: (entry: T) => boolean) => {
      const counts = new Map<string, number>();
      for (const entry of entries.filter(keep)) {
        counts.set(String(entry.session), (counts.get(String(entry.session)) ?? 0) + 1);
      }
      return counts;
    };
    const yes = count(answers, (answer) => answer.answer === 'attend');
    const no = count(answers, (answer) => answer.answer !== 'attend');
    const recorded = count(attended, () => true);
    const present = count(attended, (entry) => entry.present);
    const mentorNames = new Map(mentors.map((mentor) => [String(mentor._id), mentor.name]));

    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'sessions.list',
        from: fromOf(request),
        details: {
          via: 'session',
          page: 'dashboard',
          view: calendar ? 'calendar' : 'list',
          count: shown.length,
          ...(grid ? { month: grid.month } : {}),
          ...(filters.pendamping ? { mentor: filters.pendamping } : {}),
          ...(filters.kecamatan ? { kecamatan: filters.kecamatan } : {}),
        },
      },
      now,
    );

    const linkOf = (session: Row) =>
      session.status === 'planned' && session.startsAt > now
        ? `/dashboard/sesi/${String(session._id)}/ubah`
        : `/dashboard/sesi/${String(session._id)}/kehadiran`;
    const row = (session: Row) => {
      const id = String(session._id);
      const started = session.startsAt <= now;
      return html`<tr class="session ${session.status}">
        <td>${pageTime(session.startsAt, viewer.language, auth.timeZone)}</td>
        <td>${session.topic}</td>
        <td class="optional">${session.place}</td>
        ${admin ? html`<td class="optional">${mentorNames.get(String(session.mentor)) ?? '—'}</td>` : ''}
        <td class="number">${session.participants.length}</td>
        <td class="optional answers">
          ${t('ya', 'yes')} ${yes.get(id) ?? 0} · ${t('tidak', 'no')} ${no.get(id) ?? 0}
        </td>
        <td class="number">${recorded.has(id) ? (present.get(id) ?? 0) : '—'}</td>
        <td>${statusLabel(t, session.status)}</td>
        <td class="links">
          ${session.status === 'planned' && !started ? html`<a href="/dashboard/sesi/${id}/ubah">${t('Ubah', 'Edit')}</a>` : ''}
          ${session.status !== 'cancelled' && started ? html`<a href="/dashboard/sesi/${id}/kehadiran">${t('Kehadiran', 'Attendance')}</a>` : ''}
        </td>
      </tr>`;
    };
    const table = (sessions: Row[], empty: string) =>
      sessions.length === 0
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

    const filterForm = html`<form class="filters" method="get" action="/dashboard/sesi">
      ${calendar ? html`<input type="hidden" name="tampilan" value="kalender" />` : ''}
      ${grid ? html`<input type="hidden" name="bulan" value="${grid.month}" />` : ''}
      ${
        admin
          ? html`<div>
              <label for="filter-mentor">${t('Pendamping', 'Mentor')}</label>
              <select id="filter-mentor" name="pendamping">
                <option value="">${t('Semua pendamping', 'All mentors')}</option>
                ${mentors.map(
                  (mentor) =>
                    html`<option
                      value="${String(mentor._id)}"
                      ${filters.pendamping === String(mentor._id) ? html`selected` : ''}
                    >
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
          ${kecamatans.map(
            (kecamatan) =>
              html`<option value="${kecamatan}" ${filters.kecamatan === kecamatan ? html`selected` : ''}>
                ${kecamatan}
              </option>`,
          )}
        </select>
      </div>
      <button type="submit" class="secondary">${t('Tampilkan', 'Show')}</button>
    </form>`;

    // The calendar's month narrows the file to that month; the list's file holds every session.
    const exportPath = (format: 'xlsx' | 'csv') =>
      addressOf(filters, { ...(grid ? { bulan: grid.month } : {}), format }).replace(
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
      ·
      ${viewer.account.kind === 'mentor' || admin ? html`<a href="/dashboard/sesi/baru">${t('Rencanakan sesi baru', 'Plan a new session')}</a>` : ''}
      ·
      <a href="${exportPath('xlsx')}" download>${t('Unduh Excel', 'Download Excel')}</a>
      · <a href="${exportPath('csv')}" download>${t('Unduh CSV', 'Download CSV')}</a>
    </p>`;

    const body = grid
      ? calendarView(grid, filters, t, viewer.language, auth.timeZone, linkOf)
      : html`<h2>${t('Akan datang', 'Upcoming')}</h2>
          ${table(upcoming, t('Belum ada sesi yang direncanakan.', 'No session planned yet.'))}
          <h2>${t('Sudah lewat', 'Past')}</h2>
          ${table(past, t('Belum ada sesi yang sudah lewat.', 'No past session yet.'))}`;
    const title = t('Sesi pendampingan', 'Mentoring sessions');
    response.send(
      String(
        page(
          title,
          html`<h1>${title}</h1>
            ${views} ${filterForm} ${body}`,
          viewer,
          takeFlash(request, response, cookies),
        ),
      ),
    );
  };
}

function calendarView(
  grid: MonthGrid<Row>,
  filters: Filters,
  t: Translate,
  language: 'id' | 'en',
  timeZone: string,
  linkOf: (session: Row) => string,
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
