/**
 * Seeded randomness: one small, documented generator so that the same seed gives the same
 * numbers, bit for bit, on every machine.
 *
 * Core generator: xoshiro128** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", 2018; reference C code at https://prng.di.unimi.it/xoshiro128starstar.c).
 * 128 bits of state s[0..3], period 2^128 − 1, passes BigCrush and PractRand; all arithmetic
 * is 32-bit (`Math.imul`, shifts), which V8 runs on untagged integers. One step, as in the C:
 *
 *     result = rotl(s[1] * 5, 7) * 9
 *     t = s[1] << 9
 *     s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11)
 *
 * Seeding: the integer seed is read as an unsigned 64-bit number (negative seeds wrap, two's
 * complement, as `torch.manual_seed` does) and fed to SplitMix64 (Vigna,
 * https://prng.di.unimi.it/splitmix64.c), the seeding the xoshiro authors recommend:
 *
 *     x += 0x9e3779b97f4a7c15; z = x
 *     z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
 *     z = (z ^ (z >> 27)) * 0x94d049bb133111eb
 *     return z ^ (z >> 31)
 *
 * Two outputs z1, z2 fill the state as s = [low32(z1), high32(z1), low32(z2), high32(z2)].
 * SplitMix64's output is a bijection of its counter, so two consecutive outputs are never both
 * zero and the forbidden all-zero xoshiro state cannot arise.
 *
 * @module
 */
import { describeValue } from "./describe.js";

/** PyTorch's accepted seed range: [-2^63, 2^64). */
const MIN_SEED = -(2 ** 63);
const MAX_SEED_EXCLUSIVE = 2 ** 64;
const TWO_POW_32 = 2 ** 32;
const TWO_POW_53 = 2 ** 53;

/** Default seed of `new Generator()` and of `defaultGenerator`, so unseeded runs still repeat. */
const DEFAULT_SEED = 0;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Two SplitMix64 outputs from `seed`, split into the four 32-bit words of a xoshiro128 state. */
function seedState(seed: bigint): [number, number, number, number] {
  const mask = (1n << 64n) - 1n;
  let x = BigInt.asUintN(64, seed);
  const next = (): bigint => {
    x = (x + 0x9e3779b97f4a7c15n) & mask;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    return z ^ (z >> 31n);
  };
  const z1 = next();
  const z2 = next();
  const low = (z: bigint): number => Number(z & 0xffffffffn) | 0;
  const high = (z: bigint): number => Number(z >> 32n) | 0;
  return [low(z1), high(z1), low(z2), high(z2)];
}

function checkSeed(op: string, seed: number): void {
  if (!Number.isInteger(seed) || seed < MIN_SEED || seed >= MAX_SEED_EXCLUSIVE) {
    throw new Error(`${op}: seed must be an integer in [-2^63, 2^64), got ${describeValue(seed)}`);
  }
}

