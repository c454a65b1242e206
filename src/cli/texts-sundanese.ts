import { catalogEntries } from '../i18n';

/**
 * `npm run texts:sundanese`: the catalog's texts not yet written in Sundanese, which people who chose
 * Sundanese read in Indonesian meanwhile; each with its Indonesian source, for whoever translates.
 */
const missing = catalogEntries().filter(([, entry]) => entry.su === undefined);
for (const [key, entry] of missing) console.log(`${key}\n  id: ${entry.id.replaceAll('\n', '\n      ')}\n`);
console.log(`${missing.length} of ${catalogEntries().length} texts have no Sundanese yet.`);
