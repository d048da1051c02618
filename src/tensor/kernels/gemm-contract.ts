/**
 * The gemm contract.
 *
 * `gemmNaive` (./gemm-naive.ts), the fast `gemm` (./gemm.ts) and `gemmParallel` take the same
 * arguments: A is M×K and B is K×N, each read through its own row and column strides from an offset into flat float32 storage, so a
 * transposed, sliced or expanded (stride 0) view is passed as it is; C is M×N with row stride `ldc`
 * and column stride 1. This file holds the signature, the argument check and the output initialisation (zero,
 * keep, or bias) that every implementation shares.
 */

/** Throws unless the strided block lies inside `storage` (an out-of-range read would silently give NaN). */
function checkBlock(
  op: string,
  name: string,
  storage: Float32Array,
  offset: number,
  rows: number,
  cols: number,
  rowStride: number,
  colStride: number,
): void {
  if (rows === 0 || cols === 0) return;
  if (!Number.isInteger(offset) || !Number.isInteger(rowStride) || !Number.isInteger(colStride)) {
    throw new Error(`${op}: ${name} offset and strides must be integers, got ${offset} and [${rowStride}, ${colStride}]`);
  }
  const lastRow = (rows - 1) * rowStride;
  const lastCol = (cols - 1) * colStride;
  const lo = offset + Math.min(0, lastRow) + Math.min(0, lastCol);
  const hi = offset + Math.max(0, lastRow) + Math.max(0, lastCol);
  if (lo < 0 || hi >= storage.length) {
    throw new Error(
      `${op}: ${name} (${rows}×${cols}, offset ${offset}, strides [${rowStride}, ${colStride}]) ` +
        `reaches index ${lo < 0 ? lo : hi} but its storage has ${storage.length} elements`,
    );
  }
}

function checkSize(op: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${op}: ${name} must be a non-negative integer, got ${value}`);
}

/**
 * Validates gemm arguments: sizes are non-negative integers and every strided block (A is M×K, B K×N,
 * C M×N, the bias row 1×N) lies inside its storage. `op` names the caller in the error.
 * @example checkGemmArgs("gemm", 2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2, undefined, 0, 1) // throws if b has < 6 elements
 */
export function checkGemmArgs(
  op: string,
  M: number, N: number, K: number,
  a: Float32Array, aOffset: number, aRowStride: number, aColStride: number,
  b: Float32Array, bOffset: number, bRowStride: number, bColStride: number,
  c: Float32Array, cOffset: number, ldc: number,
  bias: Float32Array | undefined, biasOffset: number, biasStride: number,
): void {
  checkSize(op, "M", M);
  checkSize(op, "N", N);
  checkSize(op, "K", K);
  checkBlock(op, "A", a, aOffset, M, K, aRowStride, aColStride);
  checkBlock(op, "B", b, bOffset, K, N, bRowStride, bColStride);
  checkBlock(op, "C", c, cOffset, M, N, ldc, 1);
  if (bias !== undefined) checkBlock(op, "bias", bias, biasOffset, 1, N, 0, biasStride);
}

/**
 * Prepares C (M×N, row stride `ldc`) for `C += A·B`: C = 0 (`accumulate` false) or C kept, then
 * C[i,j] += bias[j]. Afterwards every implementation only adds products into C.
 * @example initGemmOutput(2, 3, c, 0, 3, false, Float32Array.of(1, 2, 3), 0, 1) // c = [1, 2, 3, 1, 2, 3]
 */
export function initGemmOutput(
  M: number, N: number,
  c: Float32Array, cOffset: number, ldc: number,
  accumulate: boolean,
  bias: Float32Array | undefined, biasOffset: number, biasStride: number,
): void {
  if (accumulate && bias === undefined) return;
  for (let i = 0; i < M; i++) {
    const row = cOffset + i * ldc;
    if (bias === undefined) {
      c.fill(0, row, row + N);
      continue;
    }
    for (let j = 0; j < N; j++) c[row + j] = (accumulate ? c[row + j]! : 0) + bias[biasOffset + j * biasStride]!;
  }
}

/**
 * The signature every SGEMM here shares (`gemm`, `gemmNaive`, `gemmParallel`): C = A·B, or C += A·B with
 * `accumulate`, plus an optional bias row C[i,j] += bias[j]. A is M×K and B is K×N with any row/column
 * strides (0 for an expanded dim); C is M×N with row stride `ldc` and column stride 1.
 */
export type Gemm = (
  M: number, N: number, K: number,
  a: Float32Array, aOffset: number, aRowStride: number, aColStride: number,
  b: Float32Array, bOffset: number, bRowStride: number, bColStride: number,
  c: Float32Array, cOffset: number, ldc: number,
  accumulate: boolean,
  bias?: Float32Array, biasOffset?: number, biasStride?: number,
) => void;
