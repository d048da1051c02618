import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { Generator, defaultGenerator, manualSeed } from "../../src/tensor/random.js";

// ---- Reference values ----

const MASK32 = 0xffffffffn;

/** xoshiro128** written with BigInt straight from the C reference (uint32 arithmetic as mod 2^32). */
function xoshiro128StarStarReference(state: readonly bigint[]): () => bigint {
  const s = [...state];
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & MASK32;
  return () => {
    const result = (rotl((s[1]! * 5n) & MASK32, 7n) * 9n) & MASK32;
    const t = (s[1]! << 9n) & MASK32;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s[1]!;
    s[1] = s[1]! ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11n);
    return result;
  };
}

/** The documented seeding: SplitMix64 outputs z1, z2 give the state [low(z1), high(z1), low(z2), high(z2)]. */
function stateFromSplitMix(z1: bigint, z2: bigint): bigint[] {
  return [z1 & MASK32, z1 >> 32n, z2 & MASK32, z2 >> 32n];
}

/** Published first two SplitMix64 outputs (Vigna's splitmix64.c) for a few seeds. */
const SPLITMIX64_OUTPUTS: readonly [number, bigint, bigint][] = [
  [0, 0xe220a8397b1dcdafn, 0x6e789e6aa1b965f4n],
  [42, 0xbdd732262feb6e95n, 0x28efe333b266f103n],
];

test("the xoshiro128** reference reproduces outputs of the C reference implementation", () => {
  // State and outputs from edorfaus/xoshiro-6502 test data, generated with Vigna's C code.
  const next = xoshiro128StarStarReference([0x964d4a0cn, 0xd40ab895n, 0xad7fdecbn, 0x3006f0f0n]);
  assert.equal([next(), next(), next(), next()], [0xf1391922n, 0x6fe53806n, 0xa5be2840n, 0xf510ee70n]);
});

test("nextUint32 is xoshiro128** from the SplitMix64-seeded state, bit for bit", () => {
  for (const [seed, z1, z2] of SPLITMIX64_OUTPUTS) {
    const g = new Generator(seed);
    const ref = xoshiro128StarStarReference(stateFromSplitMix(z1, z2));
    for (let i = 0; i < 200; i++) {
      const expected = Number(ref());
      const got = g.nextUint32();
      if (got !== expected) assert.unreachable(`seed ${seed}, draw ${i}: ${got} != ${expected}`);
    }
  }
});

test("negative seeds wrap to unsigned 64-bit like torch.manual_seed", () => {
  const a = new Generator(-(2 ** 63));
  const b = new Generator(2 ** 63);
  for (let i = 0; i < 10; i++) assert.is(a.nextUint32(), b.nextUint32());
});

test("nextUint32 returns integers in [0, 2^32)", () => {
  const g = new Generator(3);
  for (let i = 0; i < 1000; i++) {
    const x = g.nextUint32();
    assert.ok(Number.isInteger(x) && x >= 0 && x < 2 ** 32);
  }
});

// ---- Seeding ----

test("the same seed gives identical sequences; a different seed differs", () => {
  const draw = (g: Generator): number[] => Array.from({ length: 20 }, () => g.random());
  assert.equal(draw(new Generator(7)), draw(new Generator(7)));
  assert.not.equal(draw(new Generator(7)), draw(new Generator(8)));
  const a = new Float32Array(50);
  const b = new Float32Array(50);
  new Generator(7).fillNormal(a, 0, 1);
  new Generator(7).fillNormal(b, 0, 1);
  assert.equal(Array.from(a), Array.from(b));
});

test("the default seed is 0", () => {
  const g = new Generator();
  assert.is(g.initialSeed(), 0);
  assert.is(g.nextUint32(), new Generator(0).nextUint32());
});

test("manualSeed resets the state, clears the cached normal and returns the generator", () => {
  const g = new Generator(5);
  const first = [g.normal(), g.random(), g.nextUint32()];
  g.normal(); // leaves a spare normal waiting
  assert.is(g.manualSeed(5), g);
  assert.equal([g.normal(), g.random(), g.nextUint32()], first);
  assert.is(g.initialSeed(), 5);
});

