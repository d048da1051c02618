import { numelOf } from "./shape.js";

/**
 * Storage offsets of every index of `shape`, in row-major order, for an operand laid out with `strides`
 * from `offset`: `out[r] = offset + Σ i_d·strides[d]` for the r-th index (i_0, i_1, …). The one strided
 * odometer outside the generated kernels (./kernels/strided-loop.ts): callers take the offsets of the
 * outer dims and run their own loop over the innermost one.
 * @example stridedOffsets([2, 3], [1, 2], 0) // Int32Array [0, 2, 4, 1, 3, 5] (a transposed 3×2)
 */
export function stridedOffsets(shape: readonly number[], strides: readonly number[], offset: number): Int32Array {
  const count = numelOf(shape);
  const out = new Int32Array(count);
  const nd = shape.length;
  const counter = new Int32Array(nd);
  let p = offset;
  for (let r = 0; r < count; r++) {
    out[r] = p;
    for (let d = nd - 1; d >= 0; d--) {
      p += strides[d]!;
      if (++counter[d]! < shape[d]!) break;
      counter[d] = 0;
      p -= strides[d]! * shape[d]!;
    }
  }
  return out;
}

/**
 * Storage offsets of every "row" along `dim`: one entry per combination of the other dims of `shape`
 * (row-major order). Kernels then walk each row with the one stride `strides[dim]`.
 * @example rowOffsets([2, 3], [3, 1], 0, 1) // Int32Array [0, 3]
 */
export function rowOffsets(shape: readonly number[], strides: readonly number[], offset: number, dim: number): Int32Array {
  if (shape[dim] === 0) return new Int32Array(0);
  const others = (list: readonly number[]): number[] => list.filter((_, d) => d !== dim);
  return stridedOffsets(others(shape), others(strides), offset);
}
