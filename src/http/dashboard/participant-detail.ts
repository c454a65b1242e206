import type { Request, Response } from 'express';
import type { Types } from 'mongoose';
import { auditActorOf, isAdmin, recordAudit } from '../../auth';
import type { ComplaintStatus } from '../../domain/complaints';
import type { Models } from '../../db/models';
import { weeklyReportKey } from '../../db/models/weekly-report';
import { readLedger } from '../../domain/reports/weekly-report-service';
import { shiftIsoWeek } from '../../domain/calendar';
import { formatRupiahShort } from '../../domain/digests/chart-data';
import { formatIsoWeek, formatRupiah } from '../../domain/display';
import { maskPhone } from '../../domain/identity';
import { chatsOf } from '../../domain/privacy';
import { CLUSTER_LABELS, STAGE_LABELS } from '../../domain/program';
import type { ApiDependencies } from '../api/v1/dependencies';
import { complaintScopeOf } from '../../auth/scopes';
import { findParticipantInScope, mayChangeParticipant } from '../actions/participants';
import { fromOf } from '../request-from';
import { takeFlash } from './form-cookies';
import { html, type SafeHtml } from './html';
import { translator, type Translate } from './language';
import { page, type Viewer } from './layout';
import {
  LANGUAGE_LABELS,
  PARTICIPANTS_PATH,
  refuseParticipant,
  statusLabel,
  TIME_ZONE_LABELS,
} from './participants-common';
import { svgChart } from './svg-chart';
import { TRANSCRIPT_LIMIT } from '../../domain/transcripts';
import { chatTranscript, transcriptList } from './transcript';

/** Half a year of weeks: the three months of mentoring and what came after. */
const HISTORY_WEEKS = 26;
const SESSION_LIMIT = 20;
const COMPLAINT_LIMIT = 50;

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

