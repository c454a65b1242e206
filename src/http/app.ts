import compression from 'compression';
import helmet from 'helmet';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '../log';
import { faviconIco } from './favicon';
import { REQUEST_DEADLINE_MS, requestDeadline } from './request-deadline';

export interface HttpDependencies {
  /** Whether the database answers a ping right now. */
  databaseReady: () => Promise<boolean>;
  /**
   * Channel webhooks, the simulator, the API: each mounted under its path. One that `readsOwnBody`
   * (a webhook signed over its raw bytes) is mounted before the JSON parser, which would consume them.
   */
  routers?: MountedRouter[];
  /**
   * The state of connections that run in the background (WhatsApp Web), shown by `/readyz` without
   * deciding it: see `readyz` below.
   */
  channelStates?: () => Record<string, unknown>;
  logger?: Logger;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For and -Proto to believe (TRUST_PROXY). */
  trustProxy?: boolean | number | string[];
  /** How long a request may wait for its answer before it is told to try again (503). */
  requestDeadlineMs?: number;
}

export interface MountedRouter {
  path: string;
  router: Router;
  readsOwnBody?: boolean;
  /**
   * How a request under `path` is refused when the app refuses it before the router sees it (a body
   * that cannot be read, a path that cannot be decoded): a page for the dashboard. JSON otherwise.
   */
  refusal?: (request: Request, response: Response, status: number) => void;
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
const refuseDeepNesting =
  (refuse: Refuse) =>
  (request: Request, response: Response, next: NextFunction): void => {
    for (const value of [request.body, request.query] as unknown[]) {
      if (nestedDeeperThan(value, MAX_NESTING)) {
        refuse(request, response, {
          status: 400,
          error: 'too_deep',
          message: `Nested more than ${MAX_NESTING} levels / bersarang lebih dari ${MAX_NESTING} tingkat`,
        });
        return;
      }
    }
    next();
  };

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
  requestDeadlineMs = REQUEST_DEADLINE_MS,
}: HttpDependencies): Express {
  const app = express();
  // A refusal under a router that has its own (the dashboard's page), else JSON.
  const refuse: Refuse = (request, response, refusal) => {
    const mounted = routers.find(
      ({ path, refusal: page }) => page && request.originalUrl.startsWith(`${path}/`),
    );
    if (mounted?.refusal) mounted.refusal(request, response, refusal.status);
    else response.status(refusal.status).json({ error: refusal.error, message: refusal.message });
  };
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.use(helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY }));
  app.use(
    requestDeadline(requestDeadlineMs, (request, response) =>
      refuse(request, response, {
        status: 503,
        error: 'busy',
        message:
          'Layanan sedang sibuk; silakan coba lagi sebentar lagi / The service is busy; try again shortly',
      }),
    ),
  );
  // Pages and JSON shrink to a fifth or less: what a mentor on a slow mobile connection waits for.
  app.use(compression());
  for (const { path, router } of routers.filter((mounted) => mounted.readsOwnBody)) app.use(path, router);
  app.use(express.json({ limit: '100kb' }));
  app.use(refuseDeepNesting(refuse));
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
  app.use((error: HttpError, request: Request, response: Response, _next: NextFunction) => {
    const refusal = refusalOf(error);
    if (refusal) {
      refuse(request, response, refusal);
      return;
    }
    logger?.error({ err: error, path: request.path }, 'request failed');
    response.status(500).json({ error: 'internal', message: 'Something went wrong; try again' });
  });

  return app;
}

interface Refusal {
  status: number;
  error: string;
  message: string;
}
type Refuse = (request: Request, response: Response, refusal: Refusal) => void;

type HttpError = Error & {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  limit?: number;
};

/** What the parsers and the router refuse as the client's mistake, with its 4xx; undefined for a failure of ours. */
function refusalOf(error: HttpError): Refusal | undefined {
  if (error.type === 'entity.parse.failed') {
    return { status: 400, error: 'invalid_json', message: 'The body is not valid JSON' };
  }
  if (error.type === 'parameters.too.many') {
    return { status: 413, error: 'too_large', message: 'The form has too many fields' };
  }
  if (error.type === 'entity.too.large') {
    // Each parser has its own limit (100 kB for JSON, more for a webhook's notifications).
    const limit = Math.round((error.limit ?? 100 * 1024) / 1024);
    return { status: 413, error: 'too_large', message: `The body is larger than ${limit} kB` };
  }
  // An undecodable `%ZZ` in a path, an unknown Content-Encoding: said as such, not a failure of ours.
  const status = error.status ?? error.statusCode;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  return {
    status,
    error: error.type ?? 'bad_request',
    message: error.expose === false ? 'The request cannot be read' : error.message,
  };
}
