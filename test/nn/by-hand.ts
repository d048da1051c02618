import * as assert from "uvu/assert";
import type { Tensor } from "../../src/tensor/tensor.js";
import type { Reduction } from "../../src/nn/index.js";

/** Per-element loss values reduced as PyTorch does, in float64: `[values]` for none, `[Σ]` or `[Σ / n]`. */
export function reduceByHand(values: number[], reduction: Reduction): number[] {
  const total = values.reduce((s, v) => s + v, 0);
  return reduction === "none" ? values : [reduction === "sum" ? total : total / values.length];
}

/** Mean, population standard deviation and largest magnitude of a tensor's elements, in float64. */
export function statsOf(t: Tensor): { mean: number; std: number; maxAbs: number } {
  const v = t.toFloat32Array();
  let mean = 0;
  for (const x of v) mean += x / v.length;
  let sq = 0;
  let maxAbs = 0;
  for (const x of v) {
    sq += (x - mean) ** 2;
    maxAbs = Math.max(maxAbs, Math.abs(x));
  }
  return { mean, std: Math.sqrt(sq / v.length), maxAbs };
}

/** Asserts that uniform samples lie in ±bound and reach close to it (so the bound is the right one). */
export function assertFillsInterval(t: Tensor, bound: number, what: string): void {
  const { maxAbs } = statsOf(t);
  assert.ok(maxAbs <= bound && maxAbs > 0.99 * bound, `${what}: max |x| ${maxAbs} should be just under ${bound}`);
}
