/**
 * WebAssembly SIMD elementwise kernels over float32 arrays in WebAssembly memory, four lanes at a time
 * (./elementwise.ts copies operands in and results out). Lengths are rounded up to a multiple of 4:
 * the extra lanes compute on whatever follows the operands and are never copied out.
 *
 * Each op is written once as a function of v128 operands; the loop around it is generated, once per
 * broadcast pattern of the second operand:
 * - `same`: b has a's layout, b[i];
 * - `row`: b is one row repeated down the rows of a (a bias), b[i mod inner];
 * - `column`: b holds one value per row of a (a per-row max or sum), splat b[i div inner].
 */
import { control, f32, f32Ops, f32x4, forLoop, i16x8, i32, i32Ops, i32x4, local, repeat, v128, v128Ops, type Code, type FunctionSpec } from "./assembler.js";

const get = local.get;
const c32 = i32Ops.const;
const { add } = i32Ops;

/** `cond ? a : b` lane by lane. */
const select = (a: Code, b: Code, cond: Code): Code => v128Ops.bitselect(a, b, cond);
/** 1.0 where `mask` is set, else 0.0. */
const ones = (mask: Code): Code => v128Ops.and(mask, f32x4.splat(f32Ops.const(1)));

/** Unary ops: `x` the element vector, `p0`/`p1` splatted scalar parameters (same meaning as the TypeScript kernels). */
export const SIMD_UNARY = {
  neg: (x: Code) => f32x4.neg(x),
  abs: (x: Code) => f32x4.abs(x),
  sqrt: (x: Code) => f32x4.sqrt(x),
  // max(x, 0) with NaN kept, -0 → +0: what `x <= 0 ? 0 : x` gives.
  relu: (x: Code) => f32x4.max(x, v128Ops.zero()),
  affine: (x: Code, p0: Code, p1: Code) => f32x4.add(f32x4.mul(x, p0), p1),
  clamp: (x: Code, p0: Code, p1: Code) => select(p0, select(p1, x, f32x4.gt(x, p1)), f32x4.lt(x, p0)),
} satisfies Record<string, (x: Code, p0: Code, p1: Code) => Code>;

/** Binary ops on vectors `a`, `b`; NaN propagates through maximum/minimum as in the TypeScript kernels. */
export const SIMD_BINARY = {
  add: (a: Code, b: Code) => f32x4.add(a, b),
  sub: (a: Code, b: Code) => f32x4.sub(a, b),
  mul: (a: Code, b: Code) => f32x4.mul(a, b),
  div: (a: Code, b: Code) => f32x4.div(a, b),
  maximum: (a: Code, b: Code) => select(a, b, v128Ops.or(f32x4.gt(a, b), f32x4.ne(a, a))),
  minimum: (a: Code, b: Code) => select(a, b, v128Ops.or(f32x4.lt(a, b), f32x4.ne(a, a))),
  eq: (a: Code, b: Code) => ones(f32x4.eq(a, b)),
  ne: (a: Code, b: Code) => ones(f32x4.ne(a, b)),
  gt: (a: Code, b: Code) => ones(f32x4.gt(a, b)),
  ge: (a: Code, b: Code) => ones(f32x4.ge(a, b)),
  lt: (a: Code, b: Code) => ones(f32x4.lt(a, b)),
  le: (a: Code, b: Code) => ones(f32x4.le(a, b)),
  addScaled: (a: Code, b: Code, p0: Code) => f32x4.add(a, f32x4.mul(b, p0)),
} satisfies Record<string, (a: Code, b: Code, p0: Code) => Code>;

export type SimdUnaryName = keyof typeof SIMD_UNARY;
export type SimdBinaryName = keyof typeof SIMD_BINARY;
export type Broadcast = "same" | "row" | "column";

export const unaryName = (op: SimdUnaryName): string => `unary_${op}`;
export const binaryName = (op: SimdBinaryName, broadcast: Broadcast): string => `binary_${op}_${broadcast}`;
export const SCALE_BYTES = "scale_bytes";

/** `unary_op(out, x, n, p0, p1)`: out[i] = op(x[i]) for n floats (n a multiple of 4). */
function unaryKernel(op: SimdUnaryName): FunctionSpec {
  return {
    name: unaryName(op),
    params: [i32, i32, i32, f32, f32],
    build: (f) => {
      const [out, x, n, p0, p1] = [0, 1, 2, 3, 4] as const;
      const [i, v0, v1] = [f.local(i32), f.local(v128), f.local(v128)] as const;
      const at = (base: number): Code => add(get(base), get(i));
      return [
        local.set(v0, f32x4.splat(get(p0))),
        local.set(v1, f32x4.splat(get(p1))),
        forLoop(i, c32(0), i32Ops.shl(get(n), c32(2)), c32(16), [v128Ops.store(at(out), SIMD_UNARY[op](v128Ops.load(at(x)), get(v0), get(v1)))]),
      ];
    },
  };
}