export function participantDetailPage({ models, auth, clock }: ApiDependencies) {
  const cookies = { security: auth.cookieSecurity };

  return async function detail(request: Request, response: Response, viewer: Viewer) {
    const t = translator(viewer.language);
    const language = viewer.language;
    const when = (at: Date) =>
      new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
        timeZone: auth.timeZone,
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }).format(at);
    const day = (at: Date) =>
      new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
        timeZone: auth.timeZone,
        day: 'numeric',
        month: 'short',
        year: 'numeric',
      }).format(at);

    const lookup = await findParticipantInScope(models, viewer.account, String(request.params.id));
    if (lookup.kind !== 'found') return refuseParticipant(response, lookup.kind, viewer, t);
    const { participant, view } = lookup;
    const id = participant._id;
    const complaintScope = complaintScopeOf(viewer.account);
    const now = clock();

    const complaints = await models.complaints
      .find(
        { participant: id, ...(view === 'complaint' ? complaintScope : {}) },
        { number: 1, status: 1, category: 1, createdAt: 1 },
      )
      .sort({ createdAt: -1 })
      .limit(COMPLAINT_LIMIT)
      .lean();
    const complaintRows = complaints.map(
      (complaint) =>
        html`<tr>
          <td>
            ${
              complaintScope
                ? html`<a href="/dashboard/pengaduan/${complaint.number}">${complaint.number}</a>`
                : complaint.number
            }
          </td>
          <td>${complaintStatusLabel(complaint.status, t)}</td>
          <td class="optional">${complaint.category}</td>
          <td>${day(complaint.createdAt)}</td>
        </tr>`,
    );
    const complaintSection = html`<h2>${t('Pengaduan', 'Complaints')}</h2>
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

    await recordAudit(
      models,
      {
        actor: auditActorOf(viewer.account),
        action: 'participant.read',
        target: String(id),
        from: fromOf(request),
        details: { via: 'session', page: 'dashboard', view },
      },
      now,
    );

    if (view === 'complaint') {
      // Only what a complaint needs: who and where, the phone masked; no business, money or chats.
      const content = html`<h1>${participant.name}</h1>
        <div class="card">
          <dl>
            <dt>Desa</dt>
            <dd>${participant.desa}</dd>
            <dt>${t('No. HP', 'Phone')}</dt>
            <dd>${maskPhone(participant.phone)}</dd>
          </dl>
        </div>
        ${complaintSection}
        <p>
          <a href="${PARTICIPANTS_PATH}">${t('Kembali ke daftar peserta', 'Back to the participants')}</a>
        </p>`;
      response.send(String(page(participant.name, content, viewer, takeFlash(request, response, cookies))));
      return;
    }

    const mentorIds = [participant.mentors?.mibi, participant.mentors?.tksk].filter(
      (mentor): mentor is Types.ObjectId => Boolean(mentor),
    );
    const [mentors, reports, sessions, transcript] = await Promise.all([
      models.mentors.find({ _id: { $in: mentorIds } }, { name: 1, type: 1 }).lean(),
      latestReports(models, id, HISTORY_WEEKS),
      models.mentoringSessions
        .find({ participants: id }, { startsAt: 1, place: 1, topic: 1, status: 1 })
        .sort({ startsAt: -1 })
        .limit(SESSION_LIMIT)
        .lean(),
      chatTranscript(models, chatsOf(participant.phone, participant.channels), t, {
        part: viewer.account.kind === 'mentor' ? 'without-complaints' : 'whole',
      }),
    ]);
    const sessionIds = sessions.map((session) => session._id);
    const [attendance, answers] = await Promise.all([
      models.sessionAttendance.find({ participant: id, session: { $in: sessionIds } }).lean(),
      models.sessionResponses.find({ participant: id, session: { $in: sessionIds } }).lean(),
    ]);

    const mentorName = (type: 'MiBi' | 'TKSK') => mentors.find((mentor) => mentor.type === type)?.name ?? '—';
    const profile = html`<div class="card">
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
        mayChangeParticipant(viewer.account, participant)
          ? html`<p>
              <a class="button" href="${PARTICIPANTS_PATH}/${String(id)}/ubah">${t('Ubah data', 'Edit')}</a>
              ${
                isAdmin(viewer.account)
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

    // Oldest first for the chart, every week in between shown (a gap where nothing was reported).
    const oldestFirst = [...reports].reverse();
    const byWeek = new Map(oldestFirst.map((report) => [report.week, report]));
    const weeks: string[] = [];
    const first = oldestFirst[0]?.week;
    const last = oldestFirst[oldestFirst.length - 1]?.week;
    if (first && last) {
      for (let week = first; weeks.length < HISTORY_WEEKS * 2; week = shiftIsoWeek(week, 1)) {
        weeks.push(week);
        if (week === last) break;
      }
    }
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
    const history = html`<h2>${t('Riwayat mingguan', 'Weekly history')}</h2>
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
      const present = attendance.find((entry) => String(entry.session) === String(session._id));
      const answer = answers.find((entry) => String(entry.session) === String(session._id));
      return html`<tr>
        <td>${when(session.startsAt)}</td>
        <td>${session.topic}</td>
        <td class="optional">${session.place}</td>
        <td class="optional">${sessionStatus[session.status]}</td>
        <td class="optional">${answer ? answerLabel[answer.answer] : '—'}</td>
        <td>
          ${
            present
              ? present.present
                ? html`<span class="badge aman">${t('hadir', 'present')}</span>`
                : html`<span class="badge terlambat">${t('tidak hadir', 'absent')}</span>`
              : t('belum dicatat', 'not recorded')
          }
        </td>
      </tr>`;
    });
    const sessionSection = html`<h2>${t('Sesi pendampingan', 'Mentoring sessions')}</h2>
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

    const transcriptSection: SafeHtml = html`<h2>${t('Percakapan', 'Conversation')}</h2>
      <p class="note">
        ${t(
          `${TRANSCRIPT_LIMIT} pesan terakhir, masuk dan keluar. NIK tidak pernah ditampilkan.`,
          `The last ${TRANSCRIPT_LIMIT} messages, in and out. A NIK is never shown.`,
        )}
      </p>
      ${
        transcript.length === 0
          ? html`<p>${t('Belum ada percakapan.', 'No conversation yet.')}</p>`
          : transcriptList(transcript, participant.name, when, t)
      }`;

    const content = html`<h1>${participant.name}</h1>
      ${profile} ${history} ${sessionSection} ${complaintSection} ${transcriptSection}
      <p>
        <a href="${PARTICIPANTS_PATH}">${t('Kembali ke daftar peserta', 'Back to the participants')}</a>
      </p>`;
    response.send(String(page(participant.name, content, viewer, takeFlash(request, response, cookies))));
  };
}

/**
 * The participant's latest reports, newest first: their weeks from the ledger, each report then read
 * by its key, so the page reads what it shows and not every report of the programme.
 */
async function latestReports(models: Models, participant: Types.ObjectId, count: number) {
  const weeks = Object.keys(await readLedger(models, participant))
    .sort()
    .reverse()
    .slice(0, count);
  const reports = await Promise.all(
    weeks.map((week) => models.weeklyReports.findById(weeklyReportKey(participant, week)).lean()),
  );
  return reports.filter((report) => report !== null);
}
