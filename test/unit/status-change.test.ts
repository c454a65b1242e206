import { parseStatusChange } from '../../src/domain/participants/status-change';

const today = new Date('2026-11-23T00:00:00Z');

describe('a participant’s status change as typed', () => {
  it('accepts a graduation dated today with a reason, in any date spelling the importer takes', () => {
    for (const on of ['2026-11-23', '23/11/2026', '23 November 2026']) {
      expect(
        parseStatusChange({ status: 'graduated', on, reason: '  usaha   mandiri ' }, 'active', today),
      ).toEqual({
        ok: true,
        value: { status: 'graduated', on: today, reason: 'usaha mandiri' },
      });
    }
  });

  it('names every field that is wrong at once', () => {
    const parsed = parseStatusChange({ status: 'lulus', on: '2026-11-24', reason: '' }, 'active', today);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.problems).sort()).toEqual(['on', 'reason', 'status']);
    expect(parsed.problems.on).toMatch(/belum lewat/);
    expect(parsed.problems.reason).toMatch(/contoh:/);
  });

  it('refuses the status the participant already has, and an unreadable date with an example', () => {
    const parsed = parseStatusChange(
      { status: 'withdrawn', on: 'kemarin', reason: 'pindah domisili' },
      'withdrawn',
      today,
    );
    expect(parsed).toMatchObject({
      ok: false,
      problems: {
        status: expect.stringMatching(/sudah berlaku/),
        on: expect.stringMatching(/contoh: 2026-03-01/),
      },
    });
  });

  it('lets an admin undo a graduation', () => {
    expect(
      parseStatusChange(
        { status: 'active', on: '2026-11-01', reason: 'lulus tercatat keliru' },
        'graduated',
        today,
      ).ok,
    ).toBe(true);
  });
});
