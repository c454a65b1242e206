import type { Response } from 'express';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import { isoWeekOf } from '../../domain/calendar';
import { maskPhone } from '../../domain/identity';
import {
  CLUSTER_LABELS,
  CLUSTERS,
  STAGE_LABELS,
  STAGES,
  type Cluster,
  type Stage,
} from '../../domain/program';
import { readWeekSummaries } from '../../domain/reports/week-summaries';
import type { ApiDependencies } from '../api/v1/dependencies';
import { paginationQuery } from '../api/v1/pagination';
import { byNameThenId, placeQuery, type ParticipantCriteria } from '../actions/participants';
import { criteriaMatcher, rosterInScope } from '../actions/roster';
import { html, type SafeHtml } from './html';
import type { Translate } from './language';
import { refuseWith, type Viewer } from './layout';
import { declarePage, refusal, show, type Outcome, type Page } from './page';
import { PARTICIPANTS_PATH } from './participants-common';

const PAGE_SIZE = 25;

/** A field left empty in the filter form means "any", as an absent one does. */
const blankAsAbsent = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsAbsent, schema.optional());

/** The filter form's fields, in the page's own (Indonesian) words, as they appear in the address. */
export const listQuery = z.strictObject({
  q: optional(z.string().trim().max(100, { error: 'paling banyak 100 huruf' })),
  kecamatan: optional(placeQuery),
  desa: optional(placeQuery),
  klaster: optional(z.enum(CLUSTERS, { error: 'klaster tidak dikenal' })),
  tahap: optional(z.enum(STAGES, { error: 'tahap tidak dikenal' })),
  pendamping: optional(z.string().regex(/^[0-9a-f]{24}$/, { error: 'pendamping tidak dikenal' })),
  belum_lapor: optional(z.literal('1', { error: 'pilihan tidak dikenal' })),
  halaman: paginationQuery.page,
});

export type ListQuery = z.output<typeof listQuery>;

/** The form's filters as criteria: the mentor filter is an admin's only; "belum lapor" means this week. */
export const criteriaOf = (query: ListQuery, admin: boolean, week: string): ParticipantCriteria => ({
  search: query.q,
  kecamatan: query.kecamatan,
  desa: query.desa,
  cluster: query.klaster,
  stage: query.tahap,
  mentor: admin ? query.pendamping : undefined,
  withoutReportFor: query.belum_lapor ? week : undefined,
});

/** The address of the list with these filters (and page), for the pager's links. */
function listPath(query: ListQuery, pageNumber: number): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, halaman: pageNumber })) {
    if (value !== undefined && !(key === 'halaman' && value === 1)) parameters.set(key, String(value));
  }
  const search = parameters.toString();
  return search ? `${PARTICIPANTS_PATH}?${search}` : PARTICIPANTS_PATH;
}

/** The download of the list with the same filters. */
function exportPath(query: ListQuery, format: 'xlsx' | 'csv'): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && key !== 'halaman') parameters.set(key, String(value));
  }
  parameters.set('format', format);
  return `${PARTICIPANTS_PATH}/unduh?${parameters.toString()}`;
}

const option = (value: string, label: string, selected: string | undefined) =>
  html`<option value="${value}" ${selected === value ? html`selected` : ''}>${label}</option>`;

/** Staff of no Puskesos (and not Dinsos admins) see no participant: the list and its file refuse them. */
const outOfScopeRefusal = refusal(
  403,
  (t) => t('Tidak berhak', 'Not allowed'),
  (t) =>
    t(
      'Akun Anda tidak terhubung ke Puskesos mana pun, jadi tidak ada peserta yang bisa ditampilkan.',
      'Your account belongs to no Puskesos, so there are no participants to show.',
    ),
);

