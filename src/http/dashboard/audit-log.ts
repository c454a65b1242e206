import { Types } from 'mongoose';
import { z } from 'zod';
import { literalPattern } from '../../db/regex';
import { AUDIT_CURSOR, AUDIT_DATE, readAuditPage } from './audit-entries';
import { auditActorOf, isAdmin, recordAudit } from '../../auth';
import type { Models } from '../../db/models';
import type { ApiDependencies } from '../api/v1/dependencies';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import { declarePage, refusal, show, type Page } from './page';

export const AUDIT_PAGE_SIZE = 50;
/** How many accounts a name typed in the actor filter may stand for. */
const NAME_MATCHES = 50;

const ACCOUNT_ACTOR = /^(staff|mentor):([0-9a-f]{24})$/;

/** An empty field of the filter form means "no filter", as an absent one does. */
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.string().trim().max(max).optional(),
  );

export const auditQuery = z.strictObject({
  aksi: optionalText(60).refine((value) => value === undefined || /^[A-Za-z0-9_.-]+$/.test(value)),
  pelaku: optionalText(100),
  tanggal: optionalText(10).refine((value) => value === undefined || AUDIT_DATE.test(value)),
  sebelum: optionalText(60).refine((value) => value === undefined || AUDIT_CURSOR.test(value)),
});

type AuditFilters = { aksi?: string | undefined; pelaku?: string | undefined; tanggal?: string | undefined };

/** Details as one short line: `count: 12 · week: 2026-W48`; long values cut, nothing nested spelled out. */
export function summarizeDetails(details: unknown): string {
  if (typeof details !== 'object' || details === null) return '';
  const parts = Object.entries(details as Record<string, unknown>)
    .filter(([key, value]) => value !== undefined && value !== null && key !== 'page')
    .map(([key, value]) => {
      const shown =
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : Array.isArray(value)
            ? value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ')
            : JSON.stringify(value);
      return `${key}: ${shown.length > 60 ? `${shown.slice(0, 59)}…` : shown}`;
    });
  const line = parts.join(' · ');
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}

/**
 * The address of the audit log with these filters (and a cursor), for links that keep them; with a
 * format, of its download.
 */
