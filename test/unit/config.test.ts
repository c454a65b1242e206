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

  it('turns the simulator on by default only outside production and on a loopback HOST', () => {
    expect(loadConfig({})).toMatchObject({ SIMULATOR_ENABLED: true, SIMULATOR_OFF_FOR_HOST: false });
    expect(loadConfig({ HOST: '127.0.0.2' }).SIMULATOR_ENABLED).toBe(true);
    expect(loadConfig({ HOST: '::1' }).SIMULATOR_ENABLED).toBe(true);
    // Reachable from other machines: anyone there could write as anyone, so off unless asked for.
    expect(loadConfig({ HOST: '0.0.0.0' })).toMatchObject({
      SIMULATOR_ENABLED: false,
      SIMULATOR_OFF_FOR_HOST: true,
    });
    expect(loadConfig({ HOST: '0.0.0.0', SIMULATOR_ENABLED: 'true' })).toMatchObject({
      SIMULATOR_ENABLED: true,
      SIMULATOR_OFF_FOR_HOST: false,
    });
    expect(
      loadConfig({ HOST: '127.0.0.1', NODE_ENV: 'production', NIK_ENCRYPTION_KEY: 'a'.repeat(64) }),
    ).toMatchObject({ SIMULATOR_ENABLED: false, SIMULATOR_OFF_FOR_HOST: false });
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

  it('reads the message retention in months, 0 keeping messages for good, naming a bad value', () => {
    expect(loadConfig({}).MESSAGE_RETENTION_MONTHS).toBe(24);
    expect(loadConfig({ MESSAGE_RETENTION_MONTHS: '0' }).MESSAGE_RETENTION_MONTHS).toBe(0);
    for (const bad of ['-1', '1.5', 'dua tahun'])
      expect(problemsOf({ MESSAGE_RETENTION_MONTHS: bad })).toEqual([
        `MESSAGE_RETENTION_MONTHS: expected a whole number of months, 0 to keep messages for good, got "${bad}"`,
      ]);
  });

  it('reads the dashboard’s proxy, cookie, session and sign-in settings, naming a bad one', () => {
    expect(loadConfig({})).toMatchObject({
      TRUST_PROXY: false,
      COOKIE_SECURE: 'auto',
      SESSION_HOURS: 12,
      SIGN_IN_MAX_FAILURES: 5,
      SIGN_IN_LOCKOUT_MINUTES: 15,
      SIGN_IN_MAX_PER_ADDRESS: 50,
    });
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    expect(problemsOf({ TRUST_PROXY: 'everyone' })).toEqual([
      expect.stringMatching(/^TRUST_PROXY: expected false, true, a number of proxies/),
    ]);
    expect(problemsOf({ COOKIE_SECURE: 'yes' })).toEqual([
      'COOKIE_SECURE: expected auto, true or false, got "yes"',
    ]);
    expect(problemsOf({ SESSION_HOURS: '0' })).toEqual([
      'SESSION_HOURS: expected a whole number of hours, 1..720, got "0"',
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

  describe('the WhatsApp Cloud API', () => {
    const cloud = {
      WHATSAPP_CLOUD_TOKEN: 'EAAGm0PX4ZCpsBAKZCtoken0123456789',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: '106540352242922',
      WHATSAPP_CLOUD_APP_SECRET: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'verifikasi-pendamping-2026',
    };

    it('is off without its variables, and takes all four with the Graph API default', () => {
      expect(loadConfig({}).WHATSAPP_CLOUD_TOKEN).toBeUndefined();
      expect(loadConfig(cloud)).toMatchObject({
        ...cloud,
        WHATSAPP_CLOUD_API_ROOT: 'https://graph.facebook.com/v21.0',
        WHATSAPP_CLOUD_TEMPLATE_LANGUAGE: 'id',
        WHATSAPP_CLOUD_MESSAGES_PER_SECOND: 80,
      });
      expect(loadConfig(cloud).WHATSAPP_CLOUD_REMINDER_TEMPLATE).toBeUndefined();
    });

    it('names each missing variable of a partial set, and never prints the secrets', () => {
      const { WHATSAPP_CLOUD_APP_SECRET: _secret, WHATSAPP_CLOUD_VERIFY_TOKEN: _verify, ...partial } = cloud;
      const problems = problemsOf(partial);
      expect(problems.map((problem) => problem.split(':')[0])).toEqual([
        'WHATSAPP_CLOUD_APP_SECRET',
        'WHATSAPP_CLOUD_VERIFY_TOKEN',
      ]);
      expect(problems[0]).toContain('needs all four');
      expect(problems.join('\n')).not.toContain(cloud.WHATSAPP_CLOUD_TOKEN);
    });

    it('refuses a phone number instead of its ID, and a template name WhatsApp would not accept', () => {
      expect(problemsOf({ ...cloud, WHATSAPP_CLOUD_PHONE_NUMBER_ID: '+62 812 3456 7890' })).toEqual([
        expect.stringMatching(/^WHATSAPP_CLOUD_PHONE_NUMBER_ID: expected the phone number ID/),
      ]);
      expect(problemsOf({ ...cloud, WHATSAPP_CLOUD_REMINDER_TEMPLATE: 'Pengingat Laporan' })).toEqual([
        expect.stringMatching(/^WHATSAPP_CLOUD_REMINDER_TEMPLATE: expected a template name/),
      ]);
      const secret = 'short token';
      const refused = problemsOf({ ...cloud, WHATSAPP_CLOUD_TOKEN: secret });
      expect(refused).toEqual([expect.stringMatching(/^WHATSAPP_CLOUD_TOKEN: /)]);
      expect(refused.join('\n')).not.toContain(secret);
    });
  });

  describe('WhatsApp Web', () => {
    it('is off by default, with Debian’s Chromium and one message a second plus up to half a second', () => {
      expect(loadConfig({})).toMatchObject({
        WHATSAPP_WEB_ENABLED: false,
        CHROMIUM_PATH: '/usr/bin/chromium',
        WHATSAPP_WEB_SEND_INTERVAL_MS: 1000,
        WHATSAPP_WEB_SEND_JITTER_MS: 500,
      });
      expect(loadConfig({}).WHATSAPP_WEB_ADMIN_TOKEN).toBeUndefined();
    });

    it('stops on a missing browser, a burst-prone pace or a short admin token, naming the variable', () => {
      expect(
        problemsOf({ WHATSAPP_WEB_ENABLED: 'true', CHROMIUM_PATH: '/nonexistent/chromium-pendamping' }),
      ).toEqual([expect.stringMatching(/^CHROMIUM_PATH: no browser at \/nonexistent\/chromium-pendamping/)]);
      expect(problemsOf({ WHATSAPP_WEB_ENABLED: 'yes' })).toEqual([
        expect.stringMatching(/^WHATSAPP_WEB_ENABLED: expected true or false/),
      ]);
      expect(problemsOf({ WHATSAPP_WEB_SEND_INTERVAL_MS: '100' })).toEqual([
        expect.stringMatching(/^WHATSAPP_WEB_SEND_INTERVAL_MS: expected a whole number of milliseconds/),
      ]);
      const secret = 'pendek';
      const refused = problemsOf({ WHATSAPP_WEB_ADMIN_TOKEN: secret });
      expect(refused).toEqual([expect.stringMatching(/^WHATSAPP_WEB_ADMIN_TOKEN: expected 24 to 256/)]);
      expect(refused.join('\n')).not.toContain(secret);
    });
  });
});
