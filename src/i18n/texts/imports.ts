import type { CatalogText } from '../catalog';

/**
 * Importing a roster file (participants, mentors, staff, Puskesos): why the file or a row of it is
 * refused, the warnings, and the report. Written to the Dinsos admin in Indonesian, as they always
 * were; the English waits here for when the import's reader chooses.
 */
export const importTexts = {
  // The file as a whole.
  onlyCsvOrXlsx: {
    id: '{file}: hanya file .csv atau .xlsx yang bisa diimpor',
    en: '{file}: only a .csv or .xlsx file can be imported',
  },
  unreadable: {
    id: '{file}: file tidak bisa dibaca ({code})',
    en: '{file}: the file cannot be read ({code})',
  },
  empty: {
    id: '{file}: file kosong, tidak ada baris judul kolom',
    en: '{file}: the file is empty, with no row of column headings',
  },
  invalidCsv: { id: '{file}: CSV tidak sah ({detail})', en: '{file}: not a valid CSV ({detail})' },
  invalidXlsx: {
    id: '{file}: bukan file Excel (.xlsx) yang sah ({detail})',
    en: '{file}: not a valid Excel (.xlsx) file ({detail})',
  },
  noSheet: { id: '{file}: file Excel tanpa lembar kerja', en: '{file}: an Excel file without a worksheet' },
  missingColumns: {
    id: '{file}: kolom wajib tidak ada: {missing} (judul kolom di baris pertama: {headings})',
    en: '{file}: required columns missing: {missing} (column headings in the first row: {headings})',
  },
  // A cell.
  required: { id: 'wajib diisi', en: 'required' },
  requiredForRole: { id: 'wajib diisi untuk peran {role}', en: 'required for the role {role}' },
  unknownChoice: {
    id: '"{given}" tidak dikenal; pilih salah satu: {accepted}',
    en: '"{given}" is not known; choose one of: {accepted}',
  },
  unknownService: {
    id: '"{given}" tidak dikenal; pilih dari: {accepted}',
    en: '"{given}" is not known; choose from: {accepted}',
  },
  dateUnreadable: {
    id: 'tanggal tidak terbaca (contoh: 2026-03-01, 01/03/2026 atau 1 Maret 2026)',
    en: 'the date cannot be read (for example: 2026-03-01, 01/03/2026 or 1 March 2026)',
  },
  dateNotInCalendar: { id: 'tanggal tidak ada di kalender', en: 'the date is not in the calendar' },
  yearOutsideProgram: {
    id: 'tahun {year} di luar masa program',
    en: 'the year {year} is outside the programme',
  },
  amountNotWhole: {
    id: 'jumlah harus rupiah bulat, tidak negatif',
    en: 'the amount must be whole rupiah, not negative',
  },
  amountUnreadable: {
    id: 'jumlah harus rupiah bulat (contoh: 3500000 atau Rp 3.500.000)',
    en: 'the amount must be whole rupiah (for example: 3500000 or Rp 3.500.000)',
  },
  amountTooLarge: { id: 'jumlah terlalu besar', en: 'the amount is too large' },
  nikAsNumber: {
    id: 'NIK tersimpan sebagai angka di Excel sehingga digit terakhir bisa hilang; format kolom sebagai Teks',
    en: 'The NIK is stored as a number in Excel, so its last digits may be lost; format the column as Text',
  },
  samePhoneAsMentor: {
    id: 'nomor peserta sama dengan nomor pendamping',
    en: 'the participant’s number is the mentor’s number',
  },
  notWorkingDays: {
    id: '"{given}" bukan jumlah hari kerja 1 sampai 30 (contoh: 5)',
    en: '"{given}" is not a number of working days from 1 to 30 (for example: 5)',
  },
  answerBeforeResponse: {
    id: 'batas menjawab tidak boleh lebih pendek dari batas menanggapi',
    en: 'the time to answer cannot be shorter than the time to respond',
  },
  invalidEmail: {
    id: 'alamat email tidak sah (contoh: nama@dinsos.go.id)',
    en: 'not a valid e-mail address (for example: nama@dinsos.go.id)',
  },
  // A row against the others and what is stored.
  sameAsRow: { id: 'sama dengan baris {row}', en: 'the same as row {row}' },
  noSuchMentor: {
    id: 'belum ada pendamping {type} dengan nomor ini; impor mentors dulu',
    en: 'no {type} mentor with this number yet; import the mentors first',
  },
  mentorOfOtherType: {
    id: 'nomor ini terdaftar sebagai {actual}, bukan {type}',
    en: 'this number is registered as {actual}, not {type}',
  },
  nikTaken: {
    id: 'NIK ini sudah terdaftar untuk peserta lain',
    en: 'this NIK is already registered for another participant',
  },
  phoneOrNikTaken: {
    id: 'nomor HP atau NIK sudah dipakai peserta lain',
    en: 'the phone number or the NIK is already used by another participant',
  },
  phoneTaken: { id: 'nomor HP sudah dipakai', en: 'the phone number is already used' },
  phoneOrEmailTaken: {
    id: 'nomor HP atau email sudah dipakai',
    en: 'the phone number or the e-mail is already used',
  },
  noSuchPuskesos: {
    id: 'Puskesos "{name}" belum terdaftar; impor puskesos dulu',
    en: 'Puskesos "{name}" is not registered yet; import the Puskesos first',
  },
  puskesosNameTaken: { id: 'nama Puskesos sudah dipakai', en: 'the Puskesos name is already used' },
  // Warnings: the row is stored.
  noPuskesosForDesa: {
    id: 'belum ada Puskesos untuk desa {desa} (kecamatan {kecamatan}); pengaduannya disimpan dan menunggu admin Dinsos meneruskannya',
    en: 'no Puskesos for desa {desa} (kecamatan {kecamatan}) yet; its complaints are kept until a Dinsos admin passes them on',
  },
  noMentor: {
    id: 'peserta ini belum punya pendamping (hp_mibi dan hp_tksk kosong); ringkasan pendamping tidak memuatnya',
    en: 'this participant has no mentor yet (hp_mibi and hp_tksk empty); no mentor’s digest includes them',
  },
  // The report, a line per problem and warning, then the summary in both languages.
  problemAt: { id: 'baris {row}{column}: {reason}', en: 'row {row}{column}: {reason}' },
  warningAt: { id: 'peringatan baris {row}{column}: {reason}', en: 'warning, row {row}{column}: {reason}' },
  inColumn: { id: ', kolom {column}', en: ', column {column}' },
  ignoredColumns: {
    id: 'kolom diabaikan (tidak dikenal): {columns}',
    en: 'columns ignored (not known): {columns}',
  },
  summaryOf: { id: 'Ringkasan {kind}:', en: 'Summary of {kind}:' },
  summaryCounts: {
    id: '{rows} baris, {created} baru, {updated} diperbarui, {unchanged} tidak berubah, {rejected} ditolak',
    en: '{rows} {rows:row|rows}: {created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected',
  },
} as const satisfies Record<string, CatalogText>;
