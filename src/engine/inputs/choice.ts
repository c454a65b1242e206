import { inLanguage, LANGUAGES, text, type LocalizedText } from '../../i18n';
import { numberWord } from './number-vocabulary';
import { failed, parsed, skipped, type ParsedReply } from './parsed-reply';
import { foldText, isCourtesyWord, isSkipRequest, trimDecorations } from './text';

/**
 * One option of a numbered menu. Flow files call the texts `label`; either name is accepted so that
 * a flow step's options can be passed as they are.
 */
export type ChoiceOption = { id: string; aliases?: string[] } & (
  { labels: LocalizedText } | { label: LocalizedText }
);

/** A few letters are enough (`peng` for Pengaduan), but fewer than three match too much by chance. */
const MIN_PREFIX_LETTERS = 3;

/**
 * Which option the person picked: its number (`2`, `2.`, `no 2`, `2️⃣`), its words in any language
 * (`pengaduan`, `complaint`, `pangaduan`), an alias, or the start of one (`peng`, `mingguan`).
 * An answer that fits two options, or none, gets the numbered list again.
 */
export function parseChoice(text: string, options: readonly ChoiceOption[]): ParsedReply<string> {
  const folded = foldText(text);
  const words = simplify(trimDecorations(folded)).replace(
    /^(?:nomor|nomer|no|pilih|pilihan|angka|number|option) /,
    '',
  );
  const numbered = /^(\d{1,2})(?: (.+))?$/.exec(words);
  if (numbered) {
    const byNumber = options[Number(numbered[1]) - 1];
    const rest = numbered[2];
    if (byNumber && (rest === undefined || matchOption(rest, options) === byNumber))
      return parsed(byNumber.id);
    return listAgain(options);
  }
  const chosen = matchOption(words, options) ?? matchOption(withoutCourtesy(words), options);
  if (chosen) return parsed(chosen.id);
  const spoken = numberWord(words);
  if (spoken?.kind === 'digit' || (spoken?.kind === 'part' && spoken.value === 10)) {
    const byNumber = options[spoken.value - 1];
    if (byNumber) return parsed(byNumber.id);
  }
  if (isSkipRequest(folded)) return skipped();
  return listAgain(options);
}

/** The option `words` names, or `undefined` when it names none or more than one. */
function matchOption(words: string, options: readonly ChoiceOption[]): ChoiceOption | undefined {
  if (words.length === 0) return undefined;
  const tiers: ((candidate: string) => boolean)[] = [
    (candidate) => candidate === words,
    (candidate) => letters(words) >= MIN_PREFIX_LETTERS && startsAtWord(candidate, words),
    (candidate) => everyWordStartsOne(candidate, words),
  ];
  for (const fits of tiers) {
    const matching = options.filter((option) => candidatesOf(option).some(fits));
    if (matching.length === 1) return matching[0];
    if (matching.length > 1) return undefined;
  }
  return undefined;
}

function candidatesOf(option: ChoiceOption): string[] {
  const labels = 'labels' in option ? option.labels : option.label;
  return [labels.id, labels.en, labels.su, option.id.replace(/_/g, ' '), ...(option.aliases ?? [])]
    .filter((candidate): candidate is string => candidate !== undefined)
    .map((candidate) => simplify(foldText(candidate)));
}

/** `mingguan` starts a word of `laporan mingguan`; `laporan ming` starts the whole label. */
function startsAtWord(candidate: string, words: string): boolean {
  return candidate.startsWith(words) || candidate.includes(` ${words}`);
}

/** `bicara petugas` for `bicara dengan petugas`: each word begins some word of the label. */
function everyWordStartsOne(candidate: string, words: string): boolean {
  const labelWords = candidate.split(' ');
  return words
    .split(' ')
    .every(
      (word) =>
        letters(word) >= MIN_PREFIX_LETTERS && labelWords.some((labelWord) => labelWord.startsWith(word)),
    );
}

/** Punctuation between words does not matter: `KIS/KIP`, `kriya-fesyen`, `1.` */
const simplify = (text: string) =>
  text
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const withoutCourtesy = (words: string) =>
  words
    .split(' ')
    .filter((word) => !isCourtesyWord(word))
    .join(' ');

const letters = (text: string) => text.replace(/[^\p{L}]/gu, '').length;

function listAgain(options: readonly ChoiceOption[]): ParsedReply<string> {
  const list = Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      options
        .map(
          (option, index) =>
            `${index + 1}. ${inLanguage('labels' in option ? option.labels : option.label, language)}`,
        )
        .join('\n'),
    ]),
  ) as Record<(typeof LANGUAGES)[number], string>;
  return failed(text('input.chooseByNumber', { options: list }), '1');
}
