import { text } from '../../i18n';
import { failed, parsed, skipped, type ParsedReply } from './parsed-reply';
import { foldText, isSkipRequest, trimDecorations, wordsOf } from './text';

/**
 * Yes or no, in the words people use: `iya`, `sip`, `muhun`, `gak`, `henteu`, or the number of the
 * choice (`1. Ya  2. Tidak`). Whole labels copied from the prompt work too (`Ya, kirim`,
 * `Tidak, ulangi`), and so does a negated agreement (`tidak setuju`, `teu leres`).
 */

/** The words the brief names for yes; each also stands alone. */
export const YES_WORDS = [
  'ya',
  'y',
  'iya',
  'iyah',
  'yaa',
  'betul',
  'benar',
  'bener',
  'ok',
  'oke',
  'okay',
  'yes',
  'sip',
  'siap',
  'leres',
  'muhun',
  '1',
] as const;

export const NO_WORDS = [
  'tidak',
  'tdk',
  'gak',
  'ga',
  'nggak',
  'enggak',
  'ngga',
  'bukan',
  'salah',
  'no',
  'henteu',
  'teu',
  '2',
] as const;

/** Agreeing words, which a negation in front turns into no: `tidak setuju`, `gak mau`, `teu leres`. */
const AGREEING = new Set([
  'ok',
  'oke',
  'okay',
  'okey',
  'betul',
  'benar',
  'bener',
  'leres',
  'setuju',
  'satuju',
  'mau',
  'hoyong',
  'jadi',
  'boleh',
  'kirim',
  'lanjut',
  'lanjutkan',
  'simpan',
  'correct',
  'right',
  'sure',
  'agree',
]);

const NEGATIONS = new Set([
  'tidak',
  'tdk',
  'gak',
  'ga',
  'gk',
  'g',
  'nggak',
  'enggak',
  'ngga',
  'engga',
  'tak',
  'ndak',
  'nda',
  'bukan',
  'belum',
  'blm',
  'jangan',
  'teu',
  'henteu',
  'moal',
  'not',
  'dont',
]);

/** Every spelling read as yes (exported so that a test can prove it shares none with no). */
export const YES: ReadonlySet<string> = new Set<string>([
  ...YES_WORDS,
  ...AGREEING,
  'yoi',
  'yup',
  'yap',
  'yep',
  'yeah',
  'iye',
  'okeh',
  'oce',
  'sumuhun',
  'enya',
  'sudah',
  'udah',
  'sdh',
  'done',
]);

export const NO: ReadonlySet<string> = new Set<string>([
  ...NO_WORDS,
  ...NEGATIONS,
  'n',
  'nope',
  'batal',
  'batalkan',
  'cancel',
  'ulangi',
  'ulang',
  'wrong',
  'embung',
  'acan',
]);

/** `yaaa`, `okee`, `siaaap`, `tidaaak`: stretched letters, common in chat, read as the plain word. */
export const unstretch = (word: string) => word.replace(/(\p{L})\1+/gu, '$1');
const YES_UNSTRETCHED = new Set([...YES].map(unstretch));
const NO_UNSTRETCHED = new Set([...NO].map(unstretch));

export const YES_NO_EXAMPLE = '1';

export const YES_NO_NOT_UNDERSTOOD = text('input.yesNoNotUnderstood');

export function parseYesNo(text: string): ParsedReply<boolean> {
  const folded = foldText(text);
  if (isSkipRequest(folded)) return skipped();
  // Thumbs become words before decorations (other emoji) are trimmed away.
  const spelled = folded.replace(/👍/gu, ' ok ').replace(/👎/gu, ' no ').replace(/'/g, '');
  const words = wordsOf(trimDecorations(spelled));
  const [first, ...rest] = words;
  if (first === undefined) return failed(YES_NO_NOT_UNDERSTOOD, YES_NO_EXAMPLE);

  if (rest.length > 0 && NEGATIONS.has(first) && rest.every((word) => AGREEING.has(word))) {
    return parsed(false);
  }
  const saysYes = words.every((word) => isIn(word, YES, YES_UNSTRETCHED));
  const saysNo = words.every((word) => isIn(word, NO, NO_UNSTRETCHED));
  // A word can never be in both sets, so at most one of these holds.
  if (saysYes) return parsed(true);
  if (saysNo && !doublyNegated(words)) return parsed(false);
  return failed(YES_NO_NOT_UNDERSTOOD, YES_NO_EXAMPLE);
}

function isIn(word: string, words: ReadonlySet<string>, unstretched: ReadonlySet<string>): boolean {
  return words.has(word) || unstretched.has(unstretch(word));
}

/** `tidak salah` ("not wrong") means yes, `bukan salah` too: rather than guess, we ask. */
function doublyNegated(words: string[]): boolean {
  return words.length > 1 && words.some((word) => word === 'salah' || word === 'wrong');
}
