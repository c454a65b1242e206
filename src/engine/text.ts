// The text type lives in src/i18n/; http/dashboard/ imports it from here until it adopts the catalog.
export { inLanguage, localizedTextSchema, type LocalizedText } from '../i18n';
