/**
 * What a button sends back when tapped: its option's id, after the token of the question it was sent
 * with (`0ab12cd/weekly_report`), so that the engine can tell a tap on an earlier message's button
 * from an answer to the question now asked. Option ids never hold a `/`, so buttons sent before
 * tokens existed (the id alone) are still read as they were.
 */
export function buttonData(
  choice: { id: string },
  index: number,
  question: string | undefined,
  fits: (data: string) => boolean,
): string {
  const prefix = question === undefined ? '' : `${question}/`;
  // An id too long for the app falls back to the option's number, which the choice parser also reads.
  const data = `${prefix}${choice.id}`;
  return fits(data) ? data : `${prefix}${index + 1}`;
}

/** A tapped button's data read back: the option's id, and the question's token when it has one. */
export function readButtonData(data: string): { choice: string; question?: string } {
  const tokened = /^([0-9a-z]{7})\/(.+)$/s.exec(data);
  return tokened ? { question: tokened[1] ?? '', choice: tokened[2] ?? '' } : { choice: data };
}
