/**
 * The WebAssembly SIMD gemm: C = A·B over operands already in WebAssembly memory (see ./gemm.ts for
 * how they get there).
 *
 * - B is packed as ⌈N/NR⌉ panels of K×NR floats (k-major, zero-padded), NR = 4·NV: per step of k the
 *   micro-kernel loads NV vectors of B.
 * - A is a dense copy of the operand, row-major or column-major as it was stored (a transposed view
 *   stays column-major): the micro-kernel reads MR elements of a column of A per step of k and splats
 *   each (`v128.load32_splat`). Column-major A gives the MR elements at constant offsets of one
 *   pointer; row-major A needs MR row pointers. The copy has ⌈M/MR⌉·MR rows (the extra rows hold
 *   whatever was there; they only feed rows of C that are never copied out).
 * - C is an ⌈M/MR⌉·MR × ⌈N/NR⌉·NR buffer: a micro-tile keeps MR×NV vector accumulators in locals
 *   across its k loop and stores (first block along k, unless C was loaded) or adds them to C.
 * - Blocking: K in blocks of KC, rows of A in blocks of MC so the A block stays in L2 while every
 *   panel of B passes by.
 *
 * Every element of C is one float32 sum in k order per block of KC, whatever tile, part or edge it
 * falls in: the result does not depend on how C is cut between threads.
 */
import { control, f32Ops, f32x4, forLoop, i32, i32Ops, local, repeat, v128, v128Ops, type Code, type FunctionSpec } from "./assembler.js";

/**
 * The shape of a micro-kernel: MR rows × 4·NV columns, FMA or mul+add, and how it finds the MR
 * elements of A it splats per step of k: at constant offsets 4·i of one pointer ("lanes": packed
 * panels, or a column-major A) or through MR row pointers ("rows": a row-major A read in place).
 */
export interface GemmKernelShape {
  mr: number;
  nv: number;
  fma: boolean;
  aLayout: "lanes" | "rows";
}

/** Depth of one block along K. */
export const KC = 256;
/** Row panels (of MR rows) of A per block: ~64 rows × KC × 4 bytes = 64 KB of A reused from L2. */
const MC_ROWS = 64;

/** The exported name of the kernel of `shape`. */
export const gemmKernelName = (s: GemmKernelShape): string => `gemm_${s.mr}x${4 * s.nv}_${s.aLayout}${s.fma ? "_fma" : ""}`;
/** The exported name of the A packer for MR = `mr`. */
export const packAName = (mr: number): string => `pack_a_${mr}`;

const { add, mul, ltU } = i32Ops;
const get = local.get;
const c32 = i32Ops.const;
const min = (a: Code, b: Code): Code => control.select(a, b, ltU(a, b));

/**
 * `pack_a_MR(src, rowBytes, colBytes, dst, panels, K)`: packs the `panels`·MR × K matrix at `src`
 * (element (i,k) at src + i·rowBytes + k·colBytes) into `panels` panels of K×MR floats at `dst`
 * (k-major: the MR elements of a column of the panel are adjacent).
 */
export function packA(mr: number): FunctionSpec {
  return {
    name: packAName(mr),
    params: [i32, i32, i32, i32, i32, i32],
    build: (f) => {
      const [src, rowBytes, colBytes, dst, panels, K] = [0, 1, 2, 3, 4, 5] as const;
      const [p, k, panelStart] = [f.local(i32), f.local(i32), f.local(i32)] as const;
      const row = Array.from({ length: mr }, () => f.local(i32));
      return [
        forLoop(p, c32(0), get(panels), c32(1), [
          local.set(panelStart, add(get(src), mul(mul(get(p), c32(mr)), get(rowBytes)))),
          ...row.map((r, i) => local.set(r, add(get(panelStart), mul(c32(i), get(rowBytes))))),
          local.set(k, get(K)),
          repeat(k, [
            ...row.map((r, i) => f32Ops.store(get(dst), f32Ops.load(get(r)), 4 * i)),
            ...row.map((r) => local.set(r, add(get(r), get(colBytes)))),
            local.set(dst, add(get(dst), c32(4 * mr))),
          ]),
        ]),
      ];
    },
  };
}

/**
 * The module function `gemm_MRxNR_layout(a, aPanelBytes, aRowBytes, aColBytes, b, c, ldcBytes, rowPanels,
 * colPanels, K, loadC)`: C (+)= A·B with A at byte address `a` (element (p·MR + i, k) at
 * a + p·aPanelBytes + i·aRowBytes + k·aColBytes; "lanes" kernels assume aRowBytes = 4), packed B at
 * `b`, C at `c` with row stride `ldcBytes`; with `loadC` 0 the first block along K stores its sums
 * instead of adding them to C.
 */
