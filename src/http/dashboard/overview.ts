import { Types } from 'mongoose';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import type { Models } from '../../db/models';
import { instantAt, isoWeekOf, localDateOf, mondayOfIsoWeek, shiftIsoWeek } from '../../domain/calendar';
import { OPEN_STATUSES } from '../../domain/complaints/lifecycle';
import { formatIsoWeek, formatRupiah, shortMonth } from '../../domain/display';
import { formatRupiahShort } from '../../domain/digests/chart-data';
import { readWeekSummaries } from '../../domain/reports/week-summaries';
import { complaintIndexesInScope } from '../../domain/complaints/complaint-index';
import { CLUSTER_LABELS, STAGE_LABELS, type Cluster, type ParticipantStatus } from '../../domain/program';
import type { ApiDependencies } from '../api/v1/dependencies';
import { complaintScopeOf } from '../../auth/scopes';
import { rosterInScope } from '../actions/roster';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import type { Viewer } from './layout';
import { declarePage, refusal, show, type Outcome, type Page, type PageInput } from './page';
import {
  answerFigures,
  complaintFigures,
  formatWait,
  participantFigures,
  percentOf,
  TREND_WEEKS,
  type AnswerFigures,
  type ComplaintFigures,
  type OverviewParticipant,
  type ParticipantFigures,
} from './overview-figures';
import { svgChart } from './svg-chart';

const CLUSTER_ENGLISH: Record<Cluster, string> = {
  kriya_fesyen: 'Textile craft/fashion',
  agribisnis: 'Agribusiness',
  ritel: 'Retail',
  kuliner: 'Culinary',
};

function statusLabel(status: ParticipantStatus, t: Translate): string {
  if (status === 'active') return t('aktif', 'active');
  if (status === 'graduated') return t('lulus', 'graduated');
  return t('keluar', 'withdrawn');
}

/**
 * The participants' figures of the overview for the participants in scope (from the roster, read by
 * key): the reports of the weeks shown come from the week summaries, one read by `_id` a week (a
 * mentor keeps only those of their participants), never from a search of every report.
 */
export async function gatherParticipantFigures(
  models: Models,
  participants: readonly OverviewParticipant[],
  mentorScoped: boolean,
  week: string,
) {
  const inScope = new Set(participants.map((participant) => participant.id));
  const summarised = await readWeekSummaries(
    models,
    Array.from({ length: TREND_WEEKS }, (_, back) => shiftIsoWeek(week, -back)),
  );
  const reports = mentorScoped ? summarised.filter((report) => inScope.has(report.participant)) : summarised;
  const figures = participantFigures(participants, reports, week);
  return { figures, counted: { participants: participants.length, reports: reports.length } };
}

type Dependencies = Pick<ApiDependencies, 'models' | 'auth'>;

/**
 * The open complaints of the scope (a Puskesos's, or every one for the Dinsos), and this month's
 * answers of a Puskesos: both from the complaint indexes, read by `_id`, never a search of every
 * complaint.
 */
async function gatherComplaints(
  { models, auth }: Dependencies,
  scope: { puskesos?: Types.ObjectId },
  now: Date,
) {
  const entries = await complaintIndexesInScope(models, scope);
  const open = entries.filter((entry) => entry.puskesos && OPEN_STATUSES.includes(entry.status));
  const figures = complaintFigures(
    open.map((entry) => ({ puskesos: entry.puskesos ?? '', dueAt: entry.dueAt })),
    now,
  );
  const puskesos = await models.puskesos
    .find(
      {
        _id: {
          $in: [
            ...figures.byPuskesos.map((row) => row.puskesos),
            ...(scope.puskesos ? [scope.puskesos] : []),
          ].map((id) => new Types.ObjectId(id)),
        },
      },
      { name: 1 },
    )
    .lean();
  const names = new Map(puskesos.map((record) => [String(record._id), record.name]));
  const { year, month } = localDateOf(now, auth.timeZone);
  const monthStart = instantAt(Date.UTC(year, month - 1, 1) / 86_400_000, 0, 0, auth.timeZone);
  // A Puskesos's answers this month: its complaints first replied to since the month began.
  const answers = scope.puskesos
    ? answerFigures(
        entries.map((entry) => ({
          filedAt: entry.createdAt,
          replies: entry.firstReplyAt ? [entry.firstReplyAt] : [],
        })),
        monthStart,
      )
    : undefined;
  return { figures, names, answers };
}

export interface OverviewModel {
  /** Whose overview: the programme's (a Dinsos admin), a mentor's participants, a Puskesos's desk. */
  of: 'programme' | 'mentor' | 'puskesos';
  puskesosName: string | undefined;
  week: string;
  participants: ParticipantFigures | undefined;
  complaints: { figures: ComplaintFigures; names: Map<string, string> } | undefined;
  answers: AnswerFigures | undefined;
}

