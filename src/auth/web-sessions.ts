import type { Models } from '../db/models';
import type { AccountRef } from './accounts';
import { hashSecretToken, newSecretToken } from './secret-tokens';

export interface WebSessionInfo {
  account: AccountRef;
  csrfToken: string;
  expiresAt: Date;
}

/** Starts a session for `account`; the returned id goes into the cookie and is stored only hashed. */
export async function startWebSession(
  models: Models,
  account: AccountRef,
  now: Date,
  lifetimeMs: number,
  from: string | undefined,
): Promise<{ id: string } & WebSessionInfo> {
  const id = newSecretToken();
  const csrfToken = newSecretToken();
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await models.webSessions.create({
    _id: hashSecretToken(id),
    account,
    csrfToken,
    createdAt: now,
    expiresAt,
    ...(from ? { from } : {}),
  });
  return { id, account, csrfToken, expiresAt };
}

/** The session a cookie names, unless it is unknown or expired (FerretDB removes nothing by itself). */
export async function readWebSession(
  models: Models,
  id: string,
  now: Date,
): Promise<WebSessionInfo | undefined> {
  const session = await models.webSessions.findById(hashSecretToken(id)).lean();
  if (!session || session.expiresAt <= now) return undefined;
  return {
    account: { kind: session.account.kind, id: String(session.account.id) },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}

export async function endWebSession(models: Models, id: string): Promise<void> {
  await models.webSessions.deleteOne({ _id: hashSecretToken(id) });
}

/** Every session of an account ends, as when its password is changed. */
export async function endWebSessionsOf(models: Models, account: AccountRef): Promise<void> {
  await models.webSessions.deleteMany({ 'account.kind': account.kind, 'account.id': account.id });
}

/** Removes expired sessions; run periodically, since there is no TTL index on FerretDB. */
export async function removeExpiredWebSessions(models: Models, now: Date): Promise<number> {
  const { deletedCount } = await models.webSessions.deleteMany({ expiresAt: { $lte: now } });
  return deletedCount;
}
