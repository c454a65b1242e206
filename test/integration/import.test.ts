import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { NikVault } from '../../src/domain/identity';
import { formatReport, importFile, UnreadableFileError, type ImportKind } from '../../src/imports';
import { useTestDatabase } from '../support/database';

const db = useTestDatabase();
const nikVault = new NikVault(randomBytes(32));
const today = new Date('2026-11-29T03:00:00Z');
const directory = mkdtempSync(join(tmpdir(), 'pendamping-import-'));

function file(name: string, content: string): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

const run = (kind: ImportKind, path: string) =>
  importFile(kind, path, { models: db.models, nikVault, today });

const PARTICIPANT_HEADER =
  'nama,no_hp,nik,kecamatan,desa,klaster,tahap,nama_usaha,deskripsi_usaha,modal_usaha,tanggal_modal,mulai_pendampingan,hp_mibi,hp_tksk,bahasa';

describe('importing participants', () => {
  beforeAll(async () => {
    const mentors = file(
      'mentors.csv',
      [
        'nama,no_hp,jenis,kecamatan',
        'Rina Marlina,0813-1111-2222,MiBi,"Cililin, Cihampelas"',
        'Asep Saepudin,0813-3333-4444,tksk,Cililin',
      ].join('\n'),
    );
    expect(await run('mentors', mentors)).toMatchObject({ created: 2, rejected: 0 });
  });

  const goodAndBad = () =>
    file(
      'peserta.csv',
      [
        PARTICIPANT_HEADER,
        'Siti Aminah,0812-3456-7890,3217065502850001,cililin,batulayang,Kuliner,start up,Warung Siti,Gorengan dan nasi,Rp 3.500.000,15/08/2026,2026-09-01,0813-1111-2222,081333334444,sunda',
        'Ujang Suryana,+62 857 2211 3344,,CIHAMPELAS,Pataruman,agribisnis,Scale-Up,,,3500000,,,,,',
        'Tanpa Nomor,,,Cililin,Batulayang,ritel,inkubasi,,,,,,,,',
        'Salah Klaster,0812-9999-0000,3217061505800000,Cililin,Batulayang,makanan ringan,tahap 4,,,,,,0813-9999-9999,,',
        'Dobel Nomor,6281234567890,,Cililin,Batulayang,ritel,inkubasi,,,,,,,,',
        '',
        'Tukar Pendamping,0821-1111-0000,,Cililin,Batulayang,ritel,inkubasi,,,,,,0813-3333-4444,,',
      ].join('\n'),
    );

  it('stores valid rows normalized and reports each bad row with its row, column and reason', async () => {
    const report = await run('participants', goodAndBad());

    expect(report).toMatchObject({ rows: 6, created: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(report.problems).toEqual([
      { row: 4, column: 'no_hp', reason: 'wajib diisi' },
      { row: 5, column: 'klaster', reason: expect.stringContaining('"makanan ringan" tidak dikenal') },
      { row: 5, column: 'tahap', reason: expect.stringContaining('"tahap 4" tidak dikenal') },
      { row: 5, column: 'nik', reason: 'nomor urut 0000 tidak ada' },
      { row: 6, column: 'no_hp', reason: 'sama dengan baris 2' },
      { row: 8, column: 'hp_mibi', reason: 'nomor ini terdaftar sebagai TKSK, bukan MiBi' },
    ]);

    const siti = await db.models.participants.findOne({ phone: '+6281234567890' }).lean();
    const rina = await db.models.mentors.findOne({ phone: '+6281311112222' }).lean();
    const asep = await db.models.mentors.findOne({ phone: '+6281333334444' }).lean();
    expect(siti).toMatchObject({
      name: 'Siti Aminah',
      kecamatan: 'Cililin',
      desa: 'Batulayang',
      cluster: 'kuliner',
      stage: 'start_up',
      language: 'su',
      status: 'active',
      business: { name: 'Warung Siti', description: 'Gorengan dan nasi' },
      capitalGrant: { amount: 3_500_000, date: new Date('2026-08-15T00:00:00Z') },
      mentoringWindow: { start: new Date('2026-09-01T00:00:00Z'), end: new Date('2026-12-01T00:00:00Z') },
      mentors: { mibi: rina?._id, tksk: asep?._id },
    });
    expect(siti?.nik?.masked).toBe('3217**********01');
    expect(JSON.stringify(siti)).not.toContain('3217065502850001');
    expect(nikVault.reveal(siti?.nik?.encrypted ?? '')).toBe('3217065502850001');

    expect(await db.models.participants.findOne({ phone: '+6285722113344' }).lean()).toMatchObject({
      kecamatan: 'Cihampelas',
      stage: 'scale_up',
      language: 'id',
    });
    expect(
      await db.models.participants.countDocuments({
        name: { $in: ['Tanpa Nomor', 'Salah Klaster', 'Dobel Nomor', 'Tukar Pendamping'] },
      }),
    ).toBe(0);
  });

  it('reads a participant’s time zone (WIB, WITA, WIT) and refuses one it does not know', async () => {
    const zones = file(
      'peserta-zona.csv',
      [
        'nama,no_hp,kecamatan,desa,klaster,tahap,zona_waktu',
        'Made Wirawan,0812-7000-0001,Kuta,Kedonganan,kuliner,inkubasi,WITA',
        'Yohana Wenda,0812-7000-0002,Abepura,Kota Baru,ritel,inkubasi,wit',
        'Salah Zona,0812-7000-0003,Kuta,Kedonganan,ritel,inkubasi,GMT+8',
      ].join('\n'),
    );
    const report = await run('participants', zones);
    expect(report).toMatchObject({ created: 2, rejected: 1 });
    expect(report.problems).toEqual([
      { row: 4, column: 'zona_waktu', reason: '"GMT+8" tidak dikenal; pilih salah satu: WIB, WITA, WIT' },
    ]);
    expect((await db.models.participants.findOne({ phone: '+6281270000001' }).lean())?.timeZone).toBe(
      'Asia/Makassar',
    );
    expect((await db.models.participants.findOne({ phone: '+6281270000002' }).lean())?.timeZone).toBe(
      'Asia/Jayapura',
    );
    await db.models.participants.deleteMany({ phone: { $in: ['+6281270000001', '+6281270000002'] } });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await db.models.participants.find().sort({ phone: 1 }).lean();
    const report = await run('participants', goodAndBad());
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 4 });
    expect(await db.models.participants.find().sort({ phone: 1 }).lean()).toEqual(before);
  });

  it('updates only what changed and keeps the language the participant chose', async () => {
    await db.models.participants.updateOne({ phone: '+6285722113344' }, { $set: { language: 'en' } });
    const path = join(directory, 'koreksi.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Peserta');
    sheet.addRow([
      'Name',
      'Phone',
      'District',
      'Village',
      'Cluster',
      'Stage',
      'Capital',
      'Capital date',
      'Catatan',
    ]);
    sheet.addRow([
      'Ujang Suryana',
      6285722113344,
      'Cihampelas',
      'Pataruman',
      'Agribusiness',
      'Scale Up',
      4_000_000,
      new Date(Date.UTC(2026, 7, 20)),
      'x',
    ]);
    await workbook.xlsx.writeFile(path);

    const report = await run('participants', path);
    expect(report).toMatchObject({
      rows: 1,
      created: 0,
      updated: 1,
      rejected: 0,
      ignoredColumns: ['Catatan'],
    });
    expect(await db.models.participants.findOne({ phone: '+6285722113344' }).lean()).toMatchObject({
      capitalGrant: { amount: 4_000_000, date: new Date('2026-08-20T00:00:00Z') },
      language: 'en',
    });
  });

  it('refuses a NIK that Excel stored as a number, and one already registered to someone else', async () => {
    const path = join(directory, 'nik.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Peserta');
    sheet.addRow(['nama', 'no_hp', 'nik', 'kecamatan', 'desa', 'klaster', 'tahap']);
    sheet.addRow(['Euis', '0812-7777-0001', 3217065502850000, 'Cililin', 'Batulayang', 'kriya', 'start up']);
    sheet.addRow([
      'Dadang',
      '0812-7777-0002',
      '3217065502850001',
      'Cililin',
      'Batulayang',
      'ritel',
      'start up',
    ]);
    await workbook.xlsx.writeFile(path);

    const report = await run('participants', path);
    expect(report.problems).toEqual([
      { row: 2, column: 'nik', reason: expect.stringContaining('format kolom sebagai Teks') },
      { row: 3, column: 'nik', reason: 'NIK ini sudah terdaftar untuk peserta lain' },
    ]);
    expect(report.created).toBe(0);
  });

  it('replaces a corrected NIK', async () => {
    const path = file(
      'nik-koreksi.csv',
      [
        'nama,no_hp,nik,kecamatan,desa,klaster,tahap',
        'Siti Aminah,0812-3456-7890,3217065502850002,Cililin,Batulayang,Kuliner,Start Up',
      ].join('\n'),
    );
    expect(await run('participants', path)).toMatchObject({ updated: 1, rejected: 0 });
    const siti = await db.models.participants.findOne({ phone: '+6281234567890' }).lean();
    expect(nikVault.reveal(siti?.nik?.encrypted ?? '')).toBe('3217065502850002');
    expect(siti?.nik?.hash).toBe(nikVault.lookupHash('3217065502850002'));
    expect(await run('participants', path)).toMatchObject({ unchanged: 1 });
  });

  it('reads semicolon CSV as exported by an Indonesian spreadsheet, with a byte-order mark', async () => {
    const path = file(
      'titik-koma.csv',
      '\uFEFF' +
        [
          'nama;no_hp;kecamatan;desa;klaster;tahap',
          'Neneng;0896-1234-5678;Batujajar;Galanggang;Kriya Tekstil/Fesyen;Inkubasi',
        ].join('\r\n'),
    );
    expect(await run('participants', path)).toMatchObject({ created: 1, rejected: 0 });
    expect(await db.models.participants.findOne({ phone: '+6289612345678' }).lean()).toMatchObject({
      cluster: 'kriya_fesyen',
      stage: 'inkubasi',
    });
  });
});