/** A filter of the list (or its file) that cannot be read, each field named with its reason. */
function filterRefusal(issues: readonly z.core.$ZodIssue[]): Outcome<never> {
  const fields = issues.map((issue) => `${issue.path.join('.') || '?'}: ${issue.message}`);
  return refusal(
    400,
    (t) => t('Filter tidak sah', 'Invalid filter'),
    (t) =>
      `${t('Periksa filter', 'Check the filter')}: ${fields.join('; ')} (${t('contoh', 'for example')}: ?kecamatan=Cililin&klaster=kuliner)`,
  );
}

export const refuseOutOfScope = (response: Response, viewer: Viewer): void =>
  refuseWith(response, outOfScopeRefusal, viewer);

export const refuseFilter = (response: Response, viewer: Viewer, error: z.ZodError): void =>
  refuseWith(response, filterRefusal(error.issues), viewer);

export interface ParticipantListModel {
  query: ListQuery;
  /** A mentor's or an admin's view; Puskesos staff see name, masked phone and desa only. */
  full: boolean;
  admin: boolean;
  week: string;
  total: number;
  /** The kecamatan and desa to choose from, of the participants in scope; an admin's mentors. */
  kecamatan: string[];
  desa: string[];
  mentors: { id: string; label: string }[];
  /** This page's participants, the phone masked unless the view is full. */
  rows: {
    id: string;
    name: string;
    phone: string;
    desa: string;
    kecamatan: string;
    cluster: Cluster | undefined;
    stage: Stage | undefined;
    reported: boolean;
    /** For an admin: none of their mentors is enabled. */
    withoutMentor: boolean;
  }[];
}

/** The participants in scope the filters keep, one page of them, and the choices of the form; audited. */
async function participantListOf(
  { models, auth }: ApiDependencies,
  account: Account,
  given: Record<string, unknown>,
  { now, from }: { now: Date; from: string },
): Promise<Outcome<ParticipantListModel>> {
  const roster = await rosterInScope(models, account);
  if (!roster) return outOfScopeRefusal;
  const parsed = listQuery.safeParse(given);
  if (!parsed.success) return filterRefusal(parsed.error.issues);
  const query = parsed.data;
  const full = roster.view === 'full';
  const admin = isAdmin(account);
  const week = isoWeekOf(now, auth.timeZone);
  const criteria = criteriaOf(query, admin, week);
  // The participants in scope come from the roster, read by key; the filters, the count and the page
  // are worked out in memory. This week's summary says who reported: one read by `_id` as well.
  const [reported, mentors] = await Promise.all([
    full
      ? readWeekSummaries(models, [week]).then(
          (reports) => new Set(reports.map((report) => report.participant)),
        )
      : Promise.resolve(new Set<string>()),
    admin
      ? models.mentors.find({}, { name: 1, type: 1, disabledAt: 1 }).sort({ name: 1 }).limit(1000).lean()
      : Promise.resolve([]),
  ]);
  const matching = roster.participants
    .filter(criteriaMatcher(criteria, roster.view, reported))
    .sort(byNameThenId);
  const found = matching.slice((query.halaman - 1) * PAGE_SIZE, query.halaman * PAGE_SIZE);
  const places = (values: string[]) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  await recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action: 'participants.list',
      from,
      details: {
        via: 'session',
        page: 'dashboard',
        view: roster.view,
        count: found.length,
        pageNumber: query.halaman,
        // Which filters were used, not what was typed: a search may be someone's name or number.
        filters: Object.entries(criteria)
          .filter(([, value]) => value !== undefined)
          .map(([key]) => key),
      },
    },
    now,
  );
  // The admin sees who has no enabled mentor left (none assigned, or theirs disabled).
  const enabledMentors = new Set(
    mentors.filter((mentor) => !mentor.disabledAt).map((mentor) => String(mentor._id)),
  );
  return show({
    query,
    full,
    admin,
    week,
    total: matching.length,
    kecamatan: places(roster.participants.map((participant) => participant.kecamatan)),
    desa: places(roster.participants.map((participant) => participant.desa)),
    mentors: mentors.map((mentor) => ({ id: String(mentor._id), label: `${mentor.name} (${mentor.type})` })),
    rows: found.map((participant) => ({
      id: participant.id,
      name: participant.name,
      phone: full ? participant.phone : maskPhone(participant.phone),
      desa: participant.desa,
      kecamatan: participant.kecamatan,
      cluster: full ? participant.cluster : undefined,
      stage: full ? participant.stage : undefined,
      reported: reported.has(participant.id),
      withoutMentor:
        admin && ![participant.mibi, participant.tksk].some((mentor) => mentor && enabledMentors.has(mentor)),
    })),
  });
}