/** The figures the account's role may see, each from its own scope; the reading is audited. */
async function overviewOf(
  dependencies: Dependencies,
  account: Account,
  { now, from }: PageInput<undefined, undefined, undefined>,
): Promise<Outcome<OverviewModel>> {
  const { models, auth } = dependencies;
  const week = isoWeekOf(now, auth.timeZone);
  // Sales and savings are sensitive: Puskesos staff see complaint figures only.
  const participantScope =
    account.kind === 'mentor' || isAdmin(account) ? await rosterInScope(models, account) : undefined;
  const complaintScope = complaintScopeOf(account);
  if (!participantScope && !complaintScope) {
    return refusal(
      403,
      (t) => t('Tidak berhak', 'Not allowed'),
      (t) => t('Akun ini tidak punya data yang boleh diringkas.', 'This account has no figures it may see.'),
    );
  }
  const [participants, complaints] = await Promise.all([
    participantScope
      ? gatherParticipantFigures(models, participantScope.participants, account.kind === 'mentor', week)
      : undefined,
    complaintScope ? gatherComplaints(dependencies, complaintScope, now) : undefined,
  ]);
  const answers = complaints?.answers;
  await recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action: 'overview.read',
      from,
      details: {
        via: 'session',
        page: 'dashboard',
        week,
        participants: participants?.counted.participants ?? 0,
        reports: participants?.counted.reports ?? 0,
        openComplaints: complaints?.figures.open ?? 0,
      },
    },
    now,
  );
  return show({
    of: isAdmin(account) ? 'programme' : account.kind === 'mentor' ? 'mentor' : 'puskesos',
    puskesosName: complaintScope?.puskesos
      ? complaints?.names.get(String(complaintScope.puskesos))
      : undefined,
    week,
    participants: participants?.figures,
    complaints: complaints && { figures: complaints.figures, names: complaints.names },
    answers,
  });
}

/** GET /dashboard/ringkasan: the figures the viewer's role may see, each from its own scope. */
export function overviewPage(dependencies: ApiDependencies): Page {
  return declarePage({
    method: 'get',
    path: '/ringkasan',
    load: (account, input) => overviewOf(dependencies, account, input),
    title: (_model, t) => t('Ringkasan', 'Overview'),
    view: overviewView,
  });
}

export function overviewView(model: OverviewModel, t: Translate, viewer: Viewer): SafeHtml {
  const { participants, complaints, answers } = model;
  const title =
    model.of === 'programme'
      ? t('Ringkasan program', 'Programme overview')
      : model.of === 'mentor'
        ? t('Ringkasan peserta dampingan Anda', 'Overview of your participants')
        : t('Ringkasan pengaduan', 'Complaints overview');
  return html`<div class="overview">
    <h1>${title}${model.puskesosName ? ` · ${model.puskesosName}` : ''}</h1>
    <p class="meta">
      ${t('Minggu ini', 'This week')}: ${formatIsoWeek(model.week, viewer.language)}
      (${t('belum selesai', 'not over yet')})
    </p>
    ${keyFigures(participants, complaints?.figures, answers, viewer)}
    ${participants ? participantSections(participants, viewer) : ''}
    ${complaints ? complaintSection(complaints.figures, complaints.names, model.of === 'programme', t) : ''}
  </div>`;
}

function keyFigures(
  participants: ParticipantFigures | undefined,
  complaints: ComplaintFigures | undefined,
  answers: AnswerFigures | undefined,
  viewer: Viewer,
): SafeHtml {
  const t = translator(viewer.language);
  const figure = (id: string, value: string, label: string, link?: string) =>
    html`<div class="figure" id="${id}">
      <span class="value">${link ? html`<a href="${link}">${value}</a>` : value}</span>
      <span class="label">${label}</span>
    </div>`;
  const thisWeek = participants?.thisWeek;
  return html`<div class="figures">
    ${
      participants && thisWeek
        ? html`${figure('peserta-aktif', String(participants.active), t('peserta aktif', 'active participants'))}
          ${figure(
            'melapor',
            `${thisWeek.reported} / ${thisWeek.active}`,
            `${t('melapor minggu ini', 'reported this week')} (${percentOf(thisWeek.rate)})`,
          )}
          ${figure('omzet', formatRupiah(thisWeek.sales), t('omzet minggu ini', 'sales this week'))}
          ${figure(
            'tabungan',
            formatRupiah(thisWeek.savingsDeposit),
            t('tabungan masuk minggu ini', 'savings deposited this week'),
          )}`
        : ''
    }
    ${
      complaints
        ? html`${figure(
            'pengaduan-terbuka',
            String(complaints.open),
            t('pengaduan terbuka', 'open complaints'),
            '/dashboard/pengaduan',
          )}
          ${figure(
            'pengaduan-terlambat',
            String(complaints.overdue),
            t('pengaduan terlambat', 'overdue complaints'),
            '/dashboard/pengaduan',
          )}`
        : ''
    }
    ${
      answers
        ? html`${figure('dijawab-bulan-ini', String(answers.answered), t('dijawab bulan ini', 'answered this month'))}
          ${figure(
            'waktu-jawab',
            formatWait(answers.medianHoursToAnswer, viewer.language),
            t('median waktu sampai dijawab (bulan ini)', 'median time to an answer (this month)'),
          )}`
        : ''
    }
  </div>`;
}

