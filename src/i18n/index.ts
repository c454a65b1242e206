export { LANGUAGES, STAFF_LANGUAGES, type Language, type StaffLanguage } from './language';
export { inLanguage, localizedTextSchema, type LocalizedText } from './localized-text';
export { formatDateTime, formatNumber, formatRupiah, shortMonth } from './format';
export { complaintCategoryTexts } from './texts/complaint-categories';
export { ONE_MESSAGE_EXAMPLE } from './texts/inputs';
export {
  catalogEntries,
  inBothLanguages,
  say,
  text,
  type CatalogText,
  type TextKey,
  type TextVariable,
} from './catalog';
