import { catalogEntries, formatRupiah, say, text } from '../../../src/i18n';
import { fill } from '../../../src/i18n/catalog';

/** The variables a template names, each once: `{count}` and `{count:week|weeks}` both name `count`. */
const placeholders = (template: string) =>
  [
    ...new Set([...template.matchAll(/\{([A-Za-z]\w*)(?::[^|{}]*\|[^|{}]*)?\}/g)].map((match) => match[1])),
  ].sort();

describe('the text catalog', () => {
  it.each(catalogEntries())('%s is written in Indonesian and in English', (_key, entry) => {
    expect(entry.id.trim()).not.toBe('');
    expect(entry.en.trim()).not.toBe('');
  });

  it.each(catalogEntries())(
    '%s names the same variables in every language as in Indonesian, its source',
    (_key, entry) => {
      expect(placeholders(entry.en)).toEqual(placeholders(entry.id));
      if (entry.su !== undefined) expect(placeholders(entry.su)).toEqual(placeholders(entry.id));
    },
  );

  it('fills a text in every language, a text given as a variable in the same language', () => {
    const reason = text('input.partFailure', {
      part: text('input.withdrawal'),
      reason: text('input.negative'),
    });
    expect(reason.id).toMatch(/^Jumlah tabungan yang diambil: Jumlahnya tidak bisa minus, Bapak\/Ibu\./);
    expect(reason.en).toMatch(/^The amount taken out: The amount cannot be negative\./);
    expect(reason.su).toMatch(/^Jumlah tabungan nu dicandak: Jumlahna teu tiasa minus/);
  });

  it('answers in Indonesian where Sundanese is not written', () => {
    expect(fill('Hatur nuhun', {}, 'su')).toBe('Hatur nuhun');
    expect(say('input.negative', 'su')).toMatch(/^Jumlahna teu tiasa minus/);
  });

  it('chooses the form of a counted word by the count, in English only', () => {
    const template = '{count} {count:week|weeks} in a row';
    expect(fill(template, { count: 1 }, 'en')).toBe('1 week in a row');
    expect(fill(template, { count: 3 }, 'en')).toBe('3 weeks in a row');
    expect(fill('{count} {count:minggu|minggu}', { count: 1 }, 'id')).toBe('1 minggu');
  });

  it('writes rupiah the Indonesian way in every language, large amounts exactly', () => {
    expect(formatRupiah(1_500_000)).toBe('Rp1.500.000');
    expect(formatRupiah(-2500)).toBe('-Rp2.500');
    expect(formatRupiah(12_345_678_901_234_567_890n)).toBe('Rp12.345.678.901.234.567.890');
  });
});
