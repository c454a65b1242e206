/**
 * Canonical column names of each import and the other headings accepted for them (English, and the
 * spellings offices use). Headings are compared lower-case with spaces and dashes as underscores.
 */
export interface ColumnSpec {
  aliases: string[];
  required: boolean;
}

export type ColumnSet<K extends string> = Record<K, ColumnSpec>;

export const participantColumns = {
  nama: { aliases: ['name', 'nama_lengkap', 'nama_kpm', 'full_name'], required: true },
  no_hp: {
    aliases: ['phone', 'hp', 'no_telp', 'nomor_hp', 'no_wa', 'whatsapp', 'phone_number'],
    required: true,
  },
  nik: { aliases: ['no_nik', 'national_id'], required: false },
  kecamatan: { aliases: ['district', 'subdistrict'], required: true },
  desa: { aliases: ['village', 'kelurahan', 'desa_kelurahan'], required: true },
  klaster: { aliases: ['cluster', 'kluster'], required: true },
  tahap: { aliases: ['stage', 'kategori', 'category'], required: true },
  nama_usaha: { aliases: ['business_name', 'usaha'], required: false },
  deskripsi_usaha: { aliases: ['business_description', 'jenis_usaha', 'keterangan_usaha'], required: false },
  modal_usaha: { aliases: ['capital', 'capital_grant', 'modal', 'bantuan_modal'], required: false },
  tanggal_modal: { aliases: ['capital_date', 'grant_date', 'tgl_modal'], required: false },
  mulai_pendampingan: {
    aliases: ['mentoring_start', 'tgl_mulai_pendampingan', 'start_mentoring'],
    required: false,
  },
  hp_mibi: { aliases: ['mibi_phone', 'no_hp_mibi', 'mibi'], required: false },
  hp_tksk: { aliases: ['tksk_phone', 'no_hp_tksk', 'tksk'], required: false },
  bahasa: { aliases: ['language', 'lang'], required: false },
  zona_waktu: { aliases: ['time_zone', 'timezone', 'zona'], required: false },
} satisfies ColumnSet<string>;

export const mentorColumns = {
  nama: { aliases: ['name', 'nama_lengkap'], required: true },
  no_hp: { aliases: ['phone', 'hp', 'no_telp', 'nomor_hp', 'no_wa', 'phone_number'], required: true },
  jenis: { aliases: ['type', 'tipe', 'jenis_pendamping', 'mentor_type'], required: true },
  kecamatan: { aliases: ['district', 'kecamatan_binaan', 'districts'], required: true },
} satisfies ColumnSet<string>;

export const staffColumns = {
  nama: { aliases: ['name', 'nama_lengkap'], required: true },
  no_hp: { aliases: ['phone', 'hp', 'no_telp', 'nomor_hp', 'no_wa', 'phone_number'], required: true },
  email: { aliases: ['surel', 'e_mail'], required: false },
  peran: { aliases: ['role', 'jabatan', 'tugas'], required: true },
  puskesos: { aliases: ['unit', 'puskesos_unit', 'nama_puskesos'], required: false },
} satisfies ColumnSet<string>;

export const puskesosColumns = {
  nama: { aliases: ['name', 'nama_puskesos'], required: true },
  desa: { aliases: ['village', 'kelurahan'], required: true },
  kecamatan: { aliases: ['district'], required: true },
  layanan: { aliases: ['services', 'layanan_tersedia'], required: false },
  desa_layanan: { aliases: ['served_desa', 'desa_dilayani'], required: false },
  sla_tanggap_hari: { aliases: ['sla_acknowledge_days'], required: false },
  sla_jawab_hari: { aliases: ['sla_answer_days'], required: false },
} satisfies ColumnSet<string>;

export const normalizeHeading = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[\s.-]+/g, '_')
    .replace(/[^a-z0-9_]/g, '');

export interface HeadingMatch<K extends string> {
  /** Canonical column → heading as written in the file, for error messages. */
  found: Map<K, string>;
  missing: K[];
  ignored: string[];
}

export function matchHeadings<K extends string>(columns: ColumnSet<K>, headings: string[]): HeadingMatch<K> {
  const byHeading = new Map<string, K>();
  for (const [column, spec] of Object.entries(columns) as [K, ColumnSpec][]) {
    for (const name of [column, ...spec.aliases]) byHeading.set(normalizeHeading(name), column);
  }
  const found = new Map<K, string>();
  const ignored: string[] = [];
  for (const heading of headings) {
    const column = byHeading.get(normalizeHeading(heading));
    if (column && !found.has(column)) found.set(column, heading);
    else if (heading.trim() !== '') ignored.push(heading);
  }
  const missing = (Object.entries(columns) as [K, ColumnSpec][])
    .filter(([column, spec]) => spec.required && !found.has(column))
    .map(([column]) => column);
  return { found, missing, ignored };
}
