import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { isDuplicateKey } from '../../db/errors';
import { localDateOf } from '../calendar';

export interface NewComplaint {
  participant?: Types.ObjectId | undefined;
  complainantPhone?: string | undefined;
  desa: string;
  kecamatan: string;
  category: string;
  text: string;
  at: Date;
}

export type OpenedComplaint =
  { ok: true; number: string; puskesosName: string } | { ok: false; reason: 'no_puskesos' };

/**
 * Registers a complaint with the Puskesos that serves the complainant's desa (or, failing that, one in
 * the kecamatan) under the next number of the year, `PGD-2026-000123`.
 */
export async function openComplaint(
  models: Models,
  complaint: NewComplaint,
  timeZone: string,
): Promise<OpenedComplaint> {
  const puskesos =
    (await models.puskesos
      .findOne({ $or: [{ desa: complaint.desa }, { servedDesa: complaint.desa }] })
      .lean()) ??
    (await models.puskesos.findOne({ kecamatan: complaint.kecamatan }).sort({ name: 1 }).lean());
  if (!puskesos) return { ok: false, reason: 'no_puskesos' };
  const year = localDateOf(complaint.at, timeZone).year;
  // The unique index on `number` decides races: the loser takes the next number, so none is skipped.
  for (let attempt = 0; attempt < 20; attempt++) {
    const number = await nextComplaintNumber(models, year);
    try {
      await models.complaints.create({
        number,
        puskesos: puskesos._id,
        participant: complaint.participant,
        complainantPhone: complaint.complainantPhone,
        desa: complaint.desa,
        category: complaint.category,
        text: complaint.text,
        status: 'new',
        events: [{ at: complaint.at, to: 'new', note: 'diterima lewat chat' }],
      });
      return { ok: true, number, puskesosName: puskesos.name };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
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
