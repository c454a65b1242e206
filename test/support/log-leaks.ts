/** What may never be in a log line whatever the secrets: personal data, each with what it is. */
export const PERSONAL_DATA: [string, RegExp][] = [
  ['a phone number', /(?:\+62|(?<!\d)0?8)(?:[\s.-]?\d){8,}/],
  ['a NIK', /(?<!\d)\d{6}[\s.-]?\d{6}[\s.-]?\d{4}(?!\d)/],
];

/** A pattern that finds `text` as it is, whatever characters it holds. */
export const literal = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** Each leak in `lines`, named with the start of its line. */
export function leaksIn(lines: string[], patterns: [string, RegExp][]): string[] {
  return lines.flatMap((line) =>
    patterns.filter(([, pattern]) => pattern.test(line)).map(([what]) => `${what} in ${line.slice(0, 400)}`),
  );
}
