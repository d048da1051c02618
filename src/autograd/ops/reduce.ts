import type { Tensor } from "../../tensor/tensor.js";
import { fmtShape, keptShape, normalizeDim, normalizeDims, numelOf } from "../../tensor/shape.js";
import { binaryKernel, castKernel, reduceKernel } from "../../tensor/kernels/elementwise.js";
import { isFloating } from "../../tensor/dtype.js";
import { logSoftmaxKernel, logSumExpKept, softmaxKernel } from "../../tensor/kernels/log-sum-exp.js";
import { argReduceKernel } from "../../tensor/kernels/index-kernels.js";
import { needsGrad, record } from "../node.js";
import { div, eq, exp, mul, ne, sub } from "./elementwise.js";
import { scatterAdd } from "./indexing.js";
import { detach, expand, reshape, squeeze } from "./views.js";
import { expectBoolean, expectTensor } from "../../tensor/validate.js";

/** A dim, a list of dims, or `undefined` for all dims. */
export type Dims = number | readonly number[] | undefined;

/** Brings a reduced gradient (or result) back to `shape` by restoring the size-1 dims and expanding. */
function expandBack(g: Tensor, shape: readonly number[], dims: readonly number[]): Tensor {
  return expand(reshape(g, keptShape(shape, dims)), shape);
}

/**
 * Σ over `dim` (one, several, or all when omitted); bool, uint8 and int32 sum to int32. PyTorch: `torch.sum`.
 * @example sum(tensor([[1, 2], [3, 4]]), 0) // [4, 6]
 */
export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  expectTensor("sum", "input", x);
  const dims = normalizeDims("sum", dim, x.ndim);
  expectBoolean("sum", "keepdim", keepdim, false);
  const shape = x.shape;
  return record("SumBackward", reduceKernel("sum", x, dims, keepdim), [x], [], (g) => [expandBack(g, shape, dims)]);
}

/**
 * Arithmetic mean over `dim`, of a floating tensor (an integer one is an error, as in PyTorch).
 * PyTorch: `torch.mean`.
 * @example mean(tensor([1, 2, 3, 4])) // 2.5
 */
export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  expectTensor("mean", "input", x);
  checkFloating("mean", x);
  const dims = normalizeDims("mean", dim, x.ndim);
  expectBoolean("mean", "keepdim", keepdim, false);
  const count = dims.reduce((p, d) => p * x.shape[d]!, 1);
  return div(sum(x, dims, keepdim), count);
}

/** Throws naming `op` unless `x` is float32 or float64 (PyTorch: "could not infer output dtype"). */
function checkFloating(op: string, x: Tensor): void {
  if (!isFloating(x.dtype)) {
    throw new Error(`${op}: could not infer output dtype; the input must be a floating point tensor, got ${x.dtype} (convert with .float() first)`);
  }
}

type Extremum = "max" | "min" | "amax" | "amin";

/** The values of a max/min reduction over `dims`, with the checks every extremum shares. */
function extremeValues(name: Extremum, x: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  expectBoolean(name, "keepdim", keepdim, false);
  for (const d of dims) {
    if (x.shape[d] === 0) throw new Error(`${name}: cannot reduce over dim ${d} of size 0 (shape ${fmtShape(x.shape)})`);
  }
  if (numelOf(x.shape) === 0 && dims.length === x.ndim) throw new Error(`${name}: cannot reduce an empty tensor`);
  return reduceKernel(name === "max" || name === "amax" ? "max" : "min", x, dims, keepdim);
}

/**
 * The reduction whose gradient is split evenly among the tied extremes. `nanWins`: a NaN result sends the
 * gradient to the NaN inputs, as PyTorch's full `max()` does (its `evenly_distribute_backward`); amax/amin
 * compare with `==`, so a NaN row gets NaN gradients there, as in PyTorch.
 */
