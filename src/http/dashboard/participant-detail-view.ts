import type { ComplaintStatus } from '../../domain/complaints';
import { shiftIsoWeek } from '../../domain/calendar';
import { formatRupiahShort } from '../../domain/digests/chart-data';
import { formatIsoWeek, formatRupiah } from '../../domain/display';
import { maskPhone } from '../../domain/identity';
import { CLUSTER_LABELS, STAGE_LABELS } from '../../domain/program';
import { TRANSCRIPT_LIMIT } from '../../domain/transcripts';
import type { StoredParticipant } from '../actions/participants';
import { html, type SafeHtml } from './html';
import type { PageLanguage, Translate } from './language';
import type { Viewer } from './layout';
import { LANGUAGE_LABELS, PARTICIPANTS_PATH, statusLabel, TIME_ZONE_LABELS } from './participants-common';
import { svgChart } from './svg-chart';
import { transcriptList, type TranscriptLine } from './transcript';

/** Half a year of weeks: the three months of mentoring and what came after. */
export const HISTORY_WEEKS = 26;

const complaintStatusLabel = (status: ComplaintStatus, t: Translate) =>
  ({
    unrouted: t('menunggu Puskesos', 'waiting for a Puskesos'),
    new: t('baru', 'new'),
    acknowledged: t('diterima', 'acknowledged'),
    in_progress: t('ditangani', 'in progress'),
    referred: t('dirujuk', 'referred'),
    answered: t('dijawab', 'answered'),
    closed: t('ditutup', 'closed'),
    reopened: t('dibuka kembali', 'reopened'),
  })[status];

export interface WeekRow {
  week: string;
  sales: number;
  spending: number;
  savingsDeposit: number;
  savingsWithdrawal: number;
  savingsBalance: number;
  channel: string;
  revisions: readonly unknown[];
}

/** What the full record adds to the complaint view: mentors, weeks, sessions, the chat. */
export interface FullRecord {
  mayChange: boolean;
  admin: boolean;
  mentorNames: { MiBi?: string | undefined; TKSK?: string | undefined };
  /** Newest first. */
  reports: WeekRow[];
  sessions: {
    startsAt: Date;
    topic: string;
    place: string;
    status: 'planned' | 'cancelled' | 'done';
    answer?: 'attend' | 'decline' | 'reschedule' | undefined;
    present?: boolean | undefined;
  }[];
  transcript: TranscriptLine[];
}

/**
 * One participant as the viewer may see them: a Puskesos's staff only who and where (for a
 * complaint), with the complaints; mentors and Dinsos the whole record.
 */
export interface ParticipantDetailModel {
  timeZone: string;
  participant: StoredParticipant;
  /** Complaint numbers link to the complaint when the viewer may open complaints. */
  complaintLinks: boolean;
  complaints: { number: string; status: ComplaintStatus; category: string; createdAt: Date }[];
  /** Absent for the complaint view. */
  full?: FullRecord | undefined;
}

const formatOf = (language: PageLanguage, timeZone: string, withTime: boolean) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });

/** Every week from the first report to the last, oldest first (a gap where nothing was reported). */
export function chartWeeks(newestFirst: readonly { week: string }[]): string[] {
  const first = newestFirst[newestFirst.length - 1]?.week;
  const last = newestFirst[0]?.week;
  const weeks: string[] = [];
  if (first && last) {
    for (let week = first; weeks.length < HISTORY_WEEKS * 2; week = shiftIsoWeek(week, 1)) {
      weeks.push(week);
      if (week === last) break;
    }
  }
  return weeks;
}

