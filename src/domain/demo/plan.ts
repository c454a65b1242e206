import type { Cluster, Language, PuskesosService, Stage, StaffRole } from '../program';
import { PUSKESOS_SERVICES } from '../program';
import type { KecamatanName } from './places';

/**
 * The shape of the demo program: one cohort per kecamatan, about 18 families each (DOMAIN.md),
 * trained and funded a few days apart, each group of kecamatan mentored by one MiBi.
 */
export interface CohortPlan {
  kecamatan: KecamatanName;
  participants: number;
  /** The desa whose families joined; every one gets at least one participant. */
  desa: readonly string[];
  /** Which MiBi (index into MIBI_COUNT) mentors this cohort. */
  mibi: number;
  /** Days after the Monday of the week before the first reported week when the capital was paid. */
  grantDayOffset: number;
}

export const COHORTS: readonly CohortPlan[] = [
  {
    kecamatan: 'Cililin',
    participants: 20,
    desa: ['Batulayang', 'Cililin', 'Karanganyar', 'Kidangpananjung', 'Rancapanggung'],
    mibi: 0,
    grantDayOffset: 1,
  },
  {
    kecamatan: 'Cihampelas',
    participants: 20,
    desa: ['Cihampelas', 'Pataruman', 'Citapen', 'Situwangi', 'Tanjungjaya'],
    mibi: 1,
    grantDayOffset: 2,
  },
  {
    kecamatan: 'Batujajar',
    participants: 10,
    desa: ['Batujajar Barat', 'Batujajar Timur', 'Galanggang', 'Pangauban'],
    mibi: 2,
    grantDayOffset: 3,
  },
  {
    kecamatan: 'Ngamprah',
    participants: 10,
    desa: ['Cilame', 'Cimareme', 'Gadobangkong', 'Pakuhaji'],
    mibi: 2,
    grantDayOffset: 3,
  },
];

export const MIBI_COUNT = 3;

/** Rp3,5 juta per family, as in Bandung Barat in 2020. */
export const CAPITAL_GRANT = 3_500_000;
export const MENTORING_MONTHS = 3;
export const REPORTED_WEEKS = 8;

export const CLUSTER_SHARES: readonly (readonly [Cluster, number])[] = [
  ['kuliner', 35],
  ['ritel', 25],
  ['agribisnis', 25],
  ['kriya_fesyen', 15],
];

export const STAGE_SHARES: readonly (readonly [Stage, number])[] = [
  ['start_up', 45],
  ['scale_up', 40],
  ['inkubasi', 15],
];

export const LANGUAGE_SHARES: readonly (readonly [Language, number])[] = [
  ['id', 80],
  ['su', 15],
  ['en', 5],
];

/** How people keep up their weekly report: most do, some stop (a digest must have someone to chase). */
export type Engagement = 'steady' | 'stopped' | 'never';
export const ENGAGEMENT_SHARES: readonly (readonly [Engagement, number])[] = [
  ['steady', 52],
  ['stopped', 6],
  ['never', 2],
];

/** Share of participants whose NIK is on file; the others have not shown their KTP yet. */
export const NIK_ON_FILE = 0.9;

export interface PuskesosPlan {
  name: string;
  kecamatan: KecamatanName;
  desa: string;
  servedDesa: readonly string[];
  services: readonly PuskesosService[];
}

/** Puskesos Lumpaat (Batulayang, Cililin) and Puskesos Desa Cihampelas, both named in the article. */
export const PUSKESOS: readonly PuskesosPlan[] = [
  {
    name: 'Puskesos Lumpaat',
    kecamatan: 'Cililin',
    desa: 'Batulayang',
    servedDesa: ['Cililin', 'Karanganyar', 'Kidangpananjung', 'Rancapanggung'],
    services: PUSKESOS_SERVICES,
  },
  {
    name: 'Puskesos Desa Cihampelas',
    kecamatan: 'Cihampelas',
    desa: 'Cihampelas',
    servedDesa: ['Citapen', 'Situwangi', 'Tanjungjaya'],
    services: PUSKESOS_SERVICES,
  },
];

export const PUSKESOS_ROLES: readonly StaffRole[] = [
  'koordinator',
  'front_office',
  'back_office',
  'fasilitator',
];

export const CONSENT_PURPOSE = 'pendampingan ProKUS: laporan mingguan omzet dan tabungan';
