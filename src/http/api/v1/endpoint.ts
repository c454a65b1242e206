import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Account } from '../../../auth';

/** Who calls: an account, through a browser session (which must prove CSRF) or an API token. */
export type Caller =
  | { account: Account; via: 'session'; sessionId: string; csrfToken: string }
  | { account: Account; via: 'token'; tokenId: string };

export interface EndpointContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: Caller | undefined;
  /** The client's address, for the audit log. */
  from: string;
  now: Date;
  request: Request;
  response: Response;
}

/** What a part's schema gives, or `undefined` for a part without one. */
export type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/** An OpenAPI path, `/complaints/{number}`, as express matches it, `/complaints/:number`. */
export const expressPathOf = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** An answer: its meaning, and for a 2xx with a body, the JSON schema or the files' media types. */
export type ResponseSpec =
  string | { description: string; body: z.ZodType } | { description: string; files: string[] };

export interface EndpointSpec<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI style, `/complaints/{number}`; the router turns it into express's `:number`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** `public` needs no caller; `signed_in` answers 401 without one (roles are checked by the handler). */
  auth: 'public' | 'signed_in';
  params?: P;
  query?: Q;
  body?: B;
  /** Each answer's status and meaning; a successful one with a body names its shape or its files. */
  responses: Record<number, ResponseSpec>;
  /**
   * Whether the caller may act on what the path names, asked once the path is read and before the
   * query and body are: someone else's record answers 403, never a 400 that describes its fields.
   */
  authorize?(context: { caller: Caller; params: Output<P> }): Promise<boolean>;
  handle(context: EndpointContext<Output<P>, Output<Q>, Output<B>>): Promise<void>;
}

/** An endpoint with its types erased, as the router and the OpenAPI generator hold it. */
export type Endpoint = Omit<
  EndpointSpec<z.ZodType, z.ZodType, z.ZodType>,
  'handle' | 'params' | 'query' | 'body' | 'authorize'
> & {
  params?: z.ZodType | undefined;
  query?: z.ZodType | undefined;
  body?: z.ZodType | undefined;
  authorize?(context: { caller: Caller; params: unknown }): Promise<boolean>;
  handle(context: EndpointContext<unknown, unknown, unknown>): Promise<void>;
};

/**
 * Declares one endpoint: its schemas serve both the validation of every request (the router parses
 * params, query and body with them before the handler runs) and the OpenAPI document.
 */
export function endpoint<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: EndpointSpec<P, Q, B>): Endpoint {
  const { authorize } = spec;
  return {
    ...spec,
    // The router has parsed each part with the same schema, so the values have these types.
    handle: (context) => spec.handle(context as EndpointContext<Output<P>, Output<Q>, Output<B>>),
    ...(authorize
      ? { authorize: (context) => authorize(context as { caller: Caller; params: Output<P> }) }
      : {}),
  };
}

/** A JSON error: a machine-readable code and a message in Indonesian, then English. */
export function fail(
  response: Response,
  status: number,
  error: string,
  message: string,
  extra: object = {},
): void {
  response.status(status).json({ error, message, ...extra });
}

export function forbidden(
  response: Response,
  message = 'Anda tidak berhak melihat atau mengubah ini / You may not see or change this',
): void {
  fail(response, 403, 'forbidden', message);
}
