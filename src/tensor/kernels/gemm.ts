/**
 * Single-threaded SGEMM for V8: C = A·B (+ C) (+ bias), over strided float32 storage.
 *
 * The shape of the computation is the BLIS one, cut down to what pays off in scalar JavaScript:
 *
 * - B is packed, block by block (KC rows × about NC columns), into a module-level Float64Array as
 *   panels NR columns wide, k-major, so the micro-kernel reads B contiguously and without a float32 →
 *   float64 conversion per load. Packing reads B through its strides: a transposed view costs nothing
 *   extra.
 * - A is read in place through its strides, 4 rows at a time. Measured on the target machine, packing A
 *   as well cost more than it saved: the 4×KC strip stays in L1/L2 while it is reused, and in the narrow
 *   d2l shapes (N = 10) each element of A is used only N times, so a packing pass is pure overhead. Only
 *   a last strip of fewer than 4 rows is copied, zero-padded, into a small scratch.
 * - The micro-kernel keeps a 4×NR block of C in local variables (float64) across the whole k loop and
 *   adds it to C once. NR is picked per call from {4, 6, 8, 10} to waste the fewest padded columns
 *   (N = 10 gets an exact 4×10 tile instead of 16 columns of which 6 are zeros); on square sizes the
 *   four widths measured within noise of each other here.
 * - Micro-kernels are generated from their tile shape once at load time (as in ./strided-loop.ts):
 *   forty hand-unrolled lines per width would be the same text four times.
 *
 * Problems too small to repay the packing, and vector-matrix / matrix-vector products (M = 1 or
 * N = 1), go to the plain dot-product loop. All scratch buffers are module-level and only grow: a
 * warm call allocates nothing.
 */
import { checkGemmArgs, initGemmOutput, type Gemm } from "./gemm-contract.js";
import { addProductsNaive } from "./gemm-naive.js";

/** Rows of A (and C) per micro-tile; `gemmParallel` cuts row parts at multiples of it. */
export const MR = 4;
/** Depth of one packed block of B: a KC×NR panel (20 KB at NR = 10) stays in L1. */
const KC = 256;
/** Rows of A per block: the MC×KC slab of A (64 KB) is re-read from L2 for every panel of B. */
const MC = 64;
/** Target columns per packed block of B (KC×NC doubles = 1 MB, an L2; rounded down to a multiple of NR). */
const NC = 512;
/** Panel widths with a compiled micro-kernel; the widest wins ties. */
const PANEL_WIDTHS = [10, 8, 6, 4] as const;
/** At or below this many multiply-adds packing does not pay (measured: 4³ breaks even, 8³ is 1.5× faster packed). */
const SMALL_PROBLEM = 256;

/**
 * Adds A·B for one full MR×nr tile into C: A rows start at `ai` (strides `ars`, `acs`), the packed
 * B panel at `bi`, the C tile at `ci` (row stride `ldc`).
 */
type MicroKernel = (
  kc: number,
  a: Float32Array, ai: number, ars: number, acs: number,
  bp: Float64Array, bi: number,
  c: Float32Array, ci: number, ldc: number,
) => void;

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/**
 * Source of the MR×nr micro-kernel (C_tile += A_strip · B_panel, MR = 4): MR·nr float64 accumulators,
 * per k step MR loads of A and nr loads of packed B feeding MR·nr multiply-adds, then one `+=` per
 * element of the C tile. Exported so the generated code can be read.
 * @example console.log(microKernelSource(10)) // the 4×10 kernel used when N = 10
 */
export function microKernelSource(nr: number): string {
  const rows = range(MR);
  const cols = range(nr);
  const acc = (i: number, j: number): string => `c${i}_${j}`;
  const plus = (base: string, k: number, scale = ""): string => (k === 0 ? base : `${base} + ${k}${scale}`);
  const lines = [
    ...rows.map((i) => `let ${cols.map((j) => `${acc(i, j)} = 0`).join(", ")};`),
    "for (let k = 0; k < kc; k++) {",
    ...rows.map((i) => `  const a${i} = a[${plus("ai", i, " * ars")}];`),
    ...cols.map((j) => `  const b${j} = bp[${plus("bi", j)}];`),
    ...rows.flatMap((i) => cols.map((j) => `  ${acc(i, j)} += a${i} * b${j};`)),
    `  ai += acs;`,
    `  bi += ${nr};`,
    "}",
    ...rows.flatMap((i) => [`const r${i} = ${plus("ci", i, " * ldc")};`, ...cols.map((j) => `c[${plus(`r${i}`, j)}] += ${acc(i, j)};`)]),
  ];
  return lines.join("\n");
}

function compileMicroKernel(nr: number): MicroKernel {
  const params = "kc, a, ai, ars, acs, bp, bi, c, ci, ldc";
  const named = `return function microKernel${MR}x${nr}(${params}) {\n${microKernelSource(nr)}\n};`;
  return new Function(named)() as MicroKernel;
}

const MICRO_KERNELS = new Map<number, MicroKernel>(PANEL_WIDTHS.map((nr) => [nr, compileMicroKernel(nr)]));

/**
 * The panel width nr ∈ {10, 8, 6, 4} that pads N up to a multiple of nr with the fewest zero columns
 * (the widest on a tie).
 * @example panelWidthFor(10) // 10 (a 4×8 tile would compute 16 columns for 10)
 */
export function panelWidthFor(N: number): number {
  let best: number = PANEL_WIDTHS[0];
  let bestPad = Infinity;
  for (const nr of PANEL_WIDTHS) {
    const pad = Math.ceil(N / nr) * nr - N;
    if (pad < bestPad) {
      best = nr;
      bestPad = pad;
    }
  }
  return best;
}

