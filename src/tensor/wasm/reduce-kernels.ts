/**
 * WebAssembly SIMD reductions over the last dim of a contiguous [rows, inner] block in WebAssembly
 * memory, inner a multiple of 4 (./reduce.ts pads rows that are not with the op's identity): lane
 * accumulators per row, combined lane by lane at the end of the row. Sums run in float64 (two f64x2
 * accumulators), as the TypeScript kernel's running sum does: a float32 sum of 10^6 × 0.1 drifts by
 * 0.2%. NaN propagates through max and min as in the TypeScript kernels.
 */
import { f32Ops, f32x4, f64Ops, f64x2, forLoop, i32, i32Ops, local, v128, v128Ops, type Code, type FunctionSpec } from "./assembler.js";

const get = local.get;
const c32 = i32Ops.const;
const { add } = i32Ops;

/** Combines a vector `x` into the accumulator `acc`. */
export const SIMD_REDUCE = {
  sum: (acc: Code, x: Code) => f32x4.add(acc, x),
  max: (acc: Code, x: Code) => v128Ops.bitselect(x, acc, v128Ops.or(f32x4.gt(x, acc), f32x4.ne(x, x))),
  min: (acc: Code, x: Code) => v128Ops.bitselect(x, acc, v128Ops.or(f32x4.lt(x, acc), f32x4.ne(x, x))),
} satisfies Record<string, (acc: Code, x: Code) => Code>;

export type SimdReduceName = keyof typeof SIMD_REDUCE;
export const REDUCE_IDENTITY: Record<SimdReduceName, number> = { sum: 0, max: -Infinity, min: Infinity };
export const reduceRowsName = (op: SimdReduceName): string => `reduce_rows_${op}`;
export const reduceLeadingName = (op: SimdReduceName): string => `reduce_leading_${op}`;

/**
 * `reduce_leading_op(out, x, rows, inner)`: out[j] = op over x[r·inner + j], r < rows, with `out` holding
 * the op's identity on entry and inner a multiple of 4: row after row, four columns at a time, in the
 * same order as the TypeScript kernel (float32 running values in the output), so the bits agree.
 */
function reduceLeadingKernel(op: SimdReduceName): FunctionSpec {
  return {
    name: reduceLeadingName(op),
    params: [i32, i32, i32, i32],
    build: (f) => {
      const [out, x, rows, inner] = [0, 1, 2, 3] as const;
      const [r, j, px, rowBytes] = [f.local(i32), f.local(i32), f.local(i32), f.local(i32)] as const;
      const at = add(get(out), get(j));
      return [
        local.set(rowBytes, i32Ops.shl(get(inner), c32(2))),
        local.set(px, get(x)),
        forLoop(r, c32(0), get(rows), c32(1), [
          forLoop(j, c32(0), get(rowBytes), c32(16), [v128Ops.store(at, SIMD_REDUCE[op](v128Ops.load(at), v128Ops.load(add(get(px), get(j)))))]),
          local.set(px, add(get(px), get(rowBytes))),
        ]),
      ];
    },
  };
}

/** `reduce_rows_op(out, x, rows, inner)`: out[r] = op over x[r·inner … r·inner + inner). */
function reduceRowsKernel(op: SimdReduceName): FunctionSpec {
  return {
    name: reduceRowsName(op),
    params: [i32, i32, i32, i32],
    build: (f) => {
      const [out, x, rows, inner] = [0, 1, 2, 3] as const;
      const [r, i, end, acc, hi, t] = [f.local(i32), f.local(i32), f.local(i32), f.local(v128), f.local(v128), f.local(v128)] as const;
      // Lanes (2, 3, 0, 1) and (1, 0, 3, 2) of v.
      const swapHalves = (v: Code): Code => v128Ops.shuffle32(v, v, [2, 3, 0, 1]);
      const swapPairs = (v: Code): Code => v128Ops.shuffle32(v, v, [1, 0, 3, 2]);
      const store = (value: Code): Code => f32Ops.store(add(get(out), i32Ops.shl(get(r), c32(2))), value);
      const row = (body: readonly Code[]): Code =>
        forLoop(r, c32(0), get(rows), c32(1), [
          local.set(end, add(get(i), i32Ops.shl(get(inner), c32(2)))),
          ...body,
        ]);
      if (op === "sum") {
        // acc holds lanes 0, 1 and hi lanes 2, 3 of the row, each as a float64 running sum.
        return [
          local.set(i, get(x)),
          row([
            local.set(acc, v128Ops.zero()),
            local.set(hi, v128Ops.zero()),
            forLoop(i, get(i), get(end), c32(16), [
              local.set(t, v128Ops.load(get(i))),
              local.set(acc, f64x2.add(get(acc), f64x2.promoteLowF32x4(get(t)))),
              local.set(hi, f64x2.add(get(hi), f64x2.promoteLowF32x4(swapHalves(get(t))))),
            ]),
            local.set(acc, f64x2.add(get(acc), get(hi))),
            store(f64Ops.demote(f64Ops.add(f64x2.extractLane(get(acc), 0), f64x2.extractLane(get(acc), 1)))),
          ]),
        ];
      }
      const combine = SIMD_REDUCE[op];
      return [
        local.set(i, get(x)),
        row([
          local.set(acc, f32x4.splat(f32Ops.const(REDUCE_IDENTITY[op]))),
          forLoop(i, get(i), get(end), c32(16), [local.set(acc, combine(get(acc), v128Ops.load(get(i))))]),
          // Lanes (0 with 2, 1 with 3), then (0 with 1): lane 0 holds the row's result.
          local.set(acc, combine(get(acc), swapHalves(get(acc)))),
          local.set(acc, combine(get(acc), swapPairs(get(acc)))),
          store(f32x4.extractLane(get(acc), 0)),
        ]),
      ];
    },
  };
}

/** Every reduction kernel of the module. */
export const reduceKernels = (): FunctionSpec[] =>
  (Object.keys(SIMD_REDUCE) as SimdReduceName[]).flatMap((op) => [reduceRowsKernel(op), reduceLeadingKernel(op)]);
