import { openDatabase } from '../db';
import { NikVault } from '../domain/identity';
import { loadEnvironmentOrExit } from '../environment';
import { formatReport, importFile, IMPORT_KINDS, UnreadableFileError, type ImportKind } from '../imports';
import { resolveNikKey } from '../secrets';
import { runCommand } from './run';

const USAGE = `Pemakaian / usage: npm run import -- <${IMPORT_KINDS.join('|')}> <file.csv|file.xlsx> [--json]`;

/**
 * `npm run import -- participants peserta.xlsx`: exit 0 when every row was stored, 1 when some rows
 * were refused, 2 when the file (or the command) could not be used at all.
 */
async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const [kind, file, ...rest] = argv.filter((argument) => argument !== '--json');
  if (!kind || !file || rest.length > 0 || !IMPORT_KINDS.includes(kind as ImportKind)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadEnvironmentOrExit();
  const database = await openDatabase(config, (message) => console.error(message));
  try {
    const report = await importFile(kind as ImportKind, file, {
      models: database.models,
      nikVault: new NikVault(resolveNikKey(config).key),
      today: new Date(),
    });
    console.log(json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.rejected > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    console.log(json ? JSON.stringify({ error: error.message }) : error.message);
    return 2;
  } finally {
    await database.close();
  }
}

runCommand('import', () => main(process.argv.slice(2)));
