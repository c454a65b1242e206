import { placeName } from '../imports/participant-row';

/** Each known kecamatan with its desa, names as the importer writes them (title case). */
export type KnownPlaces = ReadonlyMap<string, ReadonlySet<string>>;

interface PuskesosPlaces {
  kecamatan: string;
  desa: string;
  servedDesa?: readonly string[] | null | undefined;
}

/**
 * The places the programme knows: where each Puskesos sits and the desa it serves, and where
 * participants already live. A form offers these rather than free text, so `Batu Layang` and
 * `Batulayang` do not become two desa that no Puskesos serves.
 */
export function knownPlacesOf(
  puskesos: readonly PuskesosPlaces[],
  participants: readonly { kecamatan: string; desa: string }[],
): KnownPlaces {
  const known = new Map<string, Set<string>>();
  const add = (kecamatan: string, desa: string) => {
    const name = placeName(kecamatan);
    const desas = known.get(name) ?? new Set<string>();
    desas.add(placeName(desa));
    known.set(name, desas);
  };
  for (const office of puskesos) {
    add(office.kecamatan, office.desa);
    for (const desa of office.servedDesa ?? []) add(office.kecamatan, desa);
  }
  for (const place of participants) add(place.kecamatan, place.desa);
  return new Map([...known].sort(([a], [b]) => a.localeCompare(b, 'id')));
}

/** The desa of a kecamatan, sorted, for a list to choose from. */
export const desaOf = (known: KnownPlaces, kecamatan: string): string[] =>
  [...(known.get(placeName(kecamatan)) ?? [])].sort((a, b) => a.localeCompare(b, 'id'));

/**
 * Checks a kecamatan and desa (already title-cased) against the known list. A new desa of a known
 * kecamatan is accepted only when the admin says it is new (`newDesa`); a new kecamatan never is,
 * as it means a Puskesos or a mentor to arrange first.
 */
export function checkPlace(
  known: KnownPlaces,
  kecamatan: string,
  desa: string,
  newDesa: boolean,
): { ok: true } | { ok: false; field: 'kecamatan' | 'desa'; reason: string } {
  const desas = known.get(kecamatan);
  if (!desas) {
    const names = [...known.keys()];
    return {
      ok: false,
      field: 'kecamatan',
      reason: `"${kecamatan}" belum dikenal; pilih dari daftar${names.length > 0 ? ` (contoh: ${names.slice(0, 3).join(', ')})` : ''}, atau daftarkan Puskesos-nya lewat impor dulu`,
    };
  }
  if (!desas.has(desa) && !newDesa) {
    const names = desaOf(known, kecamatan);
    return {
      ok: false,
      field: 'desa',
      reason: `"${desa}" belum dikenal di Kecamatan ${kecamatan}; pilih dari daftar (contoh: ${names.slice(0, 3).join(', ')}) atau centang "desa baru" bila memang desa baru`,
    };
  }
  return { ok: true };
}
