import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { Router } from 'express';
import { issueApiToken, startWebSession } from '../../src/auth';
import { simulatorRouters } from '../../src/channels/simulator';
import { databaseReachable } from '../../src/db/connect';
import { openComplaint } from '../../src/domain/complaints';
import { NikVault } from '../../src/domain/identity';
import { createHttpApp } from '../../src/http';
import { apiV1Router } from '../../src/http/api/v1';
import { dashboardRouter } from '../../src/http/dashboard';
import { SESSION_COOKIE } from '../../src/http/cookies';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK, testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { listenOnLoopback } from '../support/http';
import { siti } from '../support/participants';

/**
 * Generated hostile requests, as an attacker or a broken client sends them, to every route of the
 * OpenAPI document and every form of the dashboard, signed in (session with its CSRF token, API
 * token) and not: none may answer 5xx; a refusal is JSON naming the field under /api and a page under
 * /dashboard; the service keeps answering.
 */
jest.setTimeout(120_000);

const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
/** Cases per route: enough to meet every kind of hostility a few times, bounded on 2 shared cores. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 30);

let base = '';
let close: () => Promise<void> = async () => {};
let dashboard: Router | undefined;
let admin = { kind: 'staff' as const, id: '' };
const known = { complaint: '', participant: '' };

beforeAll(async () => {
  await db.models.puskesos.create({ name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' });
  const [dewi] = await db.models.staff.create([
    { name: 'Dewi (Dinsos)', phone: '+6281300000004', role: 'admin' },
  ]);
  admin = { kind: 'staff', id: String(dewi?._id) };
  const participant = await db.models.participants.create(
    siti('+6281200007777', { consentedOn: 'simulator', at: now }),
  );
  known.participant = String(participant._id);
  const opened = await openComplaint(
    db.models,
    {
      participant: participant._id,
      complainantPhone: '+6281200007777',
      complainantChat: { channel: 'simulator', chatId: '+6281200007777' },
      language: 'id',
      desa: 'Batulayang',
      category: 'PKH',
      text: 'Bantuan belum cair',
      photos: [],
      at: now,
    },
    TEST_COMPLAINT_DESK,
  );
  if (!opened.ok) throw new Error('complaint not opened');
  known.complaint = opened.number;

  const conversations = testConversationService(db.models, clock, logger);
  const dependencies = {
    ...testApiDependencies({ models: db.models, conversations, clock, logger }),
    // As the service runs: the import needs the key (without it, it answers 503 by design).
    nikVault: new NikVault(randomBytes(32)),
  };
  const mountedDashboard = dashboardRouter(dependencies);
  dashboard = mountedDashboard.router;
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [
      apiV1Router(dependencies),
      mountedDashboard,
      ...simulatorRouters({ models: db.models, conversations, clock }),
    ],
    logger,
  });
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** Sends exactly these bytes and headers: fetch would refuse or repair some of what is sent here. */
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // A connection of its own: a body the server refused unread must not be taken for the next request.
    // Its length said, as clients do (Node sends a DELETE's body unframed otherwise).
    const framed = body ? { 'content-length': String(body.length), ...headers } : headers;
    // The path as given: a URL would resolve `%2e%2e` as `..` and send it somewhere else.
    const request = httpRequest(base, { method, path, headers: framed, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    // The server may close the connection on a body it refuses before reading it.
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE'
        ? resolve({ status: 0, contentType: '', text: '' })
        : reject(error),
    );
    request.end(body);
  });
}

// ---- what is sent --------------------------------------------------------------------------------

const nestedObject = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let level = 0; level < depth; level += 1) value = { a: value };
  return value;
};

/** A value an attacker puts where any field is expected. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    { $gt: '' },
    { $ne: null },
    { $where: 'sleep(5000) || true' },
    { $regex: '.*', $options: 'si' },
    { 'a.b': 1 },
    [{ $gt: '' }],
    JSON.parse('{"__proto__": {"isAdmin": true}}'),
    { constructor: { prototype: { isAdmin: true } } },
    null,
    true,
    -1,
    1e308,
    Number.MAX_SAFE_INTEGER,
    '',
    [],
    {},
    '0812-0000-0001',
    '2026-W99',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '\u0000\u202e\ud83d\ude00',
  ),
  fc.integer({ min: 30, max: 80 }).map(nestedObject),
  fc.integer({ min: 1_000, max: 120_000 }).map((length) => 'é'.repeat(length)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxLength: 5 }),
  fc.integer(),
  fc.double(),
);

/** A body: a hostile value alone, or an object with the route's own field names and some of ours. */
const hostileBody = (fields: string[]) =>
  fc.oneof(
    hostileValue,
    fc.dictionary(
      fc.oneof(
        fc.constantFrom(...fields, '$where', '__proto__', 'constructor', 'a.b', 'csrf'),
        fc.string({ maxLength: 8 }),
      ),
      hostileValue,
      { maxKeys: 6 },
    ),
  );

