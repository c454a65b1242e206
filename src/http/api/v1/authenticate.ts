import type { Request } from 'express';
import { loadAccount, readApiToken, readWebSession, sameSecret } from '../../../auth';
import type { Models } from '../../../db/models';
import { readCookie, SESSION_COOKIE } from '../../cookies';
import type { Caller } from './endpoint';

export type Authentication = { ok: true; caller: Caller | undefined } | { ok: false; reason: 'bad_token' };

/**
 * Who is calling. A bearer token that is unknown or revoked is refused outright (an integration should
 * hear that its token is wrong); an expired or unknown session cookie means nobody is signed in.
 */
export async function authenticate(models: Models, request: Request, now: Date): Promise<Authentication> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header);
    const token = match?.[1] ? await readApiToken(models, match[1]) : undefined;
    const account = token ? await loadAccount(models, token.account) : undefined;
    if (!token || !account) return { ok: false, reason: 'bad_token' };
    return { ok: true, caller: { account, via: 'token', tokenId: token.id } };
  }
  const sessionId = readCookie(request, SESSION_COOKIE);
  if (!sessionId || sessionId.length > 100) return { ok: true, caller: undefined };
  const session = await readWebSession(models, sessionId, now);
  const account = session ? await loadAccount(models, session.account) : undefined;
  if (!session || !account) return { ok: true, caller: undefined };
  return { ok: true, caller: { account, via: 'session', sessionId, csrfToken: session.csrfToken } };
}

/** A browser's unsafe request must carry its session's token: another site's page cannot know it. */
export function carriesCsrfToken(request: Request, caller: Caller & { via: 'session' }): boolean {
  const given = request.headers['x-csrf-token'];
  return typeof given === 'string' && sameSecret(given, caller.csrfToken);
}
