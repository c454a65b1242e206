import type { Types } from 'mongoose';
import type { Models } from '../../src/db/models';
import { CLUSTERS, STAGES } from '../../src/domain/program';
import { keyPhoneIdentities } from '../../src/db/identities';

/** One benchmark participant: who they are and the sales figure they will report. */
export interface BenchParticipant {
  index: number;
  /** E.164, as stored and as the simulator's `from`. */
  phone: string;
  /** The sales amount as this person types it. */
  salesText: string;
  /** What that spelling means, written down here rather than asked of the parser under test. */
  salesRupiah: number;
  /** Savings balance before this week's report: 0 on an empty database, the history's on a filled one. */
  savingsBefore: number;
}

/** Kecamatan and desa of Kabupaten Bandung Barat, so that records look like the real program's. */
export const PLACES = [
  { kecamatan: 'Cililin', desa: 'Batulayang' },
  { kecamatan: 'Cihampelas', desa: 'Cihampelas' },
  { kecamatan: 'Batujajar', desa: 'Galanggang' },
  { kecamatan: 'Ngamprah', desa: 'Cimareme' },
] as const;

/** Everyday spellings of a week's sales, with the rupiah each one means. */
const FIXED_SPELLINGS: readonly (readonly [string, number])[] = [
  ['1,5jt', 1_500_000],
  ['750rb', 750_000],
  ['Rp 2.000.000', 2_000_000],
  ['goceng', 5_000],
  ['Rp 1.500.000,-', 1_500_000],
  ['seratus lima puluh ribu', 150_000],
  ['1.500', 1_500],
  ['2 juta', 2_000_000],
  ['300 ribu', 300_000],
  ['1jt 250rb', 1_250_000],
  ['goban', 50_000],
  ['850000', 850_000],
  ['setengah juta', 500_000],
  ['1 500 000', 1_500_000],
  ['Rp1.250.000', 1_250_000],
  ['dua juta lima ratus ribu', 2_500_000],
];

/**
 * Half of the participants type a fixed spelling; the other half an amount of their own (so that a
 * report stored under the wrong participant shows), alternately as `NNNrb` and `Rp N.NNN.NNN`.
 */
export function salesOf(index: number): { text: string; rupiah: number } {
  if (index % 2 === 0) {
    const [text, rupiah] = FIXED_SPELLINGS[(index / 2) % FIXED_SPELLINGS.length] ?? ['0', 0];
    return { text, rupiah };
  }
  const thousands = 100 + (index % 4_900);
  const rupiah = thousands * 1_000;
  return index % 4 === 1
    ? { text: `${thousands}rb`, rupiah }
    : { text: `Rp ${groupThousands(rupiah)}`, rupiah };
}

/** `1250000` → `1.250.000`, as Indonesians write amounts. */
export function groupThousands(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** `+62812` and eight digits from the index: a valid Telkomsel number, unique per participant. */
export const phoneOf = (index: number) => `+62812${String(index).padStart(8, '0')}`;

export function benchParticipants(count: number): BenchParticipant[] {
  return Array.from({ length: count }, (_, index) => {
    const sales = salesOf(index);
    return {
      index,
      phone: phoneOf(index),
      salesText: sales.text,
      salesRupiah: sales.rupiah,
      savingsBefore: 0,
    };
  });
}

/**
 * Registers everyone at once with consent already given, so that each conversation goes straight to
 * the menu; returns each phone's participant id.
 */
export async function seedParticipants(
  models: Models,
  participants: BenchParticipant[],
  now: Date,
): Promise<Map<string, Types.ObjectId>> {
  const ids = new Map<string, Types.ObjectId>();
  const batchSize = 500;
  for (let start = 0; start < participants.length; start += batchSize) {
    const batch = participants.slice(start, start + batchSize).map((participant) => {
      const place = PLACES[participant.index % PLACES.length] ?? PLACES[0];
      return {
        name: `Peserta Uji ${participant.index + 1}`,
        phone: participant.phone,
        kecamatan: place.kecamatan,
        desa: place.desa,
        cluster: CLUSTERS[participant.index % CLUSTERS.length],
        stage: STAGES[participant.index % STAGES.length],
        language: 'id' as const,
        consent: { purpose: 'benchmark', givenAt: now, channel: 'simulator' },
      };
    });
    const inserted = await models.participants.insertMany(batch, { ordered: true });
    for (const document of inserted) ids.set(document.phone, document._id);
    // As an import stores people: their phones' identity keys point at them.
    await keyPhoneIdentities(
      models,
      inserted.map((document) => ({ kind: 'participant', id: String(document._id), phone: document.phone })),
    );
  }
  return ids;
}
