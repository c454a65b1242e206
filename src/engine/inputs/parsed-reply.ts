import type { LocalizedText } from '../../i18n';

/**
 * What a parser made of one reply. Bad input is data, never an exception: a failure carries a polite
 * explanation in each language (saying what is expected) and an example the person can copy.
 * `skip` means the person asked to skip (`-`, `lewati`, `skip`); whether that is allowed is the
 * step's decision (`optional` in the flow), not the parser's.
 */
export type ParsedReply<T> =
  { kind: 'ok'; value: T } | { kind: 'skip' } | { kind: 'fail'; reason: LocalizedText; example: string };

export const parsed = <T>(value: T): ParsedReply<T> => ({ kind: 'ok', value });

export const skipped = <T>(): ParsedReply<T> => ({ kind: 'skip' });

export const failed = <T>(reason: LocalizedText, example: string): ParsedReply<T> => ({
  kind: 'fail',
  reason,
  example,
});