/** How the body travels: declared and encoded rightly or wrongly. */
const delivery = fc.constantFrom(
  'json',
  'form',
  'json-as-text',
  'bogus-type',
  'broken-json',
  'gzip',
  'broken-gzip',
  'deflate',
  'unknown-encoding',
  'empty',
);
type Delivery = typeof delivery extends fc.Arbitrary<infer D> ? D : never;

/** Turns a value into flat form fields, as a browser would send them, with bracketed keys kept. */
function formOf(value: unknown): string {
  const fields = new URLSearchParams();
  const add = (key: string, item: unknown) => {
    if (item !== null && typeof item === 'object') {
      for (const [name, inner] of Object.entries(item)) add(key ? `${key}[${name}]` : name, inner);
    } else fields.append(key || 'value', String(item));
  };
  add('', value);
  return fields.toString();
}

function encoded(value: unknown, how: Delivery): { headers: Record<string, string>; body?: Buffer } {
  const json = Buffer.from(JSON.stringify(value) ?? 'null');
  switch (how) {
    case 'json':
      return { headers: { 'content-type': 'application/json' }, body: json };
    case 'form':
      return {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(formOf(value)),
      };
    case 'json-as-text':
      return { headers: { 'content-type': 'text/plain' }, body: json };
    case 'bogus-type':
      return { headers: { 'content-type': 'application/json; charset=klingon' }, body: json };
    case 'broken-json':
      return { headers: { 'content-type': 'application/json' }, body: Buffer.from(`${json.toString()}{,`) };
    case 'gzip':
      return {
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync(json),
      };
    case 'broken-gzip':
      return { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: json };
    case 'deflate':
      return {
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'deflate' },
        body: deflateSync(formOf(value)),
      };
    case 'unknown-encoding':
      return { headers: { 'content-type': 'application/json', 'content-encoding': 'x-zip' }, body: json };
    case 'empty':
      return { headers: { 'content-type': 'application/json', 'content-length': '0' } };
  }
}

/** What goes where a path parameter is: ordinary values, ones that exist, and escapes. */
const pathParameter = (name: string) =>
  fc.oneof(
    fc.constantFrom(
      '%ZZ',
      '%E0%A4%A',
      '..%2f..%2fetc%2fpasswd',
      '%2e%2e',
      'a%00b',
      '%00',
      '%24gt',
      '%7B%22%24gt%22%3A%22%22%7D',
      '9'.repeat(3_000),
      '-1',
      '0',
      encodeURIComponent('ñ😀\u202e'),
      name === 'week' ? '2026-W47' : known.participant,
      known.complaint,
      '2026-W99',
    ),
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
  );

/** A query string of hostile pairs, including bracketed operator keys. */
const hostileQuery = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?page=-1&limit=1e9',
    '?limit[$gt]=0',
    '?q=%ZZ',
    '?page=1&page=2',
    '?__proto__[x]=1',
    '?week=2026-W99',
  ),
  // Huge values stay out of the query: Node refuses an overlong request line itself (431).
  hostileValue
    .map((value) => `?${formOf({ q: value, status: value })}`)
    .filter((query) => query.length < 4_000),
);

type Who = 'nobody' | 'session' | 'token';

/** A fresh session or token per case: a hostile case may sign out or revoke what it is given. */
async function credentials(
  who: Who,
  dashboardForm: boolean,
): Promise<{ headers: Record<string, string>; csrf?: string }> {
  if (who === 'nobody') return { headers: {} };
  if (who === 'token') {
    const { token } = await issueApiToken(
      db.models,
      { name: 'hostile', account: admin, createdBy: admin.id },
      now,
    );
    return { headers: { authorization: `Bearer ${token}` } };
  }
  const session = await startWebSession(db.models, admin, now, 3_600_000, undefined);
  return {
    headers: {
      cookie: `${SESSION_COOKIE}=${session.id}`,
      ...(dashboardForm ? {} : { 'x-csrf-token': session.csrfToken }),
    },
    csrf: session.csrfToken,
  };
}

// ---- what is checked -----------------------------------------------------------------------------

/** The request and the start of its answer, shown when a check fails. */
const seen = (request: string, answer: Answer) =>
  `${request.slice(0, 300)} -> ${answer.status} ${answer.contentType} ${answer.text.slice(0, 200)}`;

function expectNoServerError(answer: Answer, what: string): void {
  expect({ what, serverError: answer.status >= 500 }).toEqual({ what, serverError: false });
}

function expectApiRefusal(answer: Answer, request: string): void {
  const what = seen(request, answer);
  expectNoServerError(answer, what);
  if (answer.status < 400) return;
  expect({ what, json: answer.contentType.startsWith('application/json') }).toEqual({ what, json: true });
  const body = JSON.parse(answer.text) as {
    error?: unknown;
    message?: unknown;
    fields?: { field?: unknown }[];
  };
  expect(typeof body.error).toBe('string');
  expect(typeof body.message).toBe('string');
  if (body.error === 'invalid_request') {
    expect(body.fields?.length).toBeGreaterThan(0);
    for (const field of body.fields ?? []) expect(typeof field.field).toBe('string');
  }
}

