import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SEED, generateDemoData } from '../../src/domain/demo';
import { normalizePhone } from '../../src/domain/identity';

/**
 * The README's walk through the simulator names phones to type: each must be someone
 * `npm run seed:demo` creates, or the reader's first message meets "nomor tidak dikenal".
 */
const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const start = readme.indexOf('## Try it: the web simulator');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const demo = generateDemoData({
  seed: DEMO_SEED,
  today: new Date('2026-11-23T02:00:00Z'),
  timeZone: 'Asia/Jakarta',
});
const phonesIn = (text: string) =>
  [...text.matchAll(/\+62\d{9,12}|\b08\d{2}-\d{4}-\d{4}\b/g)].map((match) => {
    const phone = normalizePhone(match[0]);
    if (!phone.ok) throw new Error(`${match[0]}: ${phone.reason}`);
    return phone.value;
  });

describe("the README's simulator section", () => {
  it('is found, with its phones', () => {
    expect(section.length).toBeGreaterThan(500);
    expect(phonesIn(section).length).toBeGreaterThan(3);
  });

  it('names as a participant to be only phones of demo participants', () => {
    const participants = new Set(demo.participants.map((participant) => participant.phone));
    const people = new Set([
      ...participants,
      ...demo.staff.map((s) => s.phone),
      ...demo.mentors.map((m) => m.phone),
    ]);
    const dashboard = section.indexOf('The dashboard on the demo data');
    expect(phonesIn(section.slice(0, dashboard)).filter((phone) => !participants.has(phone))).toEqual([]);
    expect(phonesIn(section.slice(dashboard)).filter((phone) => !people.has(phone))).toEqual([]);
  });
});
