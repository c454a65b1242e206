import type { Account } from '../../src/auth';
import type { ImportReport } from '../../src/imports';
import { importView, type ImportModel } from '../../src/http/dashboard/import-view';
import { translator, type PageLanguage } from '../../src/http/dashboard/language';
import type { Viewer } from '../../src/http/dashboard/layout';

/** The import page is drawn from its model alone: the form, the upload's report, the column guide. */
const admin: Account = { kind: 'staff', id: 'a'.repeat(24), name: 'Admin Dinsos', role: 'admin' };
const draw = (model: ImportModel, language: PageLanguage = 'id') =>
  String(
    importView(model, translator(language), {
      account: admin,
      csrfToken: 'token-123',
      language,
      path: '/dashboard/impor',
    } satisfies Viewer),
  );

const report = (fields: Partial<ImportReport>): ImportReport => ({
  kind: 'participants',
  file: 'peserta.csv',
  rows: 3,
  created: 1,
  updated: 1,
  unchanged: 0,
  rejected: 1,
  problems: [{ row: 4, column: 'phone', reason: 'Nomor HP <tidak> sah' }],
  warnings: [],
  ignoredColumns: [],
  ...fields,
});

describe('the import page', () => {
  it('shows a multipart form with the CSRF token, each kind with its template, and no report yet', () => {
    const markup = draw({});
    expect(markup).toContain('enctype="multipart/form-data"');
    expect(markup).toContain('name="csrf" value="token-123"');
    for (const kind of ['participants', 'mentors', 'staff', 'puskesos']) {
      expect(markup).toContain(`href="/dashboard/impor/templat/${kind}" download`);
    }
    expect(markup).not.toContain('import-report');
    expect(markup).not.toContain('role="alert"');
  });

  it('keeps the kind chosen and says what was wrong, naming the file', () => {
    const markup = draw({ kind: 'mentors', file: 'pendamping.xlsx', problem: { reason: 'too_large' } });
    expect(markup).toMatch(/<option value="mentors" selected>/);
    expect(markup).toContain('File &quot;pendamping.xlsx&quot; lebih dari 5 MB dan tidak dibaca.');
    const unreadable = draw(
      { kind: 'staff', file: 'x.csv', problem: { reason: 'unreadable', detail: 'x.csv: no heading row' } },
      'en',
    );
    expect(unreadable).toContain('The file cannot be imported; nothing was stored. x.csv: no heading row');
    expect(draw({ problem: { reason: 'no_key' } })).toContain('kunci enkripsi NIK');
  });

  it('reports the counts and each refused row, escaped, and says in English that reasons stay Indonesian', () => {
    const markup = draw({ kind: 'participants', file: 'peserta.csv', report: report({}) }, 'en');
    expect(markup).toContain('Import result: peserta.csv');
    expect(markup).toContain('<dd id="count-created">1</dd>');
    expect(markup).toContain('<dd id="count-rejected">1</dd>');
    expect(markup).toMatch(/<td>4<\/td>\s*<td>phone<\/td>\s*<td>Nomor HP &lt;tidak&gt; sah<\/td>/);
    expect(markup).toContain('The importer gives its reasons in Indonesian.');
    const clean = draw({ kind: 'participants', file: 'peserta.csv', report: report({ problems: [] }) });
    expect(clean).toContain('Tidak ada baris yang ditolak.');
  });
});