describe('importing Puskesos and their staff', () => {
  it('reads the desa a Puskesos also serves and its complaint deadlines, and reports bad ones by row and column', async () => {
    const units = file(
      'puskesos-sla.csv',
      [
        'nama,desa,kecamatan,desa_layanan,sla_tanggap_hari,sla_jawab_hari',
        'Puskesos Mekar,Mekarsari,Cipatat,"Cirawamekar, Ciptaharja",2,10',
        'Puskesos Salah,Rajamandala,Cipatat,,lima,3',
        'Puskesos Terbalik,Citatah,Cipatat,,6,4',
      ].join('\n'),
    );
    const report = await run('puskesos', units);
    expect(report).toMatchObject({ created: 1, rejected: 2 });
    expect(report.problems).toEqual([
      {
        row: 3,
        column: 'sla_tanggap_hari',
        reason: '"lima" bukan jumlah hari kerja 1 sampai 30 (contoh: 5)',
      },
      {
        row: 4,
        column: 'sla_jawab_hari',
        reason: 'batas menjawab tidak boleh lebih pendek dari batas menanggapi',
      },
    ]);
    expect(await db.models.puskesos.findOne({ name: 'Puskesos Mekar' }).lean()).toMatchObject({
      servedDesa: ['Cirawamekar', 'Ciptaharja'],
      sla: { acknowledgeWorkingDays: 2, answerWorkingDays: 10 },
    });
    // A later file without those columns keeps them.
    const again = file(
      'puskesos-again.csv',
      ['nama,desa,kecamatan', 'Puskesos Mekar,Mekarsari,Cipatat'].join('\n'),
    );
    expect(await run('puskesos', again)).toMatchObject({ unchanged: 1 });
    expect((await db.models.puskesos.findOne({ name: 'Puskesos Mekar' }).lean())?.sla).toEqual({
      acknowledgeWorkingDays: 2,
      answerWorkingDays: 10,
    });
  });

  it('links staff to their Puskesos and refuses an unknown unit', async () => {
    const units = file(
      'puskesos.csv',
      [
        'nama,desa,kecamatan,layanan',
        'Puskesos Lumpaat,Batulayang,Cililin,"PKH, RTLH, KIS, KIP, Adminduk"',
      ].join('\n'),
    );
    expect(await run('puskesos', units)).toMatchObject({ created: 1, rejected: 0 });
    const staff = file(
      'staff.csv',
      [
        'nama,no_hp,email,peran,puskesos',
        'Dedi Mulyadi,0812-5555-0001,dedi@example.id,Koordinator,Puskesos Lumpaat',
        'Yani,0812-5555-0002,,front office,Puskesos Lumpaat',
        'Tono,0812-5555-0003,,back office,Puskesos Entah',
        'Admin Dinsos,0812-5555-0004,admin@example.id,admin,',
        'Tanpa Unit,0812-5555-0005,,fasilitator,',
      ].join('\n'),
    );
    const report = await run('staff', staff);
    expect(report).toMatchObject({ created: 3, rejected: 2 });
    expect(report.problems).toEqual([
      {
        row: 4,
        column: 'puskesos',
        reason: 'Puskesos "Puskesos Entah" belum terdaftar; impor puskesos dulu',
      },
      { row: 6, column: 'puskesos', reason: 'wajib diisi untuk peran fasilitator' },
    ]);
    const unit = await db.models.puskesos.findOne({ name: 'Puskesos Lumpaat' }).lean();
    expect(unit?.services).toEqual(['PKH', 'RTLH', 'KIS', 'KIP', 'Adminduk']);
    expect(unit?.sla).toEqual({ acknowledgeWorkingDays: 1, answerWorkingDays: 5 });
    expect(await db.models.staff.findOne({ phone: '+6281255550001' }).lean()).toMatchObject({
      role: 'koordinator',
      puskesos: unit?._id,
    });
  });
});

