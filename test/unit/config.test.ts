import { ConfigError, loadConfig } from '../../src/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('configuration was accepted');
}

describe('configuration', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      EMBEDDED_DB: 'auto',
      DEFAULT_TIMEZONE: 'Asia/Jakarta',
    });
    expect(config.MONGODB_URI).toBeUndefined();
  });

  it('reads complaint holidays and the staff list time, with the built-in holidays when unset', () => {
    expect(loadConfig({}).PUBLIC_HOLIDAYS).toContain('2026-12-25');
    expect(loadConfig({ PUBLIC_HOLIDAYS: '' }).PUBLIC_HOLIDAYS).toContain('2026-08-17');
    expect(loadConfig({ PUBLIC_HOLIDAYS: '2027-01-01, 2027-12-25' }).PUBLIC_HOLIDAYS).toEqual([
      '2027-01-01',
      '2027-12-25',
    ]);
    expect(problemsOf({ PUBLIC_HOLIDAYS: '2027-01-01,2027-02-30' })).toEqual([
      expect.stringMatching(/^PUBLIC_HOLIDAYS: 2027-02-30 is not a date/),
    ]);
    expect(loadConfig({}).STAFF_DIGEST_AT).toEqual({ hour: 7, minute: 30 });
    expect(problemsOf({ STAFF_DIGEST_AT: '25:00' })).toEqual([
      'STAFF_DIGEST_AT: expected HH:MM, for example 07:30, got "25:00"',
    ]);
  });

  it('names the variable, the expectation and the bad value', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT: expected an integer 1..65535, got "abc"']);
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT: expected an integer 1..65535, got "70000"']);
  });

  it('reports every invalid variable at once', () => {
    const problems = problemsOf({
      PORT: '0',
      EMBEDDED_DB: 'sqlite',
      DEFAULT_TIMEZONE: 'Asia/Bandung',
      LOG_LEVEL: 'loud',
    });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'DEFAULT_TIMEZONE',
      'EMBEDDED_DB',
      'LOG_LEVEL',
      'PORT',
    ]);
  });

  it('never prints a secret value', () => {
    const secret = 'mongodb-password-xyz';
    const problems = problemsOf({ NIK_ENCRYPTION_KEY: secret, MONGODB_URI: `http://user:${secret}@db` });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toContain(secret);
    expect(problems.join('\n')).toContain('NIK_ENCRYPTION_KEY: expected 32 bytes');
    expect(problems.join('\n')).toContain('MONGODB_URI: expected a URI starting with mongodb://');
  });

  it('accepts a NIK key as hex or base64 and requires one in production', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ NIK_ENCRYPTION_KEY: hex }).NIK_ENCRYPTION_KEY).toEqual(Buffer.from(hex, 'hex'));
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ NIK_ENCRYPTION_KEY: base64 }).NIK_ENCRYPTION_KEY).toEqual(Buffer.alloc(32, 7));
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'NIK_ENCRYPTION_KEY: required in production (openssl rand -hex 32)',
    ]);
  });

  it('treats empty optional variables as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', FERRETDB_BINARY: '' })).toMatchObject({
      MONGODB_URI: undefined,
      FERRETDB_BINARY: undefined,
    });
  });
});