test("global manualSeed seeds defaultGenerator", () => {
  assert.is(manualSeed(123), defaultGenerator);
  const x = defaultGenerator.random();
  manualSeed(123);
  assert.is(defaultGenerator.random(), x);
  assert.is(defaultGenerator.initialSeed(), 123);
});

test("invalid seeds are rejected with a clear message", () => {
  assert.throws(() => new Generator(1.5), /manualSeed: seed must be an integer in \[-2\^63, 2\^64\), got 1.5/);
  assert.throws(() => manualSeed(Number.NaN), /got NaN/);
  assert.throws(() => manualSeed(2 ** 64), /seed must be an integer/);
});

// ---- Distributions ----

const N = 100_000;

function meanAndVariance(xs: Float32Array): [number, number] {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let sq = 0;
  for (const x of xs) sq += (x - mean) ** 2;
  return [mean, sq / (xs.length - 1)];
}

test("fillUniform: samples lie in [low, high) with the right mean and variance", () => {
  const xs = new Float32Array(N);
  new Generator(11).fillUniform(xs, -2, 3);
  for (const x of xs) if (!(x >= -2 && x < 3)) assert.unreachable(`sample ${x} outside [-2, 3)`);
  const [mean, variance] = meanAndVariance(xs);
  // U(-2, 3): mean 0.5, variance 25/12. sd of the sample mean = sqrt(25/12 / N) ≈ 0.0046.
  assert.ok(Math.abs(mean - 0.5) < 5 * 0.0046, `mean ${mean}`);
  // Var of the sample variance ≈ (m4 - σ^4)/N with m4 = w^4/80 = 7.8125, σ^4 = 4.34: sd ≈ 0.0059.
  assert.ok(Math.abs(variance - 25 / 12) < 5 * 0.0059, `variance ${variance}`);
});

test("fillUniform never returns high, even when rounding to float32 would reach it", () => {
  const high = 1 + 2 ** -23; // the float32 right after 1: half of all samples would round up to it
  const xs = new Float32Array(1000);
  new Generator(1).fillUniform(xs, 1, high);
  for (const x of xs) assert.is(x, 1);
  // A high that is not a float32: fround(0.1) > 0.1, so samples must stay below it.
  const ys = new Float32Array(10_000);
  new Generator(2).fillUniform(ys, 0.1 - 1e-7, 0.1);
  for (const y of ys) assert.ok(y < 0.1 && y >= 0.1 - 1e-7, `sample ${y}`);
});

test("fillUniform validates its arguments", () => {
  const g = new Generator(0);
  assert.throws(() => g.fillUniform(new Float32Array(2), 5, 3), /fillUniform: low \(5\) must not be greater than high \(3\)/);
  assert.throws(() => g.fillUniform(new Float32Array(2), 0, Infinity), /fillUniform: high must be a finite number, got Infinity/);
  assert.throws(() => g.fillUniform(new Float32Array(2), 0.1, 0.1 + 1e-12), /no float32 value lies in/);
  const same = new Float32Array(3);
  g.fillUniform(same, 2, 2);
  assert.equal(Array.from(same), [2, 2, 2]);
});

test("random: float64 in [0, 1) with the right mean", () => {
  const g = new Generator(4);
  let sum = 0;
  for (let i = 0; i < N; i++) {
    const u = g.random();
    if (!(u >= 0 && u < 1)) assert.unreachable(`random() gave ${u}`);
    sum += u;
  }
  // sd of the mean of U(0,1) = sqrt(1/12 / N) ≈ 0.00091
  assert.ok(Math.abs(sum / N - 0.5) < 5 * 0.00091);
});

test("fillNormal: mean and standard deviation within 5 sigma", () => {
  const xs = new Float32Array(N);
  new Generator(9).fillNormal(xs, 2, 3);
  const [mean, variance] = meanAndVariance(xs);
  // sd of the mean = 3/sqrt(N) ≈ 0.0095; sd of the sample sd ≈ 3/sqrt(2N) ≈ 0.0067.
  assert.ok(Math.abs(mean - 2) < 5 * 0.0095, `mean ${mean}`);
  assert.ok(Math.abs(Math.sqrt(variance) - 3) < 5 * 0.0067, `std ${Math.sqrt(variance)}`);
});

