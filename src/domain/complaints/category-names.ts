/**
 * What staff read for a complaint's category (the option ids of the complaint flows): names, not
 * the codes stored. A category these do not know (an older flow's) is shown as stored.
 */
const CATEGORY_NAMES: Record<string, { id: string; en: string }> = {
  pkh: { id: 'PKH', en: 'PKH' },
  prokus: { id: 'ProKUS', en: 'ProKUS' },
  kis: { id: 'KIS / BPJS', en: 'KIS / BPJS' },
  kip: { id: 'KIP', en: 'KIP' },
  rtlh: { id: 'RTLH (rumah tidak layak huni)', en: 'RTLH (unfit housing)' },
  adminduk: { id: 'Adminduk (KTP, KK, akta)', en: 'Adminduk (ID card, family card, certificates)' },
  jamkesda: { id: 'Jamkesda', en: 'Jamkesda' },
  ppks: { id: 'Layanan sosial lain', en: 'Other social services' },
  other: { id: 'Lainnya', en: 'Other' },
};

export function categoryName(category: string, language: 'id' | 'en' = 'id'): string {
  return CATEGORY_NAMES[category]?.[language] ?? category;
}

/** The known category ids, for checking them against the flows. */
export const KNOWN_CATEGORIES: readonly string[] = Object.keys(CATEGORY_NAMES);
