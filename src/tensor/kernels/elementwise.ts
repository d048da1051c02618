import { Tensor } from "../tensor.js";
import { broadcastShapes, broadcastStrides, contiguousStrides, fmtShape, keptShape, numelOf, sameShape } from "../shape.js";
import { collapseDims, compileStridedKernel, type StridedKernel } from "./strided-loop.js";
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

const REDUCE_INIT: Record<ReduceKernelName, number> = { sum: 0, max: -Infinity, min: Infinity };

function compileTable<K extends string>(table: Record<K, string>, arity: number, accumulate = false): Record<K, StridedKernel> {
  const out = {} as Record<K, StridedKernel>;
  for (const name of Object.keys(table) as K[]) out[name] = compileStridedKernel(table[name], arity, accumulate);
  return out;
}

const unaryKernels = compileTable(UNARY, 1);
const binaryKernels = compileTable(BINARY, 2);
const whereKernel = compileStridedKernel("v0 !== 0 ? v1 : v2", 3);
const reduceKernels = compileTable(REDUCE, 1, true);

const FLAT: readonly number[] = [1];

/**
 * Runs `kernel` writing into `out` (any strides) from `inputs` already viewed at `out`'s shape
 * (broadcast inputs carry 0 strides). Takes the flat fast path when everything is contiguous.
 */
function launch(kernel: StridedKernel, out: Tensor, inputs: readonly Tensor[], inStrides: readonly (readonly number[])[], p0: number, p1: number): void {
  const n = numelOf(out.shape);
  if (n === 0) return;
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

/** A fresh contiguous tensor of `shape` (uninitialised zeros). */
export function emptyTensor(shape: readonly number[]): Tensor {
  return new Tensor(new Float32Array(numelOf(shape)), shape, contiguousStrides(shape));
}

/**
 * `out = f(x)` elementwise; writes into `out` when given (in-place ops), else into a new tensor.
 * @example unaryKernel("clamp", x, 0, 1) // clamp(x, 0, 1)
 */
export function unaryKernel(name: UnaryKernelName, x: Tensor, p0 = 0, p1 = 0, out?: Tensor): Tensor {
  const target = out ?? emptyTensor(x.shape);
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
  const target = out ?? emptyTensor(shape);
  const sa = equal ? a.strides : broadcastStrides(a.shape, a.strides, shape);
  const sb = equal ? b.strides : broadcastStrides(b.shape, b.strides, shape);
  if (!simdBinary(name, target, a, b, sa, sb, p0)) launch(binaryKernels[name], target, [a, b], [sa, sb], p0, 0);
  return target;
}

/** `out = cond != 0 ? a : b` with three-way broadcasting. PyTorch: `torch.where`. */
export function whereKernel3(cond: Tensor, a: Tensor, b: Tensor): Tensor {
  const shape = broadcastShapes("where", broadcastShapes("where", cond.shape, a.shape), b.shape);
  const target = emptyTensor(shape);
  const strides = [cond, a, b].map((t) => broadcastStrides(t.shape, t.strides, shape));
  launch(whereKernel, target, [cond, a, b], strides, 0, 0);
  return target;
}

/**
 * Reduces `x` over the sorted, normalised `dims` with `sum`, `max` or `min`; the result keeps the
 * reduced dims as size 1 when `keepdim`, else drops them.
 */
export function reduceKernel(name: ReduceKernelName, x: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  const target = emptyTensor(keptShape(x.shape, dims));
  if (!simdReduce(name, target, x, dims)) {
    if (REDUCE_INIT[name] !== 0) target.storage.fill(REDUCE_INIT[name]);
    const outStrides = target.strides.map((s, i) => (dims.includes(i) ? 0 : s));
    const view = new Tensor(target.storage, x.shape, outStrides, 0);
    launch(reduceKernels[name], view, [x], [x.strides], 0, 0);
  }
  if (keepdim) return target;
  const shape = x.shape.filter((_, i) => !dims.includes(i));
  return new Tensor(target.storage, shape, contiguousStrides(shape));
}