function complaintSection(model: ParticipantDetailModel, day: (at: Date) => string, t: Translate) {
  const { complaints } = model;
  const complaintRows = complaints.map(
    (complaint) =>
      html`<tr>
        <td>
          ${
            model.complaintLinks
              ? html`<a href="/dashboard/pengaduan/${complaint.number}">${complaint.number}</a>`
              : complaint.number
          }
        </td>
        <td>${complaintStatusLabel(complaint.status, t)}</td>
        <td class="optional">${complaint.category}</td>
        <td>${day(complaint.createdAt)}</td>
      </tr>`,
  );
  return html`<h2>${t('Pengaduan', 'Complaints')}</h2>
    ${
      complaints.length === 0
        ? html`<p>${t('Belum ada pengaduan.', 'No complaints.')}</p>`
        : html`<table class="complaints">
            <thead>
              <tr>
                <th>${t('Nomor', 'Number')}</th>
                <th>Status</th>
                <th class="optional">${t('Kategori', 'Category')}</th>
                <th>${t('Masuk', 'Received')}</th>
              </tr>
            </thead>
            <tbody>
              ${complaintRows}
            </tbody>
          </table>`
    }`;
}

function profileCard(
  participant: StoredParticipant,
  full: FullRecord,
  day: (at: Date) => string,
  t: Translate,
): SafeHtml {
  const id = participant._id;
  const mentorName = (type: 'MiBi' | 'TKSK') => full.mentorNames[type] ?? '—';
  return html`<div class="card">
    <dl>
      <dt>${t('No. HP', 'Phone')}</dt>
      <dd>${participant.phone}</dd>
      <dt>NIK</dt>
      <dd>${participant.nik?.masked ?? '—'}</dd>
      <dt>Kecamatan</dt>
      <dd>${participant.kecamatan}</dd>
      <dt>Desa</dt>
      <dd>${participant.desa}</dd>
      <dt>${t('Klaster', 'Cluster')}</dt>
      <dd>${CLUSTER_LABELS[participant.cluster]}</dd>
      <dt>${t('Tahap', 'Stage')}</dt>
      <dd>${STAGE_LABELS[participant.stage]}</dd>
      <dt>${t('Usaha', 'Business')}</dt>
      <dd>
        ${participant.business?.name ?? '—'}${participant.business?.description ? ` · ${participant.business.description}` : ''}
      </dd>
      <dt>${t('Modal usaha', 'Capital grant')}</dt>
      <dd>
        ${
          participant.capitalGrant?.amount !== undefined && participant.capitalGrant.amount !== null
            ? formatRupiah(participant.capitalGrant.amount)
            : '—'
        }
      </dd>
      <dt>${t('Masa pendampingan', 'Mentoring period')}</dt>
      <dd>
        ${
          participant.mentoringWindow?.start && participant.mentoringWindow.end
            ? `${day(participant.mentoringWindow.start)} – ${day(participant.mentoringWindow.end)}`
            : '—'
        }
      </dd>
      <dt>MiBi</dt>
      <dd>${mentorName('MiBi')}</dd>
      <dt>TKSK</dt>
      <dd>${mentorName('TKSK')}</dd>
      <dt>Status</dt>
      <dd>
        ${statusLabel(participant.status, t)}
        ${
          participant.statusChange
            ? t(
                `sejak ${day(participant.statusChange.on)}: ${participant.statusChange.reason}`,
                `since ${day(participant.statusChange.on)}: ${participant.statusChange.reason}`,
              )
            : ''
        }
      </dd>
      <dt>${t('Bahasa', 'Language')}</dt>
      <dd>${LANGUAGE_LABELS[participant.language]}</dd>
      <dt>${t('Zona waktu', 'Time zone')}</dt>
      <dd>
        ${participant.timeZone ? TIME_ZONE_LABELS[participant.timeZone] : t('WIB (program)', 'WIB (program)')}
      </dd>
      <dt>${t('Persetujuan data', 'Data consent')}</dt>
      <dd>
        ${
          participant.consent?.withdrawnAt
            ? t(
                `ditarik ${day(participant.consent.withdrawnAt)}`,
                `withdrawn ${day(participant.consent.withdrawnAt)}`,
              )
            : participant.consent?.givenAt
              ? t(
                  `diberikan ${day(participant.consent.givenAt)}`,
                  `given ${day(participant.consent.givenAt)}`,
                )
              : t('belum', 'not yet')
        }
      </dd>
    </dl>
    ${
      full.mayChange
        ? html`<p>
            <a class="button" href="${PARTICIPANTS_PATH}/${String(id)}/ubah">${t('Ubah data', 'Edit')}</a>
            ${
              full.admin
                ? html`<a href="${PARTICIPANTS_PATH}/${String(id)}/pendamping"
                      >${t('Ganti pendamping', 'Change mentors')}</a
                    >
                    <a href="${PARTICIPANTS_PATH}/${String(id)}/status"
                      >${t('Luluskan, keluarkan atau aktifkan kembali', 'Graduate, withdraw or reactivate')}</a
                    >
                    <a href="${PARTICIPANTS_PATH}/${String(id)}/privasi"
                      >${t('Ekspor atau hapus data pribadi', 'Export or erase personal data')}</a
                    >`
                : ''
            }
          </p>`
        : ''
    }
  </div>`;
}

