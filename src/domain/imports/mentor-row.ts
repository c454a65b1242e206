import { MENTOR_TYPES, parseMentorType, type MentorType } from '../program';
import { listCell } from './cells';
import type { mentorColumns } from './columns';
import { phoneCell, placeName } from './participant-row';
import type { RowReader, RowResult } from './row';

export type MentorColumn = keyof typeof mentorColumns;

export interface MentorRow {
  row: number;
  name: string;
  phone: string;
  type: MentorType;
  kecamatan: string[];
}

export function parseMentorRow(reader: RowReader<MentorColumn>): RowResult<MentorRow> {
  const name = reader.required('nama');
  const phone = reader.requiredParsed('no_hp', phoneCell);
  const type = reader.vocabulary('jenis', parseMentorType, MENTOR_TYPES.join(', '));
  reader.required('kecamatan');
  const kecamatan = listCell(reader.cell('kecamatan')).map(placeName);
  if (!reader.valid || !phone || !type) return reader.failure();
  return { ok: true, value: { row: reader.row, name, phone, type, kecamatan } };
}