test("normal: tail frequencies match the standard normal", () => {
  const g = new Generator(10);
  let beyond = 0;
  for (let i = 0; i < N; i++) if (Math.abs(g.normal()) > 1.959964) beyond++;
  // P(|Z| > 1.96) = 0.05; sd of the count = sqrt(N * 0.05 * 0.95) ≈ 68.9
  assert.ok(Math.abs(beyond - 0.05 * N) < 5 * 68.9, `count ${beyond}`);
});

test("fillNormal rejects a negative or non-finite std", () => {
  const g = new Generator(0);
  assert.throws(() => g.fillNormal(new Float32Array(1), 0, -1), /fillNormal: std must be a finite non-negative number, got -1/);
  assert.throws(() => g.fillNormal(new Float32Array(1), 0, Number.NaN), /got NaN/);
  const zeros = new Float32Array(2);
  g.fillNormal(zeros, 1.5, 0);
  assert.equal(Array.from(zeros), [1.5, 1.5]);
});

test("randint: a chi-square bucket test over [−3, 7)", () => {
  const g = new Generator(12);
  const k = 10;
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < N; i++) {
    const x = g.randint(-3, 7);
    if (!Number.isInteger(x) || x < -3 || x >= 7) assert.unreachable(`randint gave ${x}`);
    counts[x + 3]!++;
  }
  const expected = N / k;
  const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
  // 9 degrees of freedom: P(chi2 > 33.7) ≈ 1e-4, far out in the tail yet catches real bias.
  assert.ok(chi2 < 33.7, `chi-square ${chi2} with counts ${counts.join(", ")}`);
});

test("randint: a range wider than 2^32 still covers both halves", () => {
  const g = new Generator(13);
  let high = 0;
  for (let i = 0; i < 1000; i++) {
    const x = g.randint(0, 2 ** 40);
    assert.ok(Number.isInteger(x) && x >= 0 && x < 2 ** 40);
    if (x >= 2 ** 39) high++;
  }
  // Binomial(1000, 0.5): sd ≈ 15.8
  assert.ok(Math.abs(high - 500) < 5 * 15.8, `upper half ${high}`);
});

test("randint validates its arguments", () => {
  const g = new Generator(0);
  assert.throws(() => g.randint(5, 3), /randint: high \(3\) must be greater than low \(5\)/);
  assert.throws(() => g.randint(2, 2), /randint: high \(2\) must be greater than low \(2\)/);
  assert.throws(() => g.randint(0.5, 3), /randint: low \(0.5\) and high \(3\) must be safe integers/);
  assert.throws(() => g.randint(-(2 ** 53) + 1, 2 ** 53 - 1), /wider than 2\^53/);
  assert.is(g.randint(4, 5), 4);
});

test("permutation is a permutation of 0..n-1", () => {
  const g = new Generator(14);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 300 }), (n) => {
      const p = g.permutation(n);
      assert.is(p.length, n);
      const sorted = Array.from(p).sort((a, b) => a - b);
      assert.equal(sorted, Array.from({ length: n }, (_, i) => i));
    }),
    { numRuns: 100 },
  );
});

test("permutation: each element lands in each position about equally often", () => {
  const g = new Generator(15);
  const n = 4;
  const trials = 24_000;
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let t = 0; t < trials; t++) {
    const p = g.permutation(n);
    for (let i = 0; i < n; i++) counts[i]![p[i]!]!++;
  }
  // Binomial(24000, 1/4): sd ≈ 67
  for (const row of counts) for (const c of row) assert.ok(Math.abs(c - trials / n) < 5 * 67, `count ${c}`);
});

test("permutation validates n", () => {
  const g = new Generator(0);
  assert.throws(() => g.permutation(-1), /permutation: n must be an integer in \[0, 2\^31\), got -1/);
  assert.throws(() => g.permutation(2.5), /got 2.5/);
  assert.equal(Array.from(g.permutation(0)), []);
  assert.equal(Array.from(g.permutation(1)), [0]);
});

test.run();
