import { Types } from 'mongoose';
import { CLUSTER_LABELS, type Cluster } from '../../domain/program';
import {
  parseListNumbers,
  planSession,
  recordAttendance,
  sessionTime,
  sessionToRecord,
} from '../../domain/sessions';
import { inLanguage } from '../../engine/text';
import { nothing, say, word, type ActionContext, type ActionHandler, type ActionResult } from './types';

const TOPICS: Record<string, string> = {
  pengelolaan_keuangan: 'Pengelolaan keuangan',
  pembukuan: 'Pembukuan',
  menabung: 'Menabung',
  pemasaran: 'Pemasaran',
  perizinan: 'Perizinan usaha',
  other: 'Pendampingan',
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

const idsOf = (text: string) => text.split(',').filter((id) => Types.ObjectId.isValid(id));

const outputs = (values: ActionResult['outputs'], messages: ActionResult['messages'] = []): ActionResult => ({
  messages,
  outputs: values,
});

export const listMentorParticipants: ActionHandler = async (_answers, context) => {
  if (!context.mentorId) return nothing();
  const people = await myParticipants(context);
  if (people.length === 0) {
    return outputs({ has_participants: false }, [
      { text: 'Belum ada peserta aktif yang Bapak/Ibu dampingi.' },
    ]);
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
  let none = 'Belum ada peserta aktif yang Bapak/Ibu dampingi.';
  if (who === 'kecamatan') {
    const kecamatan = word(answers.kecamatan).trim().toLowerCase();
    chosen = people.filter((person) => person.kecamatan.toLowerCase() === kecamatan);
    const known = [...new Set(people.map((person) => person.kecamatan))].join(', ');
    none = `Tidak ada peserta Bapak/Ibu di kecamatan "${word(answers.kecamatan)}". Kecamatan peserta Bapak/Ibu: ${known || '-'}.`;
  } else if (who === 'cluster') {
    chosen = people.filter((person) => person.cluster === word(answers.cluster));
    none = `Tidak ada peserta Bapak/Ibu di klaster ${CLUSTER_LABELS[word(answers.cluster) as Cluster] ?? word(answers.cluster)}.`;
  } else if (who === 'visit') {
    chosen = people.filter((person) => String(person._id) === word(answers.visit_participant));
    none = 'Peserta itu tidak lagi aktif dalam dampingan Bapak/Ibu.';
  } else if (who === 'pick') {
    const listed = idsOf(word(answers.participant_ids));
    const picked = parseListNumbers(word(answers.pick), listed.length);
    if (!picked.ok) return outputs({ chosen_ok: false }, [{ text: picked.reason }]);
    const ids = new Set(picked.positions.map((position) => listed[position]));
    chosen = people.filter((person) => ids.has(String(person._id)));
    none = 'Belum ada peserta yang dipilih.';
  }
  if (chosen.length === 0) return outputs({ chosen_ok: false }, [{ text: `${none} Silakan pilih lagi.` }]);
  const names = chosen.slice(0, 5).map((person) => person.name);
  const more = chosen.length > 5 ? ` dan ${chosen.length - 5} lainnya` : '';
  return outputs({
    chosen_ok: true,
    chosen_names: `${chosen.length} peserta: ${names.join(', ')}${more}`,
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
      topic: TOPICS[word(answers.topic)] ?? 'Pendampingan',
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
  return say(
    {
      id: `${later ? `Undangan untuk ${count} peserta akan dikirim ${at('id')}, setelah jam tenang` : `Undangan dikirim ke ${count} peserta`} (${invited} pesan termasuk pengingat sehari dan 2 jam sebelumnya). Setelah sesi, ketik HADIR untuk mencatat kehadiran.`,
      en: `${later ? `Invitations to ${count} participants will go out on ${at('en')}, after quiet hours` : `Invitations sent to ${count} participants`} (${invited} messages including reminders a day and 2 hours before). After the session, type HADIR to record attendance.`,
    },
    context.language,
  );
};

export const findAttendanceSession: ActionHandler = async (_answers, context) => {
  if (!context.mentorId) return nothing();
  const session = await sessionToRecord(context.models, new Types.ObjectId(context.mentorId), context.now);
  if (!session || session.participants.length === 0) {
    const none = {
      id: 'Belum ada sesi pendampingan Bapak/Ibu yang sudah dimulai dalam 2 minggu terakhir.',
      en: 'None of your mentoring sessions has begun in the last 2 weeks.',
    };
    return outputs({ has_session: false }, [{ text: inLanguage(none, context.language) }]);
  }
  const people = await context.models.participants
    .find({ _id: { $in: session.participants } }, { name: 1, desa: 1 })
    .sort({ name: 1 })
    .lean();
  return outputs({
    has_session: true,
    session_id: String(session._id),
    session_summary: `"${session.topic}", ${sessionTime(session.startsAt, context.language, context.timeZone)}, ${inLanguage({ id: 'di', en: 'at' }, context.language)} ${session.place}`,
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
  if (!session) return outputs({ attendance_ok: true }, [{ text: 'Sesi itu tidak ditemukan lagi.' }]);
  const present = new Set(picked.positions.flatMap((position) => listed[position] ?? []));
  const counted = await recordAttendance(
    context.models,
    session,
    present,
    new Types.ObjectId(context.mentorId),
    context.now,
  );
  const recorded = {
    id: `Kehadiran tercatat: ${counted.present} dari ${counted.invited} peserta hadir. Terima kasih.`,
    en: `Attendance recorded: ${counted.present} of ${counted.invited} participants came. Thank you.`,
  };
  return outputs({ attendance_ok: true }, [{ text: inLanguage(recorded, context.language) }]);
};
