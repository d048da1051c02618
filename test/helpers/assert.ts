import * as assert from "uvu/assert";
import { Tensor } from "../../src/tensor/tensor.js";
import type { Ref } from "./reference.js";

/** Tolerance of a closeness check: |a − e| ≤ atol + rtol·|e|. */
export interface Tolerance {
  atol?: number;
  rtol?: number;
}

/** Row-major values of a tensor, read by the tensor's own `toFloat32Array`, or of a plain array. */
function valuesOf(x: Tensor | Ref | ArrayLike<number>): ArrayLike<number> {
  if (x instanceof Tensor) return x.toFloat32Array();
  if ("data" in x && x.data instanceof Float64Array) return x.data;
  return x as ArrayLike<number>;
}

/** Bitwise-equal values (NaN still matches NaN): for copies, views and strided-vs-contiguous runs. */
export const EXACT: Tolerance = { atol: 0, rtol: 0 };

/**
 * Asserts elementwise closeness (NaN matches NaN, ±Infinity match exactly). When `expected` is a
 * `Ref`, the tensor's shape must match too. Defaults suit float32 results against float64 references.
 */
export function allClose(
  actual: Tensor | ArrayLike<number>,
  expected: Ref | ArrayLike<number>,
  tol: Tolerance = {},
  what = "value",
): void {
  const atol = tol.atol ?? 1e-5;
  const rtol = tol.rtol ?? 1e-5;
  if (actual instanceof Tensor && "shape" in expected && "data" in expected) {
    assert.equal([...actual.shape], [...expected.shape], `${what}: shape`);
  }
  const a = valuesOf(actual);
  const e = valuesOf(expected);
  assert.is(a.length, e.length, `${what}: number of elements`);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = e[i]!;
    const ok = Number.isNaN(y) ? Number.isNaN(x) : !Number.isFinite(y) ? x === y : Math.abs(x - y) <= atol + rtol * Math.abs(y);
    if (!ok) assert.unreachable(`${what}: element ${i} is ${x}, expected ${y} (atol ${atol}, rtol ${rtol})`);
  }
}

/** The gradient of a leaf after backward as plain numbers, asserting it exists and has the leaf's shape. */
export function gradOf(t: Tensor): number[] {
  assert.ok(t.grad !== null, "the leaf received a gradient");
  assert.equal([...t.grad!.shape], [...t.shape], "the gradient has the leaf's shape");
  return [...t.grad!.toFloat32Array()];
}

/** Asserts a tensor's shape and exact values (for integer-valued and hand-made cases). */
export function assertTensor(t: Tensor, shape: readonly number[], values: readonly number[], what = "tensor"): void {
  assert.equal([...t.shape], [...shape], `${what}: shape`);
  assert.equal([...t.toFloat32Array()], [...values], `${what}: values`);
}

/**
 * Asserts that `fn` throws a plain `Error` (not a TypeError/RangeError from deep inside a kernel)
 * whose message contains every fragment (strings literally, RegExps by match). Returns the message.
 */
export function throwsError(fn: () => unknown, ...fragments: (string | RegExp)[]): string {
  let caught: unknown = undefined;
  let threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    caught = e;
  }
  if (!threw) assert.unreachable(`expected an Error containing ${fragments.map(String).join(", ")}, nothing was thrown`);
  assert.instance(caught, Error, `expected an Error, got ${String(caught)}`);
  const err = caught as Error;
  assert.is(err.constructor, Error, `expected a plain Error, got ${err.constructor.name}: ${err.message}`);
  for (const f of fragments) {
    const found = typeof f === "string" ? err.message.includes(f) : f.test(err.message);
    if (!found) assert.unreachable(`message ${JSON.stringify(err.message)} lacks ${String(f)}`);
  }
  return err.message;
}
