/**
 * Seeded randomness, so that a draw can be repeated exactly: mulberry32 (a small, well-known 32-bit
 * generator), an unbiased whole number below m, Fisher-Yates, and a 32-bit string hash (FNV-1a with
 * MurmurHash3's finaliser) to derive seeds.
 */

/** The largest seed: seeds are whole numbers from 0 to 2³² − 1. */
export const maxSeed = 0xffffffff;

/** FNV-1a over the UTF-16 code units, then mixed so that similar strings give unrelated values. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a stream of 32-bit unsigned whole numbers from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A whole number from 0 to m − 1, each equally likely (draws in the uneven top of the range are redrawn). */
export function randomBelow(next: () => number, m: number): number {
  const limit = 0x100000000 - (0x100000000 % m);
  for (;;) {
    const x = next();
    if (x < limit) return x % m;
  }
}

/** Fisher-Yates, in place. */
export function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomBelow(next, i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The default seed: a hash of the sorted references, so the same population always draws the same sample. */
export function populationSeed(sortedRefs: readonly string[]): number {
  return hash32(sortedRefs.join('\n'));
}
