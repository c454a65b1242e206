/**
 * The program's fixed vocabularies (DOMAIN.md): the four clusters, the three stages, the languages,
 * and the spellings people use for each in spreadsheets.
 */

export const CLUSTERS = ['kriya_fesyen', 'agribisnis', 'ritel', 'kuliner'] as const;
export type Cluster = (typeof CLUSTERS)[number];

export const CLUSTER_LABELS: Record<Cluster, string> = {
  kriya_fesyen: 'Kriya Tekstil/Fesyen',
  agribisnis: 'Agribisnis',
  ritel: 'Ritel',
  kuliner: 'Kuliner',
};

export const STAGES = ['start_up', 'scale_up', 'inkubasi'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  start_up: 'Start Up',
  scale_up: 'Scale Up',
  inkubasi: 'Inkubasi',
};

import type { Language } from '../i18n/language';

export { LANGUAGES, STAFF_LANGUAGES, type Language, type StaffLanguage } from '../i18n/language';

export const MENTOR_TYPES = ['MiBi', 'TKSK'] as const;
export type MentorType = (typeof MENTOR_TYPES)[number];

export const STAFF_ROLES = ['koordinator', 'front_office', 'back_office', 'fasilitator', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PUSKESOS_SERVICES = ['PKH', 'RTLH', 'KIS', 'KIP', 'Adminduk', 'Jamkesda', 'PPKS'] as const;
export type PuskesosService = (typeof PUSKESOS_SERVICES)[number];

export const PARTICIPANT_STATUSES = ['active', 'graduated', 'withdrawn'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** Lower-case, without punctuation or spaces: `Kriya Tekstil / Fesyen` → `kriyatekstilfesyen`. */
const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function aliasTable<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  const table = new Map<string, T>();
  for (const [value, aliases] of Object.entries(entries) as [T, string[]][]) {
    for (const alias of [value, ...aliases]) table.set(squash(alias), value);
  }
  return table;
}

const CLUSTER_ALIASES = aliasTable<Cluster>({
  kriya_fesyen: [
    'kriya',
    'fesyen',
    'fashion',
    'kriya tekstil',
    'kriya tekstil/fesyen',
    'kriya tekstil fesyen',
    'kriya fesyen',
    'kriya/fesyen',
    'tekstil',
    'textile',
    'craft',
    'textile craft',
    'kerajinan',
    'konveksi',
  ],
  agribisnis: ['agribisnis', 'agrobisnis', 'agribusiness', 'agri', 'pertanian', 'peternakan', 'agriculture'],
  ritel: ['retail', 'ritel', 'warung', 'toko', 'dagang', 'perdagangan', 'trade'],
  kuliner: ['kuliner', 'culinary', 'food', 'makanan', 'makanan dan minuman', 'mamin'],
});

const STAGE_ALIASES = aliasTable<Stage>({
  start_up: ['start up', 'startup', 'start-up', 'rintisan', 'pemula'],
  scale_up: ['scale up', 'scaleup', 'scale-up', 'berkembang'],
  inkubasi: ['inkubasi', 'incubation', 'incubate', 'inkubator', 'maju'],
});

const LANGUAGE_ALIASES = aliasTable<Language>({
  id: ['indonesia', 'bahasa indonesia', 'indonesian', 'ind', 'bahasa'],
  en: ['english', 'inggris', 'bahasa inggris', 'eng'],
  su: ['sunda', 'sundanese', 'basa sunda', 'bahasa sunda', 'sun'],
});

const MENTOR_TYPE_ALIASES = aliasTable<MentorType>({
  MiBi: ['mibi', 'mentor inkubasi bisnis', 'mentor bisnis', 'mentor'],
  TKSK: ['tksk', 'tenaga kesejahteraan sosial kecamatan'],
});

const STAFF_ROLE_ALIASES = aliasTable<StaffRole>({
  koordinator: ['koordinator', 'coordinator', 'kepala'],
  front_office: ['front office', 'frontoffice', 'fo', 'resepsionis'],
  back_office: ['back office', 'backoffice', 'bo'],
  fasilitator: ['fasilitator', 'facilitator', 'pendamping lapangan'],
  admin: ['admin', 'administrator', 'dinsos', 'admin dinsos'],
});

const SERVICE_ALIASES = aliasTable<PuskesosService>({
  PKH: ['pkh', 'program keluarga harapan'],
  RTLH: ['rtlh', 'rumah tidak layak huni', 'bedah rumah'],
  KIS: ['kis', 'program indonesia sehat', 'pis', 'bpjs', 'kartu indonesia sehat'],
  KIP: ['kip', 'program indonesia pintar', 'pip', 'kartu indonesia pintar'],
  Adminduk: ['adminduk', 'administrasi kependudukan', 'ktp', 'kk', 'akta'],
  Jamkesda: ['jamkesda'],
  PPKS: ['ppks', 'other ppks', 'ppks lainnya', 'lainnya', 'other'],
});

const lookup =
  <T>(table: Map<string, T>) =>
  (text: string): T | undefined =>
    table.get(squash(text));

/** Indonesia's three time zones: WIB (Java, Sumatra), WITA (Bali, Nusa Tenggara, Sulawesi), WIT (Maluku, Papua). */
export const INDONESIAN_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type IndonesianTimeZone = (typeof INDONESIAN_TIME_ZONES)[number];

const TIME_ZONE_ALIASES = aliasTable<IndonesianTimeZone>({
  'Asia/Jakarta': ['wib', 'asia/jakarta', 'jakarta', 'waktu indonesia barat'],
  'Asia/Makassar': ['wita', 'asia/makassar', 'makassar', 'waktu indonesia tengah'],
  'Asia/Jayapura': ['wit', 'asia/jayapura', 'jayapura', 'waktu indonesia timur'],
});

export const parseTimeZone = lookup(TIME_ZONE_ALIASES);
export const parseCluster = lookup(CLUSTER_ALIASES);
export const parseStage = lookup(STAGE_ALIASES);
export const parseLanguage = lookup(LANGUAGE_ALIASES);
export const parseMentorType = lookup(MENTOR_TYPE_ALIASES);
export const parseStaffRole = lookup(STAFF_ROLE_ALIASES);
export const parsePuskesosService = lookup(SERVICE_ALIASES);
