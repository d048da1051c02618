/**
 * Reductions over the last dim on the wasm backend: the [rows, inner] block is copied into WebAssembly
 * memory (in one piece when inner is a multiple of 4, else row by row, padded with the op's identity),
 * reduced by ./reduce-kernels.ts, and the `rows` results copied out; and reductions over the leading
 * dims (a bias gradient: the sum over the batch), four columns at a time.
 */
import { REDUCE_IDENTITY, reduceLeadingName, reduceRowsName, type SimdReduceName } from "./reduce-kernels.js";
import { align16, heap, reserve, wasmRuntime } from "./module.js";

/**
 * out[outOffset + r] = op over x[xOffset + r·inner + j], j < inner, for r < rows (x contiguous).
 * @example reduceRowsWasm("max", m, 0, logits, 0, 256, 784) // the max of each row
 */
export function reduceRowsWasm(op: SimdReduceName, out: Float32Array, outOffset: number, x: Float32Array, xOffset: number, rows: number, inner: number): void {
  const wasm = wasmRuntime()!;
  const padded = Math.ceil(inner / 4) * 4;
  const outAt = align16(4 * padded * rows);
  reserve(outAt + 4 * rows);
  const mem = heap();
  if (padded === inner) mem.set(x.subarray(xOffset, xOffset + rows * inner), 0);
  else {
    for (let r = 0; r < rows; r++) {
      const from = xOffset + r * inner;
      mem.set(x.subarray(from, from + inner), r * padded);
      mem.fill(REDUCE_IDENTITY[op], r * padded + inner, (r + 1) * padded);
    }
  }
  wasm.kernels[reduceRowsName(op)]!(outAt, 0, rows, padded);
  out.set(mem.subarray(outAt / 4, outAt / 4 + rows), outOffset);
}

/**
 * out[outOffset + j] = op over x[xOffset + r·inner + j], r < rows, for j < inner (x contiguous, inner a
 * multiple of 4): a reduction over the leading dims.
 * @example reduceLeadingWasm("sum", db, 0, g, 0, 256, 256) // the bias gradient of a [256, 256] output
 */
export function reduceLeadingWasm(op: SimdReduceName, out: Float32Array, outOffset: number, x: Float32Array, xOffset: number, rows: number, inner: number): void {
  const wasm = wasmRuntime()!;
  const outAt = align16(4 * rows * inner);
  reserve(outAt + 4 * inner);
  const mem = heap();
  mem.set(x.subarray(xOffset, xOffset + rows * inner), 0);
  mem.fill(REDUCE_IDENTITY[op], outAt / 4, outAt / 4 + inner);
  wasm.kernels[reduceLeadingName(op)]!(outAt, 0, rows, inner);
  out.set(mem.subarray(outAt / 4, outAt / 4 + inner), outOffset);
}
