import type { Tensor } from "../../tensor/tensor.js";
import { fmtShape, keptShape, normalizeDim, normalizeDims, numelOf } from "../../tensor/shape.js";
import { binaryKernel, reduceKernel } from "../../tensor/kernels/elementwise.js";
import { logSoftmaxKernel, logSumExpKept, softmaxKernel } from "../../tensor/kernels/log-sum-exp.js";
import { argReduceKernel } from "../../tensor/kernels/index-kernels.js";
import { record } from "../node.js";
import { div, eq, exp, mul, sub } from "./elementwise.js";
import { detach, expand, reshape, squeeze } from "./views.js";

/** A dim, a list of dims, or `undefined` for all dims. */
export type Dims = number | readonly number[] | undefined;

/** Brings a reduced gradient (or result) back to `shape` by restoring the size-1 dims and expanding. */
function expandBack(g: Tensor, shape: readonly number[], dims: readonly number[]): Tensor {
  return expand(reshape(g, keptShape(shape, dims)), shape);
}

/**
 * Σ over `dim` (one, several, or all when omitted). PyTorch: `torch.sum`.
 * @example sum(tensor([[1, 2], [3, 4]]), 0) // [4, 6]
 */
export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const dims = normalizeDims("sum", dim, x.ndim);
  const shape = x.shape;
  return record("SumBackward", reduceKernel("sum", x, dims, keepdim), [x], [], (g) => [expandBack(g, shape, dims)]);
}

/**
 * Arithmetic mean over `dim`. PyTorch: `torch.mean`.
 * @example mean(tensor([1, 2, 3, 4])) // 2.5
 */
export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const dims = normalizeDims("mean", dim, x.ndim);
  const count = dims.reduce((p, d) => p * x.shape[d]!, 1);
  return div(sum(x, dims, keepdim), count);
}

function extremum(name: "max" | "min", x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  const dims = normalizeDims(name, dim, x.ndim);
  for (const d of dims) {
    if (x.shape[d] === 0) throw new Error(`${name}: cannot reduce over dim ${d} of size 0 (shape ${fmtShape(x.shape)})`);
  }
  if (numelOf(x.shape) === 0 && dims.length === x.ndim) throw new Error(`${name}: cannot reduce an empty tensor`);
  const y = reduceKernel(name, x, dims, keepdim);
  return record(`${name === "max" ? "Max" : "Min"}Backward`, y, [x], [x, y], (g, { saved: [input, result] }) => {
    // Ties share the gradient evenly, as PyTorch's amax/amin do.
    const winners = eq(input, expandBack(result, input.shape, dims));
    const ties = reduceKernel("sum", winners, dims, true);
    return [mul(expandBack(g, input.shape, dims), binaryKernel("div", winners, ties))];
  });
}

/** Largest value over `dim` (values only; `argmax` gives indices). PyTorch: `torch.amax`. @example max(tensor([[1, 5], [7, 2]]), 1) // [5, 7] */
export function max(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  return extremum("max", x, dim, keepdim);
}
/** Smallest value over `dim`. PyTorch: `torch.amin`. @example min(tensor([[1, 5], [7, 2]]), 1) // [1, 2] */
export function min(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  return extremum("min", x, dim, keepdim);
}

function argExtremum(name: "argmax" | "argmin", x: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
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

/** Index of the largest value along `dim` (of the flattened tensor when omitted), as a float32 whole number. PyTorch: `torch.argmax`. @example argmax(tensor([[1, 5], [7, 2]]), 1) // [1, 0] */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExtremum("argmax", x, dim, keepdim);
}
/** Index of the smallest value along `dim`. PyTorch: `torch.argmin`. @example argmin(tensor([3, 1, 2])) // 1 */
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExtremum("argmin", x, dim, keepdim);
}

/**
 * log Σ exp(x) over `dim`, shifted by the max so that logits of ±1000 stay finite (the LogSumExp trick).
 * Gradient: g·softmax(x). PyTorch: `torch.logsumexp`.
 * @example logsumexp(tensor([1000, 1000]), 0) // 1000.6931
 */
export function logsumexp(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const dims = normalizeDims("logsumexp", dim, x.ndim);
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
  const d = normalizeDim("logSoftmax", dim, x.ndim);
  const dims = x.ndim === 0 ? [] : [d];
  const y = logSoftmaxKernel("logSoftmax", x, dims);
  return record("LogSoftmaxBackward", y, [x], [y], (g, { saved: [logP] }) => [sub(g, mul(exp(logP), sum(g, dims, true)))]);
}
