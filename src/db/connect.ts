import mongoose, { type Connection } from 'mongoose';

export const DEFAULT_DATABASE = 'pendamping';

/**
 * Opens a connection that fails fast instead of buffering: when the database is away, a request gets
 * an error within seconds (and `/readyz` says 503) rather than hanging. `monitorCommands` makes the
 * driver emit an event per command sent (the benchmark counts round trips with it); off by default.
 */
export async function connectDatabase(
  uri: string,
  dbName = databaseNameOf(uri),
  { monitorCommands = false }: { monitorCommands?: boolean } = {},
): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    monitorCommands,
    autoIndex: false,
    autoCreate: false,
    bufferCommands: false,
    serverSelectionTimeoutMS: 5000,
    connectTimeoutMS: 5000,
    socketTimeoutMS: 30000,
  });
  await connection.asPromise();
  return connection;
}

/** The database named in the URI's path, or the project's default when the URI names none. */
export function databaseNameOf(uri: string): string {
  const path =
    uri
      .replace(/^mongodb(\+srv)?:\/\/[^/]*/, '')
      .replace(/^\//, '')
      .split('?')[0] ?? '';
  return path === '' ? DEFAULT_DATABASE : decodeURIComponent(path);
}

export async function databaseReachable(connection: Connection): Promise<boolean> {
  try {
    if (connection.readyState !== 1 || !connection.db) return false;
    await connection.db.admin().ping();
    return true;
  } catch {
    return false;
  }
}