function checkFinite(op: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${op}: ${name} must be a finite number, got ${describeValue(value)}`);
}

/** Shared scratch for reading and writing float32 bit patterns. */
const f32 = new Float32Array(1);
const f32Bits = new Int32Array(f32.buffer);

/**
 * The float32 next to `f` (itself a float32 or ±Infinity) towards +Infinity when `up`, else
 * towards −Infinity.
 */
function adjacentFloat32(f: number, up: boolean): number {
  if (f === 0) return up ? 2 ** -149 : -(2 ** -149);
  f32[0] = f;
  // For positive floats the bit pattern grows with the value; for negative ones it shrinks.
  f32Bits[0] = f32Bits[0]! + ((f > 0) === up ? 1 : -1);
  return f32[0]!;
}

/**
 * A seeded pseudorandom generator: xoshiro128** seeded through SplitMix64 (see the module
 * notes for the exact algorithms). The same seed gives the same sequence on every machine.
 * PyTorch: `torch.Generator`.
 *
 * @example
 * const g = new Generator(42);
 * const x = new Float32Array(3);
 * g.fillNormal(x, 0, 1); // the same three numbers on every run
 */
export class Generator {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private seed = DEFAULT_SEED;
  /** The second normal of the last polar-method pair, or null when none is waiting. */
  private spareNormal: number | null = null;

  /**
   * @param seed an integer in [-2^63, 2^64); defaults to 0. Non-integers are rejected (as
   *   PyTorch does) rather than silently hashed.
   */
  constructor(seed: number = DEFAULT_SEED) {
    this.manualSeed(seed);
  }

  /**
   * Re-seeds the generator, resetting its whole state; returns `this`. PyTorch: `Generator.manual_seed`.
   * @example new Generator().manualSeed(7).random()
   */
  manualSeed(seed: number): this {
    checkSeed("manualSeed", seed);
    [this.s0, this.s1, this.s2, this.s3] = seedState(BigInt(seed));
    this.seed = seed;
    this.spareNormal = null;
    return this;
  }

  /**
   * The seed last given to the constructor or `manualSeed`, as given. PyTorch: `Generator.initial_seed`.
   * @example new Generator(5).initialSeed() // 5
   */
  initialSeed(): number {
    return this.seed;
  }

  /**
   * The next raw xoshiro128** output, uniform over the integers in [0, 2^32).
   * @example new Generator(0).nextUint32() // an integer in [0, 4294967295]
   */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    const s2 = this.s2 ^ s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = rotl(s3, 11);
    return result >>> 0;
  }

  /**
   * A uniform float64 in [0, 1) with 53 random bits (27 from one draw, 26 from the next).
   * PyTorch: `torch.rand(())` (in double precision).
   * @example new Generator(1).random() // e.g. 0.73…
   */
  random(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / TWO_POW_53;
  }

  /**
   * A standard normal sample by Marsaglia's polar method, which makes two samples per accepted
   * pair and returns the second on the next call. It uses only `Math.sqrt` (exactly rounded)
   * and `Math.log` (a software fdlibm port in V8, so identical on every machine running Node).
   * PyTorch: `torch.randn(())`.
   * @example new Generator(1).normal() // e.g. -0.42…
   */
  normal(): number {
    const spare = this.spareNormal;
    if (spare !== null) {
      this.spareNormal = null;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const scale = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * scale;
    return u * scale;
  }

  /**
   * Fills `out` with uniform samples in [low, high), each computed from the top 24 bits of one
   * draw (float32's precision, as PyTorch does for float). After rounding to float32 a sample
   * could land on `high` (or just below a `low` that is not a float32); such samples are moved to
   * the nearest float32 inside the interval. `low === high` fills with `low`.
   * PyTorch: `Tensor.uniform_(low, high)`.
   * @example
   * const x = new Float32Array(4);
   * new Generator(0).fillUniform(x, -1, 1); // four values in [-1, 1)
   */
  fillUniform(out: Float32Array, low: number, high: number): void {
    checkFinite("fillUniform", "low", low);
    checkFinite("fillUniform", "high", high);
    if (low > high) throw new Error(`fillUniform: low (${low}) must not be greater than high (${high})`);
    if (low === high) {
      out.fill(low);
      return;
    }
    let lowest = Math.fround(low);
    if (lowest < low) lowest = adjacentFloat32(lowest, true);
    let highest = Math.fround(high);
    if (highest >= high) highest = adjacentFloat32(highest, false);
    if (lowest > highest) {
      throw new Error(`fillUniform: no float32 value lies in [${low}, ${high})`);
    }
    const span = high - low;
    for (let i = 0; i < out.length; i++) {
      const u = (this.nextUint32() >>> 8) * 5.9604644775390625e-8; // 2^-24
      const x = Math.fround(low + span * u);
      out[i] = x > highest ? highest : x < lowest ? lowest : x;
    }
  }

  /**
   * Fills `out` with normal samples of the given mean and standard deviation.
   * PyTorch: `Tensor.normal_(mean, std)`.
   * @example
   * const w = new Float32Array(6);
   * new Generator(0).fillNormal(w, 0, 0.01);
   */
  fillNormal(out: Float32Array, mean: number, std: number): void {
    checkFinite("fillNormal", "mean", mean);
    if (!(std >= 0) || std === Infinity) {
      throw new Error(`fillNormal: std must be a finite non-negative number, got ${std}`);
    }
    for (let i = 0; i < out.length; i++) out[i] = mean + std * this.normal();
  }

  /**
   * A uniform integer in [low, high), without modulo bias (rejection sampling).
   * `high - low` may be up to 2^53. PyTorch: `torch.randint(low, high, ())`.
   * @example new Generator(0).randint(0, 10) // an integer 0…9
   */
  randint(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high)) {
      throw new Error(`randint: low (${low}) and high (${high}) must be safe integers`);
    }
    if (high <= low) throw new Error(`randint: high (${high}) must be greater than low (${low})`);
    const n = high - low;
    if (n > TWO_POW_53) throw new Error(`randint: range [${low}, ${high}) is wider than 2^53`);
    return low + (n <= TWO_POW_32 ? this.below32(n) : this.below53(n));
  }

  /**
   * A random ordering of 0 … n−1 by the Fisher–Yates shuffle. PyTorch: `torch.randperm`.
   * @example new Generator(0).permutation(4) // e.g. Int32Array [2, 0, 3, 1]
   */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) {
      throw new Error(`permutation: n must be an integer in [0, 2^31), got ${n}`);
    }
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.below32(i + 1);
      const tmp = out[i]!;
      out[i] = out[j]!;
      out[j] = tmp;
    }
    return out;
  }

  /** Uniform integer in [0, n) for 1 <= n <= 2^32: draws above the largest multiple of n are redrawn. */
  private below32(n: number): number {
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** Uniform integer in [0, n) for n <= 2^53, from 53-bit draws with the same rejection rule. */
  private below53(n: number): number {
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    let x: number;
    do {
      x = (this.nextUint32() >>> 11) * TWO_POW_32 + this.nextUint32();
    } while (x >= limit);
    return x % n;
  }
}

/** The global generator behind `rand`, `randn`, `randint`, shuffling and init; seed 0 until `manualSeed`. */
export const defaultGenerator: Generator = new Generator();

/**
 * Seeds the global generator and returns it. PyTorch: `torch.manual_seed`.
 * @example manualSeed(42); // randn(...) now repeats run after run
 */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}
