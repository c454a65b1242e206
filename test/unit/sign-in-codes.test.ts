import {
  hashSignInCode,
  newSignInCode,
  signInCodeMatches,
  signInCodeText,
  typedSignInCode,
} from '../../src/auth/sign-in-codes';

describe('one-time sign-in codes', () => {
  it('are six digits, leading zeros kept, and not the same each time', () => {
    const codes = Array.from({ length: 200 }, () => newSignInCode());
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('read a code typed with spaces or a dash, and refuse anything but six digits', () => {
    expect(typedSignInCode('123456')).toBe('123456');
    expect(typedSignInCode(' 123 456 ')).toBe('123456');
    expect(typedSignInCode('123-456')).toBe('123456');
    expect(typedSignInCode('012345')).toBe('012345');
    expect(typedSignInCode('12345')).toBeUndefined();
    expect(typedSignInCode('1234567')).toBeUndefined();
    expect(typedSignInCode('12345a')).toBeUndefined();
    expect(typedSignInCode('')).toBeUndefined();
  });

  it('keep only a salted hash that matches the code and nothing else', () => {
    const salt = Buffer.from('sixteen byte key').toString('base64');
    const otherSalt = Buffer.from('another salt 16b').toString('base64');
    const hash = hashSignInCode('042917', salt);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('042917');
    expect(hashSignInCode('042917', otherSalt)).not.toBe(hash);
    expect(signInCodeMatches('042917', salt, hash)).toBe(true);
    expect(signInCodeMatches('042918', salt, hash)).toBe(false);
    expect(signInCodeMatches('042917', otherSalt, hash)).toBe(false);
    expect(signInCodeMatches('042917', salt, 'not-a-hash')).toBe(false);
  });

  it('say in the chat what the code is for, how long it lasts and not to share it', () => {
    expect(signInCodeText('123456', 'id')).toBe(
      'Kode masuk Pendamping: 123456. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun.',
    );
    expect(signInCodeText('123456', 'en')).toBe(
      'Pendamping sign-in code: 123456. Valid for 10 minutes. Do not give this code to anyone.',
    );
  });
});
