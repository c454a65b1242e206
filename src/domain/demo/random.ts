/**
 * A small seeded random source (sfc32 seeded through a string hash), so that demo data is the same
 * on every machine and every run. Never used for anything secret.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(list: readonly T[]): T;
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  shuffle<T>(list: readonly T[]): T[];
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Log-normal with the given median; `sigma` is the spread of its logarithm. */
  logNormal(median: number, sigma: number): number;
}

/**
 * A random source for one purpose: the labels (the demo seed, then for example `participant`, 12)
 * give each participant a stream of its own, so that one person's draws never shift another's.
 */
export function createRandom(...labels: (string | number)[]): Random {
  const [a, b, c, d] = hashLabels(labels.join('\u0000'));
  return randomFrom(sfc32(a, b, c, d));
}

function randomFrom(next: () => number): Random {
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick: (list) => at(list, Math.floor(next() * list.length)),
    weighted: (entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let threshold = next() * total;
      for (const [value, weight] of entries) {
        threshold -= weight;
        if (threshold < 0) return value;
      }
      return at(entries, entries.length - 1)[0];
    },
    shuffle: (list) => {
      const copy = [...list];
      for (let index = copy.length - 1; index > 0; index -= 1) {
        const other = Math.floor(next() * (index + 1));
        [copy[index], copy[other]] = [at(copy, other), at(copy, index)];
      }
      return copy;
    },
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * random.normal()),
  };
  return random;
}

/** The entry at `index`, which the caller knows is there. */
export function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new RangeError(`no entry ${index} in a list of ${list.length}`);
  return value;
}

/** cyrb128: four 32-bit words from a string, enough to seed sfc32 well. */
function hashLabels(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = h2 ^ Math.imul(h1 ^ code, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ code, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ code, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ code, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/**
 * Exactly the shares asked for (largest remainder), in random order: with 60 people and 5 % English
 * speakers there are always 3, whatever the seed.
 */
export function dealShares<T>(random: Random, total: number, shares: readonly (readonly [T, number])[]): T[] {
  const weightSum = shares.reduce((sum, [, weight]) => sum + weight, 0);
  const exact = shares.map(([value, weight]) => ({ value, exact: (total * weight) / weightSum }));
  const counts = exact.map((entry) => Math.floor(entry.exact));
  const byRemainder = exact
    .map((entry, index) => ({ index, remainder: entry.exact - Math.floor(entry.exact) }))
    .sort((x, y) => y.remainder - x.remainder || x.index - y.index);
  let missing = total - counts.reduce((sum, count) => sum + count, 0);
  for (const { index } of byRemainder) {
    if (missing === 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
    missing -= 1;
  }
  const dealt = exact.flatMap((entry, index) =>
    Array.from({ length: counts[index] ?? 0 }, () => entry.value),
  );
  return random.shuffle(dealt);
}
