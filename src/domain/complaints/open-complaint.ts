import { redactNik } from '../../log/redact';
import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { isDuplicateKey } from '../../db/errors';
import { literalPattern } from '../../db/regex';
import { queueOnce } from '../../db/outbox';
import { localDateOf } from '../calendar';
import type { Language } from '../program';
import type { ChatTarget } from '../reminders/reach';
import type { ComplaintDeskSettings } from './complaint-desk';
import { newComplaintPost } from './messages';
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
  { ok: true; number: string; puskesosName: string } | { ok: false; reason: 'no_puskesos' };

/**
 * Registers a complaint with the Puskesos that serves the complainant's desa (or, failing that, one in
 * the kecamatan) under the next number of the year, `PGD-2026-000123`, with its SLA deadlines, and
 * posts it to that Puskesos's staff.
 */
export async function openComplaint(
  models: Models,
  complaint: NewComplaint,
  settings: ComplaintDeskSettings,
): Promise<OpenedComplaint> {
  const desa = new RegExp(`^${literalPattern(complaint.desa.trim())}$`, 'i');
  const puskesos =
    (await models.puskesos.findOne({ $or: [{ desa }, { servedDesa: desa }] }).lean()) ??
    (complaint.kecamatan
      ? await models.puskesos.findOne({ kecamatan: complaint.kecamatan }).sort({ name: 1 }).lean()
      : null);
  if (!puskesos) return { ok: false, reason: 'no_puskesos' };
  const acknowledgeBy = addWorkingDays(
    complaint.at,
    puskesos.sla?.acknowledgeWorkingDays ?? 1,
    settings.calendar,
  );
  const answerBy = addWorkingDays(complaint.at, puskesos.sla?.answerWorkingDays ?? 5, settings.calendar);
  const year = localDateOf(complaint.at, settings.calendar.timeZone).year;
  // The unique index on `number` decides races: the loser takes the next number, so none is skipped.
  for (let attempt = 0; attempt < 20; attempt++) {
    const number = await nextComplaintNumber(models, year);
    try {
      await models.complaints.create({
        number,
        puskesos: puskesos._id,
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
        status: 'new',
        acknowledgeBy,
        answerBy,
        dueAt: acknowledgeBy,
        events: [{ kind: 'status', at: complaint.at, to: 'new', text: 'diterima lewat chat' }],
        // Its age and the inbox's order count from when it was made, on the service's clock.
        createdAt: complaint.at,
      });
    } catch (error) {
      if (isDuplicateKey(error)) continue;
      throw error;
    }
    const post = newComplaintPost(
      {
        ...complaint,
        text: redactNik(complaint.text),
        number,
        participant: Boolean(complaint.participant),
        photos: complaint.photos.length,
        acknowledgeBy,
      },
      settings.calendar.timeZone,
    );
    const targets = await staffTargetsOf(
      models,
      puskesos._id,
      ['koordinator', 'front_office'],
      settings.fallback,
    );
    for (const target of targets) {
      await queueOnce(models, {
        dedupeKey: `complaint:${number}:posted:${target.channel}:${target.chatId}`,
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
    return { ok: true, number, puskesosName: puskesos.name };
  }
  throw new Error('could not number the complaint: too many complaints at the same moment');
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
