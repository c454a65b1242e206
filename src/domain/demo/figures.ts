import type { Cluster, Stage } from '../program';
import type { Random } from './random';

/** One week of trade as a participant would report it, in whole Rupiah. */
export interface WeekTrade {
  sales: number;
  spending: number;
  /** An agribisnis week when the crop or the animals were sold. */
  harvest: boolean;
}

/** Bigger, older businesses sell more: a rough factor on the cluster's median. */
export const STAGE_SCALE: Record<Stage, number> = { start_up: 0.8, scale_up: 1.1, inkubasi: 1.4 };

/**
 * Weekly sales and spending per cluster, after DOMAIN.md: log-normal sales, kuliner around
 * Rp1,2 juta, ritel around Rp2 juta at a 10-20 % margin, kriya/fesyen with many weeks without a sale,
 * agribisnis small most weeks and Rp2-10 juta in a harvest week. `scale` sets the participant's size.
 */
export function tradeOfWeek(cluster: Cluster, scale: number, random: Random): WeekTrade {
  switch (cluster) {
    case 'kuliner': {
      const sales = within(random.logNormal(1_200_000 * scale, 0.35), 300_000, 4_000_000, random);
      return { sales, spending: sales * random.between(0.45, 0.65), harvest: false };
    }
    case 'ritel': {
      const sales = within(random.logNormal(2_000_000 * scale, 0.3), 500_000, 6_000_000, random);
      return { sales, spending: sales * (1 - random.between(0.1, 0.2)), harvest: false };
    }
    case 'kriya_fesyen': {
      // A tailor or weaver often sells nothing for a week, yet may still buy cloth or bamboo.
      if (random.chance(0.35)) {
        return {
          sales: 0,
          spending: random.chance(0.3) ? random.between(100_000, 400_000) : 0,
          harvest: false,
        };
      }
      const sales = within(random.logNormal(700_000 * scale, 0.5), 50_000, 2_000_000, random);
      return { sales, spending: sales * random.between(0.25, 0.5), harvest: false };
    }
    case 'agribisnis': {
      if (random.chance(0.07)) {
        const sales = Math.exp(random.between(Math.log(2_000_000), Math.log(10_000_000)));
        return { sales, spending: sales * random.between(0.05, 0.2), harvest: true };
      }
      const ordinary = within(random.logNormal(120_000 * scale, 0.5), 20_000, 300_000, random);
      const sales = random.chance(0.2) ? 0 : ordinary;
      // Feed, seed and fertiliser are bought most weeks, harvest or not.
      return { sales, spending: random.chance(0.7) ? random.between(20_000, 150_000) : 0, harvest: false };
    }
  }
}

/**
 * How people write what they sold: round thousands for small sums, `1,2jt` for big ones; those who
 * keep a ledger (`precise`) report to the last Rp500.
 */
export function asReported(amount: number, precise: boolean): number {
  if (amount <= 0) return 0;
  if (precise) return roundTo(amount, 500);
  if (amount < 100_000) return roundTo(amount, 1_000);
  if (amount < 1_000_000) return roundTo(amount, 5_000);
  if (amount < 5_000_000) return roundTo(amount, 25_000);
  return roundTo(amount, 100_000);
}

/** Saving Rp5-20 rb a day, as a ProKUS family is coached to; a day's coin box is a whole thousand. */
export const DAILY_SAVINGS: readonly (readonly [number, number])[] = [
  [5_000, 30],
  [10_000, 35],
  [15_000, 15],
  [20_000, 20],
];

export function depositOfWeek(dailySaving: number, trade: WeekTrade, random: Random): number {
  const skipped = random.chance(0.1);
  const days = random.int(4, 7);
  // A harvest is when a farming family puts something big aside.
  const harvestShare = random.between(0.05, 0.15);
  if (skipped) return 0;
  const fromHarvest = trade.harvest ? roundTo(trade.sales * harvestShare, 50_000) : 0;
  return dailySaving * days + fromHarvest;
}

export const roundTo = (amount: number, step: number) => Math.round(amount / step) * step;
/** Keeps a draw inside the range DOMAIN.md gives, without piling weeks up on its edges. */
function within(value: number, min: number, max: number, random: Random): number {
  const spread = random.between(0, 0.25);
  if (value < min) return min * (1 + spread);
  if (value > max) return max * (1 - spread);
  return value;
}
