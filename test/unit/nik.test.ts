import { randomBytes } from 'node:crypto';
import { maskNik, NikVault, parseNik } from '../../src/domain/identity';

const today = new Date('2026-11-29T00:00:00Z');

describe('parseNik', () => {
  it('reads the region, date of birth and sex of a man', () => {
    expect(parseNik('3217061505800001', today)).toEqual({
      ok: true,
      value: {
        nik: '3217061505800001',
        provinceCode: '32',
        regencyCode: '17',
        districtCode: '06',
        birthDate: '1980-05-15',
        sex: 'male',
      },
    });
  });

  it('subtracts 40 from a woman’s day of birth and picks the century', () => {
    const result = parseNik('3217065502050123', today);
    expect(result).toMatchObject({ ok: true, value: { birthDate: '2005-02-15', sex: 'female' } });
  });

  it('accepts the spaces and dots people type', () => {
    expect(parseNik('3217 0615 0580 0001', today).ok).toBe(true);
    expect(parseNik('3217.0615.0580.0001', today).ok).toBe(true);
  });

  it('accepts 29 February only in a leap year', () => {
    expect(parseNik('3217062902880001', today).ok).toBe(true);
    expect(parseNik('3217062902890001', today)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('tanggal lahir'),
    });
  });

  it.each([
    ['321706150580000', 'harus 16 angka, bukan 15'],
    ['32170615058000012', 'harus 16 angka, bukan 17'],
    ['32170615O5800001', 'hanya boleh berisi angka'],
    ['9917061505800001', 'kode provinsi 99'],
    ['3200061505800001', 'kode kabupaten/kota 00'],
    ['3217001505800001', 'kode kecamatan 00'],
    ['3217063205800001', 'tanggal lahir'],
    ['3217061513800001', 'tanggal lahir'],
    ['3217067205800001', 'tanggal lahir'],
    ['3217060005800001', 'tanggal lahir'],
    ['3217061505800000', 'nomor urut 0000'],
  ])('rejects %s: %s', (input, reason) => {
    const result = parseNik(input, today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('masks the birth date and serial', () => {
    expect(maskNik('3217061505800001')).toBe('3217**********01');
  });
});

describe('NikVault', () => {
  const vault = new NikVault(randomBytes(32));

  it('stores no trace of the number except the masked form', () => {
    const stored = vault.protect('3217061505800001');
    expect(stored.encrypted).not.toContain('3217061505800001');
    expect(stored.encrypted).not.toContain('150580');
    expect(stored.masked).toBe('3217**********01');
    expect(vault.reveal(stored.encrypted)).toBe('3217061505800001');
  });

  it('encrypts the same NIK differently each time but hashes it the same', () => {
    const first = vault.protect('3217061505800001');
    const second = vault.protect('3217061505800001');
    expect(first.encrypted).not.toBe(second.encrypted);
    expect(first.hash).toBe(second.hash);
    expect(vault.lookupHash('3217061505800002')).not.toBe(first.hash);
  });

  it('refuses a tampered ciphertext and another key', () => {
    const stored = vault.protect('3217061505800001');
    const parts = stored.encrypted.split('.');
    const tampered = [...parts.slice(0, 3), Buffer.from('x'.repeat(16)).toString('base64url')].join('.');
    expect(() => vault.reveal(tampered)).toThrow();
    expect(() => new NikVault(randomBytes(32)).reveal(stored.encrypted)).toThrow();
  });
});
