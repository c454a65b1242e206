import { Types } from 'mongoose';
import { CLUSTER_LABELS, type Cluster } from '../../domain/program';
import {
  parseListNumbers,
  planSession,
  recordAttendance,
  sessionTime,
  sessionToRecord,
} from '../../domain/sessions';
import { say as sayIn, text, type TextKey } from '../../i18n';
import { nothing, say, word, type ActionContext, type ActionHandler, type ActionResult } from './types';

const TOPICS: Partial<Record<string, Extract<TextKey, `mentor.topic${string}`>>> = {
  pengelolaan_keuangan: 'mentor.topicFinance',
  pembukuan: 'mentor.topicBookkeeping',
  menabung: 'mentor.topicSaving',
  pemasaran: 'mentor.topicMarketing',
  perizinan: 'mentor.topicPermits',
  other: 'mentor.topicOther',
};

/** The mentor's active participants, in a stable order (the numbers of a list mean the same each time). */
async function myParticipants({ models, mentorId }: ActionContext) {
  const mentor = new Types.ObjectId(mentorId);
  return models.participants
    .find(
      { status: 'active', $or: [{ 'mentors.mibi': mentor }, { 'mentors.tksk': mentor }] },
      { name: 1, desa: 1, kecamatan: 1, cluster: 1 },
    )
    .sort({ kecamatan: 1, desa: 1, name: 1 })
    .lean();
}

const numbered = (people: { name: string; desa: string }[]) =>
  people.map((person, index) => `${index + 1}. ${person.name} (${person.desa})`).join('\n');

const idsOf = (joined: string) => joined.split(',').filter((id) => Types.ObjectId.isValid(id));

// Some answers below are sent in Indonesian whatever the mentor's language, as they always were; their
// English waits in the catalog for when these flows choose.
const outputs = (values: ActionResult['outputs'], messages: ActionResult['messages'] = []): ActionResult => ({
  messages,
  outputs: values,
});

export const listMentorParticipants: ActionHandler = async (_answers, context) => {
  if (!context.mentorId) return nothing();
  const people = await myParticipants(context);
  if (people.length === 0) {
    return outputs({ has_participants: false }, [{ text: sayIn('mentor.noActiveParticipants', 'id') }]);
  }
  return outputs({
    has_participants: true,
    participant_list: numbered(people),
    participant_ids: people.map((person) => String(person._id)).join(','),
  });
};

/** Who a session invites: all the mentor's participants, one kecamatan, one cluster, or those picked. */
export const chooseSessionParticipants: ActionHandler = async (answers, context) => {
  if (!context.mentorId) return nothing();
  const people = await myParticipants(context);
  const who = answers.visit === true ? 'visit' : word(answers.who);
  let chosen = people;
  let none = text('mentor.noActiveParticipants');
  if (who === 'kecamatan') {
    const kecamatan = word(answers.kecamatan).trim().toLowerCase();
    chosen = people.filter((person) => person.kecamatan.toLowerCase() === kecamatan);
    const known = [...new Set(people.map((person) => person.kecamatan))].join(', ');
    none = text('mentor.noneInKecamatan', { kecamatan: word(answers.kecamatan), known: known || '-' });
  } else if (who === 'cluster') {
    chosen = people.filter((person) => person.cluster === word(answers.cluster));
    none = text('mentor.noneInCluster', {
      cluster: CLUSTER_LABELS[word(answers.cluster) as Cluster] ?? word(answers.cluster),
    });
  } else if (who === 'visit') {
    chosen = people.filter((person) => String(person._id) === word(answers.visit_participant));
    none = text('mentor.noLongerYours');
  } else if (who === 'pick') {
    const listed = idsOf(word(answers.participant_ids));
    const picked = parseListNumbers(word(answers.pick), listed.length);
    if (!picked.ok) return outputs({ chosen_ok: false }, [{ text: picked.reason }]);
    const ids = new Set(picked.positions.map((position) => listed[position]));
    chosen = people.filter((person) => ids.has(String(person._id)));
    none = text('mentor.nonePicked');
  }
  if (chosen.length === 0)
    return outputs({ chosen_ok: false }, [{ text: sayIn('mentor.chooseAgain', 'id', { none }) }]);
  const names = chosen
    .slice(0, 5)
    .map((person) => person.name)
    .join(', ');
  const shown = chosen.length > 5 ? sayIn('mentor.andMore', 'id', { names, more: chosen.length - 5 }) : names;
  return outputs({
    chosen_ok: true,
    chosen_names: sayIn('mentor.chosen', 'id', { count: chosen.length, names: shown }),
    chosen_ids: chosen.map((person) => String(person._id)).join(','),
  });
};

