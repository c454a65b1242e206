import { isoWeekOf } from '../../domain/calendar';
import { ONE_MESSAGE_EXAMPLE, text, type LocalizedText } from '../../i18n';
import { parseMoney } from './money';
import { AMOUNT_FILLERS, NONE_PHRASES, numberWord } from './number-vocabulary';
import { isNumeral } from './spoken-amount';
import { COURTESY_PHRASES, foldText, isCourtesyWord } from './text';
import { parseWeek } from './week';
import { LAST_WEEK, monthNumber, THIS_WEEK } from './week-words';

export type ReportPart = 'sales' | 'spending' | 'savings' | 'withdrawal';

/** What one message reported: the week (the current one unless it named another) and the amounts it gave. */
export interface OneMessageReport {
  week: string;
  amounts: Partial<Record<ReportPart, number>>;
}

export type OneMessageReading =
  | { kind: 'none' }
  | { kind: 'report'; report: OneMessageReport }
  /** It is a report, but a part of it cannot be read: the reason, for the person to send it again. */
  | { kind: 'fail'; reason: LocalizedText; example: string };

const NONE: OneMessageReading = { kind: 'none' };

/** Words naming a part of the report, in Indonesian, Sundanese and English (folded). */
const PART_WORDS: Record<ReportPart, readonly string[]> = {
  sales: [
    'jual',
    'jualan',
    'terjual',
    'penjualan',
    'ngajual',
    'laku',
    'omzet',
    'omset',
    'omzetnya',
    'omsetnya',
    'dapat',
    'dapet',
    'pendapatan',
    'sales',
    'sold',
    'payu',
  ],
  spending: [
    'belanja',
    'blanja',
    'balanja',
    'belanjaan',
    'modal',
    'pengeluaran',
    'spending',
    'spent',
    'spend',
  ],
  savings: [
    'tabung',
    'tabungan',
    'nabung',
    'menabung',
    'ditabung',
    'simpan',
    'simpen',
    'nyimpen',
    'disimpan',
    'celengan',
    'saving',
    'savings',
    'saved',
    'save',
  ],
  withdrawal: [
    'ambil',
    'diambil',
    'ngambil',
    'tarik',
    'ditarik',
    'narik',
    'penarikan',
    'candak',
    'dicandak',
    'nyandak',
    'withdraw',
    'withdrew',
    'withdrawal',
    'withdrawn',
  ],
};
const PART_OF = new Map<string, ReportPart>(
  Object.entries(PART_WORDS).flatMap(([part, words]) => words.map((word) => [word, part as ReportPart])),
);

/** `lapor 1500000 50000`: amounts after these, without a part named, are the sales, then the savings. */
const LEAD_WORDS = new Set(['lapor', 'laporan', 'lapur', 'report', 'mingguan', 'weekly']);

/**
 * Words that may stand between the parts without changing them. Anything else (a question word, a
 * complaint's subject) means the message is not a report: it goes to the menu or the flow instead.
 */
const CONNECTORS = new Set([
  'dan',
  'and',
  'sareng',
  'jeung',
  'terus',
  'trus',
  'sama',
  'saya',
  'aku',
  'abdi',
  'kami',
  'my',
  'i',
  'nya',
  'yang',
  'yg',
  'sudah',
  'udah',
  'sdh',
  'tos',
  'parantos',
  'sebesar',
  'yaitu',
  'is',
  'was',
  'total',
  'bahan',
  'beli',
  'dari',
  'from',
]);

const QUESTION = /[?¿]/;

/**
 * Reads a whole week's report typed as one message: `jual 1,5jt tabung 50rb`, `omzet 2jt nabung 100rb`,
 * `lapor 1500000 50000`, `tabungan diambil 20rb, payu 300rb minggu lalu`. Each part is named by a word
 * (sales, spending, savings, withdrawal) followed by its amount, read by the flow's own money parser,
 * in any order. A question, or any word that belongs to no report, makes it no report at all.
 */
