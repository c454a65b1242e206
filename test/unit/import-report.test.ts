import { formatReport, type ImportReport } from '../../src/imports';

const report = (counts: Partial<ImportReport>): ImportReport => ({
  kind: 'participants',
  file: 'peserta.xlsx',
  rows: 3,
  created: 1,
  updated: 1,
  unchanged: 0,
  rejected: 1,
  problems: [],
  ignoredColumns: [],
  warnings: [],
  ...counts,
});

describe('the import report printed for the Dinsos admin', () => {
  it('names each refused row and its column, the warnings, the ignored columns, then the summary in both languages', () => {
    const printed = formatReport(
      report({
        problems: [
          { row: 2, column: 'nik', reason: 'NIK harus 16 angka, bukan 15' },
          { row: 3, reason: 'sama dengan baris 2' },
        ],
        warnings: [{ row: 4, column: 'hp_mibi', reason: 'peserta ini belum punya pendamping' }],
        ignoredColumns: ['catatan'],
      }),
    );
    expect(printed.split('\n')).toEqual([
      'baris 2, kolom nik: NIK harus 16 angka, bukan 15',
      'baris 3: sama dengan baris 2',
      'peringatan baris 4, kolom hp_mibi: peserta ini belum punya pendamping',
      'kolom diabaikan (tidak dikenal): catatan',
      'Ringkasan participants: 3 baris, 1 baru, 1 diperbarui, 0 tidak berubah, 1 ditolak ' +
        '(3 rows: 1 created, 1 updated, 0 unchanged, 1 rejected)',
    ]);
  });

  it('counts a single row in the singular in English', () => {
    expect(formatReport(report({ rows: 1, created: 1, updated: 0, rejected: 0 }))).toBe(
      'Ringkasan participants: 1 baris, 1 baru, 0 diperbarui, 0 tidak berubah, 0 ditolak ' +
        '(1 row: 1 created, 0 updated, 0 unchanged, 0 rejected)',
    );
  });
});
