import { complaintCategoryName } from '../domain/complaints/categories';
import type { Models } from '../db/models';
import {
  actOnComplaint,
  statusWord,
  type ActOutcome,
  type ComplainantNotice,
  type ComplaintDeskSettings,
} from '../domain/complaints';
import { STAFF_HINT } from '../domain/complaints/messages';
import { parseStaffCommand } from '../domain/complaints/staff-command';
import { formatOpenComplaints, openComplaintsOf } from '../domain/complaints/staff-digest';
import { sessionTime } from '../domain/sessions/messages';
import type { InboundMessage, OutboundMessage } from '../engine/messages';
import type { Logger } from '../log';

const STAFF_HELP = [
  'Halo, petugas Puskesos. Pengaduan baru dikirim ke grup staf atau ke chat ini.',
  STAFF_HINT,
  'Tulis nomornya bila tidak membalas: /ambil PGD-2026-000123. /aduan menampilkan pengaduan terbuka; /status PGD-... rinciannya.',
  'Di grup Telegram staf, /daftargrup menjadikan grup itu grup pengaduan Puskesos Anda.',
].join('\n');

/** A complaint's history in words, not the codes it is stored with. */
const EVENT_WORDS: Partial<Record<string, string>> = {
  reply: 'balasan ke pelapor',
  message: 'pesan pelapor',
  note: 'catatan internal',
  rating: 'penilaian',
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
  const staff = await models.staff.findById(staffId, { puskesos: 1, name: 1 }).lean();
  if (!staff) return [];
  const timeZone = settings.calendar.timeZone;
  switch (command.kind) {
    case 'help':
      return [{ text: command.problem ? `Maaf, ${command.problem}.` : STAFF_HELP }];
    case 'list': {
      if (!staff.puskesos) return [{ text: 'Akun Anda tidak terhubung ke Puskesos mana pun.' }];
      const puskesos = await models.puskesos.findById(staff.puskesos, { name: 1 }).lean();
      const open = await openComplaintsOf(models, staff.puskesos);
      return [{ text: formatOpenComplaints(puskesos?.name ?? 'Puskesos', open, now, timeZone) }];
    }
    case 'register_group': {
      if (!inbound.group) return [{ text: 'Ketik /daftargrup di grup staf, bukan di chat pribadi.' }];
      if (!staff.puskesos) return [{ text: 'Akun Anda tidak terhubung ke Puskesos mana pun.' }];
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
      return [{ text: `Grup ini sekarang menerima pengaduan untuk ${puskesos.name}.` }];
    }
    case 'status': {
      const complaint = await models.complaints.findOne({ number: command.number }).lean();
      const mine = complaint && (!staff.puskesos || staff.puskesos.equals(complaint.puskesos));
      if (!complaint || !mine)
        return [{ text: `Pengaduan ${command.number} tidak ditemukan di Puskesos Anda.` }];
      const history = complaint.events.slice(-5).map((event) => {
        const when = sessionTime(event.at, 'id', timeZone);
        const who =
          event.byName ?? (event.kind === 'message' || event.kind === 'rating' ? 'pelapor' : 'sistem');
        const what =
          event.kind === 'status' && event.to
            ? statusWord(event.to, 'id')
            : (EVENT_WORDS[event.kind] ?? event.kind);
        return `- ${when}, ${who}: ${what}${event.text ? `: ${event.text}` : ''}`;
      });
      return [
        {
          text: [
            `${complaint.number}: ${statusWord(complaint.status, 'id')}`,
            `Kategori: ${complaintCategoryName(complaint.category)} · Desa: ${complaint.desa}`,
            `Petugas: ${complaint.assigneeName ?? 'belum diambil'}${complaint.referredTo ? ` · Dirujuk ke: ${complaint.referredTo}` : ''}`,
            ...(complaint.dueAt ? [`Batas: ${sessionTime(complaint.dueAt, 'id', timeZone)}`] : []),
            `Isi: ${complaint.text}`,
            'Riwayat terakhir:',
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
        return [{ text: outcome.announcement }];
      }
      if (outcome.reason === 'forbidden') {
        logger.warn({ staffId, complaint: command.number }, 'staff acted on another Puskesos complaint');
      }
      return [{ text: refusalForStaff(command.number, outcome) }];
    }
  }
}

function refusalForStaff(number: string, outcome: Exclude<ActOutcome, { ok: true }>): string {
  switch (outcome.reason) {
    case 'taken':
      return `${number} sudah diambil oleh ${outcome.by}.`;
    case 'already_yours':
      return `${number} sudah Anda tangani.`;
    case 'closed':
      return `${number} sudah ditutup. Ketik /buka untuk membukanya kembali.`;
    case 'answer_first':
      return `${number} belum dijawab: jawab dulu dengan /selesai <jawaban>, lalu pelapor menilainya.`;
    case 'not_routed':
      return `${number} belum diteruskan ke Puskesos: teruskan dulu dari dasbor (Pengaduan).`;
    case 'not_allowed':
    case 'not_answered':
      return `Perintah itu tidak berlaku untuk ${number} pada statusnya sekarang. Ketik /status ${number}.`;
    case 'forbidden':
      return `${number} bukan pengaduan Puskesos Anda.`;
    case 'busy':
      return `${number} sedang diubah petugas lain. Coba lagi sebentar.`;
    case 'not_found':
    case 'unknown_puskesos':
      return `Pengaduan ${number} tidak ditemukan.`;
  }
}
