import { translator, type PageLanguage } from '../../src/http/dashboard/language';
import { signInTitle, signInView, type SignInModel } from '../../src/http/dashboard/sign-in-view';

/** The sign-in forms are drawn from their model alone: which form, its token, the login typed, the problem. */
const draw = (model: SignInModel, language: PageLanguage = 'id') =>
  String(signInView(model, translator(language)));
const base = { csrfToken: 'signin-token', login: '' };

describe('the sign-in forms', () => {
  it('asks for a password, carrying the form’s own token, with the way to a code', () => {
    const markup = draw({ ...base, form: 'password' });
    expect(markup).toContain('action="/dashboard/masuk"');
    expect(markup).toContain('name="csrf" value="signin-token"');
    expect(markup).toContain('id="password"');
    expect(markup).toContain('href="/dashboard/masuk/kode"');
    expect(markup).not.toContain('role="alert"');
    expect(signInTitle({ ...base, form: 'password' }, translator('en'))).toBe('Sign in');
  });

  it('keeps the login typed, escaped, and says what was wrong', () => {
    const markup = draw({
      ...base,
      form: 'password',
      login: '<0812>',
      problem: { reason: 'wrong_credentials' },
    });
    expect(markup).toContain('value="&lt;0812&gt;"');
    expect(markup).toContain('role="alert">Nomor HP/e-mail atau kata sandi salah.</p>');
  });

  it('names what each form needs when it was sent empty', () => {
    const unfilled = { reason: 'unfilled' } as const;
    expect(draw({ ...base, form: 'password', problem: unfilled })).toContain(
      'Isi nomor HP atau e-mail dan kata sandi.',
    );
    expect(draw({ ...base, form: 'code-request', problem: unfilled })).toContain('Isi nomor HP Anda.');
    expect(draw({ ...base, form: 'code-entry', problem: unfilled }, 'en')).toContain(
      'Fill in your phone number and the code from the message.',
    );
  });

  it('says how many minutes a limit lasts, rounded up', () => {
    const locked = draw({ ...base, form: 'code-entry', problem: { reason: 'locked', retryAfterMs: 61_000 } });
    expect(locked).toContain('Coba lagi dalam 2 menit.');
    const busy = draw(
      { ...base, form: 'code-request', problem: { reason: 'too_many_attempts', retryAfterMs: 1_000 } },
      'en',
    );
    expect(busy).toContain('Too many sign-in attempts from this address. Try again in 1 minutes.');
  });

  it('asks for the code with a one-time-code field, and offers a new code or the password', () => {
    const markup = draw({ ...base, form: 'code-entry', login: '081234567890' });
    expect(markup).toContain('action="/dashboard/masuk/kode/isi"');
    expect(markup).toContain('autocomplete="one-time-code"');
    expect(markup).toContain('value="081234567890"');
    expect(markup).toContain('href="/dashboard/masuk/kode"');
    expect(markup).toContain('href="/dashboard/masuk"');
  });
});
