import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, endWebSession, recordAudit, sameSecret } from '../../auth';
import { authenticate } from '../api/v1/authenticate';
import type { ApiDependencies } from '../api/v1/dependencies';
import { clearSessionCookie, readCookie, setSessionCookie } from '../cookies';
import { clearSignInToken, issueSignInToken, SIGN_IN_CSRF_COOKIE } from './form-cookies';
import { html } from './html';
import { pageLanguageOf } from './language';
import { homePathOf, page, type PageContext, type Viewer } from './layout';
import { signInToSession } from '../sign-in-session';

export const SIGN_IN_PATH = '/dashboard/masuk';

const signInForm = z.strictObject({
  csrf: z.string().max(100),
  login: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(200),
});

function signInPage(context: PageContext, csrfToken: string, login: string, error?: string) {
  return page(
    'Masuk',
    html`<div class="signin card">
      <h1>Masuk ke Pendamping</h1>
      ${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
      <form method="post" action="${SIGN_IN_PATH}">
        <input type="hidden" name="csrf" value="${csrfToken}" />
        <label for="login">No. HP atau e-mail</label>
        <input type="text" id="login" name="login" value="${login}" autocomplete="username" required />
        <label for="password">Kata sandi</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <p><button type="submit">Masuk</button></p>
      </form>
    </div>`,
    context,
  );
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** The sign-in form and what it posts to: the API's own sign-in, then the inbox. */
export function signInHandlers(dependencies: ApiDependencies) {
  const cookies = { security: dependencies.auth.cookieSecurity };
  const show = (request: Request, response: Response, status: number, login = '', error?: string) => {
    const token = issueSignInToken(request, response, cookies);
    response
      .status(status)
      .type('html')
      .send(
        String(signInPage({ language: pageLanguageOf(request), path: SIGN_IN_PATH }, token, login, error)),
      );
  };

  return {
    async show(request: Request, response: Response) {
      // Someone already signed in (a bookmark, the back button) goes on to the inbox.
      const authentication = await authenticate(dependencies.models, request, dependencies.clock());
      if (authentication.ok && authentication.caller?.via === 'session') {
        return response.redirect(303, homePathOf(authentication.caller.account));
      }
      show(request, response, 200);
    },

    async submit(request: Request, response: Response) {
      const form = signInForm.safeParse(request.body ?? {});
      const typedLogin = typeof request.body?.login === 'string' ? request.body.login.slice(0, 200) : '';
      const expected = readCookie(request, SIGN_IN_CSRF_COOKIE);
      if (!form.success) {
        return show(request, response, 400, typedLogin, 'Isi nomor HP atau e-mail dan kata sandi.');
      }
      if (!expected || !sameSecret(form.data.csrf, expected)) {
        return show(
          request,
          response,
          403,
          typedLogin,
          'Formulir sudah kedaluwarsa. Silakan coba masuk lagi.',
        );
      }
      const now = dependencies.clock();
      const from = request.ip ?? request.socket.remoteAddress ?? 'unknown';
      const outcome = await signInToSession(dependencies, form.data.login, form.data.password, from, now);
      if (!outcome.ok) {
        if (outcome.reason === 'wrong_credentials') {
          return show(request, response, 401, form.data.login, 'Nomor HP/e-mail atau kata sandi salah.');
        }
        response.setHeader('Retry-After', String(Math.ceil(outcome.retryAfterMs / 1000)));
        return show(
          request,
          response,
          429,
          form.data.login,
          outcome.reason === 'locked'
            ? `Akun ini dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi dalam ${minutes(outcome.retryAfterMs)} menit.`
            : `Terlalu banyak percobaan masuk dari alamat ini. Coba lagi dalam ${minutes(outcome.retryAfterMs)} menit.`,
        );
      }
      clearSignInToken(request, response, cookies);
      setSessionCookie(request, response, cookies, outcome.session.id, dependencies.auth.sessionLifetimeMs);
      response.redirect(303, homePathOf(outcome.account));
    },

    async signOut(request: Request, response: Response, viewer: Viewer & { sessionId: string }) {
      const now = dependencies.clock();
      const from = request.ip ?? request.socket.remoteAddress ?? 'unknown';
      await endWebSession(dependencies.models, viewer.sessionId);
      await recordAudit(
        dependencies.models,
        { actor: auditActorOf(viewer.account), action: 'sign_out', from },
        now,
      );
      clearSessionCookie(request, response, cookies);
      response.redirect(303, SIGN_IN_PATH);
    },
  };
}
