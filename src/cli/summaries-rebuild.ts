import { openDatabase } from '../db';
import { rebuildComplaintIndexes } from '../domain/complaints/complaint-index';
import { rebuildParticipantRoster } from '../domain/participants/roster';
import { rebuildWeekSummaries } from '../domain/reports/week-summaries';
import { loadEnvironmentOrExit } from '../environment';
import { runCommand } from './run';

/**
 * `npm run summaries:rebuild`: builds the overview's week summaries again from the weekly reports,
 * the participant roster the lists read from the participants' records, and the complaints' lists by
 * Puskesos from the complaints (after any was changed around the service, or to put a doubt to
 * rest). Exit 0 when done, 2 for
 * an argument, 1 when it failed.
 */
async function main(argv: string[]): Promise<number> {
  if (argv.length > 0) {
    console.error('Pemakaian / usage: npm run summaries:rebuild');
    return 2;
  }
  const config = loadEnvironmentOrExit();
  const database = await openDatabase(config, (message) => console.error(message));
  try {
    const started = Date.now();
    const weeks = await rebuildWeekSummaries(database.models);
    console.log(
      `Ringkasan ${weeks} minggu dibangun ulang dari laporan / ${weeks} week summaries rebuilt from the reports (${Date.now() - started} ms)`,
    );
    const rosterStarted = Date.now();
    const listed = await rebuildParticipantRoster(database.models);
    console.log(
      `Daftar ${listed} peserta dibangun ulang / roster of ${listed} participants rebuilt (${Date.now() - rosterStarted} ms)`,
    );
    const complaintsStarted = Date.now();
    const complaints = await rebuildComplaintIndexes(database.models);
    console.log(
      `Daftar ${complaints} pengaduan dibangun ulang / ${complaints} complaints listed again by Puskesos (${Date.now() - complaintsStarted} ms)`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

runCommand('summaries:rebuild', () => main(process.argv.slice(2)), 1);
