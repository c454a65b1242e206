import { z } from 'zod';
import { auditActorOf, endWebSession, MIN_PASSWORD_LENGTH, recordAudit, type Account } from '../../../auth';
import { clearSessionCookie, setSessionCookie } from '../../cookies';
import { signInToSession } from '../../sign-in-session';
import type { ApiDependencies } from './dependencies';
import { endpoint, fail, type Caller } from './endpoint';

const signInBody = z.strictObject({
  login: z
    .string()
    .trim()
    .min(3, { error: 'write a phone number or e-mail' })
    .max(200)
    .describe('phone or e-mail'),
  password: z.string().min(1, { error: 'write the password' }).max(200),
});

/** An account as it is shown to its owner: what they are, not how they are stored. */
export function accountView(account: Account) {
  return account.kind === 'staff'
    ? {
        kind: account.kind,
        id: account.id,
        name: account.name,
        role: account.role,
        puskesos: account.puskesos ?? null,
      }
    : { kind: account.kind, id: account.id, name: account.name, mentorType: account.mentorType };
}

export function sessionEndpoints({ models, auth }: ApiDependencies) {
  const cookies = { security: auth.cookieSecurity };
  return [
    endpoint({
      method: 'post',
      path: '/session',
      tag: 'session',
      summary: 'Sign in with a phone or e-mail and a password',
      description: `Sets an HttpOnly session cookie and returns the CSRF token that every POST, PUT and DELETE of this browser session must send as X-CSRF-Token. After SIGN_IN_MAX_FAILURES failures within SIGN_IN_LOCKOUT_MINUTES the account is locked for that long (429); passwords have at least ${MIN_PASSWORD_LENGTH} characters.`,
      auth: 'public',
      body: signInBody,
      responses: {
        200: 'signed in: the account and the CSRF token',
        401: 'wrong login or password',
        429: 'locked after repeated failures, or too many attempts from this address (Retry-After)',
      },
      async handle({ body, from, now, request, response }) {
        const outcome = await signInToSession({ models, auth }, body.login, body.password, from, now);
        if (!outcome.ok) {
          if (outcome.reason === 'wrong_credentials') {
            fail(
              response,
              401,
              'wrong_credentials',
              'Nomor HP/e-mail atau kata sandi salah / Wrong login or password',
              {
                failuresLeft: Math.max(0, outcome.failuresLeft),
              },
            );
            return;
          }
          response.setHeader('Retry-After', String(Math.ceil(outcome.retryAfterMs / 1000)));
          fail(
            response,
            429,
            outcome.reason,
            outcome.reason === 'locked'
              ? 'Terlalu banyak percobaan gagal; akun dikunci sementara / Too many failures; account locked for a while'
              : 'Terlalu banyak percobaan dari alamat ini; coba lagi nanti / Too many attempts from this address; try later',
          );
          return;
        }
        const { session } = outcome;
        setSessionCookie(request, response, cookies, session.id, auth.sessionLifetimeMs);
        response.json({
          account: accountView(outcome.account),
          csrfToken: session.csrfToken,
          expiresAt: session.expiresAt,
        });
      },
    }),
    endpoint({
      method: 'delete',
      path: '/session',
      tag: 'session',
      summary: 'Sign out of this browser session',
      auth: 'signed_in',
      responses: { 204: 'signed out', 401: 'not signed in', 403: 'missing or wrong CSRF token' },
      async handle({ caller, from, now, request, response }) {
        if (caller?.via === 'session') {
          await endWebSession(models, caller.sessionId);
          await recordAudit(models, { actor: auditActorOf(caller.account), action: 'sign_out', from }, now);
        }
        clearSessionCookie(request, response, cookies);
        response.status(204).end();
      },
    }),
    endpoint({
      method: 'get',
      path: '/me',
      tag: 'session',
      summary: 'Who is signed in, and how',
      auth: 'signed_in',
      responses: { 200: 'the account, and for a browser session its CSRF token', 401: 'not signed in' },
      async handle({ caller, response }) {
        response.json(meView(caller));
      },
    }),
  ];
}

function meView(caller: Caller | undefined) {
  if (!caller) return {};
  return {
    account: accountView(caller.account),
    via: caller.via,
    ...(caller.via === 'session' ? { csrfToken: caller.csrfToken } : {}),
  };
}
