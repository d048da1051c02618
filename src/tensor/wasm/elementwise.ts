/**
 * Elementwise ops and the byte → float32 scaling on the wasm backend: operands are copied into
 * WebAssembly memory, the SIMD kernel of ./elementwise-kernels.ts runs, and the result is copied out.
 * Measured (see the README's architecture paragraph): the three copies cost less than the scalar loop
 * saves from about a thousand elements up; below `MIN_ELEMENTS` the TypeScript kernels run.
 */
import { binaryName, SCALE_BYTES, unaryName, type Broadcast, type SimdBinaryName, type SimdUnaryName } from "./elementwise-kernels.js";
import { align16, heap, reserve, wasmRuntime } from "./module.js";

/** Below this many elements the copies and the call cost more than SIMD saves. */
export const MIN_ELEMENTS = 1024;

/** Byte offsets of three float regions of `n` floats (rounded up to whole vectors) and the total. */
function regions(n: number, bLength: number): [number, number, number, number] {
  const bytes = align16(4 * n);
  return [0, bytes, bytes + align16(4 * bLength), bytes + align16(4 * bLength) + bytes];
}

/**
 * out[outOffset + i] = op(x[xOffset + i], p0, p1) for i < n, on contiguous float32 runs.
 * @example unaryWasm("relu", y, 0, x, 0, x.length, 0, 0)
 */
export function unaryWasm(op: SimdUnaryName, out: Float32Array, outOffset: number, x: Float32Array, xOffset: number, n: number, p0: number, p1: number): void {
  const wasm = wasmRuntime()!;
  const [xAt, , outAt, total] = regions(n, 0);
  reserve(total);
  const mem = heap();
  mem.set(x.subarray(xOffset, xOffset + n), xAt / 4);
  wasm.kernels[unaryName(op)]!(outAt, xAt, n, p0, p1);
  out.set(mem.subarray(outAt / 4, outAt / 4 + n), outOffset);
}

/**
 * out = op(a, b) over rows × inner contiguous floats, with b as `broadcast` says: `same` (b like a),
 * `row` (b has `inner` floats, repeated down the rows) or `column` (b has `rows` floats, one per row).
 * `row` and `column` need `inner` to be a multiple of 4 (one per row with rows = 1 is always fine).
 * @example binaryWasm("add", "row", out, 0, x, 0, bias, 0, 256, 256, 0) // out = x + bias
 */
export function binaryWasm(
  op: SimdBinaryName, broadcast: Broadcast,
  out: Float32Array, outOffset: number, a: Float32Array, aOffset: number, b: Float32Array, bOffset: number,
  rows: number, inner: number, p0: number,
): void {
  const wasm = wasmRuntime()!;
  const n = rows * inner;
  const bLength = broadcast === "same" ? n : broadcast === "row" ? inner : rows;
  const [aAt, bAt, outAt, total] = regions(n, bLength);
  reserve(total);
  const mem = heap();
  mem.set(a.subarray(aOffset, aOffset + n), aAt / 4);
  if (bLength === 1) mem[bAt / 4] = b[bOffset]!;
  else mem.set(b.subarray(bOffset, bOffset + bLength), bAt / 4);
  wasm.kernels[binaryName(op, broadcast)]!(outAt, aAt, bAt, rows, inner, p0);
  out.set(mem.subarray(outAt / 4, outAt / 4 + n), outOffset);
}

/**
 * Gathers rows `indices` (each `rowLength` bytes, row i at byte i·rowLength of `bytes`) and writes them
 * divided by `scale` into `out` (float32, row after row), on the wasm backend; bitwise what the scalar
 * loop `out[j] = bytes[k] / scale` gives, since float32 division is correctly rounded either way.
 * @example scaleBytesWasm(X, images, [3, 1], 784, 255) // two images in [0, 1]
 */
export function scaleBytesWasm(out: Float32Array, bytes: Uint8Array, indices: ArrayLike<number>, rowLength: number, scale: number): void {
  const wasm = wasmRuntime()!;
  const n = indices.length * rowLength;
  const padded = Math.ceil(n / 16) * 16;
  const outAt = 0;
  const srcAt = 4 * padded;
  reserve(srcAt + padded);
  const mem = heap();
  const memBytes = new Uint8Array(mem.buffer, srcAt, padded);
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r]! * rowLength;
    memBytes.set(bytes.subarray(from, from + rowLength), r * rowLength);
  }
  wasm.kernels[SCALE_BYTES]!(outAt, srcAt, padded, scale);
  out.set(mem.subarray(0, n));
}
