import { parseSessionTime } from '../../../src/engine/inputs/session-time';

// Monday 30 November 2026, 10:00 in Jakarta.
const now = new Date('2026-11-30T03:00:00Z');
const at = (reply: string) => {
  const result = parseSessionTime(reply, now, 'Asia/Jakarta');
  return result.kind === 'ok' ? result.value : result.kind;
};
const jakarta = (local: string) => new Date(`${local}+07:00`).toISOString();

describe('when a mentoring session takes place, as a mentor types it', () => {
  it.each([
    ['Kamis 3/12 09.00', '2026-12-03T09:00:00'],
    ['3/12 09.00', '2026-12-03T09:00:00'],
    ['03-12-2026 9:30', '2026-12-03T09:30:00'],
    ['besok 14.00', '2026-12-01T14:00:00'],
    ['besok jam 2 siang', '2026-12-01T14:00:00'],
    ['lusa pukul 8', '2026-12-02T08:00:00'],
    ['kamis jam 9 pagi', '2026-12-03T09:00:00'],
    ['senin 10.30', '2026-11-30T10:30:00'],
    ['Sabtu, 4 sore', '2026-12-05T16:00:00'],
    ['5 Des jam 9', '2026-12-05T09:00:00'],
    ['15 januari 13.00', '2027-01-15T13:00:00'],
    ['hari ini 19.00', '2026-11-30T19:00:00'],
    ['tomorrow 2 pm', '2026-12-01T14:00:00'],
  ])('%s', (reply, local) => {
    expect(at(reply)).toBe(jakarta(local));
  });

  it.each([
    'besok',
    'kamis',
    '3/12',
    'besok 25.00',
    'rabu 3/12 09.00', // 3 December is a Thursday
    '31/2 09.00',
    'hari ini 08.00', // already past
    'kapan-kapan jam 9',
  ])('refuses %s with an example', (reply) => {
    const result = parseSessionTime(reply, now, 'Asia/Jakarta');
    expect(result).toMatchObject({ kind: 'fail', example: 'Kamis 3/12 09.00' });
  });
});

describe('words that name nothing', () => {
  it.each(['constructor 09.00', '__proto__ jam 9', '3 constructor 09.00', 'toString besok 9.00'])(
    'refuses %s rather than find an object property',
    (reply) => {
      expect(parseSessionTime(reply, now, 'Asia/Jakarta')).toMatchObject({ kind: 'fail' });
    },
  );
});
