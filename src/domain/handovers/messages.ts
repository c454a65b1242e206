import { inLanguage, type LocalizedText } from '../../engine/text';
import type { HandoverAssigneeKind } from '../../db/models/handover';
import type { Language } from '../program';

/**
 * How the requester hears of the one taking their request: a mentor or Dinsos staff by their own
 * name, a Puskesos by the unit's name ("Puskesos Lumpaat"), whoever of its staff writes.
 */
export type AssigneeLabel =
  | { kind: 'mentor'; name: string }
  | { kind: 'puskesos'; name: string }
  | { kind: 'dinsos'; name?: string | undefined };

/** A Puskesos's name as people say it: "Lumpaat" is "Puskesos Lumpaat". */
const puskesosName = (name: string) => (/^puskesos\b/i.test(name) ? name : `Puskesos ${name}`);

const fill = (text: LocalizedText, language: Language, values: Record<string, string>) =>
  inLanguage(text, language).replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

function whoOf(assignee: AssigneeLabel, language: Language): string {
  if (assignee.kind === 'mentor')
    return `${language === 'en' ? 'your mentor' : 'Pendamping'} ${assignee.name}`;
  if (assignee.kind === 'puskesos') return puskesosName(assignee.name);
  return language === 'en' ? 'the Dinsos staff' : 'petugas Dinsos';
}

const OPENED: Record<'reached' | 'recorded', LocalizedText> = {
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
};

/** What the requester is told once their request is taken in: passed on to someone, or recorded. */
export function handoverOpenedText(
  number: string,
  assignee: AssigneeLabel,
  reached: boolean,
  language: Language,
): string {
  return fill(OPENED[reached ? 'reached' : 'recorded'], language, {
    number,
    who: whoOf(assignee, language),
  });
}

const STILL_OPEN: LocalizedText = {
  id: 'Permintaan Bapak/Ibu (nomor {number}) masih terbuka. Pesan Bapak/Ibu berikutnya kami sampaikan ke petugas di sini. Ketik MENU untuk kembali ke menu.',
  en: 'Your request (number {number}) is still open. Your next messages go to the staff from here. Type MENU to go back to the menu.',
  su: 'Paménta Bapak/Ibu (nomer {number}) masih dibuka. Pesen Bapak/Ibu salajengna disampaikeun ka petugas ti dieu. Serat MENU kanggo uih ka menu.',
};

/** Asking again while a request is open: the same one goes on, no second is opened. */
export const handoverStillOpenText = (number: string, language: Language) =>
  fill(STILL_OPEN, language, { number });

const PASSED_ON: LocalizedText = {
  id: 'Pesan Bapak/Ibu sudah kami sampaikan (nomor {number}). Mohon tunggu balasannya di sini.',
  en: 'Your message has been passed on (number {number}). Please wait for the answer here.',
  su: 'Pesen Bapak/Ibu parantos disampaikeun (nomer {number}). Mangga antosan waleranana di dieu.',
};

export const handoverPassedOnText = (number: string, language: Language) =>
  fill(PASSED_ON, language, { number });

const LEFT_FOR_MENU: LocalizedText = {
  id: 'Permintaan Bapak/Ibu (nomor {number}) tetap terbuka, dan balasan petugas tetap datang di sini. Ketik BANTUAN untuk menulis lagi kepada petugas.',
  en: 'Your request (number {number}) stays open, and the answer will still come here. Type BANTUAN to write to the staff again.',
  su: 'Paménta Bapak/Ibu (nomer {number}) tetep dibuka, sareng waleran petugas tetep dugi ka dieu. Serat BANTUAN kanggo nyerat deui ka petugas.',
};

/** MENU or BATAL while a request is open: the bot takes the chat, the request stays open. */
export const handoverLeftForMenuText = (number: string, language: Language) =>
  fill(LEFT_FOR_MENU, language, { number });

const REPLY_WITH_HELP: LocalizedText = {
  id: 'Ketik BANTUAN untuk membalas.',
  en: 'Type BANTUAN to reply.',
  su: 'Serat BANTUAN kanggo ngawaler.',
};

/** How an answer is signed: the person's role and name, or their Puskesos's name. */
function signatureOf(by: AssigneeLabel, language: Language): string {
  if (by.kind === 'puskesos') return puskesosName(by.name);
  const role =
    by.kind === 'mentor'
      ? language === 'en'
        ? 'Mentor'
        : 'Pendamping'
      : language === 'en'
        ? 'Dinsos staff'
        : 'Petugas Dinsos';
  return `${role}${by.name ? ` ${by.name}` : ''}`;
}

/**
 * The person's answer as the requester reads it, signed with their role and name ("Pendamping
 * Rizky: …", "Puskesos Lumpaat: …"); when the requester had gone back to the menu, how to reply.
 */
export function handoverAnswerText(
  answer: string,
  by: AssigneeLabel,
  language: Language,
  requesterAtMenu: boolean,
): string {
  const signed = `${signatureOf(by, language)}: ${answer}`;
  return requesterAtMenu ? `${signed}\n\n${inLanguage(REPLY_WITH_HELP, language)}` : signed;
}

const CLOSED: LocalizedText = {
  id: 'Percakapan dengan petugas selesai. Ketik MENU untuk menu.',
  en: 'The conversation with the staff has ended. Type MENU for the menu.',
  su: 'Obrolan sareng petugas parantos réngsé. Serat MENU kanggo menu.',
};

export const handoverClosedText = (language: Language) => inLanguage(CLOSED, language);

/** What the person told of a new request reads in their chat app (mentors and staff read Indonesian). */
export function handoverNoticeText(notice: {
  number: string;
  requesterName: string | undefined;
  asked: string;
  assignee: HandoverAssigneeKind;
}): string {
  const from = notice.requesterName ?? 'warga yang bukan peserta';
  const whose = notice.assignee === 'mentor' ? ' (peserta dampingan Anda)' : '';
  return [
    `Permintaan bantuan ${notice.number} dari ${from}${whose}.`,
    notice.asked,
    `Pesan berikutnya akan diteruskan ke sini. ${ANSWER_HINT}`,
  ].join('\n');
}

/** How the one a request is for answers it, told with each message of it they read in chat. */
const ANSWER_HINT =
  'Balas (reply) pesan ini untuk menjawab, atau jawab dan tutup di dasbor: Permintaan bantuan.';

/** A message the requester wrote while their request is open, as the person reads it. */
export const handoverRelayText = (number: string, requesterName: string | undefined, text: string) =>
  `${number} · ${requesterName ?? 'warga'}: ${text}`;

const IN_CHAT: Record<
  'answered' | 'closed' | 'not_yours' | 'already_closed' | 'busy' | 'empty',
  LocalizedText
> = {
  answered: {
    id: 'Jawaban untuk {number} sudah dikirim ke {who}.',
    en: 'Your answer to {number} was sent to {who}.',
  },
  closed: {
    id: '{number} ditutup; bot melayani {who} lagi.',
    en: '{number} is closed; the bot serves {who} again.',
  },
  not_yours: {
    id: 'Permintaan {number} tidak ditemukan di antara permintaan untuk Anda.',
    en: 'Request {number} is not among the requests for you.',
  },
  already_closed: {
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
};

export type InChatOutcome = keyof typeof IN_CHAT;

/** What the one answering from their chat app is told of their answer (or of closing). */
export const handoverInChatText = (
  outcome: InChatOutcome,
  number: string,
  requesterName: string | undefined,
  language: Language,
) =>
  fill(IN_CHAT[outcome], language, {
    number,
    who: requesterName ?? (language === 'en' ? 'the resident' : 'warga'),
  });
