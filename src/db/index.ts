export { connectDatabase, databaseNameOf, databaseReachable, DEFAULT_DATABASE } from './connect';
export { resolveDatabaseServer, hostsOf, type DatabaseServer, type DatabaseOptions } from './embedded';
export { createModels, buildIndexes, type Models } from './models';
export { openDatabase, prepareStorage, type OpenDatabase } from './open';
export { isDuplicateKey } from './errors';
