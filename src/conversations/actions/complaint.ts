import { complaintCategoryName } from '../../domain/complaints/categories';
import { Types } from 'mongoose';
import {
  actOnComplaint,
  openComplaint,
  statusWord,
  type ActOutcome,
  type DeskAction,
} from '../../domain/complaints';
import type { NewComplaint, OpenedComplaint } from '../../domain/complaints';
import { queueUnrouted } from '../../domain/complaints/open-complaint';
import { effectOnce } from '../../db/effects';
import { inboundKey } from '../../db/models/inbound-message';
import type { LocalizedText } from '../../engine/text';
import { phoneOfChat } from '../identify';
import {
  nothing,
  say,
  word,
  type ActionContext,
  type ActionHandler,
  type ActionResult,
  type Answers,
} from './types';

export const fileComplaint: ActionHandler = async (answers, context) => {
  const participant = await context.models.participants
    .findById(context.participantId, { desa: 1, kecamatan: 1, phone: 1 })
    .lean();
  if (!participant) return nothing();
  return file(context, answers, {
    participant: participant._id,
    complainantPhone: participant.phone,
    desa: participant.desa,
    kecamatan: participant.kecamatan,
  });
};

/**
 * A resident who is not a participant names their desa, which alone decides the Puskesos. On WhatsApp
 * (and the simulator) the chat is their number; on Telegram staff answer them through the bot.
 */
export const fileResidentComplaint: ActionHandler = async (answers, context) => {
  const { channel, chatId } = context.inbound;
  return file(context, answers, {
    complainantPhone: channel === 'telegram' ? undefined : phoneOfChat(chatId),
    desa: word(answers.desa).trim(),
  });
};

async function file(
  context: ActionContext,
  answers: Answers,
  complainant: Pick<NewComplaint, 'participant' | 'complainantPhone' | 'desa' | 'kecamatan'>,
): Promise<ActionResult> {
  const { models, language, now, inbound } = context;
  const photo = answers.photo;
  const photoId = photo && typeof photo === 'object' ? photo.fileId : undefined;
  // Handled again after a crash (the complaint opened, the conversation not yet moved on), the same
  // message gives the same number instead of opening a second complaint.
  const openedBy = inboundKey(inbound.channel, inbound.platformMessageId);
  const opened = await effectOnce(
    models,
    `${openedBy}:open-complaint`,
    now,
    () =>
      openComplaint(
        models,
        {
          ...complainant,
          complainantChat: { channel: inbound.channel, chatId: inbound.chatId },
          language,
          category: word(answers.category),
          text: word(answers.description),
          photos: typeof photoId === 'string' ? [photoId] : [],
          at: now,
          openedBy,
        },
        context.complaints,
      ),
    () => complaintOpenedBy(context, openedBy),
  );
  if (!opened.ok) {
    const { number } = opened;
    const desa = complainant.desa;
    return say(
      {
        id: `Pengaduan Bapak/Ibu nomor ${number} sudah kami simpan. Belum ada Puskesos untuk desa ${desa} di sistem kami; petugas Dinas Sosial akan meneruskannya dan memberi kabar. Tanyakan perkembangannya: ketik STATUS ${number}.`,
        en: `Your complaint number ${number} is stored. No Puskesos serves ${desa} in our system yet; the social affairs office will pass it on and let you know. To ask about it: type STATUS ${number}.`,
        su: `Pangaduan Bapak/Ibu nomer ${number} parantos disimpen. Teu acan aya Puskesos kanggo desa ${desa} dina sistem; petugas Dinas Sosial badé neraskeun sareng masihan wartos. Taroskeun kamajuanana: serat STATUS ${number}.`,
      },
      language,
    );
  }
  return say(
    {
      id: `Terima kasih, Bapak/Ibu. Pengaduan sudah kami teruskan ke Puskesos.\nNomor pengaduan Bapak/Ibu: ${opened.number} (${opened.puskesosName}). Simpan nomor ini untuk menanyakan perkembangannya: ketik STATUS ${opened.number}.`,
      en: `Thank you. Your complaint has been passed to the Puskesos.\nYour complaint number: ${opened.number} (${opened.puskesosName}). Keep it to ask about progress: type STATUS ${opened.number}.`,
      su: `Hatur nuhun, Bapak/Ibu. Pangaduan parantos diteraskeun ka Puskesos.\nNomer pangaduan Bapak/Ibu: ${opened.number} (${opened.puskesosName}). Simpen nomer ieu kanggo naroskeun kamajuanana: serat STATUS ${opened.number}.`,
    },
    language,
  );
}

/** The complaint a message opened before the process stopped, if it did (a search: only then). */
async function complaintOpenedBy(
  context: ActionContext,
  openedBy: string,
): Promise<OpenedComplaint | undefined> {
  const { models } = context;
  const complaint = await models.complaints
    .findOne({ openedBy }, { number: 1, puskesos: 1, desa: 1, category: 1, createdAt: 1 })
    .lean();
  if (!complaint) return undefined;
  if (!complaint.puskesos) {
    // Stored before the stop, perhaps not yet queued for the Dinsos: queuing again changes nothing.
    await queueUnrouted(models, { ...complaint, at: complaint.createdAt });
    return { ok: false, reason: 'no_puskesos', number: complaint.number };
  }
  const puskesos = await models.puskesos.findById(complaint.puskesos, { name: 1 }).lean();
  return { ok: true, number: complaint.number, puskesosName: puskesos?.name ?? '' };
}

