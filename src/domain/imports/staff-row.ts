import { say } from '../../i18n';
import { parseStaffRole, STAFF_ROLES, type StaffRole } from '../program';
import type { staffColumns } from './columns';
import { phoneCell } from './participant-row';
import type { RowReader, RowResult } from './row';

export type StaffColumn = keyof typeof staffColumns;

export interface StaffRow {
  row: number;
  name: string;
  phone: string;
  email?: string | undefined;
  role: StaffRole;
  /** Name of the Puskesos; absent only for Dinsos admins. */
  puskesos?: string | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseStaffRow(reader: RowReader<StaffColumn>): RowResult<StaffRow> {
  const name = reader.required('nama');
  const phone = reader.requiredParsed('no_hp', phoneCell);
  const email = reader.text('email').toLowerCase() || undefined;
  if (email && !EMAIL.test(email)) reader.problem('email', say('import.invalidEmail', 'id'));
  const role = reader.vocabulary('peran', parseStaffRole, STAFF_ROLES.join(', '));
  const puskesos = reader.text('puskesos') || undefined;
  if (role && role !== 'admin' && !puskesos)
    reader.problem('puskesos', say('import.requiredForRole', 'id', { role }));
  if (!reader.valid || !phone || !role) return reader.failure();
  return { ok: true, value: { row: reader.row, name, phone, email, role, puskesos } };
}
