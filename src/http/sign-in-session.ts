import {
  auditActorOf,
  normalizeLogin,
  recordAudit,
  requestSignInCode,
  signIn,
  signInWithCode,
  startWebSession,
  type Account,
  type CodeSignInOutcome,
  type SignInOutcome,
  type SignInRefusal,
} from '../auth';
import type { ApiDependencies } from './api/v1/dependencies';

type SignedIn = { ok: true; account: Account; session: { id: string; csrfToken: string; expiresAt: Date } };

export type SessionSignIn = Exclude<SignInOutcome, { ok: true }> | SignedIn;

export type CodeSessionSignIn = Exclude<CodeSignInOutcome, { ok: true }> | SignedIn;

type Dependencies = Pick<ApiDependencies, 'models' | 'auth'>;

/** The browser session of someone who just proved who they are, with its audit line. */
async function startSession(
  { models, auth }: Dependencies,
  account: Account,
  method: 'password' | 'code',
  from: string,
  now: Date,
): Promise<SignedIn> {
  const session = await startWebSession(
    models,
    { kind: account.kind, id: account.id },
    now,
    auth.sessionLifetimeMs,
    from,
  );
  await recordAudit(
    models,
    { actor: auditActorOf(account), action: 'sign_in.succeeded', from, details: { method } },
    now,
  );
  return { ok: true, account, session };
}

/**
 * Checks a login and password under the limits and starts a browser session, writing the audit line
 * either way: the API's `POST /session` and the dashboard's sign-in form are the same sign-in.
 */
export async function signInToSession(
  dependencies: Dependencies,
  login: string,
  password: string,
  from: string,
  now: Date,
): Promise<SessionSignIn> {
  const { models, auth } = dependencies;
  const outcome = await signIn(models, login, password, from, now, auth.signIn);
  if (!outcome.ok) {
    await recordAudit(
      models,
      { actor: 'anonymous', action: `sign_in.${outcome.reason}`, target: login, from },
      now,
    );
    return outcome;
  }
  return startSession(dependencies, outcome.account, 'password', from, now);
}

/**
 * Sends a one-time code to the chat of the account with this phone, if there is one, under the
 * sign-in limits. Only a refusal by a limit is told to the caller: whether the phone belongs to
 * anyone, or could be reached, is written to the audit log and nowhere else.
 */
export async function requestCodeForSession(
  { models, auth }: Pick<ApiDependencies, 'models' | 'auth'>,
  login: string,
  language: 'id' | 'en',
  from: string,
  now: Date,
): Promise<{ ok: true } | SignInRefusal> {
  const outcome = await requestSignInCode(models, login, from, now, {
    limits: auth.signIn,
    language,
  });
  await recordAudit(
    models,
    {
      actor: 'anonymous',
      action: outcome.ok ? 'sign_in.code_requested' : `sign_in.${outcome.reason}`,
      target: normalizeLogin(login),
      from,
      details: { method: 'code', ...(outcome.ok ? { sentTo: outcome.sentTo ?? null } : {}) },
    },
    now,
  );
  return outcome.ok ? { ok: true } : outcome;
}

/** Checks a one-time code under the limits and starts a browser session, as the password path does. */
export async function codeSignInToSession(
  dependencies: Dependencies,
  login: string,
  code: string,
  from: string,
  now: Date,
): Promise<CodeSessionSignIn> {
  const { models, auth } = dependencies;
  const outcome = await signInWithCode(models, login, code, from, now, auth.signIn);
  if (!outcome.ok) {
    await recordAudit(
      models,
      {
        actor: 'anonymous',
        action: `sign_in.${outcome.reason}`,
        target: normalizeLogin(login),
        from,
        details: { method: 'code' },
      },
      now,
    );
    return outcome;
  }
  return startSession(dependencies, outcome.account, 'code', from, now);
}
