import type { Request, Response } from 'express';
import { z } from 'zod';
import { auditActorOf, endWebSession, recordAudit, sameSecret, typedSignInCode } from '../../auth';
import { authenticate } from '../api/v1/authenticate';
import type { ApiDependencies } from '../api/v1/dependencies';
import { clearSessionCookie, readCookie, setSessionCookie } from '../cookies';
import { codeSignInToSession, requestCodeForSession, signInToSession } from '../sign-in-session';
import { fromOf } from '../request-from';
import {
  clearSignInToken,
  codeLoginOf,
  forgetCodeLogin,
  issueSignInToken,
  rememberCodeLogin,
  setFlash,
  SIGN_IN_CSRF_COOKIE,
  takeFlash,
} from './form-cookies';
import { html } from './html';
import { pageLanguageOf, translator, type Translate } from './language';
import { homePathOf, page, type Flash, type PageContext, type Viewer } from './layout';

export const SIGN_IN_PATH = '/dashboard/masuk';
/** Asking for a one-time code in one's chat app, then typing it. */
export const CODE_REQUEST_PATH = '/dashboard/masuk/kode';
export const CODE_ENTRY_PATH = '/dashboard/masuk/kode/isi';

const signInForm = z.strictObject({
  csrf: z.string().max(100),
  login: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(200),
});

const codeRequestForm = z.strictObject({
  csrf: z.string().max(100),
  login: z.string().trim().min(3).max(200),
});

const codeEntryForm = z.strictObject({
  csrf: z.string().max(100),
  login: z.string().trim().min(3).max(200),
  code: z.string().max(20),
});

const errorOf = (error: string | undefined) =>
  error ? html`<p class="flash error" role="alert">${error}</p>` : '';

function signInPage(context: PageContext, csrfToken: string, login: string, error?: string) {
  const t = translator(context.language);
  return page(
    t('Masuk', 'Sign in'),
    html`<div class="signin card">
      <h1>${t('Masuk ke Pendamping', 'Sign in to Pendamping')}</h1>
      ${errorOf(error)}
      <form method="post" action="${SIGN_IN_PATH}">
        <input type="hidden" name="csrf" value="${csrfToken}" />
        <label for="login">${t('No. HP atau e-mail', 'Phone or e-mail')}</label>
        <input type="text" id="login" name="login" value="${login}" autocomplete="username" required />
        <label for="password">${t('Kata sandi', 'Password')}</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <p><button type="submit">${t('Masuk', 'Sign in')}</button></p>
      </form>
      <p>
        <a href="${CODE_REQUEST_PATH}"
          >${t('Kirim kode ke WhatsApp/Telegram saya', 'Send a code to my WhatsApp/Telegram')}</a
        >
      </p>
    </div>`,
    context,
  );
}

function codeRequestPage(context: PageContext, csrfToken: string, login: string, error?: string) {
  const t = translator(context.language);
  return page(
    t('Masuk dengan kode', 'Sign in with a code'),
    html`<div class="signin card">
      <h1>${t('Masuk dengan kode', 'Sign in with a code')}</h1>
      ${errorOf(error)}
      <p>
        ${t(
          'Kami kirim kode 6 angka ke WhatsApp atau Telegram yang terhubung dengan nomor HP Anda.',
          'We send a 6-digit code to the WhatsApp or Telegram chat linked to your phone number.',
        )}
      </p>
      <form method="post" action="${CODE_REQUEST_PATH}">
        <input type="hidden" name="csrf" value="${csrfToken}" />
        <label for="login">${t('No. HP', 'Phone number')}</label>
        <input
          type="text"
          id="login"
          name="login"
          value="${login}"
          autocomplete="username"
          inputmode="tel"
          required
        />
        <p><button type="submit">${t('Kirim kode', 'Send the code')}</button></p>
      </form>
      <p><a href="${SIGN_IN_PATH}">${t('Masuk dengan kata sandi', 'Sign in with a password')}</a></p>
    </div>`,
    context,
  );
}

