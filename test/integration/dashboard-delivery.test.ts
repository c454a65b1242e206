import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createLogger } from '../../src/log';
import { serveDashboard } from '../support/browser';
import { useTestDatabase } from '../support/database';

/** How the pages travel: compressed for a browser that accepts it, and an icon where browsers look. */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const clock = () => new Date('2026-11-23T02:00:00Z');

let base = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  ({ base, close } = await serveDashboard({ connection: db.connection, models: db.models, clock, logger }));
});

afterAll(() => close());

/** A GET as raw bytes, without fetch's own decompression, so that what went over the wire is seen. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const request = httpRequest(`${base}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      request.on('error', reject);
      request.end();
    },
  );
}

describe('pages over the wire', () => {
  it.each(['/dashboard/masuk', '/dashboard/app.css'])(
    'sends %s gzip-compressed to a browser that accepts gzip, and smaller',
    async (path) => {
      const plain = await get(path);
      const compressed = await get(path, { 'accept-encoding': 'gzip' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(compressed.headers['content-encoding']).toBe('gzip');
      // The sign-in form carries a fresh token each time: the two are alike in all but that.
      const unpacked = gunzipSync(compressed.body);
      expect(unpacked.subarray(0, 60).toString()).toBe(plain.body.subarray(0, 60).toString());
      expect(unpacked.length).toBe(plain.body.length);
      expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
    },
  );

  it('serves the style sheet as CSS, the file that lint and format check, cached for an hour', async () => {
    const sheet = await get('/dashboard/app.css');
    expect(sheet.status).toBe(200);
    expect(sheet.headers['content-type']).toMatch(/^text\/css/);
    expect(sheet.headers['cache-control']).toBe('public, max-age=3600');
    const file = readFileSync(join(__dirname, '../../src/http/dashboard/app.css'));
    expect(sheet.body.equals(file)).toBe(true);
    expect(sheet.body.toString()).toContain("header nav a[aria-current='page']");
  });

  it('answers /favicon.ico with an icon, not a 404', async () => {
    const icon = await get('/favicon.ico');
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toBe('image/x-icon');
    // An ICO's header: reserved 0, type 1 (icon), one image of 16×16 pixels.
    expect([...icon.body.subarray(0, 8)]).toEqual([0, 0, 1, 0, 1, 0, 16, 16]);
  });
});
