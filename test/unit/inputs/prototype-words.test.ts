import { parseChoice, parseMoney, parseWeek, parseYesNo } from '../../../src/engine/inputs';

/** Found by the money property test: word tables must not answer for Object.prototype's names. */
describe('words that are names on every JavaScript object', () => {
  const NOW = new Date('2026-12-02T10:00:00+07:00');
  const OPTIONS = [
    { id: 'a', labels: { id: 'Satu', en: 'One' } },
    { id: 'b', labels: { id: 'Dua', en: 'Two' } },
  ];

  it.each([
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '1 constructor',
    '28 __proto__',
  ])('%j is not understood by any parser', (text) => {
    expect(parseMoney(text).kind).toBe('fail');
    expect(parseYesNo(text).kind).toBe('fail');
    expect(parseWeek(text, NOW).kind).toBe('fail');
    expect(parseChoice(text, OPTIONS).kind).toBe('fail');
  });
});
