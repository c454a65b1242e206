import { execFile } from 'node:child_process';
import {
  cpSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { findOnPath, isExecutable } from './find-binary';
import { freeLoopbackPort, startServerProcess } from './process-server';
import type { DatabaseServer, Report } from './types';

const run = promisify(execFile);

export const FERRETDB_VERSION = 'v1.24.2';
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

/** Our fixes to FerretDB, applied in name order to the module's source before it is built. */
const PATCH_DIRECTORY = join(__dirname, 'ferretdb-patches');

export function ferretdbPatches(): string[] {
  return readdirSync(PATCH_DIRECTORY)
    .filter((name) => name.endsWith('.patch'))
    .sort()
    .map((name) => join(PATCH_DIRECTORY, name));
}

/**
 * Where the FerretDB binary built from the Go module proxy is kept between runs and checkouts. The
 * name carries the patch level, so a binary built before a patch was added is not used but rebuilt.
 */
export function defaultFerretdbBinary(): string {
  return join(homedir(), '.cache', 'pendamping', `ferretdb-${FERRETDB_VERSION}-p${ferretdbPatches().length}`);
}

/**
 * Builds FerretDB from its Go module. A plain `go install` of v1.24.2 gives a binary that panics at
 * start, because the module as published lacks the `build/version/version.txt` that its release
 * build generates; so the module source is copied, that file written, our patches applied
 * (`ferretdb-patches/`, see "Our patch to FerretDB" in docs/operations.md), and the binary built from it.
 */
export async function buildFerretdb(target: string, report: Report): Promise<void> {
  const go = findOnPath('go');
  if (!go) throw new Error('Go is not installed, so FerretDB cannot be built');
  report(`building FerretDB ${FERRETDB_VERSION} with Go, once (takes a few minutes the first time)`);
  const env = { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
  const download = await run(go, ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    env,
    maxBuffer: 10 * 1024 * 1024,
  });
  const moduleDir = (JSON.parse(download.stdout) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error('go mod download did not say where FerretDB is');

  const workDir = mkdtempSync(join(homedir(), '.cache', 'pendamping', 'ferretdb-build-'));
  try {
    const source = join(workDir, 'src');
    cpSync(moduleDir, source, { recursive: true });
    chmodRecursive(source);
    writeFileSync(join(source, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    for (const patch of ferretdbPatches()) {
      // The ceiling keeps git from taking an enclosing repository for the one to patch.
      await run('git', ['apply', '--verbose', patch], {
        cwd: source,
        env: { ...process.env, GIT_CEILING_DIRECTORIES: dirname(source) },
      });
    }
    const built = join(workDir, 'ferretdb');
    await run(go, ['build', '-trimpath', '-o', built, './cmd/ferretdb'], {
      cwd: source,
      env,
      maxBuffer: 10 * 1024 * 1024,
    });
    // Renaming makes the finished binary appear at once, even when two processes build it together.
    renameSync(built, target);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function chmodRecursive(directory: string): void {
  // Files in Go's module cache are read-only; the copy must be writable to add version.txt and clean up.
  chmodSync(directory, 0o755);
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) chmodRecursive(path);
    else chmodSync(path, 0o644);
  }
}

export async function startFerretdb(
  dataDir: string,
  binary: string | undefined,
  report: Report,
): Promise<DatabaseServer> {
  const executable = binary ?? defaultFerretdbBinary();
  if (!isExecutable(executable)) {
    if (binary) throw new Error(`FERRETDB_BINARY ${binary} is not an executable file`);
    mkdirSync(join(homedir(), '.cache', 'pendamping'), { recursive: true });
    await buildFerretdb(executable, report);
  }
  const directory = join(dataDir, 'ferretdb');
  mkdirSync(directory, { recursive: true });
  const port = await freeLoopbackPort();
  const server = await startServerProcess(
    executable,
    [
      '--handler=sqlite',
      // Immediate transactions: a deferred one that turns into a write fails at once with
      // SQLITE_BUSY when another writer is active, which surfaced as errors under load.
      `--sqlite-url=file:${directory}/?_txlock=immediate`,
      `--state-dir=${directory}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=error',
    ],
    port,
    join(dataDir, 'ferretdb.log'),
  );
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    description: `FerretDB ${FERRETDB_VERSION} (SQLite) in ${directory}, on 127.0.0.1:${port}`,
    pid: server.child.pid,
    stop: server.stop,
  };
}
