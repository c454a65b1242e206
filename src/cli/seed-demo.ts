import { openDatabase } from '../db';
import { DEMO_SEED, generateDemoData } from '../domain/demo';
import { formatDemoSummary, writeDemoData } from '../domain/demo/write';
import { NikVault } from '../domain/identity';
import { loadEnvironmentOrExit } from '../environment';
import { resolveNikKey } from '../secrets';
import { runCommand } from './run';

/**
 * `npm run seed:demo`: fills the database with a demo program (Puskesos, staff, mentors, about 60
 * participants and their weekly reports up to this week). Safe to repeat: a second run on the same
 * day changes nothing. Exit 0 when stored, 1 when it failed.
 */
async function main(): Promise<void> {
  const config = loadEnvironmentOrExit();
  // Invented people must never be mixed with real beneficiaries.
  if (config.NODE_ENV === 'production')
    throw new Error('refusing to seed demo data with NODE_ENV=production');
  const nikVault = new NikVault(resolveNikKey(config).key);
  const data = generateDemoData({ seed: DEMO_SEED, today: new Date(), timeZone: config.DEFAULT_TIMEZONE });
  const database = await openDatabase(config, (message) => console.error(message));
  try {
    console.log(formatDemoSummary(await writeDemoData(data, { models: database.models, nikVault })));
    const someone = data.participants.find((participant) => participant.consent);
    if (someone) {
      const national = someone.phone.replace(/^\+62/, '0');
      console.log(
        `try / coba: npm run chat -- ${national}   or /simulator with ${national} (${someone.name})`,
      );
    }
  } finally {
    await database.close();
  }
}

runCommand('seed:demo', () => main().then(() => 0), 1);
