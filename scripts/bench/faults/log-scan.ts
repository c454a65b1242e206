import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { leaksIn, literal, PERSONAL_DATA } from '../../../test/support/log-leaks';

/**
 * Every line the run's processes wrote (each service process's output, the database server's log)
 * searched for phone numbers, NIKs and the run's secrets: the leaks found, and how many lines were read.
 */
export function scanLogs(files: string[], secrets: string[]): { lines: number; leaks: string[] } {
  const patterns: [string, RegExp][] = [
    ...PERSONAL_DATA,
    ...secrets
      .filter((secret) => secret.length >= 8)
      .map((secret): [string, RegExp] => ['a secret', literal(secret)]),
  ];
  let lines = 0;
  const leaks: string[] = [];
  for (const file of files.filter((candidate) => existsSync(candidate))) {
    const text = readFileSync(file, 'utf8').split('\n');
    lines += text.length;
    leaks.push(...leaksIn(text, patterns).map((leak) => `${file}: ${leak}`));
  }
  return { lines, leaks };
}

/** The files a run's processes wrote in `directory`. */
export const logFilesIn = (directory: string) =>
  existsSync(directory) ? readdirSync(directory).map((name) => join(directory, name)) : [];
