import { Tensor } from "../tensor.js";
import { broadcastShapes, broadcastStrides, contiguousStrides, fmtShape, keptShape, numelOf, sameShape } from "../shape.js";
import { collapseDims, compileStridedKernel, type StridedKernel } from "./strided-loop.js";
import { allocStorage, isFloating, resultType, type DType } from "../dtype.js";
import { simdBinary, simdReduce, simdUnary } from "./simd-paths.js";

/** Unary kernels: `v0` is the element, `p0`/`p1` scalar parameters. */
const UNARY = {
  copy: "v0",
  neg: "-v0",
  exp: "Math.exp(v0)",
  log: "Math.log(v0)",
  sqrt: "Math.sqrt(v0)",
  abs: "Math.abs(v0)",
  sign: "v0 > 0 ? 1 : v0 < 0 ? -1 : 0", // PyTorch's (0 < x) - (x < 0): 0 at ±0 and at NaN
  relu: "v0 <= 0 ? 0 : v0",
  sigmoid: "1 / (1 + Math.exp(-v0))",
  tanh: "Math.tanh(v0)",
  clamp: "Math.min(Math.max(v0, p0), p1)", // PyTorch's min(max(x, lo), hi): hi when lo > hi; NaN stays NaN
  affine: "v0 * p0 + p1",
  fill: "p0",
} as const;

/** Binary kernels over broadcast operands `v0`, `v1`. NaN propagates through maximum/minimum as in PyTorch. */
const BINARY = {
  add: "v0 + v1",
  sub: "v0 - v1",
  mul: "v0 * v1",
  div: "v0 / v1",
  pow: "Math.pow(v0, v1)",
  maximum: "v0 > v1 || v0 !== v0 ? v0 : v1",
  minimum: "v0 < v1 || v0 !== v0 ? v0 : v1",
  eq: "v0 === v1 ? 1 : 0",
  ne: "v0 !== v1 ? 1 : 0",
  gt: "v0 > v1 ? 1 : 0",
  ge: "v0 >= v1 ? 1 : 0",
  lt: "v0 < v1 ? 1 : 0",
  le: "v0 <= v1 ? 1 : 0",
  addScaled: "v0 + v1 * p0",
  assign: "v1",
} as const;

/** Accumulating kernels: `vo` is the running value in the output. */
const REDUCE = {
  sum: "vo + v0",
  max: "v0 > vo || v0 !== v0 ? v0 : vo",
  min: "v0 < vo || v0 !== v0 ? v0 : vo",
} as const;

export type UnaryKernelName = keyof typeof UNARY;
export type BinaryKernelName = keyof typeof BINARY;
export type ReduceKernelName = keyof typeof REDUCE;

/** Unary ops whose result is floating: an integer or bool input gives float32, as in PyTorch. */
const FLOAT_RESULT: ReadonlySet<UnaryKernelName> = new Set(["exp", "log", "sqrt", "sigmoid", "tanh"]);
const COMPARISONS: ReadonlySet<BinaryKernelName> = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

/** Where max/min start, per dtype: the smallest/largest value the dtype holds. */
const REDUCE_INIT: Record<ReduceKernelName, Record<DType, number>> = {
  sum: { float32: 0, float64: 0, int32: 0, uint8: 0, bool: 0 },
  max: { float32: -Infinity, float64: -Infinity, int32: -2147483648, uint8: 0, bool: 0 },
  min: { float32: Infinity, float64: Infinity, int32: 2147483647, uint8: 255, bool: 1 },
};

/** Integer forms of expressions whose double result would lose the low bits before the int32 wrap. */
const INTEGER_EXPR: Readonly<Record<string, string>> = { mul: "Math.imul(v0, v1)" };

/**
 * One kernel expression and its compiled loops: the float32 one built up front (the hot path, and the
 * one other backends replace), every other dtype signature compiled on first use and cached.
 */
interface KernelSpec {
  readonly name: string;
  readonly expr: string;
  readonly arity: number;
  readonly accumulate: boolean;
  readonly float32: StridedKernel;
  readonly variants: Map<string, StridedKernel>;
}

function kernelSpec(name: string, expr: string, arity: number, accumulate = false): KernelSpec {
  return { name, expr, arity, accumulate, float32: compileStridedKernel(expr, arity, accumulate), variants: new Map() };
}

