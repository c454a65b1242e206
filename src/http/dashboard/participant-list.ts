import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit } from '../../auth';
import { isoWeekOf } from '../../domain/calendar';
import { maskPhone } from '../../domain/identity';
import { CLUSTER_LABELS, CLUSTERS, STAGE_LABELS, STAGES } from '../../domain/program';
import { readWeekSummaries } from '../../domain/reports/week-summaries';
import type { ApiDependencies } from '../api/v1/dependencies';
import { paginationQuery } from '../api/v1/pagination';
import { participantScopeOf } from '../../auth/scopes';
import {
  byNameThenId,
  participantFilterOf,
  placeQuery,
  type ParticipantCriteria,
} from '../actions/participants';
import { fromOf } from '../request-from';
import { takeFlash } from './form-cookies';
import { html, type SafeHtml } from './html';
import { translator } from './language';
import { page, type Viewer, refuse } from './layout';
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
export function refuseOutOfScope(response: Response, viewer: Viewer): void {
  const t = translator(viewer.language);
  refuse(
    response,
    403,
    t('Tidak berhak', 'Not allowed'),
    t(
      'Akun Anda tidak terhubung ke Puskesos mana pun, jadi tidak ada peserta yang bisa ditampilkan.',
      'Your account belongs to no Puskesos, so there are no participants to show.',
    ),
    viewer,
  );
}

/** A filter of the list (or its file) that cannot be read, each field named with its reason. */
export function refuseFilter(response: Response, viewer: Viewer, error: z.ZodError): void {
  const t = translator(viewer.language);
  const fields = error.issues.map((issue) => `${issue.path.join('.') || '?'}: ${issue.message}`);
  refuse(
    response,
    400,
    t('Filter tidak sah', 'Invalid filter'),
    `${t('Periksa filter', 'Check the filter')}: ${fields.join('; ')} (${t('contoh', 'for example')}: ?kecamatan=Cililin&klaster=kuliner)`,
    viewer,
  );
}

