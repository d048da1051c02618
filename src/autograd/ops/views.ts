import { Tensor } from "../../tensor/tensor.js";
import { contiguousStrides, fmtShape, normalizeDim } from "../../tensor/shape.js";
import { unaryKernel, emptyTensor } from "../../tensor/kernels/elementwise.js";
import {
  contiguousCopy, expandView, inferShape, narrowView, permuteView, sliceView, squeezeView, transposeView,
  unsqueezeView, viewOf, viewStrides,
} from "../../tensor/views.js";
import { record } from "../node.js";
import { expectTensor } from "../../tensor/validate.js";

/**
 * Differentiable views. Each forward is an O(1) rewrite of shape/strides from `src/tensor/views.ts`; each
 * backward maps the gradient back to the input's layout. `expand` needs no rule of its own: its gradient
 * comes back in the expanded shape and the engine's `unbroadcast` sums it down.
 */

function reshapeTo(op: string, x: Tensor, shape: readonly number[], allowCopy: boolean): Tensor {
  const target = inferShape(op, x.shape, shape);
  const strides = viewStrides(x.shape, x.strides, target);
  let y: Tensor;
  if (strides !== null) y = viewOf(x, target, strides, x.offset);
  else if (allowCopy) y = new Tensor(contiguousCopy(x).storage, target, contiguousStrides(target), 0); // a copy: not a view
  else {
    throw new Error(`view: size and stride are incompatible with the input's layout (shape ${fmtShape(x.shape)}, strides ${fmtShape(x.strides)} -> ${fmtShape(target)}); use reshape() instead`);
  }
  return record(op === "view" ? "ViewBackward" : "ReshapeBackward", y, [x], [], (g) => [reshape(g, x.shape)]);
}

/**
 * The same elements in a new shape (one dim may be -1); a view when the strides allow, else a copy.
 * PyTorch: `reshape`. @example reshape(arange(6), [2, -1]) // shape [2, 3]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  expectTensor("reshape", "input", x);
  return reshapeTo("reshape", x, shape, true);
}

/** Like `reshape` but never copies: an error when the strides make a view impossible. PyTorch: `view`. @example view(x, [-1]) */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  expectTensor("view", "input", x);
  return reshapeTo("view", x, shape, false);
}

/** Swaps two dims (a view). PyTorch: `transpose`. @example transpose(x, 0, 1) */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  expectTensor("transpose", "input", x);
  return record("TransposeBackward", transposeView(x, dim0, dim1), [x], [], (g) => [transpose(g, dim0, dim1)]);
}

/** Reorders dims (a view). PyTorch: `permute`. @example permute(x, [2, 0, 1]) */
export function permute(x: Tensor, order: readonly number[]): Tensor {
  expectTensor("permute", "input", x);
  const y = permuteView(x, order);
  const inverse = new Array<number>(order.length);
  order.forEach((d, i) => (inverse[d < 0 ? d + order.length : d] = i));
  return record("PermuteBackward", y, [x], [], (g) => [permute(g, inverse)]);
}

/** Broadcasts size-1 dims to `shape` without copying (stride 0). PyTorch: `expand`. @example expand(tensor([[1], [2]]), [2, 3]) */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  expectTensor("expand", "input", x);
  return record("ExpandBackward", expandView(x, shape), [x], [], (g) => [g]);
}

/** Removes size-1 dims (all, or those listed). PyTorch: `squeeze`. @example squeeze(zeros(2, 1, 3)) // shape [2, 3] */
export function squeeze(x: Tensor, dims?: number | readonly number[]): Tensor {
  expectTensor("squeeze", "input", x);
  const list = typeof dims === "number" ? [dims] : dims;
  return record("SqueezeBackward", squeezeView(x, list), [x], [], (g) => [reshape(g, x.shape)]);
}

/** Inserts a size-1 dim at `dim`. PyTorch: `unsqueeze`. @example unsqueeze(zeros(3), 0) // shape [1, 3] */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  expectTensor("unsqueeze", "input", x);
  return record("UnsqueezeBackward", unsqueezeView(x, dim), [x], [], (g) => [reshape(g, x.shape)]);
}

/** Flattens dims `startDim … endDim` into one. PyTorch: `flatten`. @example flatten(zeros(2, 3, 4), 1) // shape [2, 12] */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  expectTensor("flatten", "input", x);
  if (x.ndim === 0) {
    normalizeDim("flatten", startDim, 0);
    normalizeDim("flatten", endDim, 0);
    return reshape(x, [1]);
  }
  const s = normalizeDim("flatten", startDim, x.ndim);
  const e = normalizeDim("flatten", endDim, x.ndim);
  if (s > e) throw new Error(`flatten: startDim ${startDim} cannot come after endDim ${endDim} (${x.ndim} dims)`);
  const shape = [...x.shape.slice(0, s), x.shape.slice(s, e + 1).reduce((p, d) => p * d, 1), ...x.shape.slice(e + 1)];
  return reshape(x, shape);
}

/**
 * Scatters `g` into zeros of `shape` at the positions `select` picks, the backward of every selecting
 * view (narrow, slice). Differentiable itself: its gradient is the same selection of the incoming gradient.
 */
function embed(g: Tensor, shape: readonly number[], select: (t: Tensor) => Tensor): Tensor {
  const out = emptyTensor(shape, g.dtype);
  unaryKernel("copy", g, 0, 0, select(out));
  return record("EmbedBackward", out, [g], [], (gg) => [select(gg)]);
}

/** Elements `start … start+length-1` along `dim` (a view). PyTorch: `narrow`. @example narrow(x, 1, 0, 2) */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  expectTensor("narrow", "input", x);
  const select = (t: Tensor): Tensor => narrowView(t, dim, start, length);
  return record("NarrowBackward", select(x), [x], [], (g) => [embed(g, x.shape, select)]);
}

/**
 * Python-style `x[…, start:end:step, …]` along `dim` (a view; negative and out-of-range bounds clamp).
 * PyTorch: slicing. @example slice(x, 0, 1, 3) // rows 1 and 2
 */
export function slice(x: Tensor, dim: number, start = 0, end?: number, step = 1): Tensor {
  expectTensor("slice", "input", x);
  const select = (t: Tensor): Tensor => sliceView(t, dim, start, end, step);
  return record("SliceBackward", select(x), [x], [], (g) => [embed(g, x.shape, select)]);
}

/** A contiguous tensor with the same values (`x` itself when already contiguous). PyTorch: `contiguous`. @example x.T.contiguous() */
export function contiguous(x: Tensor): Tensor {
  expectTensor("contiguous", "input", x);
  if (x.isContiguous()) return x;
  return record("ContiguousBackward", contiguousCopy(x), [x], [], (g) => [g]);
}

/** A copy with its own storage that stays in the graph. PyTorch: `clone`. @example clone(x) */
export function clone(x: Tensor): Tensor {
  expectTensor("clone", "input", x);
  return record("CloneBackward", unaryKernel("copy", x), [x], [], (g) => [g]);
}

/** The same storage, cut from the graph (never requires grad). PyTorch: `detach`. @example w.detach() */
export function detach(x: Tensor): Tensor {
  expectTensor("detach", "input", x);
  const y = viewOf(x, x.shape, x.strides, x.offset);
  y._base = null; // shares storage and version counter, but autograd does not see writes through it as views
  return y;
}