export const planMentorSession: ActionHandler = async (answers, context) => {
  if (!context.mentorId) return nothing();
  const startsAt = new Date(word(answers.when));
  const participants = idsOf(word(answers.chosen_ids)).map((id) => new Types.ObjectId(id));
  if (Number.isNaN(startsAt.getTime()) || participants.length === 0) return nothing();
  const { invited } = await planSession(
    context.models,
    {
      mentor: new Types.ObjectId(context.mentorId),
      startsAt,
      place: word(answers.place).trim(),
      topic: sayIn(TOPICS[word(answers.topic)] ?? 'mentor.topicOther', 'id'),
      participants,
    },
    {
      now: context.now,
      timeZone: context.timeZone,
      allowedFrom: context.allowedFrom,
      fallback: context.complaints.fallback,
    },
  );
  // Invitations planned in quiet hours wait for them to end: the mentor is told when they will go.
  const sendAt = context.allowedFrom(context.now);
  const later = sendAt.getTime() > context.now.getTime();
  const at = (language: 'id' | 'en') => sessionTime(sendAt, language, context.timeZone);
  const count = participants.length;
  const invitations = later
    ? text('mentor.invitationsLater', { count, at: { id: at('id'), en: at('en') } })
    : text('mentor.invitationsSent', { count });
  return say(text('mentor.invitationsPlanned', { invitations, invited }), context.language);
};

export const findAttendanceSession: ActionHandler = async (_answers, context) => {
  if (!context.mentorId) return nothing();
  const session = await sessionToRecord(context.models, new Types.ObjectId(context.mentorId), context.now);
  if (!session || session.participants.length === 0) {
    return outputs({ has_session: false }, [{ text: sayIn('mentor.noSessionToRecord', context.language) }]);
  }
  const people = await context.models.participants
    .find({ _id: { $in: session.participants } }, { name: 1, desa: 1 })
    .sort({ name: 1 })
    .lean();
  return outputs({
    has_session: true,
    session_id: String(session._id),
    session_summary: sayIn('mentor.sessionSummary', context.language, {
      topic: session.topic,
      when: sessionTime(session.startsAt, context.language, context.timeZone),
      place: session.place,
    }),
    participant_list: numbered(people),
    participant_ids: people.map((person) => String(person._id)).join(','),
  });
};

export const recordSessionAttendance: ActionHandler = async (answers, context) => {
  if (!context.mentorId) return nothing();
  const listed = idsOf(word(answers.participant_ids));
  const picked = parseListNumbers(word(answers.present), listed.length);
  if (!picked.ok) return outputs({ attendance_ok: false }, [{ text: picked.reason }]);
  const session = await context.models.mentoringSessions
    .findOne({ _id: word(answers.session_id), mentor: context.mentorId }, { participants: 1 })
    .lean();
  if (!session) return outputs({ attendance_ok: true }, [{ text: sayIn('mentor.sessionGone', 'id') }]);
  const present = new Set(picked.positions.flatMap((position) => listed[position] ?? []));
  const counted = await recordAttendance(
    context.models,
    session,
    present,
    new Types.ObjectId(context.mentorId),
    context.now,
  );
  const recorded = sayIn('mentor.attendanceRecorded', context.language, {
    present: counted.present,
    invited: counted.invited,
  });
  return outputs({ attendance_ok: true }, [{ text: recorded }]);
};
