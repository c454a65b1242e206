import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { isDuplicateKey } from '../db/errors';
import { say, type StaffLanguage } from '../i18n';
import type { Models } from '../db/models';
import { queueOnce } from '../db/outbox';
import { chatTargetOf } from '../domain/reminders/reach';
import { SIGN_IN_CODE_KEY_PREFIX } from '../domain/transcripts/store';
import type { Account } from './accounts';
import { sameSecret } from './secret-tokens';
import { admitSignInAttempt, type SignInLimits, type SignInRefusal } from './sign-in';

/** How long a code sent to a chat can be used. */
export const SIGN_IN_CODE_MS = 10 * 60_000;
/** Wrong tries of one code after which it is void, whatever the account's other limits allow. */
export const MAX_SIGN_IN_CODE_TRIES = 5;

/** Six random digits, leading zeros kept: what a person can read off a phone and type. */
export function newSignInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The code as typed ("123 456", "123-456"), or undefined when it is not six digits. */
export function typedSignInCode(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
}

/**
 * What is stored of a code: an HMAC keyed by random bytes kept beside it. A million codes are few, so
 * this does not make a code unguessable from a stolen database; it keeps the codes themselves out of
 * backups and logs, and the tries limit and the ten minutes keep guessing online useless.
 */
export function hashSignInCode(code: string, salt: string): string {
  return createHmac('sha256', Buffer.from(salt, 'base64')).update(code).digest('hex');
}

export function signInCodeMatches(code: string, salt: string, hash: string): boolean {
  return sameSecret(hashSignInCode(code, salt), hash);
}

/** The chat message carrying a code. */
export function signInCodeText(code: string, language: StaffLanguage): string {
  return say('signIn.code', language, { code });
}

/** The same message once the code is used or has expired: the outbox keeps no usable code. */
const redactedIn = (language: StaffLanguage) => say('signIn.codeRedacted', language);

/** A code's message in English starts as its redacted English does, up to the stars. */
const ENGLISH_START = redactedIn('en').slice(0, redactedIn('en').indexOf('*'));

// The outbox key of every code's message starts with it: whoever shows outbox entries can tell.
export { SIGN_IN_CODE_KEY_PREFIX };
const dedupeKeyOf = (codeId: string) => `${SIGN_IN_CODE_KEY_PREFIX}${codeId}`;

export type CodeRequestOutcome = { ok: true; sentTo: string | undefined } | SignInRefusal;

/**
 * Asks for a code for the staff member or mentor with this phone (or e-mail): counted as a sign-in
 * attempt under the same limits as a password. When the account exists and can be reached in a chat
 * (`chatTargetOf`; never the simulator), a new code replaces any earlier one and is
 * queued to that chat; `sentTo` names the app, for the audit log only: the person asking must not
 * learn whether the phone belongs to anyone.
 */
export async function requestSignInCode(
  models: Models,
  typedLogin: string,
  ip: string,
  now: Date,
  options: { limits: SignInLimits; language: 'id' | 'en' },
): Promise<CodeRequestOutcome> {
  const admitted = await admitSignInAttempt(models, typedLogin, ip, now, options.limits);
  if (!admitted.ok) return admitted;
  await removeExpiredSignInCodes(models, now);
  const { found } = admitted;
  if (!found) return { ok: true, sentTo: undefined };
  const { kind, id } = found.account;
  const person =
    kind === 'staff'
      ? await models.staff.findById(id, { phone: 1, channels: 1 }).lean()
      : await models.mentors.findById(id, { phone: 1, channels: 1 }).lean();
  // Only a chat app the person holds, never the simulator: anyone who can open the simulator can read
  // any phone's transcript there, and with it the code to sign in as that person.
  const target = person ? chatTargetOf(person) : undefined;
  if (!target) return { ok: true, sentTo: undefined };

  const code = newSignInCode();
  const salt = randomBytes(16).toString('base64');
  const stored = await models.signInCodes.create({
    account: { kind, id },
    salt,
    hash: hashSignInCode(code, salt),
    createdAt: now,
    expiresAt: new Date(now.getTime() + SIGN_IN_CODE_MS),
  });
  // Only the newest code counts: an earlier one, perhaps read over a shoulder, is void.
  const earlier = await models.signInCodes
    .find({ 'account.kind': kind, 'account.id': id, _id: { $ne: stored._id } }, { _id: 1 })
    .limit(50)
    .lean();
  if (earlier.length > 0) {
    await redactCodeMessages(
      models,
      earlier.map((entry) => String(entry._id)),
    );
    await models.signInCodes.deleteMany({ _id: { $in: earlier.map((entry) => entry._id) } });
  }
  await queueOnce(models, {
    dedupeKey: dedupeKeyOf(String(stored._id)),
    ...target,
    message: { text: signInCodeText(code, options.language) },
    // Asked for this minute: quiet hours do not apply.
    dueAt: now,
  });
  return { ok: true, sentTo: target.channel };
}

