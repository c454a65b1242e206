export type Report = (message: string) => void;

/** A MongoDB-compatible server the service talks to, whether it owns it or not. */
export interface DatabaseServer {
  /** Connection string without a database name: each user picks its own database. */
  uri: string;
  /** Which server this is and where, for the start-up message; never contains credentials. */
  description: string;
  /** The process id when this process started the server. */
  pid?: number | undefined;
  stop(): Promise<void>;
}
