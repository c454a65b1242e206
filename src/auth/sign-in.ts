import type { Types } from 'mongoose';
import type { Models } from '../db/models';
import { findAccountForSignIn, normalizeLogin, type Account } from './accounts';
import { verifyPassword } from './passwords';

export interface SignInLimits {
  /** Failures of one login within the window after which it is locked until the oldest ages out. */
  maxFailuresPerAccount: number;
  /** Attempts from one address within the window, whatever the login, after which it must wait. */
  maxAttemptsPerAddress: number;
  windowMs: number;
}

export type SignInRefusal = { ok: false; reason: 'locked' | 'too_many_attempts'; retryAfterMs: number };

export type SignInOutcome =
  | { ok: true; account: Account }
  | { ok: false; reason: 'wrong_credentials'; failuresLeft: number }
  | SignInRefusal;

/** An attempt that passed the limits: counted as a failure of its account until `forgive` says otherwise. */
export interface AdmittedAttempt {
  ok: true;
  login: string;
  /** The account the login names, if any (with its password's hash, for a password check). */
  found: FoundAccount | undefined;
  /** Failures of the account (or, for a login that is nobody's, of the login) in the window, this one included. */
  failures: number;
  forgive: () => Promise<void>;
}

type FoundAccount = NonNullable<Awaited<ReturnType<typeof findAccountForSignIn>>>;

/**
 * Counts one attempt at signing in as `typedLogin` from `ip`, whatever the method (a password, a
 * one-time code, asking for a code). The attempt is inserted first and counted with the attempts
 * before it, so that concurrent guesses, on one instance or several, each see at least all those
 * inserted before them and no more than the limit get through. An attempt refused by a limit is
 * removed again: a lock ends one window after the last real failure. Failures count per account,
 * whichever of its logins was typed (its phone in any spelling, its e-mail): each login does not get
 * guesses of its own.
 */
export async function admitSignInAttempt(
  models: Models,
  typedLogin: string,
  ip: string,
  now: Date,
  limits: SignInLimits,
): Promise<AdmittedAttempt | SignInRefusal> {
  const login = normalizeLogin(typedLogin);
  const since = new Date(now.getTime() - limits.windowMs);
  const found = await findAccountForSignIn(models, login);
  const guessed = found ? `${found.account.kind}:${found.account.id}` : login;
  const attempt = await models.signInAttempts.create({ login: guessed, ip, at: now });
  const refuse = async (
    reason: 'locked' | 'too_many_attempts',
    filter: { login: string } | { ip: string },
  ): Promise<SignInRefusal> => {
    await models.signInAttempts.deleteOne({ _id: attempt._id });
    const oldest = await models.signInAttempts
      .findOne({ ...filter, at: { $gt: since }, succeeded: { $ne: true } })
      .sort({ at: 1 })
      .lean();
    const retryAfterMs = Math.max(1000, (oldest?.at ?? now).getTime() + limits.windowMs - now.getTime());
    return { ok: false, reason, retryAfterMs };
  };

  const fromAddress = await models.signInAttempts.countDocuments({ ip, at: { $gt: since } });
  if (fromAddress > limits.maxAttemptsPerAddress) return refuse('too_many_attempts', { ip });
  const failures = await models.signInAttempts.countDocuments({
    login: guessed,
    at: { $gt: since },
    succeeded: { $ne: true },
  });
  if (failures > limits.maxFailuresPerAccount) return refuse('locked', { login: guessed });
  return { ok: true, login, found, failures, forgive: () => forgive(models, attempt._id, guessed, since) };
}

/** A success forgives the account's earlier failures; the address keeps its count for the window. */
async function forgive(models: Models, attempt: Types.ObjectId, login: string, since: Date): Promise<void> {
  await models.signInAttempts.updateOne({ _id: attempt }, { $set: { succeeded: true } });
  await models.signInAttempts.updateMany(
    { login, at: { $gt: since }, succeeded: { $ne: true } },
    { $set: { succeeded: true } },
  );
}

/** Checks a login and password under the limits (see `admitSignInAttempt`). */
export async function signIn(
  models: Models,
  typedLogin: string,
  password: string,
  ip: string,
  now: Date,
  limits: SignInLimits,
): Promise<SignInOutcome> {
  const admitted = await admitSignInAttempt(models, typedLogin, ip, now, limits);
  if (!admitted.ok) return admitted;
  const { found } = admitted;
  const matches = await verifyPassword(password, found?.passwordHash);
  if (!found || !matches) {
    return {
      ok: false,
      reason: 'wrong_credentials',
      failuresLeft: limits.maxFailuresPerAccount - admitted.failures,
    };
  }
  await admitted.forgive();
  return { ok: true, account: found.account };
}

/** Removes attempts older than the window; run periodically, since FerretDB has no TTL index. */
export async function removeOldSignInAttempts(models: Models, now: Date, windowMs: number): Promise<number> {
  const { deletedCount } = await models.signInAttempts.deleteMany({
    at: { $lte: new Date(now.getTime() - windowMs) },
  });
  return deletedCount;
}
