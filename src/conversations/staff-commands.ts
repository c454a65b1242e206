import { complaintCategoryName } from '../domain/complaints/categories';
import type { Models } from '../db/models';
import {
  actOnComplaint,
  statusWord,
  type ActOutcome,
  type ComplainantNotice,
  type ComplaintDeskSettings,
} from '../domain/complaints';
import { STAFF_HINT, staffAnnouncement } from '../domain/complaints/messages';
import { parseStaffCommand } from '../domain/complaints/staff-command';
import { formatOpenComplaints, openComplaintsOf } from '../domain/complaints/staff-digest';
import type { StaffLanguage } from '../domain/program';
import { sessionTime } from '../domain/sessions/messages';
import type { InboundMessage, OutboundMessage } from '../engine/messages';
import type { Logger } from '../log';

/** What the bot tells staff, in Indonesian and English (`/bahasa en`). */
const SAY = {
  help: {
    id: [
      'Halo, petugas Puskesos. Pengaduan baru dikirim ke grup staf atau ke chat ini.',
      STAFF_HINT.id,
      'Tulis nomornya bila tidak membalas: /ambil PGD-2026-000123. /aduan menampilkan pengaduan terbuka; /status PGD-... rinciannya.',
      'Di grup Telegram staf, /daftargrup menjadikan grup itu grup pengaduan Puskesos Anda. /bahasa en: pesan dalam bahasa Inggris.',
    ].join('\n'),
    en: [
      'Hello, Puskesos officer. New complaints are posted to the staff group or to this chat.',
      STAFF_HINT.en,
      'Write the number when not replying: /take PGD-2026-000123. /complaints lists the open ones; /status PGD-... gives the details.',
      'In the Telegram staff group, /daftargrup makes it your Puskesos’s complaints group. /language id: messages in Indonesian.',
    ].join('\n'),
  },
  sorry: { id: (problem: string) => `Maaf, ${problem}.`, en: (problem: string) => `Sorry, ${problem}.` },
  noPuskesos: {
    id: 'Akun Anda tidak terhubung ke Puskesos mana pun.',
    en: 'Your account is linked to no Puskesos.',
  },
  groupOnly: {
    id: 'Ketik /daftargrup di grup staf, bukan di chat pribadi.',
    en: 'Type /daftargrup in the staff group, not in a private chat.',
  },
  groupRegistered: {
    id: (name: string) => `Grup ini sekarang menerima pengaduan untuk ${name}.`,
    en: (name: string) => `This group now receives the complaints of ${name}.`,
  },
  language: {
    id: 'Baik, pesan untuk Anda kini dalam bahasa Indonesia.',
    en: 'All right, messages to you are now in English.',
  },
  notFound: {
    id: (number: string) => `Pengaduan ${number} tidak ditemukan di Puskesos Anda.`,
    en: (number: string) => `Complaint ${number} was not found in your Puskesos.`,
  },
  status: {
    id: {
      category: 'Kategori',
      desa: 'Desa',
      officer: 'Petugas',
      notTaken: 'belum diambil',
      referred: 'Dirujuk ke',
      due: 'Batas',
      text: 'Isi',
      history: 'Riwayat terakhir:',
      complainant: 'pelapor',
      system: 'sistem',
    },
    en: {
      category: 'Category',
      desa: 'Desa',
      officer: 'Officer',
      notTaken: 'not taken yet',
      referred: 'Referred to',
      due: 'Due',
      text: 'Text',
      history: 'Latest history:',
      complainant: 'complainant',
      system: 'system',
    },
  },
} as const;

/** A complaint's history in words, not the codes it is stored with. */
const EVENT_WORDS: Record<StaffLanguage, Partial<Record<string, string>>> = {
  id: {
    reply: 'balasan ke pelapor',
    message: 'pesan pelapor',
    note: 'catatan internal',
    rating: 'penilaian',
  },
  en: {
    reply: 'reply to the complainant',
    message: 'message from the complainant',
    note: 'internal note',
    rating: 'rating',
  },
};

export interface StaffDesk {
  models: Models;
  settings: ComplaintDeskSettings;
  logger: Logger;
}

