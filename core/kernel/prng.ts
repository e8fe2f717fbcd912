// Seeded PRNG (mulberry32). The only source of randomness in the simulation: same seed,
// same machine, same run.
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform 32-bit unsigned integer. */
  nextU32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return this.nextU32() % n;
  }
}

/** A deterministic 32-bit hash of a few integers (FNV-1a over their bytes). */
export function hash32(...xs: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    let v = Math.floor(Math.abs(x));
    for (let i = 0; i < 7; i++) {
      h ^= v & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
      v = Math.floor(v / 256);
    }
  }
  return h >>> 0;
}
