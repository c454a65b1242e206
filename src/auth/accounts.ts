import { Types } from 'mongoose';
import type { Models } from '../db/models';
import { normalizePhone } from '../domain/identity';
import type { MentorType, StaffRole } from '../domain/program';

/**
 * Someone signed in: a Puskesos staff member or Dinsos admin (staff with role `admin` and no
 * Puskesos), or a mentor (MiBi or TKSK). What they may see follows from this alone.
 */
export type Account =
  | { kind: 'staff'; id: string; name: string; role: StaffRole; puskesos?: string | undefined }
  | { kind: 'mentor'; id: string; name: string; mentorType: MentorType };

export type AccountRef = { kind: 'staff' | 'mentor'; id: string };

/** A Dinsos admin: role `admin` and no Puskesos, the same test as actOnComplaint's for acting on all. */
export const isAdmin = (account: Account) =>
  account.kind === 'staff' && account.role === 'admin' && account.puskesos === undefined;

/** How an account is named in the audit log: `staff:<id>` or `mentor:<id>`. */
export const auditActorOf = (account: AccountRef) => `${account.kind}:${account.id}`;

/**
 * The login as typed, normalised: a phone in any Indonesian spelling becomes E.164, an e-mail lower
 * case. Anything else is kept trimmed and lower case, so that attempts at it are still counted.
 */
export function normalizeLogin(login: string): string {
  const trimmed = login.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  const phone = normalizePhone(trimmed);
  return phone.ok ? phone.value : trimmed.toLowerCase();
}

/**
 * The account a login names with its password hash; staff first (an e-mail can only be staff's). A
 * disabled account is not found, so it is refused (by password or by code) as an unknown login is.
 */
export async function findAccountForSignIn(
  models: Models,
  login: string,
): Promise<{ account: Account; passwordHash: string | undefined } | undefined> {
  // A disabled account is answered as an unknown login: the same refusal, nothing told.
  const usable = <T extends { disabledAt?: Date | null | undefined }>(record: T | null) =>
    record && !record.disabledAt ? record : undefined;
  if (login.includes('@')) {
    const staff = usable(await models.staff.findOne({ email: login }).select('+passwordHash').lean());
    return staff
      ? { account: staffAccount(staff), passwordHash: staff.passwordHash ?? undefined }
      : undefined;
  }
  const staffRecord = await models.staff.findOne({ phone: login }).select('+passwordHash').lean();
  if (staffRecord) {
    const staff = usable(staffRecord);
    return staff && { account: staffAccount(staff), passwordHash: staff.passwordHash ?? undefined };
  }
  const mentor = usable(await models.mentors.findOne({ phone: login }).select('+passwordHash').lean());
  return mentor
    ? { account: mentorAccount(mentor), passwordHash: mentor.passwordHash ?? undefined }
    : undefined;
}

/**
 * The account as it is now (its role or Puskesos may have changed since the session began); none once
 * disabled, so a session or API token left over from before opens nothing.
 */
export async function loadAccount(models: Models, ref: AccountRef): Promise<Account | undefined> {
  if (!Types.ObjectId.isValid(ref.id)) return undefined;
  if (ref.kind === 'staff') {
    const staff = await models.staff.findById(ref.id).lean();
    return staff && !staff.disabledAt ? staffAccount(staff) : undefined;
  }
  const mentor = await models.mentors.findById(ref.id).lean();
  return mentor && !mentor.disabledAt ? mentorAccount(mentor) : undefined;
}

function staffAccount(staff: {
  _id: Types.ObjectId;
  name: string;
  role: StaffRole;
  puskesos?: Types.ObjectId | null | undefined;
}): Account {
  return {
    kind: 'staff',
    id: String(staff._id),
    name: staff.name,
    role: staff.role,
    ...(staff.puskesos ? { puskesos: String(staff.puskesos) } : {}),
  };
}

function mentorAccount(mentor: { _id: Types.ObjectId; name: string; type: MentorType }): Account {
  return { kind: 'mentor', id: String(mentor._id), name: mentor.name, mentorType: mentor.type };
}
