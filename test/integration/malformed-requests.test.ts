import { request as httpRequest } from 'node:http';
import { simulatorRouters } from '../../src/channels/simulator';
import { databaseReachable } from '../../src/db/connect';
import { createHttpApp } from '../../src/http';
import { nestedDeeperThan } from '../../src/http/app';
import { apiV1Router } from '../../src/http/api/v1';
import { createLogger } from '../../src/log';
import { testApiDependencies } from '../support/api';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { listenOnLoopback } from '../support/http';

/**
 * Requests no client of ours sends, as an attacker or a broken proxy does: each gets a 4xx that says
 * what is wrong, never a 500, and costs nothing before it is refused.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date('2026-11-23T02:00:00Z');

let base = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const conversations = testConversationService(db.models, clock);
  const app = createHttpApp({
    databaseReady: () => databaseReachable(db.connection),
    routers: [
      apiV1Router(testApiDependencies({ models: db.models, conversations, clock, logger })),
      ...simulatorRouters({ models: db.models, conversations, clock }),
    ],
    logger,
  });
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

/** Sends exactly these bytes with these headers (fetch would refuse or fix some of them). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<{ status: number; json: { error?: string } }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { method, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, json: JSON.parse(text || '{}') as { error?: string } }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('malformed requests', () => {
  it.each([
    ['GET', '/api/v1/complaints/%ZZ'],
    ['GET', '/api/v1/participants/%E0%A4%A'],
    ['GET', '/api/simulator/conversations/%ZZ'],
  ])('answers 400 to an undecodable path parameter: %s %s', async (method, path) => {
    const { status } = await raw(method, path, {});
    expect(status).toBe(400);
  });

  it.each([
    ['bogus', 'x-unknown'],
    ['broken gzip', 'gzip'],
  ])('answers 4xx to a body with a %s Content-Encoding', async (_name, encoding) => {
    const { status } = await raw(
      'POST',
      '/api/v1/session',
      { 'content-type': 'application/json', 'content-encoding': encoding },
      Buffer.from('not really compressed'),
    );
    expect([400, 415]).toContain(status);
  });

  it('refuses a deeply nested body before authentication looks at it, with 400', async () => {
    const body = `{"login":${nested(40_000)}}`;
    expect(body.length).toBeLessThan(100 * 1024);
    const { status, json } = await raw(
      'POST',
      '/api/v1/session',
      { 'content-type': 'application/json' },
      body,
    );
    expect(status).toBe(400);
    expect(json.error).toBe('too_deep');
  });

  it('still takes an ordinary nested body', async () => {
    const { status } = await raw(
      'POST',
      '/api/v1/session',
      { 'content-type': 'application/json' },
      JSON.stringify({ login: '0813-0000-0001', password: 'salah-sekali-1234' }),
    );
    expect(status).toBe(401);
  });

  it('measures nesting without recursion, stopping at the limit', () => {
    expect(nestedDeeperThan(JSON.parse(nested(32)), 32)).toBe(false);
    expect(nestedDeeperThan(JSON.parse(nested(33)), 32)).toBe(true);
    expect(nestedDeeperThan({ a: [{ b: 1 }], c: 'x' }, 32)).toBe(false);
    expect(nestedDeeperThan(JSON.parse(nested(200_000)), 32)).toBe(true);
  });
});
