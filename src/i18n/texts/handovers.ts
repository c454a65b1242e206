import type { CatalogText } from '../catalog';

/** Requests for a person: what the requester is told, and what the one answering reads in chat. */
export const handoverTexts = {
  yourMentor: { id: 'Pendamping {name}', en: 'your mentor {name}' },
  dinsosStaff: { id: 'petugas Dinsos', en: 'the Dinsos staff' },
  puskesos: { id: 'Puskesos {name}', en: 'Puskesos {name}' },
  reached: {
    id: 'Permintaan Bapak/Ibu sudah kami teruskan ke {who} (nomor {number}). Balasannya akan datang di sini, dan pesan Bapak/Ibu berikutnya juga kami teruskan. Ketik MENU untuk kembali ke menu.',
    en: 'Your request has been passed on to {who} (number {number}). The answer will come here, and your next messages are passed on too. Type MENU to go back to the menu.',
    su: 'Paménta Bapak/Ibu parantos diteraskeun ka {who} (nomer {number}). Waleranana badé dugi ka dieu, sareng pesen Bapak/Ibu salajengna ogé diteraskeun. Serat MENU kanggo uih ka menu.',
  },
  // Nobody could be told in a chat app: the request waits on the dashboard, and no haste is promised.
  recorded: {
    id: 'Permintaan Bapak/Ibu sudah kami catat (nomor {number}); petugas akan membalas di sini. Pesan Bapak/Ibu berikutnya juga kami catat untuk petugas. Ketik MENU untuk kembali ke menu.',
    en: 'Your request is recorded (number {number}); staff will answer here. Your next messages are kept for them too. Type MENU to go back to the menu.',
    su: 'Paménta Bapak/Ibu parantos dicatet (nomer {number}); petugas badé ngawaler di dieu. Pesen Bapak/Ibu salajengna ogé dicatet kanggo petugas. Serat MENU kanggo uih ka menu.',
  },
  stillOpen: {
    id: 'Permintaan Bapak/Ibu (nomor {number}) masih terbuka. Pesan Bapak/Ibu berikutnya kami sampaikan ke petugas di sini. Ketik MENU untuk kembali ke menu.',
    en: 'Your request (number {number}) is still open. Your next messages go to the staff from here. Type MENU to go back to the menu.',
    su: 'Paménta Bapak/Ibu (nomer {number}) masih dibuka. Pesen Bapak/Ibu salajengna disampaikeun ka petugas ti dieu. Serat MENU kanggo uih ka menu.',
  },
  passedOn: {
    id: 'Pesan Bapak/Ibu sudah kami sampaikan (nomor {number}). Mohon tunggu balasannya di sini.',
    en: 'Your message has been passed on (number {number}). Please wait for the answer here.',
    su: 'Pesen Bapak/Ibu parantos disampaikeun (nomer {number}). Mangga antosan waleranana di dieu.',
  },
  leftForMenu: {
    id: 'Permintaan Bapak/Ibu (nomor {number}) tetap terbuka, dan balasan petugas tetap datang di sini. Ketik BANTUAN untuk menulis lagi kepada petugas.',
    en: 'Your request (number {number}) stays open, and the answer will still come here. Type BANTUAN to write to the staff again.',
    su: 'Paménta Bapak/Ibu (nomer {number}) tetep dibuka, sareng waleran petugas tetep dugi ka dieu. Serat BANTUAN kanggo nyerat deui ka petugas.',
  },
  replyWithHelp: {
    id: 'Ketik BANTUAN untuk membalas.',
    en: 'Type BANTUAN to reply.',
    su: 'Serat BANTUAN kanggo ngawaler.',
  },
  mentorSignature: { id: 'Pendamping', en: 'Mentor' },
  dinsosSignature: { id: 'Petugas Dinsos', en: 'Dinsos staff' },
  closed: {
    id: 'Percakapan dengan petugas selesai. Ketik MENU untuk menu.',
    en: 'The conversation with the staff has ended. Type MENU for the menu.',
    su: 'Obrolan sareng petugas parantos réngsé. Serat MENU kanggo menu.',
  },
  notice: {
    id: 'Permintaan bantuan {number} dari {from}{whose}.\n{asked}\nPesan berikutnya akan diteruskan ke sini. {hint}',
    en: 'Request for help {number} from {from}{whose}.\n{asked}\nThe next messages will be passed on here. {hint}',
  },
  notAParticipant: { id: 'warga yang bukan peserta', en: 'a resident who is not a participant' },
  yourParticipant: { id: ' (peserta dampingan Anda)', en: ' (one of your participants)' },
  answerHint: {
    id: 'Balas (reply) pesan ini untuk menjawab, atau jawab dan tutup di dasbor: Permintaan bantuan.',
    en: 'Reply to this message to answer, or answer and close it on the dashboard: Requests for help.',
  },
  relay: { id: '{number} · {from}: {text}', en: '{number} · {from}: {text}' },
  resident: { id: 'warga', en: 'the resident' },
  answered: {
    id: 'Jawaban untuk {number} sudah dikirim ke {who}.',
    en: 'Your answer to {number} was sent to {who}.',
  },
  closedInChat: {
    id: '{number} ditutup; bot melayani {who} lagi.',
    en: '{number} is closed; the bot serves {who} again.',
  },
  notYours: {
    id: 'Permintaan {number} tidak ditemukan di antara permintaan untuk Anda.',
    en: 'Request {number} is not among the requests for you.',
  },
  alreadyClosed: {
    id: 'Permintaan {number} sudah ditutup; jawaban tidak dikirim.',
    en: 'Request {number} is closed; the answer was not sent.',
  },
  busy: {
    id: 'Permintaan {number} sedang diubah orang lain. Coba lagi sebentar.',
    en: 'Someone else is changing request {number}. Try again in a moment.',
  },
  empty: {
    id: 'Tulis jawabannya sebagai balasan pesan {number}, contoh: "Kamis pukul 10 di balai desa." Ketik /tutup sebagai balasan untuk menutupnya.',
    en: 'Write the answer as a reply to the message of {number}, for example: "Thursday at 10 at the village hall." Reply /tutup to close it.',
  },
  slaAbout: { id: 'permintaan bantuan {number} dari {from}', en: 'request for help {number} from {from}' },
  dinsosQueue: { id: 'antrean Dinsos', en: 'the Dinsos queue' },
  slaReminder: {
    id: 'Pengingat: {about} menunggu jawaban. Harus dijawab sebelum {deadline}.',
    en: 'Reminder: {about} is waiting for an answer. To be answered before {deadline}.',
  },
  slaOverdue: {
    id: 'TERLAMBAT: {about} belum dijawab; batasnya {deadline} sudah lewat.',
    en: 'OVERDUE: {about} is not answered; its deadline {deadline} has passed.',
  },
  slaEscalated: {
    id: 'ESKALASI Dinsos: {about} (untuk {forWhom}) belum dijawab lebih dari 1 hari kerja setelah batas {deadline}.',
    en: 'ESCALATED to Dinsos: {about} (for {forWhom}) is not answered more than 1 working day after its deadline {deadline}.',
  },
  // What the one answering reads as the request's first line, and for a message without words: stored
  // in Indonesian, the programme's language, whoever reads it.
  askedForPerson: { id: 'Ingin bicara dengan petugas.', en: 'Wants to talk to the staff.' },
  notUnderstood: {
    id: 'Bot tidak memahami jawabannya{flow}: "{text}"',
    en: 'The bot did not understand the answer{flow}: "{text}"',
  },
  inFlow: { id: ' (alur {flowId})', en: ' (flow {flowId})' },
  withoutWords: { id: '[{what} tanpa teks]', en: '[{what} without text]' },
  photo: { id: 'foto', en: 'photo' },
  voice: { id: 'pesan suara', en: 'voice message' },
  document: { id: 'dokumen', en: 'document' },
  video: { id: 'video', en: 'video' },
  message: { id: 'pesan', en: 'message' },
} as const satisfies Record<string, CatalogText>;
