import { servingPuskesos } from '../domain/complaints/serving-puskesos';
import type { ParticipantRow } from '../domain/imports/participant-row';
import type { RowProblem } from '../domain/imports/row';
import { say } from '../i18n';
import type { StoreContext } from './store';

/**
 * Participants stored, but whose complaints no Puskesos will receive (they wait for the Dinsos
 * admin), or whom no mentor follows (no digest names them). Each collection is read once.
 */
export async function participantWarnings(
  rows: ParticipantRow[],
  { models }: StoreContext,
): Promise<RowProblem[]> {
  if (rows.length === 0) return [];
  const units = await models.puskesos.find({}, { name: 1, desa: 1, kecamatan: 1, servedDesa: 1 }).lean();
  const stored = await models.participants
    .find({ phone: { $in: rows.map((row) => row.phone) } }, { phone: 1, mentors: 1 })
    .lean();
  const withMentor = new Set(
    stored
      .filter((participant) => participant.mentors?.mibi || participant.mentors?.tksk)
      .map((participant) => participant.phone),
  );
  return rows.flatMap((row) => [
    ...(servingPuskesos(units, row)
      ? []
      : [
          {
            row: row.row,
            column: 'desa',
            reason: say('import.noPuskesosForDesa', 'id', { desa: row.desa, kecamatan: row.kecamatan }),
          },
        ]),
    ...(withMentor.has(row.phone)
      ? []
      : [
          {
            row: row.row,
            column: 'hp_mibi',
            reason: say('import.noMentor', 'id'),
          },
        ]),
  ]);
}