function auditPath(filters: AuditFilters, before?: string, format?: 'xlsx' | 'csv'): string {
  const query = new URLSearchParams();
  if (filters.aksi) query.set('aksi', filters.aksi);
  if (filters.pelaku) query.set('pelaku', filters.pelaku);
  if (filters.tanggal) query.set(format ? 'sampai' : 'tanggal', filters.tanggal);
  if (before) query.set('sebelum', before);
  if (format) query.set('format', format);
  const path = format ? '/dashboard/audit/unduh' : '/dashboard/audit';
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Who an actor filter names: an account's `staff:<id>`, the exact actor typed, or accounts by name. */
export async function actorsNamed(models: Models, typed: string): Promise<string[]> {
  if (ACCOUNT_ACTOR.test(typed)) return [typed];
  const byName = { name: { $regex: literalPattern(typed), $options: 'i' } };
  const [staff, mentors] = await Promise.all([
    models.staff.find(byName, { _id: 1 }).limit(NAME_MATCHES).lean(),
    models.mentors.find(byName, { _id: 1 }).limit(NAME_MATCHES).lean(),
  ]);
  return [
    typed,
    ...staff.map((record) => auditActorOf({ kind: 'staff', id: String(record._id) })),
    ...mentors.map((record) => auditActorOf({ kind: 'mentor', id: String(record._id) })),
  ];
}

/** The names of the accounts among the actors shown, in two queries whatever the page holds. */
async function namesOf(models: Models, actors: string[]): Promise<Map<string, string>> {
  const ids = { staff: [] as Types.ObjectId[], mentor: [] as Types.ObjectId[] };
  for (const actor of new Set(actors)) {
    const match = ACCOUNT_ACTOR.exec(actor);
    if (match?.[1] === 'staff' || match?.[1] === 'mentor') ids[match[1]].push(new Types.ObjectId(match[2]));
  }
  const [staff, mentors] = await Promise.all([
    ids.staff.length ? models.staff.find({ _id: { $in: ids.staff } }, { name: 1 }).lean() : [],
    ids.mentor.length ? models.mentors.find({ _id: { $in: ids.mentor } }, { name: 1 }).lean() : [],
  ]);
  return new Map([
    ...staff.map((record): [string, string] => [`staff:${String(record._id)}`, record.name]),
    ...mentors.map((record): [string, string] => [`mentor:${String(record._id)}`, record.name]),
  ]);
}

type Typed = { aksi: string; pelaku: string; tanggal?: string | undefined };

export interface AuditLogModel {
  /** The filters as typed, kept in the form. */
  typed: Typed;
  /** The fields of a refused filter (`aksi`, `pelaku`, `sebelum`, or an unknown one); then no entries. */
  refused: string[];
  timeZone: string;
  events: {
    at: Date;
    actor: string;
    /** The account's name, when the actor is an account. */
    actorName: string | undefined;
    action: string;
    target: string;
    from: string;
    details: string;
  }[];
  filters: AuditFilters;
  /** The cursor of the page shown (none on the newest) and of the next older one (none on the last). */
  sebelum: string | undefined;
  older: string | undefined;
}

/** GET /dashboard/audit: the audit log for Dinsos admins, newest first, 50 a page, filtered. */
export function auditLogPage(dependencies: ApiDependencies): Page {
  const { models, auth } = dependencies;
  const empty = { events: [], filters: {}, sebelum: undefined, older: undefined, timeZone: auth.timeZone };
  return declarePage({
    method: 'get',
    path: '/audit',
    query: auditQuery,
    refuses: (account) =>
      isAdmin(account)
        ? undefined
        : refusal(
            403,
            (t) => t('Tidak berhak', 'Not allowed'),
            (t) => t('Log audit hanya untuk admin Dinsos.', 'The audit log is for Dinsos admins only.'),
          ),
    invalidQuery(issues, given) {
      const text = (value: unknown) => (typeof value === 'string' ? value : '');
      const typed = { aksi: text(given.aksi), pelaku: text(given.pelaku), tanggal: text(given.tanggal) };
      const refused = [
        ...new Set(
          issues.flatMap((issue) =>
            issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0] ?? '')],
          ),
        ),
      ];
      return show<AuditLogModel>({ ...empty, typed, refused }, 400);
    },
    async load(account, { query, now, from }) {
      const { aksi, pelaku, tanggal, sebelum } = query;
      // The days of the log, read by key (src/db/audit-days.ts), filtered as they are read.
      const page = await readAuditPage(
        models,
        {
          action: aksi,
          actors: pelaku ? new Set(await actorsNamed(models, pelaku)) : undefined,
          until: tanggal,
        },
        sebelum,
        { now, timeZone: auth.timeZone, size: AUDIT_PAGE_SIZE },
      );
      const events = page.entries;
      await recordAudit(
        models,
        {
          actor: auditActorOf(account),
          action: 'audit.read',
          from,
          details: {
            via: 'session',
            page: 'dashboard',
            count: events.length,
            ...(aksi ? { aksi } : {}),
            ...(pelaku ? { pelaku } : {}),
            ...(tanggal ? { tanggal } : {}),
            ...(sebelum ? { sebelum } : {}),
          },
        },
        now,
      );
      const names = await namesOf(
        models,
        events.map((event) => event.actor),
      );
      return show<AuditLogModel>({
        typed: { aksi: aksi ?? '', pelaku: pelaku ?? '', tanggal: tanggal ?? '' },
        refused: [],
        timeZone: auth.timeZone,
        events: events.map((event) => ({
          at: event.at,
          actor: event.actor,
          actorName: names.get(event.actor),
          action: event.action,
          target: event.target ?? '',
          from: event.from ?? '',
          details: summarizeDetails(event.details),
        })),
        filters: { aksi, pelaku, tanggal },
        sebelum,
        older: page.older,
      });
    },
    title: (_model, t) => t('Log audit', 'Audit log'),
    view: auditLogView,
  });
}

