/**
 * `gemmWasm`: the `Gemm` contract (../kernels/gemm-contract.ts) computed by the SIMD kernels of
 * ./gemm-kernel.ts. This side moves the operands into WebAssembly memory and the result out:
 *
 * - A is copied densely, row-major or column-major after its smaller stride, one `set` per line (or
 *   one for the whole block when it is contiguous): a transposed view is copied as fast as a plain
 *   matrix, and only an operand strided both ways is gathered element by element.
 * - B is packed into K×NR panels, read through its strides (a transposed view along its contiguous dim).
 * - C is computed in a padded buffer and copied out line by line; when C must be kept (`accumulate`)
 *   or gets a bias, it is prepared in place as in every gemm (`initGemmOutput`) and copied in first.
 *
 * The copies are O(MK + KN + MN) against O(MNK) arithmetic. Tiny products (≤ SMALL_PROBLEM
 * multiply-adds) stay in TypeScript, where a call costs less than the copies.
 */
import { copyLines } from "../kernels/copy-lines.js";
import { gemm } from "../kernels/gemm.js";
import { checkGemmArgs, initGemmOutput, type Gemm } from "../kernels/gemm-contract.js";
import { gemmKernelName, gemmTiles, packAName, type GemmKernelShape } from "./gemm-kernel.js";
import { align16, heap, reserve, wasmRuntime } from "./module.js";

/** At or below this many multiply-adds the TypeScript gemm is faster than copying into WebAssembly. */
const SMALL_PROBLEM = 4096;

/**
 * Packing A into panels pays off once each panel is read by at least this many panels of B (measured:
 * at N = 10, two panels, reading A in place is as fast and the packing pass is saved).
 */
const PACK_MIN_PANELS = 4;

/**
 * The first tile (in order of preference) that pads N by at most 1/16, else the one that pads N least
 * (the first on a tie): N = 10 gets a 12-wide tile, not 16 columns of which 6 are zeros.
 */
function tileFor(N: number, tiles: readonly GemmKernelShape[]): GemmKernelShape {
  const pad = (t: GemmKernelShape): number => Math.ceil(N / (4 * t.nv)) * 4 * t.nv - N;
  const good = tiles.find((t) => pad(t) * 16 <= N);
  if (good !== undefined) return good;
  let best = tiles[0]!;
  for (const t of tiles) if (pad(t) < pad(best)) best = t;
  return best;
}

/** Packs B (K×N, strided) at float index `at` as panels of K×nr, the last one zero-padded. */
function packB(b: Float32Array, offset: number, brs: number, bcs: number, K: number, N: number, nr: number, dst: Float32Array, at: number): void {
  for (let j0 = 0, p = at; j0 < N; j0 += nr, p += K * nr) {
    const width = Math.min(nr, N - j0);
    const src = offset + j0 * bcs;
    if (Math.abs(bcs) <= Math.abs(brs)) {
      for (let k = 0; k < K; k++) {
        const s = src + k * brs;
        const d = p + k * nr;
        for (let j = 0; j < width; j++) dst[d + j] = b[s + j * bcs]!;
        for (let j = width; j < nr; j++) dst[d + j] = 0;
      }
    } else {
      // B read down its columns (a transposed view): contiguous reads, writes nr apart.
      for (let j = 0; j < width; j++) {
        const s = src + j * bcs;
        for (let k = 0, d = p + j; k < K; k++, d += nr) dst[d] = b[s + k * brs]!;
      }
      for (let j = width; j < nr; j++) for (let k = 0; k < K; k++) dst[p + k * nr + j] = 0;
    }
  }
}

/**
 * C = A·B (or C += A·B with `accumulate`), plus an optional bias row C[i,j] += bias[j], with WebAssembly
 * SIMD micro-kernels. Same arguments and checks as `gemm`; sums run in float32 within blocks of 256
 * along K. Falls back to the TypeScript `gemm` where WebAssembly SIMD is unavailable and for tiny
 * products. PyTorch: `torch.addmm(bias, a, b, out=c)`.
 * @example
 * const c = new Float32Array(4);
 * gemmWasm(2, 2, 2, Float32Array.of(1, 2, 3, 4), 0, 2, 1, Float32Array.of(1, 0, 0, 1), 0, 2, 1, c, 0, 2, false); // c = [1, 2, 3, 4]
 */
export const gemmWasm: Gemm = (
  M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate,
  bias, biasOffset = 0, biasStride = 1,
) => {
  const wasm = M * N * K > SMALL_PROBLEM ? wasmRuntime() : null;
  if (wasm === null) {
    gemm(M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate, bias, biasOffset, biasStride);
    return;
  }
  checkGemmArgs("gemm", M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, bias, biasOffset, biasStride);
  const loadC = accumulate || bias !== undefined;
  if (loadC) initGemmOutput(M, N, c, cOffset, ldc, accumulate, bias, biasOffset, biasStride);
  const rowMajorA = Math.abs(aColStride) <= Math.abs(aRowStride);
  const tile = tileFor(N, gemmTiles(wasm.relaxed).filter((t) => t.aLayout === "lanes"));
  const { mr } = tile;
  const nr = 4 * tile.nv;
  const Mp = Math.ceil(M / mr) * mr;
  const Np = Math.ceil(N / nr) * nr;
  const colPanels = Np / nr;
  const pack = colPanels >= PACK_MIN_PANELS;
  const aAt = 0;
  const packedAt = align16(aAt + Mp * K * 4);
  const bAt = align16(packedAt + (pack ? Mp * K * 4 : 0));
  const cAt = align16(bAt + Np * K * 4);
  reserve(cAt + Mp * Np * 4);
  const mem = heap();
  if (rowMajorA) copyLines(a, aOffset, aRowStride, aColStride, mem, aAt / 4, K, M, K);
  else copyLines(a, aOffset, aColStride, aRowStride, mem, aAt / 4, Mp, K, M);
  packB(b, bOffset, bRowStride, bColStride, K, N, nr, mem, bAt / 4);
  if (loadC) copyLines(c, cOffset, ldc, 1, mem, cAt / 4, Np, M, N);
  // A as the kernel reads it: [at, panel, row, column] strides in bytes.
  let layout = rowMajorA ? [aAt, mr * K * 4, K * 4, 4] : [aAt, mr * 4, 4, Mp * 4];
  if (pack) {
    wasm.kernels[packAName(mr)]!(aAt, layout[2]!, layout[3]!, packedAt, Mp / mr, K);
    layout = [packedAt, K * mr * 4, 4, mr * 4];
  }
  const kernel = gemmKernelName({ ...tile, aLayout: layout[2] === 4 ? "lanes" : "rows" });
  wasm.kernels[kernel]!(...layout, bAt, cAt, Np * 4, Mp / mr, colPanels, K, loadC ? 1 : 0);
  copyLines(mem, cAt / 4, Np, 1, c, cOffset, ldc, M, N);
};
