import { z } from 'zod';
import {
  auditActorOf,
  endWebSession,
  recordAudit,
  sameSecret,
  typedSignInCode,
  type Account,
} from '../../auth';
import type { ApiDependencies } from '../api/v1/dependencies';
import { clearSessionCookie, setSessionCookie } from '../cookies';
import { codeSignInToSession, requestCodeForSession, signInToSession } from '../sign-in-session';
import {
  clearSignInToken,
  codeLoginOf,
  forgetCodeLogin,
  keepSignInToken,
  rememberCodeLogin,
  SIGN_IN_CSRF_COOKIE,
  signInTokenOf,
} from './form-cookies';
import { homePathOf } from './layout';
import {
  declareAction,
  declarePublicPage,
  redirect,
  show,
  withCookies,
  type Outcome,
  type Page,
  type PageInput,
} from './page';
import {
  CODE_ENTRY_PATH,
  CODE_REQUEST_PATH,
  SIGN_IN_PATH,
  signInTitle,
  signInView,
  type SignInModel,
  type SignInProblem,
} from './sign-in-view';

export { CODE_ENTRY_PATH, CODE_REQUEST_PATH, SIGN_IN_PATH } from './sign-in-view';

const passwordForm = z.strictObject({
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

/** A form's fields as sent, judged by the page itself: a wrong one is the form again, saying what to fill in. */
const fields = z.record(z.string(), z.unknown());
type Fields = z.infer<typeof fields>;
type Input = PageInput<undefined, undefined, Fields>;

const typedLoginOf = (body: Fields) => (typeof body.login === 'string' ? body.login.slice(0, 200) : '');

/** The form's token against its cookie (double submit): false when another site posted it. */
function fromThisSite(input: Input, given: string): boolean {
  const expected = input.cookie(SIGN_IN_CSRF_COOKIE);
  return Boolean(expected && sameSecret(given, expected));
}

/**
 * A sign-in form (again, with its problem): it carries the browser's token, which its cookie keeps;
 * a limit reached says when to try again in `Retry-After` too.
 */
function formAgain(
  input: Pick<Input, 'cookie'>,
  form: SignInModel['form'],
  status: number,
  login: string,
  problem?: SignInProblem,
): Outcome<SignInModel> {
  const csrfToken = signInTokenOf(input.cookie(SIGN_IN_CSRF_COOKIE));
  const retryAfter =
    problem && 'retryAfterMs' in problem
      ? { 'Retry-After': String(Math.ceil(problem.retryAfterMs / 1000)) }
      : undefined;
  return withCookies(
    show<SignInModel>({ form, csrfToken, login, problem }, status, retryAfter),
    keepSignInToken(csrfToken),
  );
}

/** Someone proved who they are: the session's cookie, the sign-in's own cookies gone, their home page. */
function startSession(
  dependencies: ApiDependencies,
  outcome: { account: Account; session: { id: string } },
): Outcome<never> {
  return withCookies(
    redirect(homePathOf(outcome.account)),
    clearSignInToken,
    forgetCodeLogin,
    (request, response, options) =>
      setSessionCookie(request, response, options, outcome.session.id, dependencies.auth.sessionLifetimeMs),
  );
}

/** A sign-in form for whoever is not signed in; someone who is (a bookmark, the back button) goes home. */
function formPage(path: string, form: SignInModel['form'], login: (cookie: Input['cookie']) => string): Page {
  return declarePublicPage<SignInModel>({
    method: 'get',
    path,
    load: async (signedIn, input) =>
      signedIn ? redirect(homePathOf(signedIn)) : formAgain(input, form, 200, login(input.cookie)),
    title: signInTitle,
    view: signInView,
  });
}

/** A sign-in form's target: its problems answer with the same form; `act` does the rest. */
function formTarget(
  path: string,
  form: SignInModel['form'],
  act: (input: Input) => Promise<Outcome<SignInModel>>,
): Page {
  return declarePublicPage<SignInModel, undefined, typeof fields>({
    method: 'post',
    path,
    body: fields,
    load: (_signedIn, input) => act(input),
    title: signInTitle,
    view: signInView,
  });
}

/** The sign-in forms and what they post to: the API's own sign-in, then the account's home page. */
export function signInPages(dependencies: ApiDependencies): Page[] {
  const typed = (input: Input) => typedLoginOf(input.body);
  // Declared pages are addressed under /dashboard, as the router is mounted.
  const [password, codeRequest, codeEntry] = [SIGN_IN_PATH, CODE_REQUEST_PATH, CODE_ENTRY_PATH].map((path) =>
    path.slice('/dashboard'.length),
  ) as [string, string, string];
  return [
    formPage(password, 'password', () => ''),
    formTarget(password, 'password', async (input) => {
      const form = passwordForm.safeParse(input.body);
      if (!form.success) return formAgain(input, 'password', 400, typed(input), { reason: 'unfilled' });
      if (!fromThisSite(input, form.data.csrf)) {
        return formAgain(input, 'password', 403, typed(input), { reason: 'expired' });
      }
      const { login, password } = form.data;
      const outcome = await signInToSession(dependencies, login, password, input.from, input.now);
      if (outcome.ok) return startSession(dependencies, outcome);
      return outcome.reason === 'wrong_credentials'
        ? formAgain(input, 'password', 401, login, { reason: 'wrong_credentials' })
        : formAgain(input, 'password', 429, login, outcome);
    }),
    formPage(codeRequest, 'code-request', codeLoginOf),
    formTarget(codeRequest, 'code-request', (input) => requestCode(dependencies, input)),
    formPage(codeEntry, 'code-entry', codeLoginOf),
    formTarget(codeEntry, 'code-entry', (input) => submitCode(dependencies, input)),
    signOut(dependencies),
  ];
}

/**
 * Sends a code when the phone is someone's; the answer is the same either way, so that the form
 * cannot be used to find out who has an account.
 */
async function requestCode(dependencies: ApiDependencies, input: Input): Promise<Outcome<SignInModel>> {
  const form = codeRequestForm.safeParse(input.body);
  const typed = typedLoginOf(input.body);
  if (!form.success) return formAgain(input, 'code-request', 400, typed, { reason: 'unfilled' });
  if (!fromThisSite(input, form.data.csrf)) {
    return formAgain(input, 'code-request', 403, typed, { reason: 'expired' });
  }
  const { login } = form.data;
  const outcome = await requestCodeForSession(dependencies, login, input.language, input.from, input.now);
  if (!outcome.ok) return formAgain(input, 'code-request', 429, login, outcome);
  return withCookies(
    redirect(CODE_ENTRY_PATH, {
      kind: 'ok',
      text: (t) =>
        t(
          'Jika nomor ini terdaftar, kode sudah dikirim ke WhatsApp/Telegram Anda. Kode berlaku 10 menit.',
          'If this number is registered, a code has been sent to your WhatsApp/Telegram. It is valid for 10 minutes.',
        ),
    }),
    rememberCodeLogin(login),
  );
}

async function submitCode(dependencies: ApiDependencies, input: Input): Promise<Outcome<SignInModel>> {
  const form = codeEntryForm.safeParse(input.body);
  const typed = typedLoginOf(input.body);
  const code = form.success ? typedSignInCode(form.data.code) : undefined;
  if (!form.success || !code) {
    return formAgain(input, 'code-entry', 400, typed, {
      reason: form.success ? 'code_format' : 'unfilled',
    });
  }
  if (!fromThisSite(input, form.data.csrf)) {
    return formAgain(input, 'code-entry', 403, typed, { reason: 'expired' });
  }
  const { login } = form.data;
  const outcome = await codeSignInToSession(dependencies, login, code, input.from, input.now);
  if (outcome.ok) return startSession(dependencies, outcome);
  if (outcome.reason === 'locked' || outcome.reason === 'too_many_attempts') {
    return formAgain(input, 'code-entry', 429, login, outcome);
  }
  // Wrong, used, void or never sent: one answer, which tells nothing about the phone.
  return formAgain(input, 'code-entry', 401, login, { reason: 'wrong_code' });
}

/** POST /dashboard/keluar: the session ends, and the browser goes back to the sign-in page. */
function signOut(dependencies: ApiDependencies): Page {
  return declareAction({
    method: 'post',
    path: '/keluar',
    async load(account, { sessionId, from, now }) {
      if (sessionId) await endWebSession(dependencies.models, sessionId);
      await recordAudit(dependencies.models, { actor: auditActorOf(account), action: 'sign_out', from }, now);
      return withCookies(redirect(SIGN_IN_PATH), clearSessionCookie);
    },
  });
}
