/** A Puskesos as far as routing needs it. */
export interface PuskesosPlace {
  name: string;
  desa: string;
  kecamatan: string;
  servedDesa?: string[] | null | undefined;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The Puskesos a complaint from this place goes to: the one in the desa or serving it, else (when the
 * kecamatan is known) the first by name in the kecamatan. None: the complaint waits for the Dinsos.
 */
export function servingPuskesos<T extends PuskesosPlace>(
  units: readonly T[],
  place: { desa: string; kecamatan?: string | undefined },
): T | undefined {
  const byDesa = units.find(
    (unit) => same(unit.desa, place.desa) || (unit.servedDesa ?? []).some((desa) => same(desa, place.desa)),
  );
  if (byDesa || !place.kecamatan) return byDesa;
  const { kecamatan } = place;
  return units
    .filter((unit) => same(unit.kecamatan, kecamatan))
    .sort((a, b) => a.name.localeCompare(b.name))
    .at(0);
}