export function parseOneMessageReport(text: string, now: Date, timeZone = 'Asia/Jakarta'): OneMessageReading {
  const folded = foldText(text);
  if (QUESTION.test(folded)) return NONE;
  const named = takeWeek(folded, now, timeZone);
  if (named === undefined) return NONE;
  const words = wordsOf(named.rest);
  const segments = segmentsOf(words);
  if (!segments) return NONE;

  const amounts: Partial<Record<ReportPart, number>> = {};
  let failure: OneMessageReading | undefined;
  for (const segment of segments) {
    if (segment.part === undefined || segment.words.length === 0) continue;
    const reading = parseMoney(segment.words.join(' '));
    if (reading.kind === 'skip') return NONE;
    if (reading.kind === 'fail') failure ??= partFailure(segment.part, reading.reason);
    else if (amounts[segment.part] !== undefined)
      failure ??= { kind: 'fail', reason: namedTwice(segment.part), example: ONE_MESSAGE_EXAMPLE };
    else amounts[segment.part] = reading.value;
  }
  const bare = segments.filter((segment) => segment.part === undefined).map((segment) => segment.words);
  if (bare.length > 0) {
    const unnamed = (['sales', 'savings'] as const).filter((part) => amounts[part] === undefined);
    const split = bareAmounts(bare);
    if (split.kind === 'none') return NONE;
    if (split.kind === 'fail') failure ??= split.failure;
    else if (split.values.length > unnamed.length) failure ??= UNCLEAR_FAILURE;
    else split.values.forEach((value, index) => (amounts[unnamed[index] ?? 'sales'] = value));
  }
  // A report says at least one amount; parts that only say "none" (`belanja belum`) are no report.
  const written = segments.some((segment) =>
    segment.words.some((word) => isAmountWord(word) && !AMOUNT_FILLERS.has(word)),
  );
  if (!written) return NONE;
  if (failure) return failure;
  if (named.week.kind === 'fail')
    return { kind: 'fail', reason: named.week.reason, example: named.week.example };
  return { kind: 'report', report: { week: named.week.value, amounts } };
}

/** Week names and dates people put in a report, matched inside the message and read by parseWeek. */
const WEEK_PATTERNS: RegExp[] = [
  /(?:^|\s)((?:\d{1,2}|dua|tiga|empat|lima|tilu|opat|two|three|four|five) (?:minggu|mg|pekan) (?:yang |yg )?(?:lalu|kemarin|sebelumnya|kamari|kapungkur))(?=\s|[,.;]|$)/,
  /(?:^|\s)((?:\d{1,2}|two|three|four|five) weeks? ago)(?=\s|[,.;]|$)/,
  // After the counted ones, so that `2 minggu lalu` is not read as `minggu lalu`.
  ...[...THIS_WEEK, ...LAST_WEEK]
    .filter((phrase) => phrase.includes(' '))
    .sort((a, b) => b.length - a.length)
    .map((phrase) => new RegExp(`(?:^|\\s)(${phrase})(?=\\s|[,.;]|$)`)),
  /(?:^|\s)((?:\d{4} ?-? ?)?w ?\d{1,2}|week \d{1,2}|(?:minggu|mg|mgg|pekan) ?(?:ke|ka)? ?-? ?\d{1,2})(?=\s|[,.;]|$)/,
  /(?:^|\s)((?:tgl|tanggal|tg)\.? ?\d{1,2} ?[/.-] ?\d{1,2}(?: ?[/.-] ?\d{2,4})?)(?=\s|[,;]|$)/,
  /(?:^|\s)(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)(?=\s|[,;]|$)/,
  /(?:^|\s)((?:tgl|tanggal|tg)?\.? ?\d{1,2} ([a-z]+)\.?(?: \d{4})?)(?=\s|[,;]|$)/,
];

type WeekReading = { kind: 'ok'; value: string } | { kind: 'fail'; reason: LocalizedText; example: string };

/** The week the message names, and the message without it; `undefined` when it names two. */
function takeWeek(
  folded: string,
  now: Date,
  timeZone: string,
): { week: WeekReading; rest: string } | undefined {
  const found = weekPhraseIn(folded);
  if (!found) return { week: { kind: 'ok', value: isoWeekOf(now, timeZone) }, rest: folded };
  const rest = `${folded.slice(0, found.start)} ${folded.slice(found.end)}`;
  if (weekPhraseIn(rest)) return undefined;
  // `minggu 47` is how people say the 47th week; parseWeek wants the `ke`.
  const phrase = found.phrase.replace(/^(minggu|mg|mgg|pekan) ?-? ?(\d)/, '$1 ke $2');
  const reading = parseWeek(phrase, now, timeZone);
  if (reading.kind === 'skip') return undefined;
  return { week: reading.kind === 'ok' ? reading : { ...reading, kind: 'fail' }, rest };
}