describe('files that cannot be imported', () => {
  it.each([
    ['a missing file', () => join(directory, 'tidak-ada.csv'), /file tidak bisa dibaca/],
    ['another format', () => file('peserta.txt', 'nama'), /hanya file .csv atau .xlsx/],
    ['a corrupt workbook', () => file('rusak.xlsx', 'bukan excel'), /bukan file Excel/],
    ['an empty file', () => file('kosong.csv', '\n\n'), /file kosong/],
    [
      'missing required columns',
      () => file('kurang.csv', 'nama,no_hp\nSiti,0812-3456-7890'),
      /kolom wajib tidak ada: kecamatan, desa, klaster, tahap/,
    ],
  ])('refuses %s before touching any row', async (_case, path, message) => {
    const count = await db.models.participants.countDocuments();
    await expect(run('participants', path())).rejects.toThrow(UnreadableFileError);
    await expect(run('participants', path())).rejects.toThrow(message);
    expect(await db.models.participants.countDocuments()).toBe(count);
  });
});

describe('warnings about imported participants', () => {
  it('stores participants in a desa no Puskesos serves, or without a mentor, and warns about each', async () => {
    const units = file(
      'puskesos-warn.csv',
      ['nama,desa,kecamatan', 'Puskesos Sukajaya,Sukajaya,Lembang'].join('\n'),
    );
    expect(await run('puskesos', units)).toMatchObject({ rejected: 0 });
    const mentors = file(
      'mentors-warn.csv',
      ['nama,no_hp,jenis,kecamatan', 'Dadang,0813-7777-1111,MiBi,Lembang'].join('\n'),
    );
    expect(await run('mentors', mentors)).toMatchObject({ rejected: 0 });
    const participants = file(
      'peserta-warn.csv',
      [
        PARTICIPANT_HEADER,
        // Served by its desa's Puskesos, with a mentor: nothing to say.
        'Euis,0812-7000-0001,,Lembang,Sukajaya,kuliner,start up,,,,,,0813-7777-1111,,',
        // Served by a Puskesos of its kecamatan, but no mentor.
        'Iis,0812-7000-0002,,Lembang,Cibodas,ritel,start up,,,,,,,,',
        // Padalarang has no Puskesos, and no mentor is named.
        'Entin,0812-7000-0003,,Padalarang,Kertajaya,kuliner,start up,,,,,,,,',
      ].join('\n'),
    );
    const report = await run('participants', participants);
    expect(report).toMatchObject({ created: 3, rejected: 0 });
    expect(report.warnings).toEqual([
      { row: 3, column: 'hp_mibi', reason: expect.stringContaining('belum punya pendamping') },
      {
        row: 4,
        column: 'desa',
        reason:
          'belum ada Puskesos untuk desa Kertajaya (kecamatan Padalarang); pengaduannya disimpan dan menunggu admin Dinsos meneruskannya',
      },
      { row: 4, column: 'hp_mibi', reason: expect.stringContaining('belum punya pendamping') },
    ]);
    expect(formatReport(report)).toContain(
      'peringatan baris 4, kolom desa: belum ada Puskesos untuk desa Kertajaya',
    );
  });
});
