import { fromOf } from '../../request-from';
import { Router, type Request, type Response } from 'express';
import { parseOr400 } from '../../validation';
import { operatorKeyIn } from '../../operator-keys';
import { authenticate, carriesCsrfToken } from './authenticate';
import type { ApiDependencies } from './dependencies';
import { expressPathOf, fail, forbidden, type Endpoint } from './endpoint';

const UNSAFE = new Set(['post', 'put', 'delete']);

/**
 * Mounts each endpoint behind the same checks, in this order: no operator keys in query or body
 * (before anything reads the database), JSON only for bodies (a cross-site form cannot post JSON),
 * who is calling, CSRF for a browser session's unsafe requests, the path, whether the caller may act on
 * what it names, then the query and the body parsed with their schemas.
 */
export function routerOf(endpoints: Endpoint[], dependencies: ApiDependencies): Router {
  const router = Router();
  for (const spec of endpoints) {
    const path = expressPathOf(spec.path);
    router[spec.method](path, async (request: Request, response: Response) => {
      for (const [part, value] of [
        ['query', request.query],
        ['body', request.body],
      ] as const) {
        const key = operatorKeyIn(value);
        if (key) {
          fail(response, 400, 'invalid_request', `${key}: kunci tidak diizinkan / key not allowed`, {
            fields: [{ field: key, message: `${part} keys may not contain $ or .` }],
          });
          return;
        }
      }
      if (UNSAFE.has(spec.method) && request.headers['content-length'] !== '0' && hasBody(request)) {
        if (!request.is('application/json')) {
          fail(response, 415, 'unsupported_media_type', 'Kirim JSON / Send application/json');
          return;
        }
      }

      const now = dependencies.clock();
      const authentication = await authenticate(dependencies.models, request, now);
      if (!authentication.ok) {
        fail(
          response,
          401,
          'bad_token',
          'Token API tidak dikenal atau dicabut / Unknown or revoked API token',
        );
        return;
      }
      const { caller } = authentication;
      if (spec.auth === 'signed_in' && !caller) {
        fail(response, 401, 'not_signed_in', 'Silakan masuk dulu / Please sign in first');
        return;
      }
      if (spec.auth === 'signed_in' && caller?.via === 'session' && UNSAFE.has(spec.method)) {
        if (!carriesCsrfToken(request, caller)) {
          fail(response, 403, 'csrf', 'Token CSRF tidak ada atau salah / Missing or wrong X-CSRF-Token');
          return;
        }
      }

      const params = spec.params ? parseOr400(spec.params, request.params, response) : undefined;
      if (spec.params && params === undefined) return;
      if (spec.authorize && caller && !(await spec.authorize({ caller, params }))) return forbidden(response);
      const query = spec.query ? parseOr400(spec.query, { ...request.query }, response) : undefined;
      if (spec.query && query === undefined) return;
      const body = spec.body ? parseOr400(spec.body, request.body ?? {}, response) : undefined;
      if (spec.body && body === undefined) return;

      await spec.handle({
        params,
        query,
        body,
        caller,
        from: fromOf(request),
        now,
        request,
        response,
      });
    });
  }
  return router;
}

function hasBody(request: Request): boolean {
  return (
    request.headers['content-length'] !== undefined || request.headers['transfer-encoding'] !== undefined
  );
}
