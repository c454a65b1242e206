import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { anchorOf, anchorsOf, linksOf } from '../support/markdown';

/**
 * The README and docs/ are read in any clone, on GitHub or in an editor: a link must lead to a file
 * (and heading) of this repository, never to a page elsewhere or a folder beside the clone.
 */
const root = resolve(__dirname, '..', '..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const textOf = (path: string) => readFileSync(join(root, path), 'utf8');

/** What is wrong with one link of `document`, or nothing. */
function problemOf(document: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//'))
    return 'leaves the repository (write the address as text, not a link)';
  const [path = '', anchor] = target.split('#', 2);
  const file = path === '' ? join(root, document) : resolve(dirname(join(root, document)), path);
  if (relative(root, file).startsWith('..')) return 'points outside the repository';
  if (!existsSync(file)) return 'names no file of the repository';
  if (anchor === undefined) return undefined;
  if (statSync(file).isDirectory() || !file.endsWith('.md'))
    return 'has an anchor on a file without headings';
  if (!anchorsOf(readFileSync(file, 'utf8')).has(anchor))
    return `names no heading of ${relative(root, file)}`;
  return undefined;
}

describe('the documentation', () => {
  it('keeps the README under 10 KB, the rest being in docs/', () => {
    expect(Buffer.byteLength(textOf('README.md'))).toBeLessThan(10_000);
    expect(documents.length).toBeGreaterThan(8);
  });

  it('links only to files and headings of the repository', () => {
    const problems = documents.flatMap((document) =>
      linksOf(textOf(document)).flatMap(({ target, line }) => {
        const problem = problemOf(document, target);
        return problem ? [`${document}:${line} ${target} ${problem}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('reaches every docs file from the README', () => {
    const linked = new Set(linksOf(textOf('README.md')).map(({ target }) => target.split('#')[0]));
    expect(documents.filter((document) => document !== 'README.md' && !linked.has(document))).toEqual([]);
  });
});

describe('the link checker', () => {
  it('makes anchors as GitHub does', () => {
    expect(anchorOf('Privacy rights (UU PDP 27/2022)')).toBe('privacy-rights-uu-pdp-272022');
    expect(anchorOf('WhatsApp (whatsapp-web.js)')).toBe('whatsapp-whatsapp-webjs');
    expect(anchorOf('`bench:scheduler`')).toBe('benchscheduler');
    expect(anchorOf('Importing participants, mentors, staff and Puskesos')).toBe(
      'importing-participants-mentors-staff-and-puskesos',
    );
    expect([...anchorsOf('# Pages\n\n```sh\n# not a heading\n```\n\n## Pages\n')]).toEqual([
      'pages',
      'pages-1',
    ]);
  });

  it('finds links in text but not in code, and refuses those that leave the repository', () => {
    const text = [
      'See [channels](docs/channels.md#telegram) and <https://example.org>.',
      '`[not](a-link.md)`',
      '```md',
      '[nor](this.md)',
      '```',
      '[shared]: ../shared/STYLE.md',
    ].join('\n');
    expect(linksOf(text)).toEqual([
      { target: 'docs/channels.md#telegram', line: 1 },
      { target: 'https://example.org', line: 1 },
      { target: '../shared/STYLE.md', line: 6 },
    ]);
    expect(problemOf('README.md', 'https://example.org')).toMatch(/leaves the repository/);
    expect(problemOf('README.md', '../shared/STYLE.md')).toMatch(/outside the repository/);
    expect(problemOf('docs/channels.md', '../../shared/ARCHITECTURE.md')).toMatch(/outside the repository/);
    expect(problemOf('README.md', 'docs/channels.md#no-such-heading')).toMatch(/names no heading/);
    expect(problemOf('README.md', 'docs/channels.md#telegram')).toBeUndefined();
  });
});
