import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/**
 * Texts for people live in the catalog (src/i18n/texts/) and the flows (flows/*.yaml), nowhere else.
 * This reads every string in src/ and names each that looks like a sentence for people, outside the
 * places below.
 */
const root = join(__dirname, '..', '..', '..');

/** Where texts for people are written. */
const CATALOG = ['src/i18n/texts/'];

/**
 * Words people type, which the parsers read (and demo data): not texts the bot writes, so they stay
 * where the code that reads them is.
 */
const VOCABULARIES = [
  'src/engine/inputs/',
  'src/domain/program.ts',
  'src/domain/demo/',
  'src/domain/participants/known-places.ts',
];

/**
 * Not yet migrated to the catalog: this list may only shrink. A folder or file taken off it has its
 * texts moved to src/i18n/texts/ first.
 */
const NOT_YET_MIGRATED = ['src/http/'];

/**
 * The operator's console: what `npm run <command>` prints for whoever runs it, a line in both languages,
 * Indonesian then English after a slash (`Tidak ada lagi yang perlu dihapus / nothing (left) to erase.`).
 * Not a text for participants or mentors, which the commands send through the domain, and so from the
 * catalog. Only a line whose Indonesian all stands before its last slash counts: a sentence for people
 * written there, even one with a slash in it, is still found.
 */
const CONSOLE = ['src/cli/'];

/** Words of nearly every Indonesian sentence the bot writes, and of none of our log lines or keys. */
const INDONESIAN =
  /\b(?:Bapak|Ibu|Mohon|Maaf|Silakan|belum|sudah|tidak|untuk|dengan|yang|dari|oleh|sebelum|Balas|Ketik)\b/i;

/** `Indonesian … / English …`, the part after the last slash without an Indonesian word. */
function isConsoleLine(text: string): boolean {
  const slash = Math.max(text.lastIndexOf(' / '), text.endsWith(' /') ? text.length - 2 : -1);
  return slash > 0 && INDONESIAN.test(text.slice(0, slash)) && !INDONESIAN.test(text.slice(slash + 2));
}

function sourceFiles(directory: string): string[] {
  return readdirSync(join(root, directory), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Each string and template literal of a file, with its line, as the program would write it. */
function literalsOf(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.ES2022);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' … ');
    if (text !== undefined)
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const under = (file: string, paths: string[]) =>
  paths.some((path) => (path.endsWith('/') ? file.startsWith(path) : file === path));

/** `file:line "text"` for each literal that reads as a sentence for people. */
function textsOutsideTheCatalog(exempt: string[]): string[] {
  return sourceFiles('src')
    .filter((file) => !under(file, exempt))
    .flatMap((file) =>
      literalsOf(file)
        .filter(({ text }) => INDONESIAN.test(text))
        .filter(({ text }) => !(under(file, CONSOLE) && isConsoleLine(text)))
        .map(({ line, text }) => `${file}:${line} ${JSON.stringify(text.slice(0, 60))}`),
    );
}

describe('texts for people', () => {
  it('are written in the catalog, outside the folders not yet migrated', () => {
    expect(textsOutsideTheCatalog([...CATALOG, ...VOCABULARIES, ...NOT_YET_MIGRATED])).toEqual([]);
  });

  it('are found by this test where they are written: in the catalog', () => {
    expect(textsOutsideTheCatalog(VOCABULARIES).some((line) => line.startsWith('src/i18n/texts/'))).toBe(
      true,
    );
  });

  it('leave out of the operator’s console only its lines in both languages', () => {
    expect(isConsoleLine('Tidak ada lagi yang perlu dihapus / nothing (left) to erase.')).toBe(true);
    expect(isConsoleLine('Data pendamping tidak dihapus lewat perintah ini. / ')).toBe(true);
    expect(isConsoleLine('Terima kasih, Bapak/Ibu, laporan sudah tersimpan.')).toBe(false);
    expect(isConsoleLine('Balas 1 untuk ya / 2 untuk tidak')).toBe(false);
  });

  it('each not yet migrated folder or file still holds some, so the list only shrinks', () => {
    const found = textsOutsideTheCatalog([...CATALOG, ...VOCABULARIES]);
    for (const path of NOT_YET_MIGRATED)
      expect([path, found.some((line) => under(line.split(':')[0] ?? '', [path]))]).toEqual([path, true]);
  });
});