function compileTable<K extends string>(table: Record<K, string>, arity: number, accumulate = false): Record<K, KernelSpec> {
  const out = {} as Record<K, KernelSpec>;
  for (const name of Object.keys(table) as K[]) out[name] = kernelSpec(name, table[name], arity, accumulate);
  return out;
}

const unaryKernels = compileTable(UNARY, 1);
const binaryKernels = compileTable(BINARY, 2);
const whereKernel = kernelSpec("where", "v0 !== 0 ? v1 : v2", 3);
const reduceKernels = compileTable(REDUCE, 1, true);
/** Σₖ a·b along a last dim the output does not advance on: the scalar matmul of non-float32 dtypes. */
const productSumKernel = kernelSpec("productSum", "vo + v0 * v1", 2, true);

/** The loop of `spec` for these operand dtypes: the float32 one, or a variant compiled for them once. */
function kernelFor(spec: KernelSpec, out: Tensor, inputs: readonly Tensor[]): StridedKernel {
  let allFloat32 = out.dtype === "float32";
  for (let k = 0; allFloat32 && k < inputs.length; k++) allFloat32 = inputs[k]!.dtype === "float32";
  if (allFloat32) return spec.float32;
  const dtypes = [out.dtype, ...inputs.map((t) => t.dtype)];
  const key = dtypes.join(",");
  let kernel = spec.variants.get(key);
  if (kernel === undefined) {
    const integral = dtypes.every((d) => !isFloating(d));
    const expr = (integral ? INTEGER_EXPR[spec.name] : undefined) ?? spec.expr;
    kernel = compileStridedKernel(expr, spec.arity, spec.accumulate, dtypes);
    spec.variants.set(key, kernel);
  }
  return kernel;
}

const FLAT: readonly number[] = [1];

/**
 * Runs `spec` writing into `out` (any strides) from `inputs` already viewed at `out`'s shape
 * (broadcast inputs carry 0 strides). Takes the flat fast path when everything is contiguous.
 */
function launch(spec: KernelSpec, out: Tensor, inputs: readonly Tensor[], inStrides: readonly (readonly number[])[], p0: number, p1: number): void {
  const n = numelOf(out.shape);
  if (n === 0) return;
  const kernel = kernelFor(spec, out, inputs);
  const storages = inputs.map((t) => t.storage);
  const offsets = inputs.map((t) => t.offset);
  let flat = out.isContiguous();
  for (let k = 0; flat && k < inputs.length; k++) {
    const t = inputs[k]!;
    flat = t.isContiguous() && numelOf(t.shape) === n && inStrides[k] === t.strides;
  }
  if (flat) {
    kernel([n], out.storage, out.offset, FLAT, storages, offsets, inputs.map(() => FLAT), p0, p1);
    return;
  }
  const layout = collapseDims(out.shape, [out.strides, ...inStrides]);
  const [outStrides, ...rest] = layout.strides;
  kernel(layout.shape, out.storage, out.offset, outStrides!, storages, offsets, rest, p0, p1);
}

/** A fresh contiguous tensor of `shape` and `dtype` (zeros). */
export function emptyTensor(shape: readonly number[], dtype: DType = "float32"): Tensor {
  return new Tensor(allocStorage(dtype, numelOf(shape)), shape, contiguousStrides(shape), 0, undefined, dtype);
}

/** The dtype `unaryKernel` gives `name` of an `input` tensor: float32 for exp/log/… of integers, else the input's. */
export function unaryResultType(name: UnaryKernelName, input: DType): DType {
  return FLOAT_RESULT.has(name) && !isFloating(input) ? "float32" : input;
}

/** The dtype `binaryKernel` gives: bool for comparisons, float32 for true division of integers, else `result_type`. */
export function binaryResultType(name: BinaryKernelName, a: Tensor, b: Tensor): DType {
  if (COMPARISONS.has(name)) return "bool";
  const dtype = a.dtype === b.dtype ? a.dtype : resultType([a, b]);
  return name === "div" && !isFloating(dtype) ? "float32" : dtype;
}

/**
 * A copy of `x` converted to `dtype` (floats round, integers truncate and wrap, bool is x != 0).
 * PyTorch: `x.to(dtype)` (always a copy here).
 * @example castKernel(tensor([1.7, -1.7]), "int32") // [1, -1]
 */