// Scratch, reused between calls and grown on demand.
let packedB = new Float64Array(0);
const edgeA = new Float32Array(MR * KC);
const edgeC = new Float32Array(MR * PANEL_WIDTHS[0]);

/**
 * Packs B[k0:k0+kc, j0:j0+nc] into `packedB` as ⌈nc/nr⌉ panels of kc×nr (k-major, the last panel
 * zero-padded), reading B through its strides.
 */
function packB(
  b: Float32Array, bOffset: number, brs: number, bcs: number,
  k0: number, kc: number, j0: number, nc: number, nr: number,
): void {
  const size = Math.ceil(nc / nr) * nr * kc;
  if (packedB.length < size) packedB = new Float64Array(Math.max(size, packedB.length * 2));
  const dst = packedB;
  let p = 0;
  for (let jp = 0; jp < nc; jp += nr) {
    const width = Math.min(nr, nc - jp);
    let src = bOffset + k0 * brs + (j0 + jp) * bcs;
    for (let k = 0; k < kc; k++) {
      let q = src;
      for (let j = 0; j < width; j++) {
        dst[p + j] = b[q]!;
        q += bcs;
      }
      for (let j = width; j < nr; j++) dst[p + j] = 0;
      p += nr;
      src += brs;
    }
  }
}

/** Copies the last `rows` (< MR) rows of an A strip into `edgeA` as a zero-padded MR×kc strip (k-major). */
function packEdgeRows(a: Float32Array, ai: number, ars: number, acs: number, rows: number, kc: number): void {
  edgeA.fill(0);
  for (let i = 0; i < rows; i++) {
    let src = ai + i * ars;
    for (let k = 0; k < kc; k++) {
      edgeA[k * MR + i] = a[src]!;
      src += acs;
    }
  }
}

/** Adds the top-left rows×cols corner of `edgeC` (a tile computed off to the side) into C. */
function addEdgeTile(c: Float32Array, ci: number, ldc: number, rows: number, cols: number, nr: number): void {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) c[ci + i * ldc + j] = c[ci + i * ldc + j]! + edgeC[i * nr + j]!;
  }
}

/**
 * C = A·B (or C += A·B with `accumulate`), plus an optional bias row C[i,j] += bias[j]: a packed,
 * blocked, register-tiled SGEMM. A is M×K and B is K×N, each with any row/column strides (pass a
 * transposed view's strides as they are, or 0 for an expanded dim); C is M×N with row stride `ldc` and
 * column stride 1. Sums run in float64 within blocks of 256 along K. With K = 0, C becomes zeros (+ bias),
 * or is left as it is when accumulating. PyTorch: `torch.addmm(bias, a, b, out=c)` / BLAS `sgemm`.
 * @example
 * // C (2×2) = A (2×3) · Bᵀ where B is stored 2×3 row-major: read B with strides (1, 3)
 * const c = new Float32Array(4);
 * gemm(2, 2, 3, Float32Array.of(1, 2, 3, 4, 5, 6), 0, 3, 1, Float32Array.of(1, 0, 0, 0, 1, 0), 0, 1, 3, c, 0, 2, false);
 * // c = [1, 2, 4, 5]
 */
export const gemm: Gemm = (
  M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, accumulate,
  bias, biasOffset = 0, biasStride = 1,
) => {
  checkGemmArgs("gemm", M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc, bias, biasOffset, biasStride);
  initGemmOutput(M, N, c, cOffset, ldc, accumulate, bias, biasOffset, biasStride);
  if (M === 0 || N === 0 || K === 0) return;
  // Vector-matrix and matrix-vector products would fill a 4-row or NR-column tile with one live line.
  if (M === 1 || N === 1 || M * N * K <= SMALL_PROBLEM) {
    addProductsNaive(M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc);
    return;
  }
  const nr = panelWidthFor(N);
  const kernel = MICRO_KERNELS.get(nr)!;
  const ncMax = Math.max(nr, Math.floor(NC / nr) * nr);
  for (let j0 = 0; j0 < N; j0 += ncMax) {
    const nc = Math.min(ncMax, N - j0);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = Math.min(KC, K - k0);
      packB(b, bOffset, bRowStride, bColStride, k0, kc, j0, nc, nr);
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = Math.min(MC, M - i0);
        const aBlock = aOffset + i0 * aRowStride + k0 * aColStride;
        const fullRows = mc - (mc % MR);
        if (fullRows < mc) packEdgeRows(a, aBlock + fullRows * aRowStride, aRowStride, aColStride, mc - fullRows, kc);
        for (let jp = 0; jp < nc; jp += nr) {
          const cols = Math.min(nr, nc - jp);
          const bi = jp * kc;
          const cBlock = cOffset + i0 * ldc + j0 + jp;
          for (let ir = 0; ir < mc; ir += MR) {
            const ci = cBlock + ir * ldc;
            const rows = Math.min(MR, mc - ir);
            if (rows === MR && cols === nr) {
              kernel(kc, a, aBlock + ir * aRowStride, aRowStride, aColStride, packedB, bi, c, ci, ldc);
              continue;
            }
            // Edge tile: compute the full MR×nr tile into edgeC (from edgeA when rows are missing), keep the valid corner.
            edgeC.fill(0);
            if (rows === MR) kernel(kc, a, aBlock + ir * aRowStride, aRowStride, aColStride, packedB, bi, edgeC, 0, nr);
            else kernel(kc, edgeA, 0, 1, MR, packedB, bi, edgeC, 0, nr);
            addEdgeTile(c, ci, ldc, rows, cols, nr);
          }
        }
      }
    }
  }
};
