import { html, type SafeHtml } from './html';
import type { Translate } from './language';

export const SIGN_IN_PATH = '/dashboard/masuk';
/** Asking for a one-time code in one's chat app, then typing it. */
export const CODE_REQUEST_PATH = '/dashboard/masuk/kode';
export const CODE_ENTRY_PATH = '/dashboard/masuk/kode/isi';

/**
 * Why the form is shown again: a field left empty or too long, a code not of 6 digits, a form whose
 * token no longer matches its cookie, wrong credentials (or a wrong, used or void code: one answer),
 * or a limit reached (with how long until it lifts).
 */
export type SignInProblem =
  | { reason: 'unfilled' | 'code_format' | 'expired' | 'wrong_credentials' | 'wrong_code' }
  | { reason: 'locked' | 'too_many_attempts'; retryAfterMs: number };

/** One of the three sign-in forms, with its double-submit token and the login as typed. */
export interface SignInModel {
  form: 'password' | 'code-request' | 'code-entry';
  csrfToken: string;
  login: string;
  problem?: SignInProblem | undefined;
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** What a refused sign-in says; an empty form is named as each form asks for it. */
export function problemText(problem: SignInProblem, form: SignInModel['form'], t: Translate): string {
  switch (problem.reason) {
    case 'unfilled':
      return form === 'password'
        ? t('Isi nomor HP atau e-mail dan kata sandi.', 'Fill in your phone or e-mail and your password.')
        : form === 'code-request'
          ? t('Isi nomor HP Anda.', 'Fill in your phone number.')
          : t(
              'Isi nomor HP dan kode dari pesan.',
              'Fill in your phone number and the code from the message.',
            );
    case 'code_format':
      return t(
        'Kode terdiri dari 6 angka. Salin dari pesan.',
        'The code has 6 digits. Copy it from the message.',
      );
    case 'expired':
      return t(
        'Formulir sudah kedaluwarsa. Silakan coba masuk lagi.',
        'The form has expired. Please sign in again.',
      );
    case 'wrong_credentials':
      return t('Nomor HP/e-mail atau kata sandi salah.', 'Wrong phone/e-mail or password.');
    case 'wrong_code':
      return t(
        'Kode salah atau sudah tidak berlaku. Periksa pesan terakhir, atau minta kode baru.',
        'The code is wrong or no longer valid. Check the latest message, or ask for a new code.',
      );
    case 'locked':
      return t(
        `Akun ini dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi dalam ${minutes(problem.retryAfterMs)} menit.`,
        `This account is locked for a while after too many failed attempts. Try again in ${minutes(problem.retryAfterMs)} minutes.`,
      );
    case 'too_many_attempts':
      return t(
        `Terlalu banyak percobaan masuk dari alamat ini. Coba lagi dalam ${minutes(problem.retryAfterMs)} menit.`,
        `Too many sign-in attempts from this address. Try again in ${minutes(problem.retryAfterMs)} minutes.`,
      );
  }
}

export const signInTitle = (model: SignInModel, t: Translate): string =>
  model.form === 'password' ? t('Masuk', 'Sign in') : t('Masuk dengan kode', 'Sign in with a code');

/** The sign-in form the model names, with the problem that sent it back, if any. */
export function signInView(model: SignInModel, t: Translate): SafeHtml {
  const error = model.problem
    ? html`<p class="flash error" role="alert">${problemText(model.problem, model.form, t)}</p>`
    : '';
  const csrf = html`<input type="hidden" name="csrf" value="${model.csrfToken}" />`;
  if (model.form === 'password') {
    return html`<div class="signin card">
      <h1>${t('Masuk ke Pendamping', 'Sign in to Pendamping')}</h1>
      ${error}
      <form method="post" action="${SIGN_IN_PATH}">
        ${csrf}
        <label for="login">${t('No. HP atau e-mail', 'Phone or e-mail')}</label>
        <input type="text" id="login" name="login" value="${model.login}" autocomplete="username" required />
        <label for="password">${t('Kata sandi', 'Password')}</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <p><button type="submit">${t('Masuk', 'Sign in')}</button></p>
      </form>
      <p>
        <a href="${CODE_REQUEST_PATH}"
          >${t('Kirim kode ke WhatsApp/Telegram saya', 'Send a code to my WhatsApp/Telegram')}</a
        >
      </p>
    </div>`;
  }
  const byPassword = html`<p>
    <a href="${SIGN_IN_PATH}">${t('Masuk dengan kata sandi', 'Sign in with a password')}</a>
  </p>`;
  if (model.form === 'code-request') {
    return html`<div class="signin card">
      <h1>${t('Masuk dengan kode', 'Sign in with a code')}</h1>
      ${error}
      <p>
        ${t(
          'Kami kirim kode 6 angka ke WhatsApp atau Telegram yang terhubung dengan nomor HP Anda.',
          'We send a 6-digit code to the WhatsApp or Telegram chat linked to your phone number.',
        )}
      </p>
      <form method="post" action="${CODE_REQUEST_PATH}">
        ${csrf}
        <label for="login">${t('No. HP', 'Phone number')}</label>
        <input
          type="text"
          id="login"
          name="login"
          value="${model.login}"
          autocomplete="username"
          inputmode="tel"
          required
        />
        <p><button type="submit">${t('Kirim kode', 'Send the code')}</button></p>
      </form>
      ${byPassword}
    </div>`;
  }
  return html`<div class="signin card">
    <h1>${t('Masukkan kode', 'Enter the code')}</h1>
    ${error}
    <form method="post" action="${CODE_ENTRY_PATH}">
      ${csrf}
      <label for="login">${t('No. HP', 'Phone number')}</label>
      <input type="text" id="login" name="login" value="${model.login}" autocomplete="username" required />
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
    ${byPassword}
  </div>`;
}