/** The complainant's answer to a staff reply, passed into the complaint's thread. */
export const relayComplaintMessage: ActionHandler = async (answers, context) =>
  complainantActs(
    context,
    word(answers.complaint),
    { kind: 'message', text: word(answers.message) },
    {
      id: 'Pesan Bapak/Ibu sudah kami teruskan ke petugas Puskesos.',
      en: 'Your message has been passed to the Puskesos staff.',
      su: 'Pesen Bapak/Ibu parantos diteraskeun ka petugas Puskesos.',
    },
  );

/** After an answer: how the complainant rates it; "not solved" reopens the complaint. */
export const rateComplaint: ActionHandler = async (answers, context) => {
  const solved = answers.solved === true;
  const comment = word(answers.comment).trim();
  return complainantActs(
    context,
    word(answers.complaint),
    {
      kind: 'rate',
      score: Number(word(answers.score).replace(/^s/, '')) || 1,
      solved,
      comment: comment || undefined,
    },
    solved
      ? {
          id: 'Terima kasih atas penilaian Bapak/Ibu. Pengaduan kami tutup.',
          en: 'Thank you for your rating. The complaint is now closed.',
          su: 'Hatur nuhun kana peunteun Bapak/Ibu. Pangaduan ditutup.',
        }
      : {
          id: 'Terima kasih. Pengaduan kami buka kembali dan petugas akan menindaklanjuti.',
          en: 'Thank you. The complaint is reopened and the staff will follow up.',
          su: 'Hatur nuhun. Pangaduan dibuka deui sareng petugas badé nindaklanjutan.',
        },
  );
};

/** "My complaints": the person's latest complaints with where each stands. */
export const showComplaints: ActionHandler = async (_answers, { models, participantId, language }) => {
  const complaints = await models.complaints
    .find({ participant: participantId }, { number: 1, status: 1, category: 1, createdAt: 1 })
    .sort({ createdAt: -1 })
    .limit(5)
    .lean();
  if (complaints.length === 0) {
    return say(
      {
        id: 'Bapak/Ibu belum pernah mengirim pengaduan.',
        en: 'You have not sent any complaint yet.',
        su: 'Bapak/Ibu teu acan kantos ngintunkeun pangaduan.',
      },
      language,
    );
  }
  const lines = complaints.map(
    (complaint) =>
      `${complaint.number} (${complaintCategoryName(complaint.category, language)}): ${statusWord(complaint.status, language)}`,
  );
  const heading = { id: 'Pengaduan Bapak/Ibu:', en: 'Your complaints:', su: 'Pangaduan Bapak/Ibu:' }[
    language
  ];
  return { messages: [{ text: [heading, ...lines].join('\n') }], outputs: {} };
};

async function complainantActs(
  context: ActionContext,
  number: string,
  action: DeskAction,
  done: LocalizedText,
): Promise<ActionResult> {
  const outcome = await actOnComplaint(
    context.models,
    number,
    action,
    {
      kind: 'complainant',
      chat: { channel: context.inbound.channel, chatId: context.inbound.chatId },
      participantId: Types.ObjectId.isValid(context.participantId) ? context.participantId : undefined,
    },
    context.now,
    context.complaints,
  );
  if (outcome.ok) {
    context.notify(outcome.notices);
    return say(done, context.language);
  }
  return say(refusalText(outcome), context.language);
}

function refusalText(outcome: Exclude<ActOutcome, { ok: true }>): LocalizedText {
  switch (outcome.reason) {
    case 'closed':
      return {
        id: 'Pengaduan ini sudah ditutup. Untuk masalah baru, silakan buat pengaduan baru dari MENU.',
        en: 'This complaint is closed. For a new problem, please file a new complaint from the MENU.',
        su: 'Pangaduan ieu parantos ditutup. Kanggo masalah énggal, mangga damel pangaduan énggal tina MENU.',
      };
    case 'not_answered':
      return {
        id: 'Pengaduan ini belum dijawab petugas, jadi belum bisa dinilai.',
        en: 'This complaint has not been answered yet, so it cannot be rated.',
        su: 'Pangaduan ieu teu acan diwaler petugas, janten teu acan tiasa dipeunteun.',
      };
    case 'busy':
      return {
        id: 'Maaf, sistem sedang sibuk. Mohon kirim lagi sebentar lagi.',
        en: 'Sorry, the system is busy. Please send it again in a moment.',
        su: 'Hapunten, sistem nuju sibuk. Mangga kintun deui sakedap deui.',
      };
    default:
      return {
        id: 'Maaf, pengaduan itu tidak ditemukan.',
        en: 'Sorry, that complaint was not found.',
        su: 'Hapunten, pangaduan éta teu kapendak.',
      };
  }
}