export function participantListPage({ models, auth, clock }: ApiDependencies) {
  const cookies = { security: auth.cookieSecurity };

  return async function list(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const scope = await participantScopeOf(models, viewer.account);
    if (!scope) return refuseOutOfScope(response, viewer);
    const parsed = listQuery.safeParse(request.query);
    if (!parsed.success) return refuseFilter(response, viewer, parsed.error);
    const query = parsed.data;
    const full = scope.view === 'full';
    const admin = isAdmin(viewer.account);
    const now = clock();
    const week = isoWeekOf(now, auth.timeZone);
    const criteria = criteriaOf(query, admin, week);
    const filter = await participantFilterOf(models, scope, criteria);
    // FerretDB reads the whole collection for any of these queries, so each is one read: those the
    // filters keep (counted and paged here), and, when a filter narrows them, the scope for its
    // kecamatan and desa choices. A programme's participants fit in memory many times over.
    const filtered = filter !== scope.filter;
    const [matching, inScope, mentors] = await Promise.all([
      models.participants
        .find(filter, {
          name: 1,
          phone: 1,
          kecamatan: 1,
          desa: 1,
          ...(full ? { cluster: 1, stage: 1, mentors: 1 } : {}),
        })
        .lean(),
      filtered ? models.participants.find(scope.filter, { kecamatan: 1, desa: 1 }).lean() : undefined,
      admin
        ? models.mentors.find({}, { name: 1, type: 1, disabledAt: 1 }).sort({ name: 1 }).limit(1000).lean()
        : Promise.resolve([]),
    ]);
    const total = matching.length;
    const found = matching
      .sort(byNameThenId)
      .slice((query.halaman - 1) * PAGE_SIZE, query.halaman * PAGE_SIZE);
    const choosable = inScope ?? matching;
    const kecamatans = [...new Set(choosable.map((participant) => participant.kecamatan))];
    const desas = [...new Set(choosable.map((participant) => participant.desa))];
    // This week's summary says who reported: one read by `_id`, however many reports are stored.
    const reported = full
      ? new Set((await readWeekSummaries(models, [week])).map((report) => report.participant))
      : new Set<string>();
    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'participants.list',
        from: fromOf(request),
        details: {
          via: 'session',
          page: 'dashboard',
          view: scope.view,
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

    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
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
    const places = (values: unknown[]) =>
      values
        .filter((value): value is string => typeof value === 'string')
        .sort((a, b) => a.localeCompare(b))
        .map((value) => [value, value] as const);
    const filters = html`<form class="filters" method="get" action="${PARTICIPANTS_PATH}">
      <div class="search">
        <label for="filter-q"
          >${full ? t('Cari nama atau no. HP', 'Search name or phone') : t('Cari nama', 'Search name')}</label
        >
        <input type="search" id="filter-q" name="q" value="${query.q ?? ''}" maxlength="100" />
      </div>
      ${select('kecamatan', 'Kecamatan', places(kecamatans), query.kecamatan)}
      ${select('desa', 'Desa', places(desas), query.desa)}
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
                      mentors.map(
                        (mentor) => [String(mentor._id), `${mentor.name} (${mentor.type})`] as const,
                      ),
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

    // The admin sees who has no enabled mentor left (none assigned, or theirs disabled).
    const enabledMentors = new Set(
      mentors.filter((mentor) => !mentor.disabledAt).map((mentor) => String(mentor._id)),
    );
    const withoutMentor = (participant: (typeof found)[number]) =>
      admin &&
      ![participant.mentors?.mibi, participant.mentors?.tksk].some(
        (mentor) => mentor && enabledMentors.has(String(mentor)),
      );
    const linkTo = (participant: (typeof found)[number]) =>
      html`<a href="${PARTICIPANTS_PATH}/${String(participant._id)}">${participant.name}</a>`;
    const flagOf = (participant: (typeof found)[number]) =>
      withoutMentor(participant)
        ? html` <span class="badge hampir">${t('tanpa pendamping aktif', 'no active mentor')}</span>`
        : '';
    const rows = found.map(
      (participant) =>
        html`<tr>
          <td>${linkTo(participant)}${flagOf(participant)}</td>
          <td>${full ? participant.phone : maskPhone(participant.phone)}</td>
          <td>${participant.desa}</td>
          ${
            full
              ? html`<td class="optional">${participant.kecamatan}</td>
                  <td class="optional">${participant.cluster ? CLUSTER_LABELS[participant.cluster] : ''}</td>
                  <td class="optional">${participant.stage ? STAGE_LABELS[participant.stage] : ''}</td>
                  <td>
                    ${
                      reported.has(String(participant._id))
                        ? html`<span class="badge aman">${t('sudah', 'reported')}</span>`
                        : html`<span class="badge hampir">${t('belum', 'not yet')}</span>`
                    }
                  </td>`
              : ''
          }
        </tr>`,
    );
    const table: SafeHtml =
      found.length === 0
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
    const pager =
      pages > 1
        ? html`<nav class="pager" aria-label="${t('Halaman', 'Pages')}">
            ${query.halaman > 1 ? html`<a rel="prev" href="${listPath(query, query.halaman - 1)}">« ${t('Sebelumnya', 'Previous')}</a>` : ''}
            <span>${t(`Halaman ${query.halaman} dari ${pages}`, `Page ${query.halaman} of ${pages}`)}</span>
            ${query.halaman < pages ? html`<a rel="next" href="${listPath(query, query.halaman + 1)}">${t('Berikutnya', 'Next')} »</a>` : ''}
          </nav>`
        : '';
    const content = html`<div class="title-row">
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
      ${filters}
      <p class="count">
        ${t(`${total} peserta`, `${total} participants`)}${full ? html` · ${t('minggu', 'week')} ${week}` : ''}
      </p>
      <p class="actions">
        <a class="button" href="${exportPath(query, 'xlsx')}" download
          >${t('Unduh Excel', 'Download Excel')}</a
        >
        <a class="button secondary" href="${exportPath(query, 'csv')}" download
          >${t('Unduh CSV', 'Download CSV')}</a
        >
      </p>
      ${table} ${pager}`;
    response.send(
      String(page(t('Peserta', 'Participants'), content, viewer, takeFlash(request, response, cookies))),
    );
  };
}
