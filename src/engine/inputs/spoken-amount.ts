import { fromWhole, HALF, ONE } from './fixed-point';
import { numberWord, type NumberWord } from './number-vocabulary';
import { readNumeral } from './numeral';

/**
 * Reads the words of one amount, digits and number words alike: `150 rb`, `1,5 jt`,
 * `seratus lima puluh ribu`, `1 juta 500 ribu`, `satu setengah juta`, `dua rebu`, `goceng`.
 *
 * The grammar is the one Indonesian, Sundanese and English share: groups below a thousand
 * (hundreds, then tens, then units), each followed by a scale (`ribu`, `juta`), scales strictly
 * falling. Anything that breaks the order, such as `100rb 200rb` or `dua tiga`, is several amounts.
 */
export type AmountReading =
  | { kind: 'amount'; value: bigint }
  | { kind: 'unknown-word'; word: string }
  | { kind: 'several-amounts' }
  | { kind: 'ambiguous-separator'; numeral: string }
  /** `1jt 500`: a written number after a scale, without its own scale. */
  | { kind: 'ambiguous-remainder' }
  | { kind: 'unclear' };

type Token = { kind: 'numeral'; raw: string } | NumberWord;

const SEVERAL: AmountReading = { kind: 'several-amounts' };
const UNCLEAR: AmountReading = { kind: 'unclear' };
/** Above every place inside a group: the group is still empty. */
const EMPTY_GROUP = 1000;
/** Below every place: a written number filled the whole group. */
const FULL_GROUP = 0;

export function readAmount(words: string[]): AmountReading {
  const tokens: Token[] = [];
  for (const word of words) {
    if (isNumeral(word)) {
      tokens.push({ kind: 'numeral', raw: word });
      continue;
    }
    const token = numberWord(word);
    if (!token) {
      const numerals = words.filter(isNumeral).length;
      return numerals >= 2 ? SEVERAL : { kind: 'unknown-word', word };
    }
    tokens.push(token);
  }
  return evaluate(tokens);
}

/** `150`, `1.500`, `1,5`, and the malformed `.5` too, so that it is refused rather than misread. */
export const isNumeral = (word: string): boolean => /^[.,]?\d/.test(word);

function evaluate(tokens: Token[]): AmountReading {
  let total = 0n;
  let lastScale: bigint | undefined;
  let group = 0n;
  let place = EMPTY_GROUP;
  let anyWritten = false;
  let pending: number | undefined;
  let complete = false;

  /** A digit word with nothing after it is units. */
  const settleUnits = (): boolean => {
    if (pending === undefined) return true;
    if (place <= 1) return false;
    group += fromWhole(pending);
    place = 1;
    pending = undefined;
    return true;
  };
  const groupStarted = () => place !== EMPTY_GROUP || pending !== undefined;

  for (const [index, token] of tokens.entries()) {
    const next = tokens[index + 1];
    if (complete) return SEVERAL;
    switch (token.kind) {
      case 'numeral': {
        if (groupStarted()) return SEVERAL;
        const reading = readNumeral(token.raw, next?.kind === 'scale');
        if (reading.kind === 'ambiguous') return { kind: 'ambiguous-separator', numeral: token.raw };
        if (reading.kind === 'malformed') return UNCLEAR;
        const small = reading.value % ONE === 0n ? Number(reading.value / ONE) : 0;
        // `2 ratus ribu`: a written digit used like the word `dua`.
        if (small >= 1 && small <= 9 && (next?.kind === 'times' || next?.kind === 'teen')) {
          pending = small;
          break;
        }
        group = reading.value;
        place = FULL_GROUP;
        anyWritten = true;
        break;
      }
      case 'digit':
        if (pending !== undefined || place <= 1) return SEVERAL;
        pending = token.value;
        break;
      case 'times':
        if (pending === undefined || token.factor >= place) return UNCLEAR;
        group += fromWhole(pending * token.factor);
        place = token.factor;
        pending = undefined;
        break;
      case 'teen':
        if (pending === undefined || 10 >= place) return UNCLEAR;
        group += fromWhole(10 + pending);
        place = 1;
        pending = undefined;
        break;
      case 'part':
        if (pending !== undefined || token.place >= place) return SEVERAL;
        group += fromWhole(token.value);
        place = token.fills;
        break;
      case 'half':
        if (!settleUnits()) return SEVERAL;
        if (next?.kind === 'scale') {
          // `setengah juta`, `satu setengah juta`: half of the scale that follows.
          group += HALF;
          place = FULL_GROUP;
        } else if (next === undefined && !groupStarted() && lastScale !== undefined) {
          // `sejuta setengah`, `dua juta setengah`: half of the scale just said.
          total += lastScale * HALF;
          complete = true;
        } else {
          return UNCLEAR;
        }
        break;
      case 'scale':
        if (!settleUnits()) return SEVERAL;
        if (!groupStarted()) return UNCLEAR;
        if (lastScale !== undefined && token.scale >= lastScale) return SEVERAL;
        total += group * token.scale;
        lastScale = token.scale;
        group = 0n;
        place = EMPTY_GROUP;
        break;
      case 'one-scale':
        if (groupStarted()) return SEVERAL;
        if (lastScale !== undefined && token.scale >= lastScale) return SEVERAL;
        total += token.scale * ONE;
        lastScale = token.scale;
        break;
      case 'whole':
        if (groupStarted() || lastScale !== undefined) return SEVERAL;
        total = fromWhole(token.value);
        complete = true;
        break;
    }
  }

  if (!settleUnits()) return SEVERAL;
  if (!complete && !groupStarted() && lastScale === undefined) return UNCLEAR;
  // `1jt 500`, `1 juta lima ratus`: people mean 1.500.000 as often as 1.000.500, so we ask. Only
  // the all-words form (`satu juta lima ratus`) is read strictly, as toIndonesianWords writes it.
  if (anyWritten && lastScale !== undefined && groupStarted()) return { kind: 'ambiguous-remainder' };
  return { kind: 'amount', value: total + group };
}