function evenSplit(name: Extremum, x: Tensor, dims: readonly number[], keepdim: boolean, nanWins: boolean): Tensor {
  const y = extremeValues(name, x, dims, keepdim);
  const nodeName = `${name[0]!.toUpperCase()}${name.slice(1)}Backward`;
  return record(nodeName, y, [x], [x, y], (g, { saved: [input, result] }) => {
    const extremes = expandBack(result, input.shape, dims);
    let winners = eq(input, extremes);
    if (nanWins) winners = binaryKernel("maximum", winners, binaryKernel("mul", ne(input, input), ne(extremes, extremes)));
    const ties = reduceKernel("sum", winners, dims, true);
    // The shares in the input's dtype (a float64 input gets exact 1/k, not float32's).
    return [mul(expandBack(g, input.shape, dims), binaryKernel("div", castKernel(winners, input.dtype), ties))];
  });
}

/** max/min along one dim: the gradient goes to the one index argmax/argmin picks, as PyTorch's `max(dim)` does. */
function alongDim(name: "max" | "min", x: Tensor, dim: number, keepdim: boolean): Tensor {
  const d = normalizeDim(name, dim, x.ndim);
  const dims = x.ndim === 0 ? [] : [d];
  const y = extremeValues(name, x, dims, keepdim);
  if (x.ndim === 0) return record(name === "max" ? "MaxBackward" : "MinBackward", y, [x], [], (g) => [g]);
  // The indices are only needed for backward: skip the extra pass when nothing records.
  if (!needsGrad([x])) return y;
  const indices = argReduceKernel(x, d, name === "max" ? 1 : -1);
  const kept = keptShape(x.shape, dims);
  return record(name === "max" ? "MaxBackward" : "MinBackward", y, [x], [indices], (g, { saved: [i] }) => [scatterAdd(reshape(g, kept), d, i, x.shape)]);
}

function extremum(name: "max" | "min", x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  if (typeof dim === "number") return alongDim(name, x, dim, keepdim);
  return evenSplit(name, x, normalizeDims(name, dim, x.ndim), keepdim, dim === undefined);
}

/**
 * Largest value: of all elements, or along `dim` (values only; `argmax` gives the indices). The gradient
 * of `max(dim)` goes to the index `argmax` picks (the first of ties, a NaN if any); of `max()` it is split
 * evenly among ties. A NaN in the row is the maximum. A list of dims reduces like `amax`.
 * PyTorch: `torch.max(input)`, `torch.max(input, dim).values`.
 * @example max(tensor([[1, 5], [7, 2]]), 1) // [5, 7]
 */
export function max(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  expectTensor("max", "input", x);
  return extremum("max", x, dim, keepdim);
}
/** Smallest value, of all elements or along `dim`; gradients as for `max`. PyTorch: `torch.min`. @example min(tensor([[1, 5], [7, 2]]), 1) // [1, 2] */
export function min(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  expectTensor("min", "input", x);
  return extremum("min", x, dim, keepdim);
}

/**
 * Largest value over `dim` (one, several, or all dims); the gradient is split evenly among tied maxima.
 * PyTorch: `torch.amax`.
 * @example amax(tensor([[1, 5], [5, 2]]), [0, 1]) // 5, gradient [[0, 0.5], [0.5, 0]]
 */
export function amax(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  expectTensor("amax", "input", x);
  return evenSplit("amax", x, normalizeDims("amax", dim, x.ndim), keepdim, false);
}
/** Smallest value over `dim`; the gradient is split evenly among tied minima. PyTorch: `torch.amin`. @example amin(tensor([3, 1, 1])) // 1 */
export function amin(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  expectTensor("amin", "input", x);
  return evenSplit("amin", x, normalizeDims("amin", dim, x.ndim), keepdim, false);
}

