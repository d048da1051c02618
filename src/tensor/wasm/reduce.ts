/**
 * Reductions over the last dim on the wasm backend: the [rows, inner] block is copied into WebAssembly
 * memory (in one piece when inner is a multiple of 4, else row by row, padded with the op's identity),
 * reduced by ./reduce-kernels.ts, and the `rows` results copied out.
 */
import { REDUCE_IDENTITY, reduceRowsName, type SimdReduceName } from "./reduce-kernels.js";
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
