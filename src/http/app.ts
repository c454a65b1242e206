import compression from 'compression';
import helmet from 'helmet';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '../log';
import { faviconIco } from './favicon';

export interface HttpDependencies {
  /** Whether the database answers a ping right now. */
  databaseReady: () => Promise<boolean>;
  /**
   * Channel webhooks, the simulator, the API: each mounted under its path. One that `readsOwnBody`
   * (a webhook signed over its raw bytes) is mounted before the JSON parser, which would consume them.
   */
  routers?: { path: string; router: Router; readsOwnBody?: boolean }[];
  /**
   * The state of connections that run in the background (WhatsApp Web), shown by `/readyz` without
   * deciding it: see `readyz` below.
   */
  channelStates?: () => Record<string, unknown>;
  logger?: Logger;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For and -Proto to believe (TRUST_PROXY). */
  trustProxy?: boolean | number | string[];
}

/**
 * No inline script or style anywhere: pages load their own files from this origin, so an injected
 * `<script>` does nothing. Nothing is framed, no form posts elsewhere.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

/** Deeper than any body or query the service takes; far below what would exhaust a recursive walk. */
const MAX_NESTING = 32;

/**
 * Refuses a parsed body or query nested deeper than `MAX_NESTING` before anything walks it (the
 * operator-key check, a schema): a small body of 50,000 nested arrays would otherwise overflow the
 * stack. Measured without recursion, stopping at the limit.
 */
function refuseDeepNesting(request: Request, response: Response, next: NextFunction): void {
  for (const value of [request.body, request.query] as unknown[]) {
    if (nestedDeeperThan(value, MAX_NESTING)) {
      response.status(400).json({
        error: 'too_deep',
        message: `Nested more than ${MAX_NESTING} levels / bersarang lebih dari ${MAX_NESTING} tingkat`,
      });
      return;
    }
  }
  next();
}

export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The service's express app: health checks, then whatever the composition root mounts. */
export function createHttpApp({
  databaseReady,
  routers = [],
  channelStates,
  logger,
  trustProxy = false,
}: HttpDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.use(helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY }));
  // Pages and JSON shrink to a fifth or less: what a mentor on a slow mobile connection waits for.
  app.use(compression());
  for (const { path, router } of routers.filter((mounted) => mounted.readsOwnBody)) app.use(path, router);
  app.use(express.json({ limit: '100kb' }));
  app.use(refuseDeepNesting);
  // Forms of the dashboard: small and flat (no nested keys to smuggle operators in). A session's form
  // has a checkbox per participant, and a mentor may have a hundred or more.
  app.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 500 }));

  const favicon = faviconIco();
  app.get('/favicon.ico', (_request, response) => {
    response.setHeader('Cache-Control', 'public, max-age=86400');
    response.type('image/x-icon').send(favicon);
  });

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

  // Ready means this instance can take requests: the database answers. A WhatsApp Web connection
  // that is down is reported but does not make the instance unready: its messages wait in the
  // outbox, and the webhooks, the simulator and the other channels served here still work (and an
  // instance standing by for the session never has a connection at all).
  app.get('/readyz', async (_request, response) => {
    const database = await databaseReady();
    response.status(database ? 200 : 503).json({
      status: database ? 'ready' : 'not_ready',
      database: database ? 'up' : 'down',
      ...(channelStates ? { channels: channelStates() } : {}),
    });
  });

  for (const { path, router } of routers.filter((mounted) => !mounted.readsOwnBody)) app.use(path, router);

  app.use((_request, response) => {
    response.status(404).json({ error: 'not_found', message: 'No such endpoint' });
  });

  // Express 5 passes rejected promises here: one failing request answers 500 and nothing else stops.
  app.use(
    (
      error: Error & {
        status?: number;
        statusCode?: number;
        expose?: boolean;
        type?: string;
        limit?: number;
      },
      request: Request,
      response: Response,
      _next: NextFunction,
    ) => {
      if (error.type === 'entity.parse.failed') {
        response.status(400).json({ error: 'invalid_json', message: 'The body is not valid JSON' });
        return;
      }
      if (error.type === 'parameters.too.many') {
        response.status(413).json({ error: 'too_large', message: 'The form has too many fields' });
        return;
      }
      if (error.type === 'entity.too.large') {
        // Each parser has its own limit (100 kB for JSON, more for a webhook's notifications).
        const limit = Math.round((error.limit ?? 100 * 1024) / 1024);
        response.status(413).json({ error: 'too_large', message: `The body is larger than ${limit} kB` });
        return;
      }
      // What the parsers and the router refuse carries its own 4xx (an undecodable `%ZZ` in a path,
      // an unknown Content-Encoding): the client's mistake, said as such, not a failure of ours.
      const status = error.status ?? error.statusCode;
      if (status !== undefined && status >= 400 && status < 500) {
        response.status(status).json({
          error: error.type ?? 'bad_request',
          message: error.expose === false ? 'The request cannot be read' : error.message,
        });
        return;
      }
      logger?.error({ err: error, path: request.path }, 'request failed');
      response.status(500).json({ error: 'internal', message: 'Something went wrong; try again' });
    },
  );

  return app;
}
