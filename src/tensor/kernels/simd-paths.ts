/**
 * The wasm backend's fast paths for the elementwise kernels of ./elementwise.ts: contiguous float32
 * operands of at least `MIN_ELEMENTS` elements, the second operand of a binary op either laid out like
 * the first, one row broadcast down the rows (a bias), one value per row (a per-row max or sum) or a
 * scalar; reductions of a contiguous tensor over its last dim (rows of at least 32) or over its leading
 * dims (the kept dims a multiple of 4 floats). Only when every operand and the output are float32: other
 * dtypes (comparisons' bool results included), everything else, and every op without a SIMD version
 * (exp, log, tanh, …), run the TypeScript kernel.
 */
import type { Tensor } from "../tensor.js";
import { numelOf } from "../shape.js";
import { getBackend } from "../backend.js";
import { collapseDims } from "./strided-loop.js";
import { SIMD_BINARY, SIMD_UNARY, type Broadcast, type SimdBinaryName, type SimdUnaryName } from "../wasm/elementwise-kernels.js";
import { binaryWasm, MIN_ELEMENTS, unaryWasm } from "../wasm/elementwise.js";
import { SIMD_REDUCE, type SimdReduceName } from "../wasm/reduce-kernels.js";
import { reduceLeadingWasm, reduceRowsWasm } from "../wasm/reduce.js";

const isSimdUnary = (name: string): name is SimdUnaryName => Object.hasOwn(SIMD_UNARY, name);
const isSimdBinary = (name: string): name is SimdBinaryName => Object.hasOwn(SIMD_BINARY, name);
const sameStrides = (x: readonly number[], y: readonly number[]): boolean => x.length === y.length && x.every((s, i) => s === y[i]);

/** True when `out` is float32, big enough and contiguous and the wasm backend is on (size first: tiny ops stay cheap). */
function simdWorthIt(out: Tensor): boolean {
  return numelOf(out.shape) >= MIN_ELEMENTS && out.dtype === "float32" && out.isContiguous() && getBackend() === "wasm";
}

/** Storage of a tensor the caller has checked is float32. */
const f32 = (t: Tensor): Float32Array => t.storage as Float32Array;

/**
 * Computes `out = name(x)` with SIMD if it can; returns whether it did.
 * @example if (!simdUnary("relu", out, x, 0, 0)) runTheTypeScriptKernel()
 */
export function simdUnary(name: string, out: Tensor, x: Tensor, p0: number, p1: number): boolean {
  if (!simdWorthIt(out) || !isSimdUnary(name) || x.dtype !== "float32" || !x.isContiguous()) return false;
  unaryWasm(name, f32(out), out.offset, f32(x), x.offset, numelOf(out.shape), p0, p1);
  return true;
}

/**
 * Computes `out = name(a, b)` with SIMD if it can, `sa`/`sb` being a's and b's strides broadcast to
 * out's shape; returns whether it did.
 * @example if (!simdBinary("add", out, x, bias, x.strides, [0, 1], 0)) runTheTypeScriptKernel()
 */
export function simdBinary(name: string, out: Tensor, a: Tensor, b: Tensor, sa: readonly number[], sb: readonly number[], p0: number): boolean {
  if (!simdWorthIt(out) || !isSimdBinary(name) || a.dtype !== "float32" || b.dtype !== "float32") return false;
  if (!a.isContiguous() || !sameStrides(sa, a.strides)) return false;
  const n = numelOf(out.shape);
  const layout = collapseDims(out.shape, [out.strides, sa, sb]);
  const bStrides = layout.strides[2]!;
  let plan: [Broadcast, number, number] | null = null;
  if (sameStrides(bStrides, layout.strides[0]!)) plan = ["same", 1, n];
  else if (bStrides.length === 1 && bStrides[0] === 0) plan = ["column", 1, n]; // a scalar: one row, one value
  else if (layout.shape.length === 2 && layout.shape[1]! % 4 === 0) {
    const [rows, inner] = layout.shape as [number, number];
    if (bStrides[0] === 0 && bStrides[1] === 1) plan = ["row", rows, inner];
    else if (bStrides[0] === 1 && bStrides[1] === 0) plan = ["column", rows, inner];
  }
  if (plan === null) return false;
  const [broadcast, rows, inner] = plan;
  binaryWasm(name, broadcast, f32(out), out.offset, f32(a), a.offset, f32(b), b.offset, rows, inner, p0);
  return true;
}

/** Rows shorter than this are reduced by the TypeScript kernel. */
const MIN_REDUCED_ROW = 32;

const isSimdReduce = (name: string): name is SimdReduceName => Object.hasOwn(SIMD_REDUCE, name);

/**
 * Reduces contiguous `x` over `dims` into contiguous `out` with SIMD if `dims` is just the last dim or
 * exactly the leading dims 0 … k−1; returns whether it did.
 * @example if (!simdReduce("sum", out, x, [x.ndim - 1])) runTheTypeScriptKernel()
 */
export function simdReduce(name: string, out: Tensor, x: Tensor, dims: readonly number[]): boolean {
  if (!simdWorthIt(x) || out.dtype !== "float32" || !isSimdReduce(name) || dims.length === 0) return false;
  const last = x.ndim - 1;
  const n = numelOf(x.shape);
  if (dims.length === 1 && dims[0] === last) {
    const inner = x.shape[last]!;
    // Short rows (the 10 logits of a d2l row) cost a padded copy per row: the TypeScript loop is faster (profiled).
    if (inner < MIN_REDUCED_ROW) return false;
    reduceRowsWasm(name, f32(out), out.offset, f32(x), x.offset, n / inner, inner);
    return true;
  }
  const leading = dims.every((d, i) => d === i) && dims.length <= last;
  const rows = numelOf(x.shape.slice(0, dims.length));
  if (!leading || rows === 0 || (n / rows) % 4 !== 0) return false;
  reduceLeadingWasm(name, f32(out), out.offset, f32(x), x.offset, rows, n / rows);
  return true;
}
