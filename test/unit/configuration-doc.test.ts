import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from '../../src/config';

/**
 * Whoever sets the service up reads docs/configuration.md or .env.example, and the service reads
 * src/config.ts: a variable missing from one of them, or a default that differs, misleads someone.
 */
const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The table's rows: variable → its default cell. */
const documented = new Map(
  [...read('docs/configuration.md').matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|([^|]*)\|/gm)].map((row) => [
    row[1] ?? '',
    (row[2] ?? '').trim(),
  ]),
);
/** .env.example's assignments: variable → its example value. */
const example = new Map(
  [...read('.env.example').matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((line) => [
    line[1] ?? '',
    (line[2] ?? '').trim(),
  ]),
);
const variables = Object.keys(configSchema.shape).sort();

describe('the configuration table in docs/configuration.md', () => {
  it('names every variable of the schema, and only those', () => {
    expect(variables.length).toBeGreaterThan(40);
    expect([...documented.keys()].sort()).toEqual(variables);
  });

  it('names the same variables as .env.example', () => {
    expect([...example.keys()].sort()).toEqual(variables);
  });

  it('gives as default the value .env.example sets', () => {
    const differing = [...example]
      .filter(([variable, value]) => value !== '' && !documented.get(variable)?.includes(`\`${value}\``))
      .map(([variable, value]) => `${variable}: .env.example ${value}, table ${documented.get(variable)}`);
    expect(differing).toEqual([]);
  });
});
