import { complaintCategoryTexts, say, type Language } from '../../i18n';

type CategoryCode = keyof typeof complaintCategoryTexts;

const isKnown = (code: string): code is CategoryCode => Object.hasOwn(complaintCategoryTexts, code);

/** A category's name; a code the flows no longer offer is shown as stored. */
export const complaintCategoryName = (code: string, language: Language = 'id'): string =>
  isKnown(code) ? say(`complaintCategory.${code}`, language) : code;

/** The known category ids, for checking them against the flows. */
export const KNOWN_CATEGORIES: readonly string[] = Object.keys(complaintCategoryTexts);
