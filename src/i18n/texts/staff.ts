import type { CatalogText } from '../catalog';

/** What Puskesos staff read in answer to their commands in chat (`/aduan`, `/status`, `/ambil`...). */
export const staffTexts = {
  help: {
    id: 'Halo, petugas Puskesos. Pengaduan baru dikirim ke grup staf atau ke chat ini.\n{hint}\nTulis nomornya bila tidak membalas: /ambil PGD-2026-000123. /aduan menampilkan pengaduan terbuka; /status PGD-... rinciannya.\nDi grup Telegram staf, /daftargrup menjadikan grup itu grup pengaduan Puskesos Anda. /bahasa en: pesan dalam bahasa Inggris.',
    en: 'Hello, Puskesos officer. New complaints are posted to the staff group or to this chat.\n{hint}\nWrite the number when not replying: /take PGD-2026-000123. /complaints lists the open ones; /status PGD-... gives the details.\nIn the Telegram staff group, /daftargrup makes it your Puskesos’s complaints group. /language id: messages in Indonesian.',
  },
  sorry: { id: 'Maaf, {problem}.', en: 'Sorry, {problem}.' },
  noPuskesos: {
    id: 'Akun Anda tidak terhubung ke Puskesos mana pun.',
    en: 'Your account is linked to no Puskesos.',
  },
  groupOnly: {
    id: 'Ketik /daftargrup di grup staf, bukan di chat pribadi.',
    en: 'Type /daftargrup in the staff group, not in a private chat.',
  },
  groupRegistered: {
    id: 'Grup ini sekarang menerima pengaduan untuk {name}.',
    en: 'This group now receives the complaints of {name}.',
  },
  languageSet: {
    id: 'Baik, pesan untuk Anda kini dalam bahasa Indonesia.',
    en: 'All right, messages to you are now in English.',
  },
  notFound: {
    id: 'Pengaduan {number} tidak ditemukan di Puskesos Anda.',
    en: 'Complaint {number} was not found in your Puskesos.',
  },
  // `/status PGD-...`: a complaint's details, line by line.
  statusCategory: {
    id: 'Kategori: {category} · Desa: {desa}',
    en: 'Category: {category} · Desa: {desa}',
  },
  statusOfficer: { id: 'Petugas: {officer}{referred}', en: 'Officer: {officer}{referred}' },
  statusNotTaken: { id: 'belum diambil', en: 'not taken yet' },
  statusReferred: { id: ' · Dirujuk ke: {service}', en: ' · Referred to: {service}' },
  statusDue: { id: 'Batas: {when}', en: 'Due: {when}' },
  statusText: { id: 'Isi: {text}', en: 'Text: {text}' },
  statusHistory: { id: 'Riwayat terakhir:', en: 'Latest history:' },
  byComplainant: { id: 'pelapor', en: 'complainant' },
  bySystem: { id: 'sistem', en: 'system' },
  eventReply: { id: 'balasan ke pelapor', en: 'reply to the complainant' },
  eventMessage: { id: 'pesan pelapor', en: 'message from the complainant' },
  eventNote: { id: 'catatan internal', en: 'internal note' },
  eventRating: { id: 'penilaian', en: 'rating' },
  // Why a command on a complaint was refused.
  taken: { id: '{number} sudah diambil oleh {by}.', en: '{number} was already taken by {by}.' },
  alreadyYours: { id: '{number} sudah Anda tangani.', en: '{number} is already yours.' },
  closed: {
    id: '{number} sudah ditutup. Ketik /buka untuk membukanya kembali.',
    en: '{number} is closed. Type /reopen to open it again.',
  },
  answerFirst: {
    id: '{number} belum dijawab: jawab dulu dengan /selesai <jawaban>, lalu pelapor menilainya.',
    en: '{number} has no answer yet: answer it first with /answered <answer>, then the complainant rates it.',
  },
  notRouted: {
    id: '{number} belum diteruskan ke Puskesos: teruskan dulu dari dasbor (Pengaduan).',
    en: '{number} has not been passed to a Puskesos: pass it on from the dashboard (Pengaduan) first.',
  },
  notNow: {
    id: 'Perintah itu tidak berlaku untuk {number} pada statusnya sekarang. Ketik /status {number}.',
    en: 'That command does not apply to {number} in its present status. Type /status {number}.',
  },
  notTheirs: {
    id: '{number} bukan pengaduan Puskesos Anda.',
    en: '{number} is not your Puskesos’s complaint.',
  },
  busy: {
    id: '{number} sedang diubah petugas lain. Coba lagi sebentar.',
    en: '{number} is being changed by another officer. Try again in a moment.',
  },
  unknownComplaint: { id: 'Pengaduan {number} tidak ditemukan.', en: 'Complaint {number} was not found.' },
} as const satisfies Record<string, CatalogText>;
