import type { Models } from '../db/models';
import { inBothLanguages } from '../i18n';
import { normalizeLogin, type AccountRef } from './accounts';
import { hashPassword, passwordProblem } from './passwords';
import { endWebSessionsOf } from './web-sessions';

export type SetPasswordOutcome =
  | { ok: true; account: AccountRef & { name: string } }
  | { ok: false; reason: 'no_account' | 'weak'; message: string };

/**
 * Sets the password of the staff member or mentor with this phone or e-mail, and ends their sessions:
 * someone who knew the old password is signed out everywhere.
 */
export async function setPassword(
  models: Models,
  login: string,
  password: string,
): Promise<SetPasswordOutcome> {
  const problem = passwordProblem(password);
  if (problem) return { ok: false, reason: 'weak', message: problem };
  const key = normalizeLogin(login);
  const filter = key.includes('@') ? { email: key } : { phone: key };
  const passwordHash = await hashPassword(password);
  const staff = await models.staff.findOne(filter, { name: 1 }).lean();
  const mentor =
    staff || key.includes('@') ? undefined : await models.mentors.findOne(filter, { name: 1 }).lean();
  const found = staff
    ? { kind: 'staff' as const, id: String(staff._id), name: staff.name }
    : mentor
      ? { kind: 'mentor' as const, id: String(mentor._id), name: mentor.name }
      : undefined;
  if (!found) {
    return {
      ok: false,
      reason: 'no_account',
      message: inBothLanguages('signIn.noAccount', { login }),
    };
  }
  if (found.kind === 'staff') await models.staff.updateOne({ _id: found.id }, { $set: { passwordHash } });
  else await models.mentors.updateOne({ _id: found.id }, { $set: { passwordHash } });
  await endWebSessionsOf(models, found);
  return { ok: true, account: found };
}
