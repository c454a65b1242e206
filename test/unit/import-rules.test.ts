import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { preProcessFile } from 'typescript';

/**
 * docs/architecture.md lists the imports that must never exist; this holds the code to that list, so
 * the page stays true and a pure layer does not quietly start reading the database.
 */
const root = join(__dirname, '..', '..');

interface ImportRule {
  /** Files under this path (`src/engine/`) or this file. */
  from: string;
  /** Paths of the repository (`src/db/`, `src/main.ts`) or packages (`mongoose`). */
  never: string[];
}

interface SourceImport {
  file: string;
  /** A repository path without extension (`src/db/models`), or a package's name as written. */
  target: string;
}

/** The rows of the table under "Imports that must never exist". */
function rulesOf(architecture: string): ImportRule[] {
  const section = architecture.slice(architecture.indexOf('## Imports that must never exist'));
  return [...section.matchAll(/^\|\s*`([^`]+)`\s*\|([^\n]*)\|\s*$/gm)].map((row) => ({
    from: row[1] ?? '',
    never: [...(row[2] ?? '').matchAll(/`([^`]+)`/g)].map((item) => item[1] ?? ''),
  }));
}

const withoutExtension = (path: string) => path.replace(/\.ts$/, '');

/** Whether `path` (a repository path without extension) is `pattern` or inside it. */
function isUnder(path: string, pattern: string): boolean {
  return pattern.endsWith('/')
    ? path === pattern.slice(0, -1) || path.startsWith(pattern)
    : path === withoutExtension(pattern);
}

function isForbidden(target: string, never: string): boolean {
  if (never.startsWith('src/')) return isUnder(target, never);
  return target === never || target.startsWith(`${never}/`);
}

/** Each import that breaks a rule, as `file imports target (never from)`. */
function violations(rules: ImportRule[], imports: SourceImport[]): string[] {
  return rules.flatMap((rule) =>
    imports
      .filter(({ file }) => isUnder(withoutExtension(file), rule.from))
      .flatMap(({ file, target }) =>
        rule.never
          .filter((never) => isForbidden(target, never) && !isUnder(withoutExtension(file), never))
          .map((never) => `${file} imports ${target} (${rule.from} never imports ${never})`),
      ),
  );
}

function sourceFiles(directory: string): string[] {
  return readdirSync(join(root, directory), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every import, export-from, require and dynamic import of `src/`, relative ones as repository paths. */
function importsOfSource(): SourceImport[] {
  return sourceFiles('src').flatMap((file) =>
    preProcessFile(readFileSync(join(root, file), 'utf8'), true, true).importedFiles.map(({ fileName }) => ({
      file,
      target: fileName.startsWith('.')
        ? withoutExtension(
            relative(root, join(root, dirname(file), fileName))
              .split('\\')
              .join('/'),
          )
        : fileName,
    })),
  );
}

const rules = rulesOf(readFileSync(join(root, 'docs', 'architecture.md'), 'utf8'));
const imports = importsOfSource();

describe('the imports of src/', () => {
  it('are read, with the rules of docs/architecture.md', () => {
    expect(rules.length).toBeGreaterThan(10);
    expect(imports.filter(({ target }) => target.startsWith('src/engine')).length).toBeGreaterThan(10);
  });

  it('break none of those rules', () => {
    expect(violations(rules, imports)).toEqual([]);
  });
});

describe('the import rules', () => {
  const sample: SourceImport[] = [
    { file: 'src/engine/step.ts', target: 'src/db/models' },
    { file: 'src/engine/step.ts', target: 'src/db' },
    { file: 'src/engine/step.ts', target: 'mongoose' },
    { file: 'src/engine/step.ts', target: 'src/domain/calendar' },
    { file: 'src/cli/job.ts', target: 'src/cli/usage' },
    { file: 'src/http/app.ts', target: 'src/main' },
  ];

  it('name each import under a forbidden path or package, folder or file', () => {
    expect(
      violations(
        [
          { from: 'src/engine/', never: ['src/db/', 'mongoose'] },
          { from: 'src/', never: ['src/cli/', 'src/main.ts'] },
        ],
        sample,
      ),
    ).toEqual([
      'src/engine/step.ts imports src/db/models (src/engine/ never imports src/db/)',
      'src/engine/step.ts imports src/db (src/engine/ never imports src/db/)',
      'src/engine/step.ts imports mongoose (src/engine/ never imports mongoose)',
      'src/http/app.ts imports src/main (src/ never imports src/main.ts)',
    ]);
  });

  it('are read from the table of the architecture page', () => {
    const page = [
      '## Something else',
      '| `src/x/` | `src/y/` |',
      '## Imports that must never exist',
      '| files under | never import |',
      '| --- | --- |',
      '| `src/engine/` | `src/db/`, `mongoose` |',
    ].join('\n');
    expect(rulesOf(page)).toEqual([{ from: 'src/engine/', never: ['src/db/', 'mongoose'] }]);
  });
});
