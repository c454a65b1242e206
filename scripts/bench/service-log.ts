import type { DestinationStream } from 'pino';

/**
 * Where the service's log goes during the run. Errors are counted by what they say, so that a
 * hundred identical stack traces become one line of the report; with LOG_LEVEL set they are also
 * written to stderr as they come, for whoever is chasing one.
 */
export class ServiceLog implements DestinationStream {
  private readonly counts = new Map<string, number>();
  private muted = false;

  constructor(private readonly echo: boolean) {}

  write(line: string): void {
    if (this.muted) return;
    if (this.echo) process.stderr.write(line);
    const key = summarize(line);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Stops listening: once the run is being torn down, failures of requests still in flight are expected. */
  mute(): void {
    this.muted = true;
  }

  /** Each distinct error with how many times it was logged, most frequent first. */
  summary(): [string, number][] {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1]);
  }
}

/** `message could not be handled: ...database is locked (5) (SQLITE_BUSY)`, from one pino line. */
function summarize(line: string): string {
  try {
    const record = JSON.parse(line) as { msg?: string; err?: { message?: string; stack?: string } };
    const cause = record.err?.message ? `: ${shorten(record.err.message)}` : '';
    const where = record.err?.stack ? serviceFrame(record.err.stack) : undefined;
    return `${record.msg ?? '(no message)'}${cause}${where ? `, in ${where}` : ''}`;
  } catch {
    return shorten(line);
  }
}

/** FerretDB prefixes its errors with a Go call trace; the end says what happened. */
function shorten(message: string): string {
  const plain = message.replace(/\[[^\]]*\.go:\d+ [^\]]*\]\s*/g, '').trim();
  return plain.length > 160 ? `${plain.slice(0, 157)}...` : plain;
}

/** The innermost frame in the service's own code: which of its operations the database refused. */
function serviceFrame(stack: string): string | undefined {
  for (const line of stack.split('\n')) {
    if (line.includes('node_modules')) continue;
    const frame = /at (?:async )?(\S+) \([^)]*\/(src\/[^):]+:\d+):\d+\)/.exec(line);
    if (frame) return `${frame[1]} (${frame[2]})`;
  }
  return undefined;
}