export type CodeSignInFailure = 'wrong_code' | 'no_code' | 'code_void' | 'code_used';

export type CodeSignInOutcome =
  { ok: true; account: Account } | { ok: false; reason: CodeSignInFailure } | SignInRefusal;

/**
 * Signs in with the code last sent to this login's chat, under the sign-in limits. Each try is an
 * insert counted afterwards (as sign-in attempts are), so that concurrent guesses cannot share one
 * count; the use is an insert under a unique id, so that exactly one request uses a code.
 */
export async function signInWithCode(
  models: Models,
  typedLogin: string,
  code: string,
  ip: string,
  now: Date,
  limits: SignInLimits,
): Promise<CodeSignInOutcome> {
  const admitted = await admitSignInAttempt(models, typedLogin, ip, now, limits);
  if (!admitted.ok) return admitted;
  const { found } = admitted;
  if (!found) return { ok: false, reason: 'no_code' };
  const latest = await models.signInCodes
    .findOne({
      'account.kind': found.account.kind,
      'account.id': found.account.id,
      expiresAt: { $gt: now },
    })
    .sort({ createdAt: -1 })
    .lean();
  if (!latest) return { ok: false, reason: 'no_code' };
  const codeId = String(latest._id);
  if (await models.signInCodeTries.exists({ _id: `${codeId}:used` }))
    return { ok: false, reason: 'code_used' };

  await models.signInCodeTries.create({ _id: `${codeId}:${randomUUID()}`, code: latest._id, at: now });
  const tries = await models.signInCodeTries.countDocuments({ code: latest._id });
  if (tries > MAX_SIGN_IN_CODE_TRIES) return { ok: false, reason: 'code_void' };
  if (!signInCodeMatches(code, latest.salt, latest.hash)) return { ok: false, reason: 'wrong_code' };

  try {
    await models.signInCodeTries.create({ _id: `${codeId}:used`, code: latest._id, at: now });
  } catch (error) {
    if (isDuplicateKey(error)) return { ok: false, reason: 'code_used' };
    throw error;
  }
  await admitted.forgive();
  await redactCodeMessages(models, [codeId]);
  return { ok: true, account: found.account };
}

/** Replaces the code in delivered messages by stars. */
async function redactCodeMessages(models: Models, codeIds: string[]): Promise<void> {
  for (const codeId of codeIds) {
    const entry = await models.outbox.findById(dedupeKeyOf(codeId), { message: 1, status: 1 }).lean();
    if (!entry || entry.status === 'pending') continue;
    const text = String((entry.message as { text?: unknown }).text ?? '');
    const redacted = redactedIn(text.startsWith(ENGLISH_START) ? 'en' : 'id');
    if (text === redacted) continue;
    await models.outbox.updateOne({ _id: entry._id }, { $set: { 'message.text': redacted } });
  }
}

/**
 * Removes expired codes and their tries (FerretDB has no TTL index), a bounded batch at a time, and
 * takes the codes out of the messages that carried them.
 */
export async function removeExpiredSignInCodes(models: Models, now: Date): Promise<number> {
  const expired = await models.signInCodes
    .find({ expiresAt: { $lte: now } }, { _id: 1 })
    .limit(200)
    .lean();
  const ids = expired.map((code) => code._id);
  await redactCodeMessages(models, ids.map(String));
  if (ids.length > 0) {
    await models.signInCodes.deleteMany({ _id: { $in: ids } });
  }
  await models.signInCodeTries.deleteMany({ at: { $lte: new Date(now.getTime() - SIGN_IN_CODE_MS) } });
  return ids.length;
}
