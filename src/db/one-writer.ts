import type { Collection, Connection } from 'mongoose';

/*
 * SQLite lets one writer in at a time. FerretDB opens its transactions at once (`_txlock=immediate`),
 * so a second writer waits in SQLite's busy handler, which sleeps 1, 2, 5, 10 ... up to 100 ms between
 * looks: under load the lock often stands free while every writer waiting for it sleeps. This
 * process's writes to FerretDB therefore take turns here instead, each starting the moment the one
 * before it is done, and the ones that wait meanwhile travel together (group-commit.ts). MongoDB
 * writes different documents side by side, so there they are not held.
 */

const WRITES = [
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'bulkWrite',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
] as const;

type Method = (...args: unknown[]) => Promise<unknown>;

/** Turns in order of asking: `take` resolves when the previous holder has let go. */
class Turns {
  private last: Promise<void> = Promise.resolve();

  async take(): Promise<() => void> {
    const before = this.last;
    let letGo = () => {};
    this.last = new Promise<void>((resolve) => (letGo = resolve));
    await before;
    return letGo;
  }
}

/** Per connection: the turns writes take, or none when the server takes writers side by side. */
const turnsOf = new WeakMap<Connection, Promise<Turns | undefined>>();

function turnsFor(connection: Connection): Promise<Turns | undefined> {
  let turns = turnsOf.get(connection);
  if (!turns) {
    turns = isFerretDb(connection).then(
      (ferret) => (ferret ? new Turns() : undefined),
      () => {
        // Asked again with the next write: the server may just have been away.
        turnsOf.delete(connection);
        return undefined;
      },
    );
    turnsOf.set(connection, turns);
  }
  return turns;
}

async function isFerretDb(connection: Connection): Promise<boolean> {
  const info = await connection.db!.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}

const covered = new WeakSet<Collection>();

/** Makes this collection's writes take turns with the other writes of its connection, on FerretDB. */
export function oneWriterAtATime(collection: Collection): void {
  if (covered.has(collection)) return;
  covered.add(collection);
  const methods = collection as unknown as Record<string, Method>;
  for (const name of WRITES) {
    const write = methods[name];
    if (typeof write !== 'function') throw new Error(`a collection without ${name}()`);
    methods[name] = async (...args) => {
      const turns = await turnsFor(collection.conn);
      if (!turns) return write.apply(collection, args);
      const letGo = await turns.take();
      try {
        return await write.apply(collection, args);
      } finally {
        letGo();
      }
    };
  }
}