export function gemmKernel(s: GemmKernelShape): FunctionSpec {
  const { mr, nv, fma } = s;
  const nr = 4 * nv;
  return {
    name: gemmKernelName(s),
    params: [i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32],
    build: (f) => {
      const [aBase, aPanel, aRow, aCol, bBase, cBase, ldc, rowPanels, colPanels, K, loadC] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
      const int = (): number => f.local(i32);
      const [pc, kc, ic, icEnd, jr, ir, k, pa, pb, pcTile, store] = [int(), int(), int(), int(), int(), int(), int(), int(), int(), int(), int()] as const;
      const acc = Array.from({ length: mr }, () => Array.from({ length: nv }, () => f.local(v128)));
      const bv = Array.from({ length: nv }, () => f.local(v128));
      const av = f.local(v128);
      const rows = s.aLayout === "rows";
      const rowPtr = Array.from({ length: mr }, (_, i) => (i === 0 || !rows ? pa : f.local(i32)));
      const panelsPerBlock = Math.ceil(MC_ROWS / mr);

      const madd = (a: Code, b: Code, c: Code): Code => (fma ? f32x4.relaxedMadd(a, b, c) : f32x4.add(c, f32x4.mul(a, b)));
      const cRow = (i: number): Code => add(get(pcTile), mul(c32(i), get(ldc)));
      // One step of k: NV vectors of B, then per row of the tile one splat of A and NV multiply-adds.
      const step = (): Code[] => [
        ...bv.map((b, v) => local.set(b, v128Ops.load(get(pb), 16 * v))),
        ...acc.flatMap((row, i) => [
          local.set(av, rows ? v128Ops.load32Splat(get(rowPtr[i]!)) : v128Ops.load32Splat(get(pa), 4 * i)),
          ...row.map((x, v) => local.set(x, madd(get(av), get(bv[v]!), get(x)))),
        ]),
      ];
      const advance = (): Code[] => [
        ...(rows ? rowPtr.map((p) => local.set(p, add(get(p), c32(4)))) : [local.set(pa, add(get(pa), get(aCol)))]),
        local.set(pb, add(get(pb), c32(nr * 4))),
      ];

      const microKernel: Code[] = [
        // pa: row panel ir of A at depth pc; pb: column panel jr of B at depth pc; pcTile: C[ir·MR, jr·NR].
        local.set(pa, add(get(aBase), add(mul(get(ir), get(aPanel)), mul(get(pc), get(aCol))))),
        ...(rows ? rowPtr.slice(1).map((p, i) => local.set(p, add(get(pa), mul(c32(i + 1), get(aRow))))) : []),
        local.set(pb, add(get(bBase), mul(add(mul(get(jr), get(K)), get(pc)), c32(nr * 4)))),
        local.set(pcTile, add(get(cBase), add(mul(mul(get(ir), c32(mr)), get(ldc)), mul(get(jr), c32(nr * 4))))),
        ...acc.flat().map((x) => local.set(x, v128Ops.zero())),
        // Unrolling k by two measured 4× slower for the 4×8 tile (V8 no longer kept the accumulators in registers).
        local.set(k, get(kc)),
        repeat(k, [...step(), ...advance()]),
        control.if(
          get(store),
          acc.flatMap((row, i) => row.map((x, v) => v128Ops.store(cRow(i), get(x), 16 * v))),
          acc.flatMap((row, i) => row.map((x, v) => v128Ops.store(cRow(i), f32x4.add(v128Ops.load(cRow(i), 16 * v), get(x)), 16 * v))),
        ),
      ];

      return [
        forLoop(pc, c32(0), get(K), c32(KC), [
          local.set(kc, min(i32Ops.sub(get(K), get(pc)), c32(KC))),
          local.set(store, i32Ops.and(i32Ops.eqz(get(pc)), i32Ops.eqz(get(loadC)))),
          forLoop(ic, c32(0), get(rowPanels), c32(panelsPerBlock), [
            local.set(icEnd, min(add(get(ic), c32(panelsPerBlock)), get(rowPanels))),
            forLoop(jr, c32(0), get(colPanels), c32(1), [forLoop(ir, get(ic), get(icEnd), c32(1), microKernel)]),
          ]),
        ]),
      ];
    },
  };
}

/**
 * Micro-tiles in order of preference (see `tileFor` in ./gemm.ts). With mul+add: 4×8, then 2×12 (3×12
 * spilled: 10 vs 15 GFLOP/s at 512³ in one run); with FMA, which needs no temporary per product: 3×12
 * (22.8 GFLOP/s at 512³, 28.3 on the d2l X·W, against 20.0 and 21.0 for 4×8, same run), 4×8, 2×12.
 */
export const gemmTiles = (relaxed: boolean): GemmKernelShape[] =>
  (relaxed ? [{ mr: 3, nv: 3 }, { mr: 4, nv: 2 }, { mr: 2, nv: 3 }] : [{ mr: 4, nv: 2 }, { mr: 2, nv: 3 }]).flatMap(({ mr, nv }) =>
    (["lanes", "rows"] as const).map((aLayout) => ({ mr, nv, fma: relaxed, aLayout })),
  );

/** The gemm kernels and A packers of the module. */
export const gemmKernels = (relaxed: boolean): FunctionSpec[] => [
  ...gemmTiles(relaxed).map(gemmKernel),
  ...[...new Set(gemmTiles(relaxed).map((t) => t.mr))].map(packA),
];