/** Why each refused filter field was refused, in one line. */
function refusalOf(fields: string[], t: Translate): string {
  return fields
    .map((field) =>
      field === 'aksi'
        ? t(
            'Aksi: tulis huruf, angka, titik atau garis bawah saja, paling banyak 60.',
            'Action: letters, digits, dots or underscores only, at most 60.',
          )
        : field === 'pelaku'
          ? t('Pelaku: paling banyak 100 huruf.', 'Actor: at most 100 characters.')
          : field === 'tanggal'
            ? t('Tanggal: tulis seperti 2026-12-08.', 'Date: write it like 2026-12-08.')
            : field === 'sebelum'
              ? t('Alamat halaman berikutnya tidak sah.', 'The address of the next page is not valid.')
              : t(`Isian tidak dikenal: ${field}.`, `Unknown field: ${field}.`),
    )
    .join(' ');
}

export function auditLogView(model: AuditLogModel, t: Translate): SafeHtml {
  if (model.refused.length > 0) {
    return html`<div id="audit-log">${auditContent(model.typed, t, refusalOf(model.refused, t))}</div>`;
  }
  const { events, filters, sebelum, older, timeZone } = model;
  const timeFormat = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const rows = events.map(
    (event) =>
      html`<tr>
        <td class="when">
          <time datetime="${event.at.toISOString()}">${timeFormat.format(event.at)}</time>
        </td>
        <td>
          <a href="${auditPath({ ...filters, pelaku: event.actor })}" title="${event.actor}"
            >${event.actorName ?? event.actor}</a
          >
        </td>
        <td><code>${event.action}</code></td>
        <td>${event.target}</td>
        <td class="optional">${event.from}</td>
        <td class="optional details">${event.details}</td>
      </tr>`,
  );
  const table =
    events.length === 0
      ? html`<p>${t('Tidak ada catatan yang cocok.', 'No entries match.')}</p>`
      : html`<table id="audit">
          <thead>
            <tr>
              <th>${t('Waktu', 'When')} (${timeZone})</th>
              <th>${t('Pelaku', 'Actor')}</th>
              <th>${t('Aksi', 'Action')}</th>
              <th>${t('Sasaran', 'Target')}</th>
              <th class="optional">${t('Dari', 'From')}</th>
              <th class="optional">${t('Rincian', 'Details')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`;
  const pager = html`<nav class="pager" aria-label="${t('Halaman', 'Pages')}">
    ${sebelum ? html`<a href="${auditPath(filters)}">${t('« Terbaru', '« Newest')}</a>` : ''}
    ${older ? html`<a rel="next" href="${auditPath(filters, older)}">${t('Lebih lama »', 'Older »')}</a>` : ''}
  </nav>`;
  return html`<div id="audit-log">
    ${auditContent(model.typed, t)}
    <p class="actions">
      <a class="button" href="${auditPath(filters, undefined, 'xlsx')}" download
        >${t('Unduh Excel', 'Download Excel')}</a
      >
      <a class="button secondary" href="${auditPath(filters, undefined, 'csv')}" download
        >${t('Unduh CSV', 'Download CSV')}</a
      >
    </p>
    ${table} ${pager}
  </div>`;
}

/** The heading and the filter form, with what was typed kept, and the error when it was refused. */
function auditContent(typed: Typed, t: Translate, error?: string): SafeHtml {
  return html`<h1>${t('Log audit', 'Audit log')}</h1>
    ${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
    <form class="filters" method="get" action="/dashboard/audit">
      <div>
        <label for="aksi">${t('Aksi (awalan, mis. sign_in)', 'Action (prefix, e.g. sign_in)')}</label>
        <input type="text" id="aksi" name="aksi" value="${typed.aksi}" maxlength="60" />
      </div>
      <div>
        <label for="pelaku">${t('Pelaku (nama atau staff:<id>)', 'Actor (name or staff:<id>)')}</label>
        <input type="text" id="pelaku" name="pelaku" value="${typed.pelaku}" maxlength="100" />
      </div>
      <div>
        <label for="tanggal">${t('Sampai tanggal', 'Up to the date')}</label>
        <input type="date" id="tanggal" name="tanggal" value="${typed.tanggal ?? ''}" />
      </div>
      <div class="buttons">
        <button type="submit">${t('Saring', 'Filter')}</button>
        <a href="/dashboard/audit">${t('Hapus saringan', 'Clear filters')}</a>
      </div>
    </form>`;
}
