import type { CommandStartedEvent } from 'mongodb';
import type { Models } from '../../src/db/models';
import { useMonitoredModels, useTestDatabase } from './database';

/** Work queues: they hold only what is unfinished, so scanning them costs what is in hand. */
const QUEUES = new Set(['inbound_queue', 'outbox_queue', 'outbox_ahead', 'leases']);

/** A database command as a test reads it: what it does to which collection, and whether it is keyed. */
export interface WatchedCommand {
  name: string;
  collection: string;
  text: string;
  /** Reads or writes by `_id` only (the one filter FerretDB serves from an index), or a work queue. */
  keyed: boolean;
  /** The fields a find asked for (or left out), when it named them. */
  projection?: Record<string, unknown>;
}

function describeCommand(event: CommandStartedEvent): WatchedCommand {
  const command = event.command as Record<string, unknown>;
  const name = event.commandName;
  const collection = String(command[name]);
  const filters: unknown[] =
    name === 'find'
      ? [command.filter]
      : name === 'update'
        ? (command.updates as { q: unknown }[]).map((update) => update.q)
        : name === 'delete'
          ? (command.deletes as { q: unknown }[]).map((deletion) => deletion.q)
          : name === 'findAndModify'
            ? [command.query]
            : name === 'aggregate' || name === 'count' || name === 'distinct'
              ? [{ scan: true }]
              : [];
  const byId = (filter: unknown) => {
    const keys = Object.keys((filter ?? {}) as object);
    const id = (filter as { _id?: unknown } | undefined)?._id;
    return keys.length === 1 && keys[0] === '_id' && (typeof id === 'string' || id instanceof Object);
  };
  const plainId = (filter: unknown) =>
    byId(filter) &&
    !Object.keys(((filter as { _id: object })._id ?? {}) as object).some((key) => key.startsWith('$'));
  const keyed = QUEUES.has(collection) || filters.every((filter) => plainId(filter));
  const projection =
    name === 'find' ? (command.projection as Record<string, unknown> | undefined) : undefined;
  return {
    name,
    collection,
    text: `${name} ${collection} ${JSON.stringify(filters)}`,
    keyed,
    ...(projection ? { projection } : {}),
  };
}

/**
 * A database of the calling test file's own whose commands are watched (the driver's command
 * monitoring), to show what a piece of work costs: which collections it reads, and how.
 */
export function useWatchedDatabase() {
  const monitored = useMonitoredModels(useTestDatabase());
  return {
    get models(): Models {
      return monitored.models;
    },
    /** The commands `work` sent, in order. */
    async commandsOf(work: () => Promise<unknown>): Promise<WatchedCommand[]> {
      monitored.commands.length = 0;
      await work();
      return monitored.commands
        .filter((event) => !['hello', 'isMaster', 'ping', 'endSessions'].includes(event.commandName))
        .map(describeCommand);
    },
  };
}