function argExtremum(name: "argmax" | "argmin", x: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  expectBoolean(name, "keepdim", keepdim, false);
  if (numelOf(x.shape) === 0) throw new Error(`${name}: cannot take the ${name} of an empty tensor (shape ${fmtShape(x.shape)})`);
  const sign = name === "argmax" ? 1 : -1;
  // Indices carry no gradient: reshape a detached view so no node is recorded (it would never be freed).
  if (dim === undefined) {
    const flat = argReduceKernel(reshape(detach(x), [-1]), 0, sign);
    return keepdim ? reshape(flat, x.shape.map(() => 1)) : reshape(flat, []);
  }
  const d = normalizeDim(name, dim, x.ndim);
  if (x.ndim === 0) return reshape(argReduceKernel(reshape(detach(x), [1]), 0, sign), []);
  const y = argReduceKernel(x, d, sign);
  return keepdim ? y : squeeze(y, d);
}

/** Index of the largest value along `dim` (of the flattened tensor when omitted), as int32 (our int64). PyTorch: `torch.argmax`. @example argmax(tensor([[1, 5], [7, 2]]), 1) // [1, 0] */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  expectTensor("argmax", "input", x);
  return argExtremum("argmax", x, dim, keepdim);
}
/** Index of the smallest value along `dim`. PyTorch: `torch.argmin`. @example argmin(tensor([3, 1, 2])) // 1 */
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  expectTensor("argmin", "input", x);
  return argExtremum("argmin", x, dim, keepdim);
}

/**
 * log Σ exp(x) over `dim`, shifted by the max so that logits of ±1000 stay finite (the LogSumExp trick).
 * Gradient: g·softmax(x). PyTorch: `torch.logsumexp`.
 * @example logsumexp(tensor([1000, 1000]), 0) // 1000.6931
 */
export function logsumexp(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  expectTensor("logsumexp", "input", x);
  checkFloating("logsumexp", x);
  const dims = normalizeDims("logsumexp", dim, x.ndim);
  expectBoolean("logsumexp", "keepdim", keepdim, false);
  const kept = logSumExpKept("logsumexp", x, dims);
  const y = keepdim ? kept : reshape(kept, x.shape.filter((_, i) => !dims.includes(i)));
  return record("LogsumexpBackward", y, [x], [x, y], (g, { saved: [input, result] }) => {
    const shape = input.shape;
    return [mul(expandBack(g, shape, dims), exp(sub(input, expandBack(result, shape, dims))))];
  });
}

/**
 * exp(x − max) / Σ exp(x − max) along `dim`: non-negative, sums to 1, finite for any finite logits.
 * Gradient: y·(g − Σ g·y). PyTorch: `torch.softmax`.
 * @example softmax(tensor([[1, 2, 3]]), -1) // [[0.0900, 0.2447, 0.6652]]
 */
export function softmax(x: Tensor, dim = -1): Tensor {
  expectTensor("softmax", "input", x);
  checkFloating("softmax", x);
  const d = normalizeDim("softmax", dim, x.ndim);
  const dims = x.ndim === 0 ? [] : [d];
  const y = softmaxKernel("softmax", x, dims);
  return record("SoftmaxBackward", y, [x], [y], (g, { saved: [p] }) => [mul(p, sub(g, sum(mul(g, p), dims, true)))]);
}

/**
 * x − logsumexp(x) along `dim`: log-probabilities that never take the log of an underflowed 0.
 * Gradient: g − softmax(x)·Σ g. PyTorch: `torch.log_softmax`.
 * @example logSoftmax(tensor([[0, 0]]), 1) // [[-0.6931, -0.6931]]
 */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  expectTensor("logSoftmax", "input", x);
  checkFloating("logSoftmax", x);
  const d = normalizeDim("logSoftmax", dim, x.ndim);
  const dims = x.ndim === 0 ? [] : [d];
  const y = logSoftmaxKernel("logSoftmax", x, dims);
  return record("LogSoftmaxBackward", y, [x], [y], (g, { saved: [logP] }) => [sub(g, mul(exp(logP), sum(g, dims, true)))]);
}