function participantSections(figures: ParticipantFigures, viewer: Viewer): SafeHtml {
  const t = translator(viewer.language);
  const language = viewer.language;
  const weekLabel = (week: string) => {
    const monday = mondayOfIsoWeek(week);
    return `${monday.getUTCDate()} ${shortMonth(monday, language)}`;
  };
  const labels = figures.weeks.map((week) => weekLabel(week.week));
  // The last week is the one in progress: its reports are still coming in.
  const ongoing = { index: figures.weeks.length - 1, label: t('minggu berjalan', 'week in progress') };
  const rateChart = svgChart({
    title: t('Persentase peserta aktif yang melapor', 'Share of active participants who reported'),
    labels,
    kind: 'lines',
    series: [
      {
        name: t('Melapor (%)', 'Reported (%)'),
        className: 'series-a',
        values: figures.weeks.map((week) => (week.rate === null ? null : Math.round(week.rate * 100))),
      },
    ],
    formatValue: (value) => `${Math.round(value)} %`,
    ongoing,
  });
  const salesChart = svgChart({
    title: t('Omzet per minggu', 'Sales per week'),
    labels,
    kind: 'bars',
    series: [
      { name: t('Omzet', 'Sales'), className: 'series-b', values: figures.weeks.map((week) => week.sales) },
    ],
    formatValue: formatRupiahShort,
    ongoing,
  });
  const savingsChart = svgChart({
    title: t('Tabungan per minggu', 'Savings per week'),
    labels,
    kind: 'bars',
    series: [
      {
        name: t('Tabungan masuk', 'Savings deposited'),
        className: 'series-a',
        values: figures.weeks.map((week) => week.savingsDeposit),
      },
      {
        name: t('Tabungan diambil', 'Savings withdrawn'),
        className: 'series-c',
        values: figures.weeks.map((week) => week.savingsWithdrawal),
      },
    ],
    formatValue: formatRupiahShort,
    ongoing,
  });
  const weekRows = [...figures.weeks].reverse().map(
    (week) =>
      html`<tr>
        <td>${formatIsoWeek(week.week, language)}</td>
        <td class="number">${week.reported} / ${week.active}</td>
        <td class="number">${percentOf(week.rate)}</td>
        <td class="number">${formatRupiah(week.sales)}</td>
        <td class="number optional">${formatRupiah(week.savingsDeposit)}</td>
        <td class="number optional">${formatRupiah(week.savingsWithdrawal)}</td>
      </tr>`,
  );
  const share = (count: number) => (figures.active === 0 ? '—' : percentOf(count / figures.active));
  const countTable = (id: string, caption: string, head: string, rows: { name: string; count: number }[]) =>
    html`<table class="counts" id="${id}">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th>${head}</th>
          <th class="number">${t('Peserta', 'Participants')}</th>
          <th class="number optional">${t('Bagian', 'Share')}</th>
          <th class="bar-cell optional"></th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr>
              <td>${row.name}</td>
              <td class="number">${row.count}</td>
              <td class="number optional">${share(row.count)}</td>
              <td class="bar-cell optional">${bar(row.count, figures.active)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  const statusLine = (['graduated', 'withdrawn'] as const)
    .filter((status) => figures.byStatus[status] > 0)
    .map((status) => `${figures.byStatus[status]} ${statusLabel(status, t)}`)
    .join(', ');
  return html`<section>
      <h2>${t('Laporan mingguan', 'Weekly reports')}</h2>
      <div class="charts">
        <div>
          <h3>${t('Persentase melapor', 'Reporting rate')}</h3>
          ${rateChart}
        </div>
        <div>
          <h3>${t('Omzet', 'Sales')}</h3>
          ${salesChart}
        </div>
        <div>
          <h3>${t('Tabungan', 'Savings')}</h3>
          ${savingsChart}
        </div>
      </div>
      <table id="minggu">
        <caption>
          ${t(
            `${figures.weeks.length} minggu terakhir, terbaru di atas; persentase dihitung dari peserta yang aktif sekarang`,
            `The last ${figures.weeks.length} weeks, newest first; rates are of the participants active now`,
          )}
        </caption>
        <thead>
          <tr>
            <th>${t('Minggu', 'Week')}</th>
            <th class="number">${t('Melapor', 'Reported')}</th>
            <th class="number">%</th>
            <th class="number">${t('Omzet', 'Sales')}</th>
            <th class="number optional">${t('Tabungan masuk', 'Savings deposited')}</th>
            <th class="number optional">${t('Tabungan diambil', 'Savings withdrawn')}</th>
          </tr>
        </thead>
        <tbody>
          ${weekRows}
        </tbody>
      </table>
    </section>
    <section>
      <h2>${t('Peserta', 'Participants')}</h2>
      <p>
        ${figures.active}
        ${t('peserta aktif', 'active participants')}${statusLine ? ` (${t('selain itu', 'besides')} ${statusLine})` : ''}.
      </p>
      <div class="tables">
        ${countTable(
          'per-klaster',
          t('Peserta aktif per klaster', 'Active participants by cluster'),
          t('Klaster', 'Cluster'),
          figures.byCluster.map((row) => ({
            name: t(CLUSTER_LABELS[row.cluster], CLUSTER_ENGLISH[row.cluster]),
            count: row.active,
          })),
        )}
        ${countTable(
          'per-kategori',
          t('Peserta aktif per kategori usaha', 'Active participants by stage'),
          t('Kategori', 'Stage'),
          figures.byStage.map((row) => ({ name: STAGE_LABELS[row.stage], count: row.active })),
        )}
      </div>
      <table id="per-kecamatan">
        <caption>
          ${t('Peserta aktif per kecamatan, dan yang melapor minggu ini', 'Active participants by kecamatan (district), and who reported this week')}
        </caption>
        <thead>
          <tr>
            <th>${t('Kecamatan', 'Kecamatan')}</th>
            <th class="number">${t('Peserta', 'Participants')}</th>
            <th class="number">${t('Melapor', 'Reported')}</th>
            <th class="number">%</th>
            <th class="bar-cell optional"></th>
          </tr>
        </thead>
        <tbody>
          ${
            figures.byKecamatan.length === 0
              ? html`<tr>
                  <td colspan="5">${t('Belum ada peserta aktif.', 'No active participants yet.')}</td>
                </tr>`
              : figures.byKecamatan.map(
                  (row) =>
                    html`<tr>
                      <td>${row.kecamatan}</td>
                      <td class="number">${row.active}</td>
                      <td class="number">${row.reportedThisWeek}</td>
                      <td class="number">
                        ${percentOf(row.active === 0 ? null : row.reportedThisWeek / row.active)}
                      </td>
                      <td class="bar-cell optional">${bar(row.reportedThisWeek, row.active)}</td>
                    </tr>`,
                )
          }
        </tbody>
      </table>
    </section>`;
}

/**
 * A bar in a table cell, as SVG (an inline width would need a style attribute, which the content
 * security policy forbids): its length is the part of the whole.
 */
function bar(part: number, whole: number): SafeHtml {
  const width = whole === 0 ? 0 : Math.round((part / whole) * 100);
  return html`<svg class="cell-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
    <rect class="track" x="0" y="0" width="100" height="10" />
    <rect class="series-a" x="0" y="0" width="${width}" height="10" />
  </svg>`;
}

function complaintSection(
  figures: ComplaintFigures,
  names: Map<string, string>,
  byPuskesos: boolean,
  t: Translate,
): SafeHtml {
  return html`<section>
    <h2>${t('Pengaduan', 'Complaints')}</h2>
    <p>
      ${figures.open} ${t('pengaduan terbuka', 'open complaints')}, ${figures.overdue}
      ${t('terlambat', 'overdue')}.
      <a href="/dashboard/pengaduan">${t('Buka daftar pengaduan', 'Open the complaints inbox')}</a>
    </p>
    ${
      byPuskesos && figures.byPuskesos.length > 0
        ? html`<table id="per-puskesos">
            <caption>
              ${t('Pengaduan terbuka per Puskesos', 'Open complaints by Puskesos')}
            </caption>
            <thead>
              <tr>
                <th>Puskesos</th>
                <th class="number">${t('Terbuka', 'Open')}</th>
                <th class="number">${t('Terlambat', 'Overdue')}</th>
              </tr>
            </thead>
            <tbody>
              ${figures.byPuskesos.map(
                (row) =>
                  html`<tr>
                    <td>${names.get(row.puskesos) ?? '—'}</td>
                    <td class="number">${row.open}</td>
                    <td class="number">${row.overdue}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
  </section>`;
}
