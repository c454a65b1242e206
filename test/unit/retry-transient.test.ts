import { isTransient, retryTransient } from '../../src/db/errors';

describe('retrying a transient database refusal', () => {
  it('tries again when SQLite says the database is locked, and gives up after the limit', async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls < 3) throw new Error('database is locked (5) (SQLITE_BUSY)');
      return 'stored';
    };
    await expect(retryTransient(flaky)).resolves.toBe('stored');
    expect(calls).toBe(3);

    let always = 0;
    await expect(
      retryTransient(async () => {
        always++;
        throw new Error('database is locked (5) (SQLITE_BUSY)');
      }, 4),
    ).rejects.toThrow('database is locked');
    expect(always).toBe(4);
  });

  it('does not retry other errors, such as a duplicate key', async () => {
    let calls = 0;
    const duplicate = Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
    await expect(
      retryTransient(async () => {
        calls++;
        throw duplicate;
      }),
    ).rejects.toBe(duplicate);
    expect(calls).toBe(1);
    expect(isTransient(duplicate)).toBe(false);
  });
});
