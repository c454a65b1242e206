import type { Types } from 'mongoose';
import type { StaffLanguage } from '../i18n';
import type { Sheet } from './spreadsheet';
import { wordsIn, type ExportWord } from './words';

export interface ExportedSession {
  _id: Types.ObjectId;
  mentor: Types.ObjectId;
  startsAt: Date;
  place: string;
  topic: string;
  participants: Types.ObjectId[];
  status: 'planned' | 'cancelled' | 'done';
}

export type InvitationAnswer = 'attend' | 'decline' | 'reschedule';

/** One invited participant of one session: their answer to the invitation and whether they came. */
export interface SessionRow {
  session: ExportedSession;
  sessionStatus: string;
  mentor: string | null;
  participant: { name: string; phone: string; desa: string } | undefined;
  answer: InvitationAnswer | undefined;
  present: boolean | undefined;
}

const ANSWER_WORDS: Record<InvitationAnswer, ExportWord> = {
  attend: 'export.willAttend',
  decline: 'export.cannotAttend',
  reschedule: 'export.asksToReschedule',
};

/**
 * A row for every invited participant of every session, in the sessions' order; a session nobody
 * was invited to still gets a row, so that none is missing from the file.
 */
export function sessionRows(
  sessions: ExportedSession[],
  facts: {
    mentors: Map<string, string>;
    participants: Map<string, { name: string; phone: string; desa: string }>;
    answers: Map<string, InvitationAnswer>;
    attendance: Map<string, boolean>;
    statusWord: (status: ExportedSession['status']) => string;
  },
): SessionRow[] {
  return sessions.flatMap((session) => {
    const common = {
      session,
      sessionStatus: facts.statusWord(session.status),
      mentor: facts.mentors.get(String(session.mentor)) ?? null,
    };
    if (session.participants.length === 0) {
      return [{ ...common, participant: undefined, answer: undefined, present: undefined }];
    }
    return session.participants.map((id) => {
      const key = `${String(session._id)} ${String(id)}`;
      return {
        ...common,
        participant: facts.participants.get(String(id)),
        answer: facts.answers.get(key),
        present: facts.attendance.get(key),
      };
    });
  });
}

/** The sessions' sheet, a row per invitation, headed in the viewer's language. */
export function sessionSheet(language?: StaffLanguage): Sheet<SessionRow> {
  const w = wordsIn(language);
  return {
    name: w('export.sessionSheet'),
    columns: [
      { header: w('export.time'), kind: 'time', width: 18, value: (row) => row.session.startsAt },
      { header: w('export.mentor'), kind: 'text', width: 20, value: (row) => row.mentor },
      { header: w('export.place'), kind: 'text', width: 24, value: (row) => row.session.place },
      { header: w('export.topic'), kind: 'text', width: 28, value: (row) => row.session.topic },
      { header: w('export.sessionStatus'), kind: 'text', width: 14, value: (row) => row.sessionStatus },
      {
        header: w('export.participant'),
        kind: 'text',
        width: 24,
        value: (row) => row.participant?.name ?? null,
      },
      {
        header: w('export.phone'),
        kind: 'identifier',
        width: 16,
        value: (row) => row.participant?.phone ?? null,
      },
      { header: w('export.desa'), kind: 'text', width: 16, value: (row) => row.participant?.desa ?? null },
      {
        header: w('export.invitationAnswer'),
        kind: 'text',
        width: 18,
        value: (row) =>
          row.answer ? w(ANSWER_WORDS[row.answer]) : row.participant ? w('export.notAnswered') : null,
      },
      {
        header: w('export.attendance'),
        kind: 'text',
        width: 14,
        value: (row) =>
          row.present === undefined
            ? row.participant
              ? w('export.attendanceNotRecorded')
              : null
            : row.present
              ? w('export.present')
              : w('export.absent'),
      },
    ],
  };
}

/** The sheet in Indonesian, for the dashboard's export until its page passes the viewer's language. */
export const SESSION_SHEET = sessionSheet('id');
