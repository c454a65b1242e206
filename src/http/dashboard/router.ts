import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { sameSecret } from '../../auth';
import { authenticate } from '../api/v1/authenticate';
import type { ApiDependencies } from '../api/v1/dependencies';
import { expressPathOf } from '../api/v1/endpoint';
import { readCookie } from '../cookies';
import { fromOf } from '../request-from';
import { setFlash, takeFlash } from './form-cookies';
import { pageLanguageOf, translator } from './language';
import { page as layout, refuse, type PageContext, type Viewer } from './layout';
import { multipartForm, uploadOf } from './multipart';
import type { Outcome, Page, Sent, UploadLimits } from './page';
import { SIGN_IN_PATH } from './sign-in-view';

export type SignedIn = Viewer & { sessionId: string };
export type PageHandler = (request: Request, response: Response, viewer: SignedIn) => Promise<void> | void;

/**
 * Only a browser session opens a page; without one the browser is sent to sign in. A form (`unsafe`)
 * must also carry the session's CSRF token, or it gets a page saying it has expired.
 */
export function signedIn(dependencies: ApiDependencies) {
  return (handle: PageHandler, options: { unsafe?: boolean } = {}) =>
    async (request: Request, response: Response) => {
      const authentication = await authenticate(dependencies.models, request, dependencies.clock());
      const caller = authentication.ok ? authentication.caller : undefined;
      if (caller?.via !== 'session') return response.redirect(303, SIGN_IN_PATH);
      const viewer: SignedIn = {
        account: caller.account,
        csrfToken: caller.csrfToken,
        sessionId: caller.sessionId,
        language: pageLanguageOf(request),
        path: request.originalUrl,
      };
      if (options.unsafe) {
        const given: unknown = request.body?.csrf;
        if (typeof given !== 'string' || !sameSecret(given, caller.csrfToken)) {
          const t = translator(viewer.language);
          refuse(
            response,
            403,
            t('Formulir kedaluwarsa', 'Form expired'),
            t(
              'Formulir ini tidak berlaku lagi. Muat ulang halaman lalu coba lagi.',
              'This form is no longer valid. Reload the page and try again.',
            ),
            viewer,
          );
          return;
        }
      }
      await handle(request, response, viewer);
    };
}

/** Who opens a page: a signed-in viewer, or (a page open to anyone) perhaps nobody yet. */
type Visitor = PageContext & Partial<SignedIn>;

/**
 * Before sign-in there is no session to ask for: whoever opens the page goes on, with the account
 * when someone is already signed in (the sign-in page sends them home).
 */
function visiting(dependencies: ApiDependencies) {
  return (handle: (request: Request, response: Response, visitor: Visitor) => Promise<void>) =>
    async (request: Request, response: Response) => {
      const authentication = await authenticate(dependencies.models, request, dependencies.clock());
      const caller = authentication.ok ? authentication.caller : undefined;
      const context = { language: pageLanguageOf(request), path: request.originalUrl };
      await handle(
        request,
        response,
        caller?.via === 'session'
          ? { ...context, account: caller.account, csrfToken: caller.csrfToken, sessionId: caller.sessionId }
          : context,
      );
    };
}

/**
 * Mounts declared pages behind the same steps: the session, CSRF for a form, whether the role may
 * open the page, the path, query and body parsed with the page's schemas (a part that cannot be read
 * answers 400), then `load`, then its outcome: the page drawn by `view` in the layout (with the
 * message a redirect left), a redirect, a refusal page, or other content. A page open to anyone (the
 * sign-in pages) skips the session and its CSRF token: its forms check their own.
 */