/** GET /dashboard/peserta: the participants in the account's scope, filtered, 25 a page. */
export function participantListPage(dependencies: ApiDependencies): Page {
  return declarePage({
    method: 'get',
    path: '/peserta',
    // Read in `load`, after the scope: an account that may see no one is refused whatever it asked.
    query: z.record(z.string(), z.unknown()),
    load: (account, { query, now, from }) => participantListOf(dependencies, account, query, { now, from }),
    title: (_model, t) => t('Peserta', 'Participants'),
    view: participantListView,
  });
}

/** The filter form, with the choices the account's scope offers and what was chosen. */
function filterForm(model: ParticipantListModel, t: Translate): SafeHtml {
  const { query, full, admin } = model;
  const select = (
    name: string,
    label: string,
    choices: readonly (readonly [string, string])[],
    selected: string | undefined,
  ) =>
    html`<div>
      <label for="filter-${name}">${label}</label>
      <select id="filter-${name}" name="${name}">
        ${option('', t('Semua', 'All'), selected)}
        ${choices.map(([value, text]) => option(value, text, selected))}
      </select>
    </div>`;
  const places = (values: string[]) => values.map((value) => [value, value] as const);
  return html`<form class="filters" method="get" action="${PARTICIPANTS_PATH}">
    <div class="search">
      <label for="filter-q"
        >${full ? t('Cari nama atau no. HP', 'Search name or phone') : t('Cari nama', 'Search name')}</label
      >
      <input type="search" id="filter-q" name="q" value="${query.q ?? ''}" maxlength="100" />
    </div>
    ${select('kecamatan', 'Kecamatan', places(model.kecamatan), query.kecamatan)}
    ${select('desa', 'Desa', places(model.desa), query.desa)}
    ${
      full
        ? html`${select(
              'klaster',
              t('Klaster', 'Cluster'),
              CLUSTERS.map((cluster) => [cluster, CLUSTER_LABELS[cluster]] as const),
              query.klaster,
            )}
            ${select(
              'tahap',
              t('Tahap', 'Stage'),
              STAGES.map((stage) => [stage, STAGE_LABELS[stage]] as const),
              query.tahap,
            )}
            ${
              admin
                ? select(
                    'pendamping',
                    t('Pendamping', 'Mentor'),
                    model.mentors.map((mentor) => [mentor.id, mentor.label] as const),
                    query.pendamping,
                  )
                : ''
            }
            <div class="check">
              <input
                type="checkbox"
                id="filter-belum"
                name="belum_lapor"
                value="1"
                ${query.belum_lapor ? html`checked` : ''}
              />
              <label for="filter-belum">${t('Belum lapor minggu ini', 'No report this week')}</label>
            </div>`
        : ''
    }
    <div class="buttons">
      <button type="submit">${t('Terapkan', 'Apply')}</button>
      <a href="${PARTICIPANTS_PATH}">${t('Hapus filter', 'Clear filters')}</a>
    </div>
  </form>`;
}

