import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Account } from '../../auth';
import type { CookieOptions } from '../cookies';
import type { Output } from '../api/v1/endpoint';
import type { SafeHtml } from './html';
import type { PageLanguage, Translate } from './language';
import type { Flash, PageContext, Viewer } from './layout';
import type { UploadedFile } from './multipart';

/** Words of a page chosen once its language is known, as every text is: `(t) => t('…', '…')`. */
export type Words = (t: Translate) => string;

/** Response headers an outcome asks for besides its content (`Refresh`, `Retry-After`). */
export type Headers = Readonly<Record<string, string>>;

/** What a page's `load` found out, for the router to answer with. */
export type Outcome<M> =
  | { kind: 'show'; model: M; status: number; headers?: Headers; cookies?: readonly CookieWrite[] }
  | {
      kind: 'redirect';
      to: string;
      flash?: { kind: Flash['kind']; text: Words };
      cookies?: readonly CookieWrite[];
    }
  | { kind: 'refuse'; status: 400 | 403 | 404 | 409 | 503; title: Words; message: Words }
  | { kind: 'send'; content: Sent };

/**
 * A cookie the answer sets or clears (a session begun or ended, a sign-in form's token), written by
 * the router with the request's own security (Secure behind TLS) as the cookie helpers decide it.
 */
export type CookieWrite = (request: Request, response: Response, options: CookieOptions) => void;

/** The same outcome, setting or clearing these cookies as well. */
export function withCookies<M>(outcome: Outcome<M>, ...cookies: CookieWrite[]): Outcome<M> {
  return outcome.kind === 'show' || outcome.kind === 'redirect'
    ? { ...outcome, cookies: [...(outcome.cookies ?? []), ...cookies] }
    : outcome;
}

/** Something other than a page: an image, a download, the answer to a page's poll. */
export interface Sent {
  /** The content type, as express's `type()` takes it: `image/png`, `text/csv; charset=utf-8`. */
  type: string;
  body: Buffer | string;
  status?: number;
  /** Offered as a download under this file name. */
  attachment?: string;
  headers?: Headers;
}

/**
 * The page drawn from this model (200 unless a form is shown again with its problems, 400), with any
 * headers it needs besides (a `Refresh` while something is awaited).
 */
export const show = <M>(model: M, status = 200, headers?: Headers): Outcome<M> =>
  headers ? { kind: 'show', model, status, headers } : { kind: 'show', model, status };

/** Answers with this content instead of a page (the layout and the message a redirect left stay out). */
export const send = (content: Sent): Outcome<never> => ({ kind: 'send', content });

/** After a form: to another page (post, redirect, get), with the message it shows once. */
export const redirect = (to: string, flash?: { kind: Flash['kind']; text: Words }): Outcome<never> =>
  flash ? { kind: 'redirect', to, flash } : { kind: 'redirect', to };

/**
 * A refusal page: 403 for what the role may not see, 404 for what is not there, 400 for a bad address,
 * 409 for what its state no longer allows, 503 for what the service cannot do as it is configured.
 */
export const refusal = (
  status: 400 | 403 | 404 | 409 | 503,
  title: Words,
  message: Words,
): Outcome<never> => ({
  kind: 'refuse',
  status,
  title,
  message,
});

/** What the router read from the request, parsed with the page's schemas. */
export interface PageInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  now: Date;
  /** The client's address, for the audit log. */
  from: string;
  /** The one file of a page that takes an upload, if the form sent one. */
  upload?: UploadedFile | undefined;
  /** One of the request's cookies (a sign-in form's token is checked against its cookie). */
  cookie(name: string): string | undefined;
  /** The page's language, for what is sent elsewhere (a sign-in code) in the same one. */
  language: PageLanguage;
  /** The browser session's id, for signing out; none before sign-in. */
  sessionId: string | undefined;
}

/**
 * A form that uploads a file (multipart/form-data): the file is held to `fileBytes` (a larger one
 * is dropped, for the page to say so), the whole body to `bodyBytes` (past it, 413 as it comes).
 */