export function mountPages(router: Router, pages: Page[], dependencies: ApiDependencies): void {
  const guard = signedIn(dependencies);
  const visit = visiting(dependencies);
  const cookies = { security: dependencies.auth.cookieSecurity };
  for (const declared of pages) {
    const handle = async (request: Request, response: Response, viewer: Visitor) => {
      const t = translator(viewer.language);
      const answer = (outcome: Outcome<unknown>) => {
        if (outcome.kind === 'refuse') {
          return refuse(response, outcome.status, outcome.title(t), outcome.message(t), viewer);
        }
        if (outcome.kind === 'send') return sendContent(response, outcome.content);
        for (const write of outcome.cookies ?? []) write(request, response, cookies);
        if (outcome.kind === 'redirect') {
          const { flash } = outcome;
          if (flash) setFlash(request, response, cookies, { kind: flash.kind, text: flash.text(t) });
          return response.redirect(303, outcome.to);
        }
        const flash = takeFlash(request, response, cookies);
        const content = declared.view(outcome.model, t, viewer);
        if (outcome.headers) response.set(outcome.headers);
        response
          .status(outcome.status)
          .send(String(layout(declared.title(outcome.model, t), content, viewer, flash)));
      };
      const unreadable = () =>
        answer({
          kind: 'refuse',
          status: 400,
          title: (t) => t('Permintaan tidak dapat dibaca', 'The request cannot be read'),
          message: (t) =>
            t(
              'Alamat atau formulir ini tidak dapat dibaca. Muat ulang halaman lalu coba lagi.',
              'This address or form cannot be read. Reload the page and try again.',
            ),
        });

      const refused = viewer.account && declared.refuses?.(viewer.account);
      if (refused) return answer(refused);
      const params = parsed(declared.params, request.params);
      if (!params.ok) return unreadable();
      const query = parsed(declared.query, { ...request.query });
      if (!query.ok) {
        return declared.invalidQuery
          ? answer(declared.invalidQuery(query.issues, { ...request.query }))
          : unreadable();
      }
      const body = parsed(declared.body, request.body ?? {});
      if (!body.ok) return unreadable();
      const now = dependencies.clock();
      answer(
        await declared.load(viewer.account, {
          params: params.value,
          query: query.value,
          body: body.value,
          now,
          from: fromOf(request),
          upload: uploadOf(request),
          cookie: (name) => readCookie(request, name),
          language: viewer.language,
          sessionId: viewer.sessionId,
        }),
      );
    };
    router[declared.method](
      expressPathOf(declared.path),
      ...(declared.upload ? uploadSteps(dependencies, declared.upload) : []),
      declared.access === 'anyone' ? visit(handle) : guard(handle, { unsafe: declared.method === 'post' }),
    );
  }
}

/**
 * Before an upload is read: the session is checked before a byte of it is read, and the whole body
 * is bounded, so an anonymous 100 MB upload is turned away at its headers; then the form is read.
 */
function uploadSteps(dependencies: ApiDependencies, limits: UploadLimits): RequestHandler[] {
  const beforeReading: RequestHandler = async (request, response, next) => {
    const authentication = await authenticate(dependencies.models, request, dependencies.clock());
    if (!authentication.ok || authentication.caller?.via !== 'session') {
      response.redirect(303, SIGN_IN_PATH);
      return;
    }
    if (Number(request.headers['content-length'] ?? 0) > limits.bodyBytes) {
      const megabytes = Math.round(limits.bodyBytes / 2 ** 20);
      response.status(413).json({ error: 'too_large', message: `The upload is larger than ${megabytes} MB` });
      return;
    }
    next();
  };
  return [beforeReading, multipartForm(limits)];
}

/** An outcome's content that is not a page, with its own type, headers and file name. */
function sendContent(response: Response, content: Sent): void {
  if (content.headers) response.set(content.headers);
  if (content.attachment) response.attachment(content.attachment);
  response
    .status(content.status ?? 200)
    .type(content.type)
    .send(content.body);
}

function parsed(
  schema: z.ZodType | undefined,
  given: unknown,
): { ok: true; value: unknown } | { ok: false; issues: z.core.$ZodIssue[] } {
  if (!schema) return { ok: true, value: undefined };
  const result = schema.safeParse(given);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: result.error.issues };
}
