import {
  auditActorOf,
  recordAudit,
  signIn,
  startWebSession,
  type Account,
  type SignInOutcome,
} from '../auth';
import type { ApiDependencies } from './api/v1/dependencies';

export type SessionSignIn =
  | Exclude<SignInOutcome, { ok: true }>
  | { ok: true; account: Account; session: { id: string; csrfToken: string; expiresAt: Date } };

/**
 * Checks a login and password under the limits and starts a browser session, writing the audit line
 * either way: the API's `POST /session` and the dashboard's sign-in form are the same sign-in.
 */
export async function signInToSession(
  { models, auth }: Pick<ApiDependencies, 'models' | 'auth'>,
  login: string,
  password: string,
  from: string,
  now: Date,
): Promise<SessionSignIn> {
  const outcome = await signIn(models, login, password, from, now, auth.signIn);
  if (!outcome.ok) {
    await recordAudit(
      models,
      { actor: 'anonymous', action: `sign_in.${outcome.reason}`, target: login, from },
      now,
    );
    return outcome;
  }
  const session = await startWebSession(
    models,
    { kind: outcome.account.kind, id: outcome.account.id },
    now,
    auth.sessionLifetimeMs,
    from,
  );
  await recordAudit(models, { actor: auditActorOf(outcome.account), action: 'sign_in.succeeded', from }, now);
  return { ok: true, account: outcome.account, session };
}
