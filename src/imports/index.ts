export { importFile, type ImportContext } from './import-file';
export { readTable, UnreadableFileError, type Table } from './read-table';
export { formatReport, IMPORT_KINDS, type ImportKind, type ImportReport } from './report';
export { upsertChanged, type UpsertOutcome } from './upsert';