/** The page's participants: the full view with their klaster, tahap and this week's report. */
function participantTable(model: ParticipantListModel, t: Translate): SafeHtml {
  const { full } = model;
  type Row = ParticipantListModel['rows'][number];
  const linkTo = (participant: Row) =>
    html`<a href="${PARTICIPANTS_PATH}/${participant.id}">${participant.name}</a>`;
  const flagOf = (participant: Row) =>
    participant.withoutMentor
      ? html` <span class="badge hampir">${t('tanpa pendamping aktif', 'no active mentor')}</span>`
      : '';
  const rows = model.rows.map(
    (participant) =>
      html`<tr>
        <td>${linkTo(participant)}${flagOf(participant)}</td>
        <td>${participant.phone}</td>
        <td>${participant.desa}</td>
        ${
          full
            ? html`<td class="optional">${participant.kecamatan}</td>
                <td class="optional">${participant.cluster ? CLUSTER_LABELS[participant.cluster] : ''}</td>
                <td class="optional">${participant.stage ? STAGE_LABELS[participant.stage] : ''}</td>
                <td>
                  ${
                    participant.reported
                      ? html`<span class="badge aman">${t('sudah', 'reported')}</span>`
                      : html`<span class="badge hampir">${t('belum', 'not yet')}</span>`
                  }
                </td>`
            : ''
        }
      </tr>`,
  );
  return model.rows.length === 0
    ? html`<p>
        ${t('Tidak ada peserta yang cocok dengan filter ini.', 'No participant matches these filters.')}
      </p>`
    : html`<table class="participants">
        <thead>
          <tr>
            <th>${t('Nama', 'Name')}</th>
            <th>${t('No. HP', 'Phone')}</th>
            <th>Desa</th>
            ${
              full
                ? html`<th class="optional">Kecamatan</th>
                    <th class="optional">${t('Klaster', 'Cluster')}</th>
                    <th class="optional">${t('Tahap', 'Stage')}</th>
                    <th>${t('Laporan minggu ini', 'Report this week')}</th>`
                : ''
            }
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>`;
}

export function participantListView(model: ParticipantListModel, t: Translate): SafeHtml {
  const { query, full, admin, total, week } = model;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const pager =
    pages > 1
      ? html`<nav class="pager" aria-label="${t('Halaman', 'Pages')}">
          ${query.halaman > 1 ? html`<a rel="prev" href="${listPath(query, query.halaman - 1)}">« ${t('Sebelumnya', 'Previous')}</a>` : ''}
          <span>${t(`Halaman ${query.halaman} dari ${pages}`, `Page ${query.halaman} of ${pages}`)}</span>
          ${query.halaman < pages ? html`<a rel="next" href="${listPath(query, query.halaman + 1)}">${t('Berikutnya', 'Next')} »</a>` : ''}
        </nav>`
      : '';
  return html`<div class="title-row">
      <h1>${t('Peserta', 'Participants')}</h1>
      ${
        admin
          ? html`<a class="button" href="${PARTICIPANTS_PATH}/baru"
                >${t('Tambah peserta', 'Add a participant')}</a
              >
              <a class="button" href="/dashboard/impor">${t('Impor peserta', 'Import participants')}</a>`
          : ''
      }
    </div>
    ${
      full
        ? ''
        : html`<p class="note">
            ${t(
              'Hanya peserta yang mengadu ke Puskesos Anda, dengan data yang diperlukan untuk pengaduan.',
              'Only participants who complained to your Puskesos, with what a complaint needs.',
            )}
          </p>`
    }
    ${filterForm(model, t)}
    <p class="count">
      ${t(`${total} peserta`, `${total} participants`)}${full ? html` · ${t('minggu', 'week')} ${week}` : ''}
    </p>
    <p class="actions">
      <a class="button" href="${exportPath(query, 'xlsx')}" download>${t('Unduh Excel', 'Download Excel')}</a>
      <a class="button secondary" href="${exportPath(query, 'csv')}" download
        >${t('Unduh CSV', 'Download CSV')}</a
      >
    </p>
    ${participantTable(model, t)} ${pager}`;
}
