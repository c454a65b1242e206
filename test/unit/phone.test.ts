import fc from 'fast-check';
import { maskPhone, normalizePhone } from '../../src/domain/identity';

describe('normalizePhone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+6281234567890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['0812.3456.7890', '+6281234567890'],
    ['(0812) 3456-7890', '+6281234567890'],
    ['+62 (812) 3456-7890', '+6281234567890'],
    ['+62 0812 3456 7890', '+6281234567890'],
    ['62-857-2211-3344', '+6285722113344'],
    ['0811223344', '+62811223344'],
    ['0896 1234 5678 9', '+62896123456789'],
    ['  087712345678 ', '+6287712345678'],
    [81312345678, '+6281312345678'],
    [6285712345678, '+6285712345678'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'kosong'],
    ['0812-ABCD-7890', 'hanya boleh berisi angka'],
    ['022-6654321', 'bukan nomor HP Indonesia'],
    ['+1 415 555 0100', 'bukan nomor Indonesia'],
    ['+65 8123 4567', 'bukan nomor Indonesia'],
    ['0812345', 'panjang nomor HP tidak wajar'],
    ['0812345678901234', 'panjang nomor HP tidak wajar'],
    ['0800-1234-5678', 'bukan awalan operator seluler'],
    ['0812+3456', 'tanda + hanya boleh di depan'],
  ])('rejects %j with a reason', (input, reason) => {
    const result = normalizePhone(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('gives the same number for every way of writing it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('812', '857', '878', '896', '881'),
        fc.stringMatching(/^\d{8}$/),
        fc.constantFrom('0', '62', '+62', '+62 ', '+62 0'),
        fc.constantFrom('', ' ', '-', '.'),
        (prefix, rest, countryPart, separator) => {
          const written = `${countryPart}${prefix}${separator}${rest.slice(0, 4)}${separator}${rest.slice(4)}`;
          expect(normalizePhone(written)).toEqual({ ok: true, value: `+62${prefix}${rest}` });
        },
      ),
    );
  });

  it('masks all but the operator prefix and the last four digits', () => {
    expect(maskPhone('+6281234567890')).toBe('0812-****-7890');
  });
});
