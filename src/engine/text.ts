// The text type lives in src/i18n/; conversations/ and http/dashboard/ import it from here until they
// adopt the catalog.
export { inLanguage, localizedTextSchema, type LocalizedText } from '../i18n';
