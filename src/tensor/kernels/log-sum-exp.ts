/**
 * The LogSumExp trick, written once (d2l 3.7): log Σ exp(x) = m + log Σ exp(x − m) with m the max, so
 * logits of ±1000 neither overflow nor underflow. logsumexp, softmax, logSoftmax and the fused
 * cross-entropy all compute through these. No autograd.
 */
import type { Tensor } from "../tensor.js";
import { binaryKernel, reduceKernel, unaryKernel } from "./elementwise.js";

/**
 * The shift m of the trick: the max over `dims` with keepdim. With `finiteShift` (logsumexp only, as in
 * PyTorch) an infinite max is replaced by 0, so logsumexp of a row holding +∞ is +∞ and of an all −∞ row
 * is −∞; softmax and logSoftmax shift by the raw max, so such rows come out NaN as PyTorch's do. Over a
 * 0-sized dim the max is −∞ (the empty reduction): logsumexp gives −∞, softmax an empty tensor.
 */
export function maxShift(x: Tensor, dims: readonly number[], finiteShift: boolean): Tensor {
  const m = reduceKernel("max", x, dims, true);
  if (!finiteShift) return m;
  const s = m.storage;
  for (let i = 0; i < s.length; i++) if (s[i] === Infinity || s[i] === -Infinity) s[i] = 0;
  return m;
}

/**
 * log Σ exp(x) over `dims`, kept as size-1 dims: m + log Σ exp(x − m).
 * @example logSumExpKept("logsumexp", tensor([[1000, 1000]]), [1]) // [[1000.6931]]
 */
export function logSumExpKept(op: string, x: Tensor, dims: readonly number[]): Tensor {
  const m = maxShift(x, dims, true);
  const e = unaryKernel("exp", binaryKernel("sub", x, m));
  const s = unaryKernel("log", reduceKernel("sum", e, dims, true));
  return binaryKernel("add", s, m, op, s);
}

/**
 * exp(x − m) / Σ exp(x − m) over `dims` (a softmax that is finite for any finite logits).
 * @example softmaxKernel("softmax", tensor([[0, 0]]), [1]) // [[0.5, 0.5]]
 */
export function softmaxKernel(op: string, x: Tensor, dims: readonly number[]): Tensor {
  const e = unaryKernel("exp", binaryKernel("sub", x, maxShift(x, dims, false)));
  return binaryKernel("div", e, reduceKernel("sum", e, dims, true), op, e);
}

/**
 * (x − m) − log Σ exp(x − m) over `dims`: log-probabilities that never take the log of an underflowed 0.
 * Not x − (m + log Σ …): rounding m + log Σ to float32 first loses ~1e-5 absolute for logits near ±1000.
 * @example logSoftmaxKernel("logSoftmax", tensor([[0, 0]]), [1]) // [[-0.6931, -0.6931]]
 */
export function logSoftmaxKernel(op: string, x: Tensor, dims: readonly number[]): Tensor {
  const shifted = binaryKernel("sub", x, maxShift(x, dims, false));
  const lse = unaryKernel("log", reduceKernel("sum", unaryKernel("exp", shifted), dims, true));
  return binaryKernel("sub", shifted, lse, op, shifted);
}
