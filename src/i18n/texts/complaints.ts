import type { CatalogText } from '../catalog';

/** Complaints: what the complainant is told, and what the Puskesos staff and Dinsos read in chat. */
export const complaintTexts = {
  statusUnrouted: {
    id: 'tersimpan, menunggu Dinas Sosial meneruskannya ke Puskesos',
    en: 'stored, waiting for the social affairs office to pass it to a Puskesos',
    su: 'disimpen, ngantosan Dinas Sosial neraskeun ka Puskesos',
  },
  statusNew: {
    id: 'diterima sistem, menunggu petugas',
    en: 'received, waiting for staff',
    su: 'katampi, ngantosan petugas',
  },
  statusAcknowledged: {
    id: 'sudah diterima petugas',
    en: 'acknowledged by staff',
    su: 'parantos katampi petugas',
  },
  statusInProgress: { id: 'sedang ditangani', en: 'being handled', su: 'nuju diurus' },
  statusReferred: {
    id: 'dirujuk ke layanan lain',
    en: 'referred to another service',
    su: 'dirujuk ka layanan sanés',
  },
  statusAnswered: { id: 'sudah dijawab', en: 'answered', su: 'parantos diwaler' },
  statusClosed: { id: 'selesai dan ditutup', en: 'resolved and closed', su: 'réngsé sareng ditutup' },
  statusReopened: { id: 'dibuka kembali', en: 'reopened', su: 'dibuka deui' },
  reply: {
    id: 'Balasan {puskesos} untuk pengaduan {number}:\n{text}',
    en: 'Reply from {puskesos} about complaint {number}:\n{text}',
    su: 'Waleran {puskesos} kanggo pangaduan {number}:\n{text}',
  },
  // A complaint becomes `new` again only when the Dinsos passes an unrouted one to a Puskesos.
  routed: {
    id: 'Pengaduan {number} sudah diteruskan ke {puskesos} dan menunggu petugas.',
    en: 'Complaint {number} has been passed to {puskesos} and is waiting for its staff.',
    su: 'Pangaduan {number} parantos diteraskeun ka {puskesos} sareng ngantosan petugas.',
  },
  statusChanged: {
    id: 'Pengaduan {number} {status}{referred}. {puskesos}',
    en: 'Complaint {number} is {status}{referred}. {puskesos}',
    su: 'Pangaduan {number} {status}{referred}. {puskesos}',
  },
  newPostTitle: { id: 'Pengaduan baru {number}', en: 'New complaint {number}' },
  newPostCategory: { id: 'Kategori: {category}', en: 'Category: {category}' },
  newPostDesa: { id: 'Desa: {desa}', en: 'Desa: {desa}' },
  newPostComplainant: { id: 'Pelapor: {phone}{participant}', en: 'Complainant: {phone}{participant}' },
  withoutNumber: { id: 'tanpa nomor', en: 'no number' },
  aParticipant: { id: ' (peserta ProKUS)', en: ' (ProKUS participant)' },
  newPostText: { id: 'Isi: {text}', en: 'Text: {text}' },
  newPostPhotos: { id: 'Foto: {count} (terlampir)', en: 'Photos: {count} (attached)' },
  newPostAcknowledgeBy: { id: 'Tanggapi sebelum: {when}', en: 'Acknowledge before: {when}' },
  staffHint: {
    id: 'Balas pesan ini untuk menjawab pelapor. Perintah: /ambil, /rujuk <layanan>, /selesai, /tutup, /catatan <teks>, /buka.',
    en: 'Reply to this message to answer the complainant. Commands: /take, /refer <service>, /answered, /close, /note <text>, /reopen.',
  },
  complainantMessage: {
    id: 'Pesan pelapor untuk {number}:\n{text}\n\n(Balas pesan ini untuk menjawab.)',
    en: 'Message from the complainant about {number}:\n{text}\n\n(Reply to this message to answer.)',
  },
  theComplainant: { id: 'pelapor', en: 'the complainant' },
  announceReply: {
    id: '{number}: balasan {who} terkirim ke pelapor.',
    en: "{number}: {who}'s reply was sent to the complainant.",
  },
  announceNote: {
    id: '{number}: catatan internal dari {who} disimpan (tidak dikirim ke pelapor).',
    en: '{number}: internal note from {who} saved (not sent to the complainant).',
  },
  announceRating: {
    id: '{number}: penilaian pelapor {rating}.',
    en: "{number}: the complainant's rating {rating}.",
  },
  announceUnrouted: { id: '{number} menunggu Puskesos.', en: '{number} waiting for a Puskesos.' },
  announceRouted: {
    id: '{number} diteruskan ke {puskesos} oleh {who}.',
    en: '{number} passed to {puskesos} by {who}.',
  },
  announceNew: { id: '{number} baru.', en: '{number} new.' },
  announceAcknowledged: { id: '{number} diterima oleh {who}.', en: '{number} acknowledged by {who}.' },
  announceInProgress: { id: '{number} diambil oleh {who}.', en: '{number} taken by {who}.' },
  announceReferred: {
    id: '{number} dirujuk ke {service} oleh {who}.',
    en: '{number} referred to {service} by {who}.',
  },
  anotherService: { id: 'layanan lain', en: 'another service' },
  announceAnswered: {
    id: '{number} dijawab oleh {who}; pelapor diminta menilai.',
    en: '{number} answered by {who}; the complainant is asked to rate it.',
  },
  announceClosed: { id: '{number} ditutup oleh {who}.', en: '{number} closed by {who}.' },
  announceReopened: {
    id: '{number} dibuka kembali oleh {who}{note}.',
    en: '{number} reopened by {who}{note}.',
  },
  receivedByChat: { id: 'diterima lewat chat', en: 'received by chat' },
  receivedWithoutPuskesos: {
    id: 'diterima lewat chat; belum ada Puskesos untuk desa ini',
    en: 'received by chat; no Puskesos serves this desa yet',
  },
  severalQuoted: {
    id: 'pesan itu menyebut beberapa pengaduan; balas postingan pengaduannya sendiri',
    en: 'that message names several complaints; reply to the complaint’s own post',
  },
  unknownCommand: { id: 'perintah /{command} tidak dikenal', en: '/{command} is no command' },
  languageExample: { id: 'tulis /bahasa id atau /bahasa en', en: 'type /language en or /language id' },
  whichComplaint: {
    id: 'balas pesan pengaduannya, atau tulis nomornya: /{command} PGD-2026-000123',
    en: 'reply to the complaint’s message, or write its number: /{command} PGD-2026-000123',
  },
  referWhere: {
    id: 'tulis layanan rujukannya, contoh: /rujuk Dinas Kesehatan',
    en: 'write the service it goes to, for example: /refer Dinas Kesehatan',
  },
  noteWhat: {
    id: 'tulis catatannya, contoh: /catatan sudah telepon Dinas',
    en: 'write the note, for example: /note called the Dinas',
  },
  noneOpen: { id: '{puskesos}: tidak ada pengaduan terbuka.', en: '{puskesos}: no open complaints.' },
  openTitle: {
    id: 'Pengaduan terbuka {puskesos}: {count}, terlambat {overdue}',
    en: 'Open complaints {puskesos}: {count}, overdue {overdue}',
  },
  overdueSince: { id: 'TERLAMBAT sejak {when}', en: 'OVERDUE since {when}' },
  dueBy: { id: 'batas {when}', en: 'due {when}' },
  ageInDays: { id: '{days} hari', en: '{days} {days:day|days}' },
  takenBy: { id: 'oleh {name}', en: 'by {name}' },
  notTaken: { id: 'belum diambil', en: 'not taken' },
  slaAbout: {
    id: '{number} ({category}, {desa}, {puskesos}): {status}',
    en: '{number} ({category}, {desa}, {puskesos}): {status}',
  },
  toAcknowledge: { id: 'ditanggapi', en: 'acknowledged' },
  toAnswer: { id: 'dijawab', en: 'answered' },
  slaReminder: {
    id: 'Pengingat: {about}. Harus {what} sebelum {deadline}.',
    en: 'Reminder: {about}. To be {what} before {deadline}.',
  },
  slaOverdue: {
    id: 'TERLAMBAT: {about}. Batas {what} {deadline} sudah lewat{handler}.',
    en: 'OVERDUE: {about}. The deadline to be {what}, {deadline}, has passed{handler}.',
  },
  handledBy: { id: '; ditangani {name}', en: '; handled by {name}' },
  notTakenByStaff: { id: '; belum diambil petugas', en: '; not yet taken by staff' },
  slaEscalated: {
    id: 'ESKALASI Dinsos: {about}. Batas {what} {deadline} lewat lebih dari 1 hari kerja.',
    en: 'ESCALATED to Dinsos: {about}. The deadline to be {what}, {deadline}, passed more than 1 working day ago.',
  },
  // `status PGD-...` from the complainant's own chat.
  statusNotFound: {
    id: 'Maaf, pengaduan {number} tidak ditemukan untuk nomor Bapak/Ibu.',
    en: 'Sorry, complaint {number} was not found for your number.',
    su: 'Hapunten, pangaduan {number} teu kapendak kanggo nomer Bapak/Ibu.',
  },
  statusLine: {
    id: 'Pengaduan {number} ({category}): {status}',
    en: 'Complaint {number} ({category}): {status}',
    su: 'Pangaduan {number} ({category}): {status}',
  },
  statusReferredTo: {
    id: 'Dirujuk ke: {service}',
    en: 'Referred to: {service}',
    su: 'Dirujuk ka: {service}',
  },
  statusLatestReply: {
    id: 'Balasan terakhir ({when}): {text}',
    en: 'Latest reply ({when}): {text}',
    su: 'Waleran pamungkas ({when}): {text}',
  },
  // What the complainant is told in the complaint flows.
  storedWithoutPuskesos: {
    id: 'Pengaduan Bapak/Ibu nomor {number} sudah kami simpan. Belum ada Puskesos untuk desa {desa} di sistem kami; petugas Dinas Sosial akan meneruskannya dan memberi kabar. Tanyakan perkembangannya: ketik STATUS {number}.',
    en: 'Your complaint number {number} is stored. No Puskesos serves {desa} in our system yet; the social affairs office will pass it on and let you know. To ask about it: type STATUS {number}.',
    su: 'Pangaduan Bapak/Ibu nomer {number} parantos disimpen. Teu acan aya Puskesos kanggo desa {desa} dina sistem; petugas Dinas Sosial badé neraskeun sareng masihan wartos. Taroskeun kamajuanana: serat STATUS {number}.',
  },
  passedToPuskesos: {
    id: 'Terima kasih, Bapak/Ibu. Pengaduan sudah kami teruskan ke Puskesos.\nNomor pengaduan Bapak/Ibu: {number} ({puskesos}). Simpan nomor ini untuk menanyakan perkembangannya: ketik STATUS {number}.',
    en: 'Thank you. Your complaint has been passed to the Puskesos.\nYour complaint number: {number} ({puskesos}). Keep it to ask about progress: type STATUS {number}.',
    su: 'Hatur nuhun, Bapak/Ibu. Pangaduan parantos diteraskeun ka Puskesos.\nNomer pangaduan Bapak/Ibu: {number} ({puskesos}). Simpen nomer ieu kanggo naroskeun kamajuanana: serat STATUS {number}.',
  },
  messagePassedOn: {
    id: 'Pesan Bapak/Ibu sudah kami teruskan ke petugas Puskesos.',
    en: 'Your message has been passed to the Puskesos staff.',
    su: 'Pesen Bapak/Ibu parantos diteraskeun ka petugas Puskesos.',
  },
  ratedSolved: {
    id: 'Terima kasih atas penilaian Bapak/Ibu. Pengaduan kami tutup.',
    en: 'Thank you for your rating. The complaint is now closed.',
    su: 'Hatur nuhun kana peunteun Bapak/Ibu. Pangaduan ditutup.',
  },
  ratedUnsolved: {
    id: 'Terima kasih. Pengaduan kami buka kembali dan petugas akan menindaklanjuti.',
    en: 'Thank you. The complaint is reopened and the staff will follow up.',
    su: 'Hatur nuhun. Pangaduan dibuka deui sareng petugas badé nindaklanjutan.',
  },
  noneSent: {
    id: 'Bapak/Ibu belum pernah mengirim pengaduan.',
    en: 'You have not sent any complaint yet.',
    su: 'Bapak/Ibu teu acan kantos ngintunkeun pangaduan.',
  },
  yourComplaints: { id: 'Pengaduan Bapak/Ibu:', en: 'Your complaints:', su: 'Pangaduan Bapak/Ibu:' },
  isClosed: {
    id: 'Pengaduan ini sudah ditutup. Untuk masalah baru, silakan buat pengaduan baru dari MENU.',
    en: 'This complaint is closed. For a new problem, please file a new complaint from the MENU.',
    su: 'Pangaduan ieu parantos ditutup. Kanggo masalah énggal, mangga damel pangaduan énggal tina MENU.',
  },
  notYetAnswered: {
    id: 'Pengaduan ini belum dijawab petugas, jadi belum bisa dinilai.',
    en: 'This complaint has not been answered yet, so it cannot be rated.',
    su: 'Pangaduan ieu teu acan diwaler petugas, janten teu acan tiasa dipeunteun.',
  },
  busy: {
    id: 'Maaf, sistem sedang sibuk. Mohon kirim lagi sebentar lagi.',
    en: 'Sorry, the system is busy. Please send it again in a moment.',
    su: 'Hapunten, sistem nuju sibuk. Mangga kintun deui sakedap deui.',
  },
  notFound: {
    id: 'Maaf, pengaduan itu tidak ditemukan.',
    en: 'Sorry, that complaint was not found.',
    su: 'Hapunten, pangaduan éta teu kapendak.',
  },
} as const satisfies Record<string, CatalogText>;