function history(reports: readonly WeekRow[], language: PageLanguage, t: Translate): SafeHtml {
  // Oldest first for the chart, every week in between shown (a gap where nothing was reported).
  const byWeek = new Map(reports.map((report) => [report.week, report]));
  const weeks = chartWeeks(reports);
  const chart =
    weeks.length === 0
      ? html`<p>${t('Belum ada laporan mingguan.', 'No weekly reports yet.')}</p>`
      : svgChart({
          title: t('Omzet dan saldo tabungan per minggu', 'Sales and savings balance per week'),
          labels: weeks.map((week) => week.slice(5)),
          kind: 'lines',
          series: [
            {
              name: t('Omzet', 'Sales'),
              className: 'series-a',
              values: weeks.map((week) => byWeek.get(week)?.sales ?? null),
            },
            {
              name: t('Saldo tabungan', 'Savings balance'),
              className: 'series-b',
              values: weeks.map((week) => byWeek.get(week)?.savingsBalance ?? null),
            },
          ],
          formatValue: formatRupiahShort,
        });
  const weekRows = reports.map(
    (report) =>
      html`<tr>
        <td>${report.week} <span class="optional-text">${formatIsoWeek(report.week, language)}</span></td>
        <td class="number">${formatRupiah(report.sales)}</td>
        <td class="number optional">${formatRupiah(report.spending)}</td>
        <td class="number optional">${formatRupiah(report.savingsDeposit)}</td>
        <td class="number optional">${formatRupiah(report.savingsWithdrawal)}</td>
        <td class="number">${formatRupiah(report.savingsBalance)}</td>
        <td class="optional">
          ${report.channel}${report.revisions.length > 0 ? html` · ${t(`${report.revisions.length}× dikoreksi`, `corrected ${report.revisions.length}×`)}` : ''}
        </td>
      </tr>`,
  );
  return html`<h2>${t('Riwayat mingguan', 'Weekly history')}</h2>
    ${chart}
    ${
      reports.length === 0
        ? ''
        : html`<table class="weeks">
            <thead>
              <tr>
                <th>${t('Minggu', 'Week')}</th>
                <th class="number">${t('Omzet', 'Sales')}</th>
                <th class="number optional">${t('Belanja/modal', 'Spending')}</th>
                <th class="number optional">${t('Menabung', 'Saved')}</th>
                <th class="number optional">${t('Diambil', 'Withdrawn')}</th>
                <th class="number">${t('Saldo tabungan', 'Savings balance')}</th>
                <th class="optional">${t('Lewat', 'Via')}</th>
              </tr>
            </thead>
            <tbody>
              ${weekRows}
            </tbody>
          </table>`
    }`;
}

