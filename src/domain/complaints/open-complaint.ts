import { redactNik } from '../../log/redact';
import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { isDuplicateKey } from '../../db/errors';
import { queueOnce } from '../../db/outbox';
import { say } from '../../i18n';
import { localDateOf } from '../calendar';
import type { Language } from '../program';
import type { ChatTarget } from '../reminders/reach';
import type { ComplaintDeskSettings } from './complaint-desk';
import { indexComplaint } from './complaint-index';
import { newComplaintPost } from './messages';
import { servingPuskesos } from './serving-puskesos';
import { staffTargetsOf } from './staff-targets';
import { addWorkingDays } from './working-days';

export interface NewComplaint {
  participant?: Types.ObjectId | undefined;
  complainantPhone?: string | undefined;
  complainantChat: ChatTarget;
  language: Language;
  desa: string;
  /** Absent for a resident who named only their desa: then the desa alone decides. */
  kecamatan?: string | undefined;
  category: string;
  text: string;
  photos: string[];
  at: Date;
  /** The key of the chat message that opens it (src/db/effects.ts finds it again by this). */
  openedBy?: string | undefined;
}

export type OpenedComplaint =
  | { ok: true; number: string; puskesosName: string }
  /** Stored under its number, but no Puskesos serves the desa: it waits for the Dinsos admin. */
  | { ok: false; reason: 'no_puskesos'; number: string };

/**
 * Registers a complaint with the Puskesos that serves the complainant's desa (or, failing that, one in
 * the kecamatan) under the next number of the year, `PGD-2026-000123`, with its SLA deadlines, and
 * posts it to that Puskesos's staff. A complaint no Puskesos serves is stored all the same, `unrouted`,
 * without deadlines, and queued for the Dinsos admin, who passes it to one (its deadlines start then).
 */
export async function openComplaint(
  models: Models,
  complaint: NewComplaint,
  settings: ComplaintDeskSettings,
): Promise<OpenedComplaint> {
  // A regency has a few dozen Puskesos: all are read, and the rule that picks one is pure.
  const units = await models.puskesos
    .find({}, { name: 1, desa: 1, kecamatan: 1, servedDesa: 1, sla: 1 })
    .lean();
  const puskesos = servingPuskesos(units, complaint);
  const deadlines = puskesos && deadlinesOf(puskesos, complaint.at, settings);
  const year = localDateOf(complaint.at, settings.calendar.timeZone).year;
  // The unique index on `number` decides races: the loser takes the next number, so none is skipped.
  for (let attempt = 0; attempt < 20; attempt++) {
    const number = await nextComplaintNumber(models, year);
    let created: { _id: Types.ObjectId };
    try {
      created = await models.complaints.create({
        number,
        ...(puskesos && deadlines
          ? { puskesos: puskesos._id, status: 'new', ...deadlines, dueAt: deadlines.acknowledgeBy }
          : { status: 'unrouted' }),
        participant: complaint.participant,
        complainantPhone: complaint.complainantPhone,
        complainantChat: complaint.complainantChat,
        ...(complaint.openedBy ? { openedBy: complaint.openedBy } : {}),
        language: complaint.language,
        desa: complaint.desa,
        category: complaint.category,
        // A NIK typed into a complaint is not the Puskesos's to read: kept masked, like everywhere else.
        text: redactNik(complaint.text),
        photos: complaint.photos,
        events: [
          {
            kind: 'status',
            at: complaint.at,
            to: puskesos ? 'new' : 'unrouted',
            text: say(puskesos ? 'complaint.receivedByChat' : 'complaint.receivedWithoutPuskesos', 'id'),
          },
        ],
        // Its age and the inbox's order count from when it was made, on the service's clock.
        createdAt: complaint.at,
      });
    } catch (error) {
      if (isDuplicateKey(error)) continue;
      throw error;
    }
    await indexComplaint(models, created._id, complaint.at);
    if (!puskesos || !deadlines) {
      await queueUnrouted(models, { ...complaint, number });
      return { ok: false, reason: 'no_puskesos', number };
    }
    await postNewComplaint(
      models,
      { ...complaint, number, acknowledgeBy: deadlines.acknowledgeBy },
      puskesos._id,
      settings,
    );
    return { ok: true, number, puskesosName: puskesos.name };
  }
  throw new Error('could not number the complaint: too many complaints at the same moment');
}

/** A Puskesos's deadlines for a complaint it gets at `at`, in its working days. */
export function deadlinesOf(
  puskesos: { sla?: { acknowledgeWorkingDays?: number | null; answerWorkingDays?: number | null } | null },
  at: Date,
  settings: ComplaintDeskSettings,
): { acknowledgeBy: Date; answerBy: Date } {
  return {
    acknowledgeBy: addWorkingDays(at, puskesos.sla?.acknowledgeWorkingDays ?? 1, settings.calendar),
    answerBy: addWorkingDays(at, puskesos.sla?.answerWorkingDays ?? 5, settings.calendar),
  };
}

/**
 * Puts a stored complaint in the Dinsos admin's "Belum ada Puskesos" queue. An upsert under its
 * number: queuing it again (the message handled again after a stop) changes nothing.
 */
export async function queueUnrouted(
  models: Models,
  complaint: { number: string; desa: string; kecamatan?: string | undefined; category: string; at: Date },
): Promise<void> {
  await models.unroutedComplaints.updateOne(
    { _id: complaint.number },
    {
      $setOnInsert: {
        desa: complaint.desa,
        ...(complaint.kecamatan ? { kecamatan: complaint.kecamatan } : {}),
        category: complaint.category,
        createdAt: complaint.at,
      },
    },
    { upsert: true },
  );
}

/** Posts a complaint new to a Puskesos to its koordinator and front office (or its staff groups). */
export async function postNewComplaint(
  models: Models,
  complaint: {
    number: string;
    category: string;
    desa: string;
    text: string;
    complainantPhone?: string | undefined;
    participant?: Types.ObjectId | null | undefined;
    photos: string[];
    acknowledgeBy: Date;
    /** When the Puskesos got it: filed, or passed on by the Dinsos. */
    at: Date;
  },
  puskesosId: Types.ObjectId,
  settings: ComplaintDeskSettings,
): Promise<void> {
  const post = newComplaintPost(
    {
      ...complaint,
      text: redactNik(complaint.text),
      participant: Boolean(complaint.participant),
      photos: complaint.photos.length,
    },
    settings.calendar.timeZone,
  );
  const targets = await staffTargetsOf(
    models,
    puskesosId,
    ['koordinator', 'front_office'],
    settings.fallback,
  );
  for (const target of targets) {
    await queueOnce(models, {
      dedupeKey: `complaint:${complaint.number}:posted:${target.channel}:${target.chatId}`,
      channel: target.channel,
      chatId: target.chatId,
      fallbacks: target.fallbacks,
      // The first photo goes with the post (as a photo where the app can show one).
      message: {
        text: post,
        ...(complaint.photos[0] ? { image: { mediaId: complaint.photos[0], mimeType: 'image/jpeg' } } : {}),
      },
      dueAt: complaint.at,
    });
  }
}

/** The number after the year's highest, `PGD-2026-000124`; read, not incremented, so that nothing is skipped. */
export async function nextComplaintNumber(models: Models, year: number): Promise<string> {
  const prefix = `PGD-${year}-`;
  const latest = await models.complaints
    .findOne({ number: { $gte: prefix, $lt: `PGD-${year + 1}-` } }, { number: 1 })
    .sort({ number: -1 })
    .lean();
  const next = latest ? Number(latest.number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(6, '0')}`;
}
