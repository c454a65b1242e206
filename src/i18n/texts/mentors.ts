import type { CatalogText } from '../catalog';

/** What mentors read in chat outside their flows: the answers to their taps and typed commands. */
export const mentorTexts = {
  // After tapping "Ingatkan" under their digest (or typing INGATKAN <nama>).
  nudgeQueued: { id: 'Pengingat dikirim ke {name}.', en: 'Reminder sent to {name}.' },
  nudgeAlreadyToday: {
    id: '{name} sudah diingatkan hari ini.',
    en: '{name} has already been reminded today.',
  },
  nudgeNotYours: {
    id: 'Peserta itu bukan dampingan Bapak/Ibu.',
    en: 'That participant is not one of yours.',
  },
  nudgeStopped: {
    id: '{name} meminta tidak dikirimi pengingat (STOP); silakan hubungi langsung.',
    en: '{name} asked for no reminders (STOP); please contact them directly.',
  },
  nudgeUnreachable: {
    id: '{name} belum punya akun chat tercatat; silakan hubungi langsung.',
    en: '{name} has no chat app on record; please contact them directly.',
  },
  theParticipant: { id: 'peserta', en: 'the participant' },
  // A typed digest action whose name does not pick out one of the mentor's participants.
  severalNamed: {
    id: 'Ada {count} peserta: {names}. Ketik nama lengkapnya.',
    en: 'There are {count} {count:participant|participants}: {names}. Type the full name.',
  },
  noneNamed: {
    id: 'Tidak ada peserta dampingan Bapak/Ibu bernama "{name}".',
    en: 'None of your participants is called "{name}".',
  },
  help: {
    id: 'Halo, Bapak/Ibu pendamping. Ketik:\n- RINGKASAN: ringkasan peserta minggu lalu (RINGKASAN MINGGU INI untuk minggu berjalan)\n- SESI: jadwalkan pendampingan dan kirim undangan\n- JADWAL: sesi yang akan datang dan jawaban peserta\n- HADIR: catat kehadiran sesi terakhir\n- INGATKAN <nama>: kirim pengingat lapor ke peserta; KUNJUNGI <nama>: rencanakan kunjungan\nHello, mentor. Type BAHASA EN for English.',
    en: "Hello, mentor. Type:\n- SUMMARY: last week's digest of your participants (SUMMARY THIS WEEK for the current week)\n- SESI: plan a mentoring session and send the invitations\n- JADWAL: the sessions to come and how participants answered\n- HADIR: record attendance of the latest session\n- REMIND <name>: send a participant a reminder to report; VISIT <name>: plan a visit\nKetik BAHASA ID untuk Bahasa Indonesia.",
  },
  languageSet: {
    id: 'Baik, Bapak/Ibu: pesan untuk Bapak/Ibu kini dalam Bahasa Indonesia.',
    en: 'All right: messages to you are now in English.',
    su: 'Muhun, Bapak/Ibu: pesen kanggo Bapak/Ibu ayeuna dina basa Sunda, upami aya.',
  },
  noSessions: {
    id: 'Tidak ada sesi pendampingan dalam 30 hari ke depan. Ketik SESI untuk menjadwalkan.',
    en: 'No mentoring sessions in the next 30 days. Type SESI to plan one.',
  },
  sessionsHeading: { id: 'Sesi pendampingan yang akan datang:', en: 'Mentoring sessions to come:' },
  sessionAnswers: {
    id: '{invited} diundang, {attend} akan hadir, {decline} tidak bisa, {reschedule} minta jadwal lain',
    en: '{invited} invited, {attend} coming, {decline} cannot come, {reschedule} asked for another date',
  },
  // The session and attendance flows' own answers.
  noActiveParticipants: {
    id: 'Belum ada peserta aktif yang Bapak/Ibu dampingi.',
    en: 'You have no active participants yet.',
  },
  noneInKecamatan: {
    id: 'Tidak ada peserta Bapak/Ibu di kecamatan "{kecamatan}". Kecamatan peserta Bapak/Ibu: {known}.',
    en: 'None of your participants lives in kecamatan "{kecamatan}". Your participants\' kecamatan: {known}.',
  },
  noneInCluster: {
    id: 'Tidak ada peserta Bapak/Ibu di klaster {cluster}.',
    en: 'None of your participants is in the {cluster} cluster.',
  },
  noLongerYours: {
    id: 'Peserta itu tidak lagi aktif dalam dampingan Bapak/Ibu.',
    en: 'That participant is no longer an active one of yours.',
  },
  nonePicked: { id: 'Belum ada peserta yang dipilih.', en: 'No participant was picked.' },
  chooseAgain: { id: '{none} Silakan pilih lagi.', en: '{none} Please choose again.' },
  chosen: { id: '{count} peserta: {names}', en: '{count} {count:participant|participants}: {names}' },
  andMore: { id: '{names} dan {more} lainnya', en: '{names} and {more} more' },
  invitationsLater: {
    id: 'Undangan untuk {count} peserta akan dikirim {at}, setelah jam tenang',
    en: 'Invitations to {count} {count:participant|participants} will go out on {at}, after quiet hours',
  },
  invitationsSent: {
    id: 'Undangan dikirim ke {count} peserta',
    en: 'Invitations sent to {count} {count:participant|participants}',
  },
  invitationsPlanned: {
    id: '{invitations} ({invited} pesan termasuk pengingat sehari dan 2 jam sebelumnya). Setelah sesi, ketik HADIR untuk mencatat kehadiran.',
    en: '{invitations} ({invited} messages including reminders a day and 2 hours before). After the session, type HADIR to record attendance.',
  },
  noSessionToRecord: {
    id: 'Belum ada sesi pendampingan Bapak/Ibu yang sudah dimulai dalam 2 minggu terakhir.',
    en: 'None of your mentoring sessions has begun in the last 2 weeks.',
  },
  sessionSummary: { id: '"{topic}", {when}, di {place}', en: '"{topic}", {when}, at {place}' },
  sessionGone: { id: 'Sesi itu tidak ditemukan lagi.', en: 'That session is no longer found.' },
  attendanceRecorded: {
    id: 'Kehadiran tercatat: {present} dari {invited} peserta hadir. Terima kasih.',
    en: 'Attendance recorded: {present} of {invited} {invited:participant|participants} came. Thank you.',
  },
  // A session's topic, stored in Indonesian with the session: one text for all it invites.
  topicFinance: { id: 'Pengelolaan keuangan', en: 'Financial management' },
  topicBookkeeping: { id: 'Pembukuan', en: 'Bookkeeping' },
  topicSaving: { id: 'Menabung', en: 'Saving' },
  topicMarketing: { id: 'Pemasaran', en: 'Marketing' },
  topicPermits: { id: 'Perizinan usaha', en: 'Business permits' },
  topicOther: { id: 'Pendampingan', en: 'Mentoring' },
} as const satisfies Record<string, CatalogText>;