function sessionSection(
  sessions: FullRecord['sessions'],
  when: (at: Date) => string,
  t: Translate,
): SafeHtml {
  const sessionStatus = {
    planned: t('direncanakan', 'planned'),
    cancelled: t('batal', 'cancelled'),
    done: t('selesai', 'done'),
  };
  const answerLabel = {
    attend: t('akan hadir', 'will attend'),
    decline: t('tidak bisa', 'declined'),
    reschedule: t('minta jadwal lain', 'asked to reschedule'),
  };
  const sessionRows = sessions.map((session) => {
    return html`<tr>
      <td>${when(session.startsAt)}</td>
      <td>${session.topic}</td>
      <td class="optional">${session.place}</td>
      <td class="optional">${sessionStatus[session.status]}</td>
      <td class="optional">${session.answer ? answerLabel[session.answer] : '—'}</td>
      <td>
        ${
          session.present !== undefined
            ? session.present
              ? html`<span class="badge aman">${t('hadir', 'present')}</span>`
              : html`<span class="badge terlambat">${t('tidak hadir', 'absent')}</span>`
            : t('belum dicatat', 'not recorded')
        }
      </td>
    </tr>`;
  });
  return html`<h2>${t('Sesi pendampingan', 'Mentoring sessions')}</h2>
    ${
      sessions.length === 0
        ? html`<p>${t('Belum diundang ke sesi.', 'Not invited to any session yet.')}</p>`
        : html`<table class="sessions">
            <thead>
              <tr>
                <th>${t('Waktu', 'Time')}</th>
                <th>${t('Topik', 'Topic')}</th>
                <th class="optional">${t('Tempat', 'Place')}</th>
                <th class="optional">Status</th>
                <th class="optional">${t('Jawaban', 'Answer')}</th>
                <th>${t('Kehadiran', 'Attendance')}</th>
              </tr>
            </thead>
            <tbody>
              ${sessionRows}
            </tbody>
          </table>`
    }`;
}

function transcriptSection(
  transcript: readonly TranscriptLine[],
  name: string,
  when: (at: Date) => string,
  t: Translate,
): SafeHtml {
  return html`<h2>${t('Percakapan', 'Conversation')}</h2>
    <p class="note">
      ${t(
        `${TRANSCRIPT_LIMIT} pesan terakhir, masuk dan keluar. NIK tidak pernah ditampilkan.`,
        `The last ${TRANSCRIPT_LIMIT} messages, in and out. A NIK is never shown.`,
      )}
    </p>
    ${
      transcript.length === 0
        ? html`<p>${t('Belum ada percakapan.', 'No conversation yet.')}</p>`
        : transcriptList(transcript, name, when, t)
    }`;
}

export function participantDetailView(model: ParticipantDetailModel, t: Translate, viewer: Viewer): SafeHtml {
  const { participant, full } = model;
  const day = (at: Date) => formatOf(viewer.language, model.timeZone, false).format(at);
  const when = (at: Date) => formatOf(viewer.language, model.timeZone, true).format(at);
  const back = html`<p>
    <a href="${PARTICIPANTS_PATH}">${t('Kembali ke daftar peserta', 'Back to the participants')}</a>
  </p>`;
  if (!full) {
    // Only what a complaint needs: who and where, the phone masked; no business, money or chats.
    return html`<h1>${participant.name}</h1>
      <div class="card">
        <dl>
          <dt>Desa</dt>
          <dd>${participant.desa}</dd>
          <dt>${t('No. HP', 'Phone')}</dt>
          <dd>${maskPhone(participant.phone)}</dd>
        </dl>
      </div>
      ${complaintSection(model, day, t)} ${back}`;
  }
  return html`<h1>${participant.name}</h1>
    ${profileCard(participant, full, day, t)} ${history(full.reports, viewer.language, t)}
    ${sessionSection(full.sessions, when, t)} ${complaintSection(model, day, t)}
    ${transcriptSection(full.transcript, participant.name, when, t)} ${back}`;
}
