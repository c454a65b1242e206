/**
 * Real places of Kabupaten Bandung Barat (Kemendagri code 32.17). District codes are the
 * Kemendagri kecamatan codes that a NIK of someone registered there starts with (`3217` + code).
 */

export const PROVINCE_CODE = '32';
export const REGENCY_CODE = '17';

export interface Kecamatan {
  name: string;
  /** The third and fourth digits pair of a NIK issued there. */
  districtCode: string;
  /** Every desa of the kecamatan. */
  desa: readonly string[];
}

export const KECAMATAN = {
  Cililin: {
    name: 'Cililin',
    districtCode: '11',
    desa: [
      'Batulayang',
      'Bongas',
      'Budiharja',
      'Cililin',
      'Karanganyar',
      'Karangtanjung',
      'Karyamukti',
      'Kidangpananjung',
      'Mukapayung',
      'Nanggerang',
      'Rancapanggung',
    ],
  },
  Cihampelas: {
    name: 'Cihampelas',
    districtCode: '10',
    desa: [
      'Cihampelas',
      'Cipatik',
      'Citapen',
      'Mekarjaya',
      'Mekarmukti',
      'Pataruman',
      'Singajaya',
      'Situwangi',
      'Tanjungjaya',
      'Tanjungwangi',
    ],
  },
  Batujajar: {
    name: 'Batujajar',
    districtCode: '09',
    desa: [
      'Batujajar Barat',
      'Batujajar Timur',
      'Cangkorah',
      'Galanggang',
      'Giriasih',
      'Pangauban',
      'Selacau',
    ],
  },
  Ngamprah: {
    name: 'Ngamprah',
    districtCode: '06',
    desa: [
      'Bojongkoneng',
      'Cilame',
      'Cimanggu',
      'Cimareme',
      'Gadobangkong',
      'Margajaya',
      'Mekarsari',
      'Ngamprah',
      'Pakuhaji',
      'Sukatani',
      'Tanimulya',
    ],
  },
} as const satisfies Record<string, Kecamatan>;

export type KecamatanName = keyof typeof KECAMATAN;