export interface UploadLimits {
  fileBytes: number;
  bodyBytes: number;
}

export interface PageSpec<
  M,
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
> {
  method: 'get' | 'post';
  /** As the API writes it, `/peserta/{id}/status`, under /dashboard. */
  path: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Given for a form that uploads a file: its text fields are then the body, its file the `upload`. */
  upload?: UploadLimits;
  /**
   * A refusal for an account whose role may not open the page at all, asked before the query and
   * body are read: it learns nothing of what they should hold.
   */
  refuses?(account: Account): Outcome<never> | undefined;
  /**
   * The answer to a query its schema refused, when the page has a better one than the router's
   * "cannot be read" (the filter form again, with what was typed and why it was refused).
   */
  invalidQuery?(issues: z.core.$ZodIssue[], given: Record<string, unknown>): Outcome<M>;
  /** Reads (scoped and audited once, through the shared actions) or acts, and says what to answer. */
  load(account: Account, input: PageInput<Output<P>, Output<Q>, Output<B>>): Promise<Outcome<M>>;
  title(model: M, t: Translate): string;
  /** Pure: the page's content from its model, in the viewer's language, with their CSRF token in forms. */
  view(model: M, t: Translate, viewer: Viewer): SafeHtml;
}

/** A form's target that shows no page of its own: it redirects (with a message) or refuses. */
export type ActionSpec<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
> = Omit<PageSpec<never, P, Q, B>, 'title' | 'view' | 'invalidQuery'>;

/**
 * A page for whoever opens it, signed in or not (signing in): no session is asked for, so a form
 * checks its own token, and `load` gets the account only when someone is already signed in.
 */
export interface PublicPageSpec<M, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  method: 'get' | 'post';
  path: string;
  query?: Q;
  body?: B;
  load(signedIn: Account | undefined, input: PageInput<undefined, Output<Q>, Output<B>>): Promise<Outcome<M>>;
  title(model: M, t: Translate): string;
  /** Pure, as a signed-in page's view, without a viewer: the page's language and address only. */
  view(model: M, t: Translate, context: PageContext): SafeHtml;
}

/** A page with its types erased, as the router holds it. */
export interface Page {
  /** `anyone`: no session is needed (the sign-in pages); otherwise one is, and a form carries its token. */
  access?: 'anyone';
  method: 'get' | 'post';
  path: string;
  params?: z.ZodType | undefined;
  query?: z.ZodType | undefined;
  body?: z.ZodType | undefined;
  upload?: UploadLimits;
  refuses?(account: Account): Outcome<never> | undefined;
  invalidQuery?(issues: z.core.$ZodIssue[], given: Record<string, unknown>): Outcome<unknown>;
  load(account: Account | undefined, input: PageInput<unknown, unknown, unknown>): Promise<Outcome<unknown>>;
  title(model: unknown, t: Translate): string;
  view(model: unknown, t: Translate, viewer: Viewer | PageContext): SafeHtml;
}

/**
 * Declares one page: the router parses the path, query and body with its schemas after the session
 * and CSRF checks, so `load` gets typed input, and only what `load` returns reaches the pure `view`.
 */
export function declarePage<
  M,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: PageSpec<M, P, Q, B>): Page {
  // The router parsed each part with the same schema, and hands `view` only what `load` returned.
  return spec as unknown as Page;
}

/** Declares a form's target: `load` acts and answers with a redirect or a refusal, never a page. */
export function declareAction<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: ActionSpec<P, Q, B>): Page {
  const drawsNothing = () => {
    throw new Error(`${spec.method} ${spec.path} redirects or refuses; it has no page to draw`);
  };
  return declarePage<never, P, Q, B>({ ...spec, title: drawsNothing, view: drawsNothing });
}

/** Declares a page open before sign-in: the router asks for no session and no session's CSRF token. */
export function declarePublicPage<
  M,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: PublicPageSpec<M, Q, B>): Page {
  return { ...(spec as unknown as Page), access: 'anyone' };
}
