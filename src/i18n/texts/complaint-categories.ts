import type { CatalogText } from '../catalog';

/**
 * What staff, officers and complainants call each complaint category the complaint flows store
 * (flows/complaint.yaml and flows/resident-complaint.yaml), by its stored code.
 */
export const complaintCategoryTexts = {
  pkh: { id: 'PKH (bantuan tunai)', en: 'PKH (cash aid)', su: 'PKH (bantosan tunai)' },
  prokus: { id: 'ProKUS (modal usaha)', en: 'ProKUS (business capital)', su: 'ProKUS (modal usaha)' },
  kis: { id: 'KIS / BPJS (kesehatan)', en: 'KIS / BPJS (health)', su: 'KIS / BPJS (kaséhatan)' },
  kip: { id: 'KIP (sekolah)', en: 'KIP (school)', su: 'KIP (sakola)' },
  rtlh: {
    id: 'RTLH (rumah tidak layak huni)',
    en: 'RTLH (house renovation)',
    su: 'RTLH (bumi teu layak huni)',
  },
  adminduk: {
    id: 'Adminduk (KTP, KK, akta)',
    en: 'Adminduk (ID and family cards)',
    su: 'Adminduk (KTP, KK, akta)',
  },
  jamkesda: { id: 'Jamkesda', en: 'Jamkesda', su: 'Jamkesda' },
  ppks: { id: 'Layanan sosial lain', en: 'Other social services', su: 'Layanan sosial sanés' },
  other: { id: 'Lainnya', en: 'Other', su: 'Sanésna' },
} as const satisfies Record<string, CatalogText>;
