import { say, type StaffLanguage, type TextKey } from '../i18n';

/** A text of the exports' part of the catalog that names no variable: a heading, a sheet, a cell's word. */
export type ExportWord = Exclude<
  Extract<TextKey, `export.${string}`>,
  'export.reportSheetWeek' | 'export.reportSheetWeeks'
>;

/**
 * The exports' words in the viewer's language, each looked up once: a cell's word is asked for on
 * every row of a file that may hold a programme's whole history. Sheets built without a language are
 * in Indonesian, the program's own, as every export was before staff could choose.
 */
export function wordsIn(language: StaffLanguage = 'id'): (word: ExportWord) => string {
  const said = new Map<ExportWord, string>();
  return (word) => {
    let written = said.get(word);
    if (written === undefined) {
      written = say(word, language);
      said.set(word, written);
    }
    return written;
  };
}