export function castKernel(x: Tensor, dtype: DType): Tensor {
  return unaryKernel("copy", x, 0, 0, emptyTensor(x.shape, dtype));
}

/**
 * `out = f(x)` elementwise; writes into `out` when given (in-place ops), else into a new tensor.
 * @example unaryKernel("clamp", x, 0, 1) // clamp(x, 0, 1)
 */
export function unaryKernel(name: UnaryKernelName, x: Tensor, p0 = 0, p1 = 0, out?: Tensor): Tensor {
  const target = out ?? emptyTensor(x.shape, unaryResultType(name, x.dtype));
  if (!simdUnary(name, target, x, p0, p1)) launch(unaryKernels[name], target, [x], [x.strides], p0, p1);
  return target;
}

/**
 * `out = f(a, b)` elementwise with NumPy broadcasting. With `out` given (in-place ops), `out`'s
 * shape must already be the broadcast shape; `op` names the public op in errors.
 */
export function binaryKernel(name: BinaryKernelName, a: Tensor, b: Tensor, op: string = name, out?: Tensor, p0 = 0): Tensor {
  const equal = sameShape(a.shape, b.shape);
  const shape = equal ? a.shape : broadcastShapes(op, a.shape, b.shape);
  if (out !== undefined && !sameShape(out.shape, shape)) {
    throw new Error(`${op}: output with shape ${fmtShape(out.shape)} doesn't match the broadcast shape ${fmtShape(shape)}`);
  }
  const target = out ?? emptyTensor(shape, binaryResultType(name, a, b));
  const sa = equal ? a.strides : broadcastStrides(a.shape, a.strides, shape);
  const sb = equal ? b.strides : broadcastStrides(b.shape, b.strides, shape);
  if (!simdBinary(name, target, a, b, sa, sb, p0)) launch(binaryKernels[name], target, [a, b], [sa, sb], p0, 0);
  return target;
}

/** `out = cond != 0 ? a : b` with three-way broadcasting, in the promoted dtype of a and b. PyTorch: `torch.where`. */
export function whereKernel3(cond: Tensor, a: Tensor, b: Tensor): Tensor {
  const shape = broadcastShapes("where", broadcastShapes("where", cond.shape, a.shape), b.shape);
  const target = emptyTensor(shape, a.dtype === b.dtype ? a.dtype : resultType([a, b]));
  const strides = [cond, a, b].map((t) => broadcastStrides(t.shape, t.strides, shape));
  launch(whereKernel, target, [cond, a, b], strides, 0, 0);
  return target;
}

/**
 * Reduces `x` over the sorted, normalised `dims` with `sum`, `max` or `min`; the result keeps the
 * reduced dims as size 1 when `keepdim`, else drops them. `sum` of bool, uint8 or int32 is int32
 * (PyTorch's int64); max and min keep the dtype.
 */
export function reduceKernel(name: ReduceKernelName, x: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  const dtype = name === "sum" && !isFloating(x.dtype) ? "int32" : x.dtype;
  const target = emptyTensor(keptShape(x.shape, dims), dtype);
  if (!simdReduce(name, target, x, dims)) {
    const init = REDUCE_INIT[name][dtype];
    if (init !== 0) target.storage.fill(init);
    const outStrides = target.strides.map((s, i) => (dims.includes(i) ? 0 : s));
    const view = new Tensor(target.storage, x.shape, outStrides, 0, undefined, dtype);
    launch(reduceKernels[name], view, [x], [x.strides], 0, 0);
  }
  if (keepdim) return target;
  const shape = x.shape.filter((_, i) => !dims.includes(i));
  return new Tensor(target.storage, shape, contiguousStrides(shape), 0, undefined, dtype);
}

/**
 * Adds Σₖ a[…, k]·b[…, k] into `out`: every operand is a view of the same shape whose last dim is the
 * summed one, with `out`'s stride 0 there (a matmul seen as a reduction, for dtypes without a gemm).
 */
export function productSumInto(out: Tensor, a: Tensor, b: Tensor): void {
  launch(productSumKernel, out, [a, b], [a.strides, b.strides], 0, 0);
}
