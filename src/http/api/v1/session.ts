import { z } from 'zod';
import {
  auditActorOf,
  endWebSession,
  MIN_PASSWORD_LENGTH,
  recordAudit,
  typedSignInCode,
  type Account,
} from '../../../auth';
import { clearSessionCookie, setSessionCookie } from '../../cookies';
import { codeSignInToSession, requestCodeForSession, signInToSession } from '../../sign-in-session';
import type { ApiDependencies } from './dependencies';
import { endpoint, fail, type Caller } from './endpoint';
import { meBody, messageBody, signedInBody } from './responses';

const loginField = z
  .string()
  .trim()
  .min(3, { error: 'write a phone number or e-mail' })
  .max(200)
  .describe('phone or e-mail');

const signInBody = z
  .strictObject({
    login: loginField,
    password: z.string().min(1, { error: 'write the password' }).max(200).optional(),
    code: z
      .string()
      .max(20)
      .transform((text, ctx) => {
        const code = typedSignInCode(text);
        if (code) return code;
        ctx.addIssue({ code: 'custom', message: 'the code has 6 digits' });
        return z.NEVER;
      })
      .optional()
      .describe('the one-time code sent by POST /session/code, instead of the password'),
  })
  .superRefine((body, ctx) => {
    if ((body.password === undefined) === (body.code === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'send either the password or a code' });
    }
  });

const codeRequestBody = z.strictObject({
  login: loginField,
  language: z.enum(['id', 'en']).default('id').describe('the language of the chat message'),
});

const CODE_REQUESTED =
  'Jika nomor ini terdaftar, kode sudah dikirim ke WhatsApp/Telegram. / If this number is registered, a code has been sent to its WhatsApp/Telegram.';

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
      path: '/session/code',
      tag: 'session',
      summary: 'Send a one-time sign-in code to the chat app of the account with this phone',
      description:
        'The code (6 digits, valid 10 minutes, single use, void after 5 wrong tries) goes to the WhatsApp or Telegram chat the account is reached on; then POST /session with login and code. The answer is the same whether or not the phone belongs to an account. Each request counts as a sign-in attempt under the same limits as a password (429).',
      auth: 'public',
      body: codeRequestBody,
      responses: {
        202: {
          description: 'a code was sent if the phone belongs to an account that can be reached',
          body: messageBody,
        },
        429: 'locked after repeated failures, or too many attempts from this address (Retry-After)',
      },
      async handle({ body, from, now, response }) {
        const outcome = await requestCodeForSession({ models, auth }, body.login, body.language, from, now);
        if (!outcome.ok) {
          response.setHeader('Retry-After', String(Math.ceil(outcome.retryAfterMs / 1000)));
          fail(response, 429, outcome.reason, limitMessage(outcome.reason));
          return;
        }
        response.status(202).json({ message: CODE_REQUESTED });
      },
    }),
    endpoint({
      method: 'post',
      path: '/session',
      tag: 'session',
      summary: 'Sign in with a phone or e-mail and a password, or a one-time code',
      description: `Sets an HttpOnly session cookie and returns the CSRF token that every POST, PUT and DELETE of this browser session must send as X-CSRF-Token. Send either password or code (from POST /session/code). After SIGN_IN_MAX_FAILURES failures within SIGN_IN_LOCKOUT_MINUTES the account is locked for that long (429); passwords have at least ${MIN_PASSWORD_LENGTH} characters.`,
      auth: 'public',
      body: signInBody,
      responses: {
        200: { description: 'signed in: the account and the CSRF token', body: signedInBody },
        401: 'wrong login or password, or a wrong, used, void or expired code',
        429: 'locked after repeated failures, or too many attempts from this address (Retry-After)',
      },
      async handle({ body, from, now, request, response }) {
        const outcome =
          body.code !== undefined
            ? await codeSignInToSession({ models, auth }, body.login, body.code, from, now)
            : await signInToSession({ models, auth }, body.login, body.password ?? '', from, now);
        if (!outcome.ok) {
          if (
            outcome.reason !== 'wrong_credentials' &&
            outcome.reason !== 'locked' &&
            outcome.reason !== 'too_many_attempts'
          ) {
            fail(
              response,
              401,
              'wrong_code',
              'Kode salah atau sudah tidak berlaku / The code is wrong or no longer valid',
            );
            return;
          }
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
          fail(response, 429, outcome.reason, limitMessage(outcome.reason));
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
      responses: {
        200: { description: 'the account, and for a browser session its CSRF token', body: meBody },
        401: 'not signed in',
      },
      async handle({ caller, response }) {
        response.json(meView(caller));
      },
    }),
  ];
}

const limitMessage = (reason: 'locked' | 'too_many_attempts') =>
  reason === 'locked'
    ? 'Terlalu banyak percobaan gagal; akun dikunci sementara / Too many failures; account locked for a while'
    : 'Terlalu banyak percobaan dari alamat ini; coba lagi nanti / Too many attempts from this address; try later';

function meView(caller: Caller | undefined) {
  if (!caller) return {};
  return {
    account: accountView(caller.account),
    via: caller.via,
    ...(caller.via === 'session' ? { csrfToken: caller.csrfToken } : {}),
  };
}
