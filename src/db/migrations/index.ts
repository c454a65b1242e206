import type { Report } from '../embedded';
import type { Models } from '../models';
import { conversationsByChat, inboundByKey, reportsByWeek } from './keyed-message-path';
import { outboxKeyedByDedupeKey } from './outbox-keyed-by-dedupe-key';
import { weekSummariesBuilt, weekSummariesWithBalances } from './week-summaries';
import { identityKeysWritten } from './identity-keys';
import { outboxFailuresListed } from './outbox-failures';
import { transcriptsKept } from './transcripts-kept';
import { complaintIndexBuilt } from './complaint-index';
import { sessionIndexBuilt } from './session-index';
import { auditDaysKept } from './audit-days-kept';
import { participantRosterBuilt } from './participant-roster';
import { sessionFactsKeyed } from './session-facts-keyed';

/**
 * Migrations run before the indexes are built, so that one may drop an index the new layout no longer
 * keeps (a unique index that its copies would break) before the new ones are made.
 *
 * A change of how data is stored, applied once to a database made by an earlier version. Each one
 * must be safe to interrupt and run again (it converts what is left and skips what is done) and must
 * lose nothing: a document is written in its new place before it is removed from its old one.
 */
export interface Migration {
  id: string;
  /** What it does, for the start-up log. */
  description: string;
  /** Converts what is left; returns how many documents it converted. */
  run(models: Models): Promise<number>;
}

/** In the order they were written; a new one goes at the end. */
export const MIGRATIONS: readonly Migration[] = [
  conversationsByChat,
  inboundByKey,
  reportsByWeek,
  outboxKeyedByDedupeKey,
  weekSummariesBuilt,
  identityKeysWritten,
  weekSummariesWithBalances,
  outboxFailuresListed,
  transcriptsKept,
  complaintIndexBuilt,
  sessionIndexBuilt,
  auditDaysKept,
  participantRosterBuilt,
  sessionFactsKeyed,
];

/** Applies every migration this database has not had yet, each recorded once it has finished. */
export async function migrate(models: Models, report: Report, migrations = MIGRATIONS): Promise<void> {
  for (const migration of migrations) {
    if (await models.migrations.exists({ _id: migration.id })) continue;
    const started = Date.now();
    const converted = await migration.run(models);
    await models.migrations
      .create({ _id: migration.id, finishedAt: new Date(), converted })
      .catch((error: unknown) => {
        // Another instance starting at the same moment ran it too and recorded it first.
        if ((error as { code?: unknown }).code !== 11000) throw error;
      });
    if (converted > 0) {
      report(
        `storage converted: ${migration.description} (${converted} documents in ${Date.now() - started} ms)`,
      );
    }
  }
}
