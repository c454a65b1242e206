import type { Types } from 'mongoose';
import { z } from 'zod';
import { auditActorOf, isAdmin, recordAudit, type Account } from '../../auth';
import { complaintScopeOf } from '../../auth/scopes';
import type { Models } from '../../db/models';
import { weeklyReportKey } from '../../db/models/weekly-report';
import { chatsOf } from '../../domain/privacy';
import { readLedger } from '../../domain/reports/weekly-report-service';
import {
  findParticipantInScope,
  mayChangeParticipant,
  type StoredParticipant,
} from '../actions/participants';
import type { ApiDependencies } from '../api/v1/dependencies';
import { translator, type PageLanguage } from './language';
import { declarePage, show, type Page } from './page';
import {
  HISTORY_WEEKS,
  participantDetailView,
  type FullRecord,
  type ParticipantDetailModel,
} from './participant-detail-view';
import { participantRefusal } from './participants-common';
import { chatTranscript } from './transcript';

const SESSION_LIMIT = 20;
const COMPLAINT_LIMIT = 50;

/** GET /dashboard/peserta/{id}: one participant, as much as the viewer's role may see. */
export function participantDetailPage({ models, auth }: ApiDependencies): Page {
  return declarePage({
    method: 'get',
    path: '/peserta/{id}',
    params: z.object({ id: z.string() }),
    async load(account, { params, now, from, language }) {
      const lookup = await findParticipantInScope(models, account, params.id);
      if (lookup.kind !== 'found') return participantRefusal(lookup.kind);
      const { participant, view } = lookup;
      const complaintScope = complaintScopeOf(account);
      const complaints = await models.complaints
        .find(
          { participant: participant._id, ...(view === 'complaint' ? complaintScope : {}) },
          { number: 1, status: 1, category: 1, createdAt: 1 },
        )
        .sort({ createdAt: -1 })
        .limit(COMPLAINT_LIMIT)
        .lean();
      await recordAudit(
        models,
        {
          actor: auditActorOf(account),
          action: 'participant.read',
          target: String(participant._id),
          from,
          details: { via: 'session', page: 'dashboard', view },
        },
        now,
      );
      return show<ParticipantDetailModel>({
        timeZone: auth.timeZone,
        participant,
        complaintLinks: complaintScope !== undefined,
        complaints,
        full: view === 'complaint' ? undefined : await fullRecord(models, account, participant, language),
      });
    },
    title: (model) => model.participant.name,
    view: participantDetailView,
  });
}

/** The record beyond a complaint's needs: mentors, the weeks, the sessions with answers, the chat. */
async function fullRecord(
  models: Models,
  account: Account,
  participant: StoredParticipant,
  language: PageLanguage,
): Promise<FullRecord> {
  const id = participant._id;
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
    chatTranscript(models, chatsOf(participant.phone, participant.channels), translator(language), {
      part: account.kind === 'mentor' ? 'without-complaints' : 'whole',
    }),
  ]);
  const sessionIds = sessions.map((session) => session._id);
  const [attendance, answers] = await Promise.all([
    models.sessionAttendance.find({ participant: id, session: { $in: sessionIds } }).lean(),
    models.sessionResponses.find({ participant: id, session: { $in: sessionIds } }).lean(),
  ]);
  const ofSession = <E extends { session: unknown }>(entries: E[], session: { _id: unknown }) =>
    entries.find((entry) => String(entry.session) === String(session._id));
  return {
    mayChange: mayChangeParticipant(account, participant),
    admin: isAdmin(account),
    mentorNames: {
      MiBi: mentors.find((mentor) => mentor.type === 'MiBi')?.name,
      TKSK: mentors.find((mentor) => mentor.type === 'TKSK')?.name,
    },
    reports,
    sessions: sessions.map((session) => ({
      startsAt: session.startsAt,
      topic: session.topic,
      place: session.place,
      status: session.status,
      answer: ofSession(answers, session)?.answer,
      present: ofSession(attendance, session)?.present,
    })),
    transcript,
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
