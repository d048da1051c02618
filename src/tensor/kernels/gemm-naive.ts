import { checkGemmArgs, initGemmOutput, type Gemm } from "./gemm-contract.js";

/**
 * C = A·B (or C += A·B with `accumulate`), plus an optional bias row: C[i,j] += bias[j]. The plain
 * triple loop, one dot product per output element summed in float64: the "looped" reference that the
 * packed kernel is measured against. A is M×K, B is K×N, C is M×N (row stride `ldc`), all strided.
 * Same arguments as `gemm`. PyTorch: `torch.addmm(bias, a, b, out=c)` (BLAS `sgemm`).
 * @example
 * const c = new Float32Array(4);
 * gemmNaive(2, 2, 2, Float32Array.of(1, 2, 3, 4), 0, 2, 1, Float32Array.of(1, 0, 0, 1), 0, 2, 1, c, 0, 2, false);
 * // c = [1, 2, 3, 4]
 */
export const gemmNaive: Gemm = (
  M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate,
  bias, biasOffset = 0, biasStride = 1,
) => {
  checkGemmArgs("gemmNaive", M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, bias, biasOffset, biasStride);
  initGemmOutput(M, N, c, cOffset, ldc, accumulate, bias, biasOffset, biasStride);
  addProductsNaive(M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc);
};

/**
 * C += A·B (A M×K, B K×N, C M×N, all strided) by one float64 dot product per element of C, with no
 * argument checks; `gemm` also uses it for problems too small to pack and for M = 1 or N = 1.
 * @example addProductsNaive(1, 1, 3, x, 0, 0, 1, y, 0, 1, 0, out, 0, 1) // out[0] += x·y
 */
export function addProductsNaive(
  M: number, N: number, K: number,
  a: Float32Array, aOffset: number, aRowStride: number, aColStride: number,
  b: Float32Array, bOffset: number, bRowStride: number, bColStride: number,
  c: Float32Array, cOffset: number, ldc: number,
): void {
  for (let i = 0; i < M; i++) {
    const aRow = aOffset + i * aRowStride;
    const cRow = cOffset + i * ldc;
    for (let j = 0; j < N; j++) {
      let sum = 0;
      let pa = aRow;
      let pb = bOffset + j * bColStride;
      for (let k = 0; k < K; k++) {
        sum += a[pa]! * b[pb]!;
        pa += aColStride;
        pb += bRowStride;
      }
      c[cRow + j] = c[cRow + j]! + sum;
    }
  }
}
