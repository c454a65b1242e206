/**
 * The number (a complaint's `PGD-…`, a request's `BTN-…`) of the bot's message someone replies to in
 * their chat app. Only a message about one of them says which: a reply to a list naming several is
 * `several`, and one naming none is `none`.
 */
export type QuotedNumber = { kind: 'one'; number: string } | { kind: 'several' } | { kind: 'none' };

export function quotedNumber(repliedTo: string | undefined, pattern: RegExp): QuotedNumber {
  const quoted = new Set(repliedTo?.toUpperCase().match(new RegExp(pattern.source, 'gi')) ?? []);
  const [number] = quoted;
  if (quoted.size === 1 && number) return { kind: 'one', number };
  return quoted.size > 1 ? { kind: 'several' } : { kind: 'none' };
}