/** What a registered staff member can do in chat: act on their Puskesos's complaints and list them. */
export async function answerStaff(
  desk: StaffDesk,
  staffId: string,
  inbound: InboundMessage,
  now: Date,
  notify: (notices: ComplainantNotice[]) => void,
): Promise<OutboundMessage[]> {
  const { models, settings, logger } = desk;
  const command = parseStaffCommand(inbound.text ?? '', inbound.replyToText);
  const staff = await models.staff.findById(staffId, { puskesos: 1, name: 1, language: 1 }).lean();
  if (!staff) return [];
  const timeZone = settings.calendar.timeZone;
  // A staff group has several readers: it is written to in the programme's language.
  const language: StaffLanguage = inbound.group
    ? 'id'
    : ((staff.language as StaffLanguage | undefined) ?? 'id');
  switch (command.kind) {
    case 'help':
      return [
        { text: command.problem ? SAY.sorry[language](command.problem[language]) : SAY.help[language] },
      ];
    case 'language':
      await models.staff.updateOne({ _id: staff._id }, { $set: { language: command.language } });
      return [{ text: SAY.language[command.language] }];
    case 'list': {
      if (!staff.puskesos) return [{ text: SAY.noPuskesos[language] }];
      const puskesos = await models.puskesos.findById(staff.puskesos, { name: 1 }).lean();
      const open = await openComplaintsOf(models, staff.puskesos);
      return [{ text: formatOpenComplaints(puskesos?.name ?? 'Puskesos', open, now, timeZone) }];
    }
    case 'register_group': {
      if (!inbound.group) return [{ text: SAY.groupOnly[language] }];
      if (!staff.puskesos) return [{ text: SAY.noPuskesos[language] }];
      const group = { channel: inbound.channel, chatId: inbound.chatId };
      const puskesos = await models.puskesos.findById(staff.puskesos, { name: 1 }).lean();
      if (!puskesos) return [];
      // Imported and seeded Puskesos have no `staffGroups` until their first group: `$addToSet`
      // creates the list, and adds a group once however often it is registered, even at once.
      const added = await models.puskesos.updateOne(
        { _id: puskesos._id },
        { $addToSet: { staffGroups: group } },
      );
      if (added.modifiedCount > 0) {
        logger.info({ puskesos: String(puskesos._id), staffId }, 'staff group registered');
      }
      return [{ text: SAY.groupRegistered[language](puskesos.name) }];
    }
    case 'status': {
      const complaint = await models.complaints.findOne({ number: command.number }).lean();
      const mine = complaint && (!staff.puskesos || staff.puskesos.equals(complaint.puskesos));
      if (!complaint || !mine) return [{ text: SAY.notFound[language](command.number) }];
      const words = SAY.status[language];
      const history = complaint.events.slice(-5).map((event) => {
        const when = sessionTime(event.at, language, timeZone);
        const who =
          event.byName ??
          (event.kind === 'message' || event.kind === 'rating' ? words.complainant : words.system);
        const what =
          event.kind === 'status' && event.to
            ? statusWord(event.to, language)
            : (EVENT_WORDS[language][event.kind] ?? event.kind);
        return `- ${when}, ${who}: ${what}${event.text ? `: ${event.text}` : ''}`;
      });
      const referred = complaint.referredTo ? ` · ${words.referred}: ${complaint.referredTo}` : '';
      return [
        {
          text: [
            `${complaint.number}: ${statusWord(complaint.status, language)}`,
            `${words.category}: ${complaintCategoryName(complaint.category, language)} · ${words.desa}: ${complaint.desa}`,
            `${words.officer}: ${complaint.assigneeName ?? words.notTaken}${referred}`,
            ...(complaint.dueAt ? [`${words.due}: ${sessionTime(complaint.dueAt, language, timeZone)}`] : []),
            `${words.text}: ${complaint.text}`,
            words.history,
            ...history,
          ].join('\n'),
        },
      ];
    }
    case 'act': {
      const outcome = await actOnComplaint(
        models,
        command.number,
        command.action,
        { kind: 'staff', staffId, chat: { channel: inbound.channel, chatId: inbound.chatId } },
        now,
        settings,
      );
      if (outcome.ok) {
        notify(outcome.notices);
        // What the group hears is Indonesian; the one who acted in a private chat hears it in theirs.
        const told =
          language === 'id'
            ? outcome.announcement
            : outcome.events.map((event) => staffAnnouncement(command.number, event, language)).join('\n');
        return [{ text: told }];
      }
      if (outcome.reason === 'forbidden') {
        logger.warn({ staffId, complaint: command.number }, 'staff acted on another Puskesos complaint');
      }
      return [{ text: refusalForStaff(command.number, outcome)[language] }];
    }
  }
}

function refusalForStaff(
  number: string,
  outcome: Exclude<ActOutcome, { ok: true }>,
): Record<StaffLanguage, string> {
  switch (outcome.reason) {
    case 'taken':
      return {
        id: `${number} sudah diambil oleh ${outcome.by}.`,
        en: `${number} was already taken by ${outcome.by}.`,
      };
    case 'already_yours':
      return { id: `${number} sudah Anda tangani.`, en: `${number} is already yours.` };
    case 'closed':
      return {
        id: `${number} sudah ditutup. Ketik /buka untuk membukanya kembali.`,
        en: `${number} is closed. Type /reopen to open it again.`,
      };
    case 'answer_first':
      return {
        id: `${number} belum dijawab: jawab dulu dengan /selesai <jawaban>, lalu pelapor menilainya.`,
        en: `${number} has no answer yet: answer it first with /answered <answer>, then the complainant rates it.`,
      };
    case 'not_routed':
      return {
        id: `${number} belum diteruskan ke Puskesos: teruskan dulu dari dasbor (Pengaduan).`,
        en: `${number} has not been passed to a Puskesos: pass it on from the dashboard (Pengaduan) first.`,
      };
    case 'not_allowed':
    case 'not_answered':
      return {
        id: `Perintah itu tidak berlaku untuk ${number} pada statusnya sekarang. Ketik /status ${number}.`,
        en: `That command does not apply to ${number} in its present status. Type /status ${number}.`,
      };
    case 'forbidden':
      return {
        id: `${number} bukan pengaduan Puskesos Anda.`,
        en: `${number} is not your Puskesos’s complaint.`,
      };
    case 'busy':
      return {
        id: `${number} sedang diubah petugas lain. Coba lagi sebentar.`,
        en: `${number} is being changed by another officer. Try again in a moment.`,
      };
    case 'not_found':
    case 'unknown_puskesos':
      return { id: `Pengaduan ${number} tidak ditemukan.`, en: `Complaint ${number} was not found.` };
  }
}
