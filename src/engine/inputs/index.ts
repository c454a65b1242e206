/** The pure parsers of chat replies: each returns a ParsedReply, never throws on what people type. */
export { parseChoice, type ChoiceOption } from './choice';
export { toIndonesianWords } from './indonesian-number-words';
export { DEFAULT_MAX_WEEKLY_AMOUNT, parseMoney, type MoneyOptions } from './money';
export { failed, parsed, skipped, type ParsedReply } from './parsed-reply';
export { DEFAULT_MAX_WEEKS_AGO, parseWeek, type WeekOptions } from './week';
export { NO_WORDS, parseYesNo, YES_WORDS } from './yes-no';