function codeEntryPage(
  context: PageContext,
  csrfToken: string,
  login: string,
  error?: string,
  flash?: Flash,
) {
  const t = translator(context.language);
  return page(
    t('Masuk dengan kode', 'Sign in with a code'),
    html`<div class="signin card">
      <h1>${t('Masukkan kode', 'Enter the code')}</h1>
      ${errorOf(error)}
      <form method="post" action="${CODE_ENTRY_PATH}">
        <input type="hidden" name="csrf" value="${csrfToken}" />
        <label for="login">${t('No. HP', 'Phone number')}</label>
        <input type="text" id="login" name="login" value="${login}" autocomplete="username" required />
        <label for="code">${t('Kode dari pesan', 'Code from the message')}</label>
        <input
          type="text"
          id="code"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          maxlength="20"
          required
        />
        <p><button type="submit">${t('Masuk', 'Sign in')}</button></p>
      </form>
      <p><a href="${CODE_REQUEST_PATH}">${t('Kirim kode baru', 'Send a new code')}</a></p>
      <p><a href="${SIGN_IN_PATH}">${t('Masuk dengan kata sandi', 'Sign in with a password')}</a></p>
    </div>`,
    context,
    flash,
  );
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** What a sign-in refused by a limit says, whichever way the person signs in. */
function limitMessage(t: Translate, reason: 'locked' | 'too_many_attempts', retryAfterMs: number): string {
  const wait = minutes(retryAfterMs);
  return reason === 'locked'
    ? t(
        `Akun ini dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi dalam ${wait} menit.`,
        `This account is locked for a while after too many failed attempts. Try again in ${wait} minutes.`,
      )
    : t(
        `Terlalu banyak percobaan masuk dari alamat ini. Coba lagi dalam ${wait} menit.`,
        `Too many sign-in attempts from this address. Try again in ${wait} minutes.`,
      );
}

const typedLoginOf = (request: Request) =>
  typeof request.body?.login === 'string' ? request.body.login.slice(0, 200) : '';

/** The sign-in forms and what they post to: the API's own sign-in, then the account's home page. */
export function signInHandlers(dependencies: ApiDependencies) {
  const cookies = { security: dependencies.auth.cookieSecurity };
  type Draw = (context: PageContext, csrfToken: string, login: string, error?: string) => unknown;
  const show = (
    draw: Draw,
    request: Request,
    response: Response,
    status: number,
    login = '',
    error?: string,
  ) => {
    const token = issueSignInToken(request, response, cookies);
    const context = { language: pageLanguageOf(request), path: request.originalUrl };
    response
      .status(status)
      .type('html')
      .send(String(draw(context, token, login, error)));
  };
  /** The form's token against its cookie (double submit): false when another site posted it. */
  const fromThisSite = (request: Request, given: string) => {
    const expected = readCookie(request, SIGN_IN_CSRF_COOKIE);
    return Boolean(expected && sameSecret(given, expected));
  };
  const expired = (t: Translate) =>
    t('Formulir sudah kedaluwarsa. Silakan coba masuk lagi.', 'The form has expired. Please sign in again.');
  /** Someone already signed in (a bookmark, the back button) goes on to their home page. */
  const homeIfSignedIn = async (request: Request, response: Response): Promise<boolean> => {
    const authentication = await authenticate(dependencies.models, request, dependencies.clock());
    if (authentication.ok && authentication.caller?.via === 'session') {
      response.redirect(303, homePathOf(authentication.caller.account));
      return true;
    }
    return false;
  };
  const startSession = (
    request: Request,
    response: Response,
    outcome: { account: Viewer['account']; session: { id: string } },
  ) => {
    clearSignInToken(request, response, cookies);
    forgetCodeLogin(request, response, cookies);
    setSessionCookie(request, response, cookies, outcome.session.id, dependencies.auth.sessionLifetimeMs);
    response.redirect(303, homePathOf(outcome.account));
  };

  return {
    async show(request: Request, response: Response) {
      if (await homeIfSignedIn(request, response)) return;
      show(signInPage, request, response, 200);
    },

    async submit(request: Request, response: Response) {
      const t = translator(pageLanguageOf(request));
      const form = signInForm.safeParse(request.body ?? {});
      const typedLogin = typedLoginOf(request);
      if (!form.success) {
        return show(
          signInPage,
          request,
          response,
          400,
          typedLogin,
          t('Isi nomor HP atau e-mail dan kata sandi.', 'Fill in your phone or e-mail and your password.'),
        );
      }
      if (!fromThisSite(request, form.data.csrf)) {
        return show(signInPage, request, response, 403, typedLogin, expired(t));
      }
      const now = dependencies.clock();
      const outcome = await signInToSession(
        dependencies,
        form.data.login,
        form.data.password,
        fromOf(request),
        now,
      );
      if (!outcome.ok) {
        if (outcome.reason === 'wrong_credentials') {
          return show(
            signInPage,
            request,
            response,
            401,
            form.data.login,
            t('Nomor HP/e-mail atau kata sandi salah.', 'Wrong phone/e-mail or password.'),
          );
        }
        response.setHeader('Retry-After', String(Math.ceil(outcome.retryAfterMs / 1000)));
        return show(
          signInPage,
          request,
          response,
          429,
          form.data.login,
          limitMessage(t, outcome.reason, outcome.retryAfterMs),
        );
      }
      startSession(request, response, outcome);
    },

    async showCodeRequest(request: Request, response: Response) {
      if (await homeIfSignedIn(request, response)) return;
      show(codeRequestPage, request, response, 200, codeLoginOf(request));
    },

    /**
     * Sends a code when the phone is someone's; the answer is the same either way, so that the form
     * cannot be used to find out who has an account.
     */
    async requestCode(request: Request, response: Response) {
      const language = pageLanguageOf(request);
      const t = translator(language);
      const form = codeRequestForm.safeParse(request.body ?? {});
      const typedLogin = typedLoginOf(request);
      if (!form.success) {
        return show(
          codeRequestPage,
          request,
          response,
          400,
          typedLogin,
          t('Isi nomor HP Anda.', 'Fill in your phone number.'),
        );
      }
      if (!fromThisSite(request, form.data.csrf)) {
        return show(codeRequestPage, request, response, 403, typedLogin, expired(t));
      }
      const outcome = await requestCodeForSession(
        dependencies,
        form.data.login,
        language,
        fromOf(request),
        dependencies.clock(),
      );
      if (!outcome.ok) {
        response.setHeader('Retry-After', String(Math.ceil(outcome.retryAfterMs / 1000)));
        return show(
          codeRequestPage,
          request,
          response,
          429,
          form.data.login,
          limitMessage(t, outcome.reason, outcome.retryAfterMs),
        );
      }
      rememberCodeLogin(request, response, cookies, form.data.login);
      setFlash(request, response, cookies, {
        kind: 'ok',
        text: t(
          'Jika nomor ini terdaftar, kode sudah dikirim ke WhatsApp/Telegram Anda. Kode berlaku 10 menit.',
          'If this number is registered, a code has been sent to your WhatsApp/Telegram. It is valid for 10 minutes.',
        ),
      });
      response.redirect(303, CODE_ENTRY_PATH);
    },

    async showCodeEntry(request: Request, response: Response) {
      if (await homeIfSignedIn(request, response)) return;
      const flash = takeFlash(request, response, cookies);
      show(
        (context, token, login, error) => codeEntryPage(context, token, login, error, flash),
        request,
        response,
        200,
        codeLoginOf(request),
      );
    },

    async submitCode(request: Request, response: Response) {
      const t = translator(pageLanguageOf(request));
      const form = codeEntryForm.safeParse(request.body ?? {});
      const typedLogin = typedLoginOf(request);
      const code = form.success ? typedSignInCode(form.data.code) : undefined;
      if (!form.success || !code) {
        return show(
          codeEntryPage,
          request,
          response,
          400,
          typedLogin,
          form.success
            ? t(
                'Kode terdiri dari 6 angka. Salin dari pesan.',
                'The code has 6 digits. Copy it from the message.',
              )
            : t(
                'Isi nomor HP dan kode dari pesan.',
                'Fill in your phone number and the code from the message.',
              ),
        );
      }
      if (!fromThisSite(request, form.data.csrf)) {
        return show(codeEntryPage, request, response, 403, typedLogin, expired(t));
      }
      const outcome = await codeSignInToSession(
        dependencies,
        form.data.login,
        code,
        fromOf(request),
        dependencies.clock(),
      );
      if (!outcome.ok) {
        if (outcome.reason === 'locked' || outcome.reason === 'too_many_attempts') {
          response.setHeader('Retry-After', String(Math.ceil(outcome.retryAfterMs / 1000)));
          return show(
            codeEntryPage,
            request,
            response,
            429,
            form.data.login,
            limitMessage(t, outcome.reason, outcome.retryAfterMs),
          );
        }
        // Wrong, used, void or never sent: one answer, which tells nothing about the phone.
        return show(
          codeEntryPage,
          request,
          response,
          401,
          form.data.login,
          t(
            'Kode salah atau sudah tidak berlaku. Periksa pesan terakhir, atau minta kode baru.',
            'The code is wrong or no longer valid. Check the latest message, or ask for a new code.',
          ),
        );
      }
      startSession(request, response, outcome);
    },

    async signOut(request: Request, response: Response, viewer: Viewer & { sessionId: string }) {
      const now = dependencies.clock();
      await endWebSession(dependencies.models, viewer.sessionId);
      await recordAudit(
        dependencies.models,
        { actor: auditActorOf(viewer.account), action: 'sign_out', from: fromOf(request) },
        now,
      );
      clearSessionCookie(request, response, cookies);
      response.redirect(303, SIGN_IN_PATH);
    },
  };
}
