import fc from 'fast-check';
import { NO_WORDS, parseYesNo, YES_WORDS } from '../../../src/engine/inputs';
import { NO, unstretch, YES } from '../../../src/engine/inputs/yes-no';
import { expectRefusal, valueOf } from './expect-reply';

const NUMBERED_CHOICES = {
  id: ['1. Ya', '2. Tidak'],
  en: ['1. Yes', '2. No'],
  su: ['1. Leres', '2. Henteu'],
};

describe('parseYesNo', () => {
  it.each([
    ...YES_WORDS,
    'Ya',
    'YA',
    ' ya ',
    'ya!',
    'Ya.',
    'yaaa',
    'iyaa',
    'okee',
    'siaaap',
    'iya bu',
    'Ya pak 🙏',
    'Ya, kirim',
    'Ya, setuju',
    '1. Ya, kirim',
    '1.',
    '1️⃣',
    'setuju',
    'sudah',
    'sumuhun',
    'enya',
    '👍',
    'sip, terima kasih',
  ])('%j is yes', (text) => {
    expect(valueOf(parseYesNo(text))).toBe(true);
  });

  it.each([
    ...NO_WORDS,
    'Tidak',
    'TIDAK.',
    'gak!',
    'tidaaak',
    'nggak bu',
    'Tidak, ulangi',
    '2. Tidak, ulangi',
    '2. Tidak, batalkan',
    '2.',
    'tidak setuju',
    'gak mau',
    'tidak jadi',
    'belum benar',
    'teu leres',
    'henteu satuju',
    'batal',
    'belum',
    '👎',
    'tidak, terima kasih',
  ])('%j is no', (text) => {
    expect(valueOf(parseYesNo(text))).toBe(false);
  });

  it.each([
    'ya tidak',
    'iya gak',
    '1 2',
    'gak tau',
    'mungkin',
    'maybe',
    'tidak salah',
    '3',
    '',
    '🙏',
    'ya kok tidak',
  ])('%j is neither, and the person gets the numbered choices', (text) => {
    expectRefusal(parseYesNo(text), NUMBERED_CHOICES);
  });

  it('lets the person skip with -, for the step to decide whether that is allowed', () => {
    expect(parseYesNo('-')).toEqual({ kind: 'skip' });
  });
});

describe('parseYesNo properties', () => {
  const randomCase = (word: string, upper: boolean[]) =>
    [...word].map((letter, index) => (upper[index] ? letter.toUpperCase() : letter)).join('');
  const decoration = fc.constantFrom('', '.', '!', '!!', '?', ' ', '  ', ' 🙏');

  it('reads every listed word in any case, trimmed, with trailing punctuation', () => {
    const word = fc.oneof(
      fc.constantFrom(...YES_WORDS).map((text) => [text, true] as const),
      fc.constantFrom(...NO_WORDS).map((text) => [text, false] as const),
    );
    fc.assert(
      fc.property(word, fc.array(fc.boolean(), { maxLength: 8 }), decoration, ([text, yes], upper, end) => {
        expect(valueOf(parseYesNo(` ${randomCase(text, upper)}${end}`))).toBe(yes);
      }),
    );
  });

  it('never reads a yes followed by a no as either', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...YES_WORDS),
        fc.constantFrom(...NO_WORDS),
        fc.constantFrom(' ', ', '),
        (yes, no, gap) => {
          expect(parseYesNo(`${yes}${gap}${no}`).kind).toBe('fail');
        },
      ),
    );
  });

  it('never reads a no followed by a plain yes word (ya, iya, yes, 1) as either', () => {
    const plainYes = ['ya', 'y', 'iya', 'iyah', 'yaa', 'yes', 'sip', 'siap', 'muhun', '1'];
    fc.assert(
      fc.property(fc.constantFrom(...NO_WORDS), fc.constantFrom(...plainYes), (no, yes) => {
        expect(parseYesNo(`${no} ${yes}`).kind).toBe('fail');
      }),
    );
  });

  it('has no word in both lists, even with stretched letters read as plain ones', () => {
    const yes = new Set([...YES].flatMap((word) => [word, unstretch(word)]));
    expect([...NO].flatMap((word) => [word, unstretch(word)]).filter((word) => yes.has(word))).toEqual([]);
    for (const word of [...YES, ...NO]) expect(parseYesNo(word).kind).toBe('ok');
  });

  it('answers anything with exactly one of yes, no, skip or a refusal, without throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
        const reply = parseYesNo(text);
        expect(['ok', 'skip', 'fail']).toContain(reply.kind);
        if (reply.kind === 'ok') expect(typeof reply.value).toBe('boolean');
      }),
    );
  });
});