function weekPhraseIn(text: string): { phrase: string; start: number; end: number } | undefined {
  for (const pattern of WEEK_PATTERNS) {
    for (const match of text.matchAll(new RegExp(pattern, 'g'))) {
      const phrase = match[1];
      // `28 ribu` is an amount, `28 november` a date.
      if (!phrase || (match[2] !== undefined && monthNumber(match[2]) === undefined)) continue;
      return { phrase, start: match.index, end: match.index + match[0].length };
    }
  }
  return undefined;
}

/** The message's words, without courtesy and punctuation, keeping `1,5jt` and `1.500.000` whole. */
function wordsOf(text: string): string[] {
  return text
    .replace(COURTESY_PHRASES, ' ')
    .replace(/\p{Extended_Pictographic}/gu, ' ')
    .replace(/[.,][-=]+(?=\s|$)/g, ' ')
    .replace(/[:=+&;]/g, ' ')
    .split(' ')
    .map((word) => word.replace(/^[,.!'"]+|[,.!'"]+$/g, ''))
    .filter((word) => word.length > 0 && !isCourtesyWord(word));
}

interface Segment {
  /** `undefined`: amounts before any part is named (after `lapor`). */
  part: ReportPart | undefined;
  words: string[];
}

/**
 * Cuts the words into parts, each a part word and the amount after it. `undefined` when a word fits
 * nowhere, which is what tells a question or a complaint from a report.
 */
function segmentsOf(words: string[]): Segment[] | undefined {
  const segments: Segment[] = [];
  let current: Segment | undefined;
  let led = false;
  let taken = 0;
  for (const [index, word] of words.entries()) {
    if (index < taken) continue;
    const part = partAt(words, index);
    if (part === 'joined') continue;
    if (part) {
      // `tabungan belum ada`: "none" counts as an amount only right after the part it is for.
      const none = [2, 1].find((length) =>
        NONE_PHRASES.has(words.slice(index + 1, index + 1 + length).join(' ')),
      );
      current = { part, words: none ? words.slice(index + 1, index + 1 + none) : [] };
      segments.push(current);
      taken = index + 1 + (none ?? 0);
    } else if (isAmountWord(word)) {
      if (!current) {
        // Amounts with no part named are the sales and savings of `lapor 1500000 50000`, nothing else.
        if (!led || segments.some((segment) => segment.part !== undefined)) return undefined;
        current = { part: undefined, words: [] };
        segments.push(current);
      }
      current.words.push(word);
    } else if (LEAD_WORDS.has(word) && segments.length === 0) {
      led = true;
    } else if (CONNECTORS.has(word)) {
      // `omzet saya 2jt`: before the amount it changes nothing; after it, the amount is complete.
      if (current && current.words.length > 0) current = undefined;
    } else {
      return undefined;
    }
  }
  return segments;
}

/**
 * The part named at `index`; `joined` when the word belongs to the part named just before it:
 * savings and withdrawal words together (`tabungan diambil`, `ambil tabungan`, `ambil dari
 * celengan`) name the withdrawal, and `beli bahan` the spending.
 */
function partAt(words: string[], index: number): ReportPart | 'joined' | undefined {
  const word = words[index] ?? '';
  const previous = words
    .slice(0, index)
    .filter((candidate) => !['yang', 'yg', 'dari'].includes(candidate))
    .at(-1);
  const part = PART_OF.get(word);
  const previousPart = previous === undefined ? undefined : PART_OF.get(previous);
  if (word === 'bahan' && previous === 'beli') return 'spending';
  if (part && previousPart && previousPart !== part && isWithdrawalPair(part, previousPart)) {
    return 'joined';
  }
  if (part === 'savings' && nextPartOf(words, index) === 'withdrawal') return 'withdrawal';
  return part;
}

const isWithdrawalPair = (part: ReportPart, other: ReportPart) =>
  (part === 'withdrawal' && other === 'savings') || (part === 'savings' && other === 'withdrawal');

function nextPartOf(words: string[], index: number): ReportPart | undefined {
  const next = words.slice(index + 1).find((candidate) => !['yang', 'yg'].includes(candidate));
  return next === undefined ? undefined : PART_OF.get(next);
}

/** A word that can be part of an amount as the money parser reads it: `1,5jt`, `rp50.000`, `lima`, `ribu`, `nol`. */
function isAmountWord(word: string): boolean {
  if (isNumeral(word) || /^(?:rp|idr)\.?\d/.test(word) || /^-\d/.test(word)) return true;
  if (numberWord(word) !== undefined) return true;
  return (
    AMOUNT_FILLERS.has(word) &&
    !PART_OF.has(word) &&
    !['minggu', 'pekan', 'ini', 'ieu', 'dan', 'and'].includes(word)
  );
}

type BareReading =
  | { kind: 'amounts'; values: [number] | [number, number] }
  | { kind: 'fail'; failure: OneMessageReading }
  | { kind: 'none' };

const UNCLEAR_FAILURE: OneMessageReading = {
  kind: 'fail',
  reason: text('input.oneMessageUnclear', { example: ONE_MESSAGE_EXAMPLE }),
  example: ONE_MESSAGE_EXAMPLE,
};
const UNCLEAR: BareReading = { kind: 'fail', failure: UNCLEAR_FAILURE };

/**
 * Amounts after `lapor` with no part named: one is the sales, two the sales and the savings. When
 * the words read both as one amount and as two (`1jt 500rb`), we ask rather than guess.
 */
function bareAmounts(groups: string[][]): BareReading {
  if (groups.length > 2) return UNCLEAR;
  const readings = groups.map((words) => parseMoney(words.join(' ')));
  if (groups.length === 2) {
    const [first, second] = readings;
    if (first?.kind === 'ok' && second?.kind === 'ok')
      return { kind: 'amounts', values: [first.value, second.value] };
    const failed = readings.find((reading) => reading.kind === 'fail');
    return failed?.kind === 'fail'
      ? { kind: 'fail', failure: { ...failed, kind: 'fail' } }
      : { kind: 'none' };
  }
  const words = groups[0] ?? [];
  const whole = readings[0];
  const splits: [number, number][] = [];
  for (let cut = 1; cut < words.length; cut++) {
    const first = parseMoney(words.slice(0, cut).join(' '));
    const second = parseMoney(words.slice(cut).join(' '));
    if (first.kind === 'ok' && second.kind === 'ok') splits.push([first.value, second.value]);
  }
  const [only, ...others] = splits;
  if (whole?.kind === 'ok') return only ? UNCLEAR : { kind: 'amounts', values: [whole.value] };
  if (only) return others.length === 0 ? { kind: 'amounts', values: only } : UNCLEAR;
  return whole?.kind === 'fail' ? { kind: 'fail', failure: { ...whole, kind: 'fail' } } : { kind: 'none' };
}

function partFailure(part: ReportPart, reason: LocalizedText): OneMessageReading {
  return {
    kind: 'fail',
    reason: text('input.partFailure', { part: text(`input.${part}`), reason }),
    example: ONE_MESSAGE_EXAMPLE,
  };
}

const namedTwice = (part: ReportPart): LocalizedText =>
  text('input.partNamedTwice', { part: text(`input.${part}`), example: ONE_MESSAGE_EXAMPLE });

const CORRECTION =
  /^\/?(?:ubah|koreksi|perbaiki|ralat|edit|robih|lereskeun|change|correct|fix)(?: (?:laporan|report))?(?: (.+))?$/;

/**
 * `UBAH`, as the summary of a one-message report says, optionally with the week (`UBAH 16/11`,
 * `ubah minggu lalu`): which week to correct (`undefined`: the latest reported), or a failure for a
 * week that cannot be read. Anything else is no correction request.
 */
export function parseCorrectionRequest(
  text: string,
  now: Date,
  timeZone = 'Asia/Jakarta',
):
  | { kind: 'correction'; week: string | undefined }
  | { kind: 'fail'; reason: LocalizedText; example: string }
  | undefined {
  const match = CORRECTION.exec(foldText(text).replace(/[.!]+$/, ''));
  if (!match) return undefined;
  if (match[1] === undefined) return { kind: 'correction', week: undefined };
  const week = parseWeek(match[1], now, timeZone);
  if (week.kind === 'ok') return { kind: 'correction', week: week.value };
  return week.kind === 'fail' ? week : undefined;
}