/**
 * `binary_op_broadcast(out, a, b, rows, inner, p0)`: out = op(a, b) over rows × inner floats (inner a
 * multiple of 4 unless `same`, where only rows·inner is), b broadcast as the name says.
 */
function binaryKernel(op: SimdBinaryName, broadcast: Broadcast): FunctionSpec {
  return {
    name: binaryName(op, broadcast),
    params: [i32, i32, i32, i32, i32, f32],
    build: (f) => {
      const [out, a, b, rows, inner, p0] = [0, 1, 2, 3, 4, 5] as const;
      const [i, r, pb, end, p, bv] = [f.local(i32), f.local(i32), f.local(i32), f.local(i32), f.local(v128), f.local(v128)] as const;
      const at = (base: number): Code => add(get(base), get(i));
      const apply = (bVector: Code): Code => v128Ops.store(at(out), SIMD_BINARY[op](v128Ops.load(at(a)), bVector, get(p)));
      const bytes = i32Ops.shl(get(inner), c32(2));
      const body: Code[] =
        broadcast === "same"
          ? [forLoop(i, c32(0), i32Ops.mul(get(rows), bytes), c32(16), [apply(v128Ops.load(at(b)))])]
          : [
              // i walks a and out; each row restarts b (row) or splats its own b (column).
              local.set(i, c32(0)),
              local.set(pb, get(b)),
              control.if(get(rows), [
                local.set(r, get(rows)),
                repeat(r, [
                  local.set(end, add(get(i), bytes)),
                  ...(broadcast === "row"
                    ? [local.set(pb, get(b)), control.block([control.loop([
                        control.brIf(1, i32Ops.geU(get(i), get(end))),
                        apply(v128Ops.load(get(pb))),
                        local.set(pb, add(get(pb), c32(16))),
                        local.set(i, add(get(i), c32(16))),
                        control.br(0),
                      ])])]
                    : [
                        local.set(bv, v128Ops.load32Splat(get(pb))),
                        local.set(pb, add(get(pb), c32(4))),
                        control.block([control.loop([control.brIf(1, i32Ops.geU(get(i), get(end))), apply(get(bv)), local.set(i, add(get(i), c32(16))), control.br(0)])]),
                      ]),
                ]),
              ]),
            ];
      return [local.set(p, f32x4.splat(get(p0))), ...body];
    },
  };
}

/** `scale_bytes(out, src, n, scale)`: out[i] = src[i] / scale for n bytes (n a multiple of 16); exact float32 division. */
function scaleBytesKernel(): FunctionSpec {
  return {
    name: SCALE_BYTES,
    params: [i32, i32, i32, f32],
    build: (f) => {
      const [out, src, n, scale] = [0, 1, 2, 3] as const;
      const [i, o, bytes, half, s] = [f.local(i32), f.local(i32), f.local(v128), f.local(v128), f.local(v128)] as const;
      const quarter = (part: Code, offset: number): Code => v128Ops.store(get(o), f32x4.div(f32x4.convertI32x4U(part), get(s)), offset);
      return [
        local.set(s, f32x4.splat(get(scale))),
        local.set(o, get(out)),
        forLoop(i, c32(0), get(n), c32(16), [
          local.set(bytes, v128Ops.load(add(get(src), get(i)))),
          local.set(half, i16x8.extendLowI8x16U(get(bytes))),
          quarter(i32x4.extendLowI16x8U(get(half)), 0),
          quarter(i32x4.extendHighI16x8U(get(half)), 16),
          local.set(half, i16x8.extendHighI8x16U(get(bytes))),
          quarter(i32x4.extendLowI16x8U(get(half)), 32),
          quarter(i32x4.extendHighI16x8U(get(half)), 48),
          local.set(o, add(get(o), c32(64))),
        ]),
      ];
    },
  };
}

/** Every elementwise kernel of the module. */
export const elementwiseKernels = (): FunctionSpec[] => [
  ...(Object.keys(SIMD_UNARY) as SimdUnaryName[]).map(unaryKernel),
  ...(Object.keys(SIMD_BINARY) as SimdBinaryName[]).flatMap((op) => (["same", "row", "column"] as const).map((b) => binaryKernel(op, b))),
  scaleBytesKernel(),
];
