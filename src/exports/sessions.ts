import type { Types } from 'mongoose';
import type { Sheet } from './spreadsheet';

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

const ANSWER_WORDS: Record<InvitationAnswer, string> = {
  attend: 'akan hadir',
  decline: 'tidak bisa',
  reschedule: 'minta jadwal lain',
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

export const SESSION_SHEET: Sheet<SessionRow> = {
  name: 'Sesi dan kehadiran',
  columns: [
    { header: 'Waktu', kind: 'time', width: 18, value: (row) => row.session.startsAt },
    { header: 'Pendamping', kind: 'text', width: 20, value: (row) => row.mentor },
    { header: 'Tempat', kind: 'text', width: 24, value: (row) => row.session.place },
    { header: 'Topik', kind: 'text', width: 28, value: (row) => row.session.topic },
    { header: 'Status sesi', kind: 'text', width: 14, value: (row) => row.sessionStatus },
    { header: 'Peserta', kind: 'text', width: 24, value: (row) => row.participant?.name ?? null },
    { header: 'No. HP', kind: 'identifier', width: 16, value: (row) => row.participant?.phone ?? null },
    { header: 'Desa', kind: 'text', width: 16, value: (row) => row.participant?.desa ?? null },
    {
      header: 'Jawaban undangan',
      kind: 'text',
      width: 18,
      value: (row) => (row.answer ? ANSWER_WORDS[row.answer] : row.participant ? 'belum menjawab' : null),
    },
    {
      header: 'Kehadiran',
      kind: 'text',
      width: 14,
      value: (row) =>
        row.present === undefined
          ? row.participant
            ? 'belum dicatat'
            : null
          : row.present
            ? 'hadir'
            : 'tidak hadir',
    },
  ],
};