function expectDashboardRefusal(answer: Answer, request: string): void {
  const what = seen(request, answer);
  expectNoServerError(answer, what);
  if (answer.status < 400) return;
  expect({ what, page: answer.contentType.startsWith('text/html') }).toEqual({ what, page: true });
  expect(answer.text).toMatch(/<html/i);
}

async function expectStillUp(): Promise<void> {
  const health = await raw('GET', '/healthz', {});
  expect(health.status).toBe(200);
}

// ---- the routes ----------------------------------------------------------------------------------

interface Route {
  method: string;
  path: string;
  fields: string[];
}

async function apiRoutes(): Promise<Route[]> {
  const answer = await raw('GET', '/api/v1/openapi.json', {});
  const document = JSON.parse(answer.text) as {
    paths: Record<
      string,
      Record<
        string,
        { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }
      >
    >;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: `/api/v1${path}`,
      fields: Object.keys(operation.requestBody?.content['application/json']?.schema.properties ?? {}),
    })),
  );
}

/** The dashboard's forms, read from its router so that a new one is covered without listing it here. */
function dashboardForms(): Route[] {
  const stack = (
    dashboard as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }
  ).stack;
  return stack.flatMap(({ route }) =>
    route?.methods.post
      ? [{ method: 'POST', path: `/dashboard${route.path.replace(/:(\w+)/g, '{$1}')}`, fields: [] }]
      : [],
  );
}

function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => values[name] ?? 'x');
}

const caseOf = (route: Route) =>
  fc.record({
    who: fc.constantFrom<Who>('nobody', 'session', 'token'),
    params: fc.record(
      Object.fromEntries(
        [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => [name, pathParameter(name)]),
      ),
    ),
    query: hostileQuery,
    body: hostileBody(route.fields),
    delivery,
  });

describe('hostile requests', () => {
  it('covers every route of the OpenAPI document and every dashboard form', async () => {
    const api = await apiRoutes();
    expect(api.length).toBeGreaterThan(15);
    expect(api.some((route) => route.method !== 'GET' && route.fields.length > 0)).toBe(true);
    expect(dashboardForms().map((route) => route.path)).toEqual(
      expect.arrayContaining(['/dashboard/masuk', '/dashboard/impor', '/dashboard/pengaduan/{number}/aksi']),
    );
  });

  // Found by the properties below: the app refused these before the dashboard saw them, in JSON.
  it.each([
    ['an undecodable path', '/dashboard/pengaduan/%ZZ/aksi', {}, 'csrf=x', 400],
    ['broken JSON', '/dashboard/masuk', { 'content-type': 'application/json' }, '{"login":', 400],
    [
      'deep nesting',
      '/dashboard/masuk',
      { 'content-type': 'application/json' },
      '['.repeat(40) + ']'.repeat(40),
      400,
    ],
    [
      'an unknown encoding',
      '/dashboard/masuk',
      { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'x-zip' },
      'login=1',
      415,
    ],
  ])('answers a dashboard form with %s by a page', async (_name, path, headers, body, status) => {
    const answer = await raw('POST', path, headers as Record<string, string>, Buffer.from(body));
    expect(answer.status).toBe(status);
    expectDashboardRefusal(answer, path);
    expect(answer.text).toContain('Permintaan tidak dapat dibaca');
  });

  it('never answers 5xx on the API, and refuses with JSON naming the field', async () => {
    for (const route of await apiRoutes()) {
      await fc.assert(
        fc.asyncProperty(caseOf(route), async ({ who, params, query, body, delivery: how }) => {
          const path = fillPath(route.path, params) + query;
          const { headers } = await credentials(who, false);
          const sent = route.method === 'GET' ? { headers: {} } : encoded(body, how);
          const answer = await raw(route.method, path, { ...headers, ...sent.headers }, sent.body);
          expectApiRefusal(answer, `${route.method} ${path} as ${who}, ${how}`);
        }),
        { numRuns: RUNS },
      );
      await expectStillUp();
    }
  });

  it('never answers 5xx on a dashboard form, and refuses with a page', async () => {
    for (const route of dashboardForms()) {
      await fc.assert(
        fc.asyncProperty(caseOf(route), async ({ who, params, query, body, delivery: how }) => {
          const path = fillPath(route.path, params) + query;
          const { headers, csrf } = await credentials(who, true);
          const withToken =
            csrf && body !== null && typeof body === 'object' && !Array.isArray(body)
              ? { csrf, ...body }
              : body;
          const sent = encoded(withToken, how);
          const answer = await raw('POST', path, { ...headers, ...sent.headers }, sent.body);
          expectDashboardRefusal(answer, `POST ${path} as ${who}, ${how}`);
        }),
        { numRuns: RUNS },
      );
      await expectStillUp();
    }
  });
});
