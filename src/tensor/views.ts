import { Tensor } from "./tensor.js";
import { contiguousStrides, fmtShape, normalizeDim, numelOf } from "./shape.js";
import { unaryKernel } from "./kernels/elementwise.js";
import { checkAllocatable, describeValue, expectInteger } from "./validate.js";

/**
 * Raw view constructors: each returns a new `Tensor` over the same storage (and version counter) with
 * rewritten shape/strides/offset, in O(ndim). They know nothing of autograd; `src/autograd/ops/views.ts`
 * wraps them as differentiable ops.
 */

/** A tensor over `t`'s storage with the given layout: a view, whose `_base` is `t`'s base (or `t`). */
export function viewOf(t: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Tensor {
  const view = new Tensor(t.storage, shape, strides, offset, t._version, t.dtype);
  view._base = t._base ?? t;
  return view;
}

/** A contiguous copy of `t` (or `t` itself when already contiguous). PyTorch: `contiguous()`. */
export function contiguousCopy(t: Tensor): Tensor {
  if (t.isContiguous()) return t;
  return unaryKernel("copy", t);
}

/** Resolves a `-1` in a requested shape and checks the element count. */
export function inferShape(op: string, from: readonly number[], to: readonly number[]): number[] {
  const n = numelOf(from);
  let unknown = -1;
  let known = 1;
  for (let i = 0; i < to.length; i++) {
    const d = to[i]!;
    if (d === -1) {
      if (unknown >= 0) throw new Error(`${op}: only one dimension can be inferred (-1) in ${fmtShape(to)}`);
      unknown = i;
    } else if (typeof d !== "number" || !Number.isInteger(d) || d < 0) {
      throw new Error(`${op}: invalid shape dimension ${describeValue(d)} in ${describeValue(to)} (sizes are non-negative integers, or -1 once)`);
    } else known *= d;
  }
  const out = [...to];
  if (unknown >= 0) {
    if (known === 0 || n % known !== 0) {
      throw new Error(`${op}: shape ${fmtShape(to)} is invalid for input of size ${n} (shape ${fmtShape(from)})`);
    }
    out[unknown] = n / known;
  } else if (known !== n) {
    throw new Error(`${op}: cannot view shape ${fmtShape(from)} (${n} elements) as ${fmtShape(to)} (${known} elements)`);
  }
  return out;
}

/**
 * Strides that let `shape` be a view of a tensor with `oldShape`/`oldStrides`, or `null` when the memory
 * layout makes that impossible (PyTorch's `computeStride`: split or merge only runs of dims that are
 * contiguous among themselves).
 */
export function viewStrides(oldShape: readonly number[], oldStrides: readonly number[], shape: readonly number[]): number[] | null {
  if (numelOf(oldShape) === 0) return contiguousStrides(shape);
  const strides = new Array<number>(shape.length);
  let viewD = shape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1] ?? 1;
  let tensorElems = 1;
  let viewElems = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorElems *= oldShape[d]!;
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorElems * chunkBaseStride)) {
      while (viewD >= 0 && (viewElems < tensorElems || shape[viewD] === 1)) {
        strides[viewD] = viewElems * chunkBaseStride;
        viewElems *= shape[viewD]!;
        viewD--;
      }
      if (viewElems !== tensorElems) return null;
      if (d > 0) {
        chunkBaseStride = oldStrides[d - 1]!;
        tensorElems = 1;
        viewElems = 1;
      }
    }
  }
  if (viewD !== -1) {
    for (; viewD >= 0; viewD--) strides[viewD] = 1;
  }
  return strides;
}

/** Swaps two dims. PyTorch: `transpose(dim0, dim1)`. */
export function transposeView(t: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim("transpose", dim0, t.ndim);
  const b = normalizeDim("transpose", dim1, t.ndim);
  if (t.ndim < 2 && a === b) return viewOf(t, t.shape, t.strides, t.offset);
  const shape = [...t.shape];
  const strides = [...t.strides];
  [shape[a], shape[b]] = [shape[b]!, shape[a]!];
  [strides[a], strides[b]] = [strides[b]!, strides[a]!];
  return viewOf(t, shape, strides, t.offset);
}

/** Reorders dims: output dim i is input dim `order[i]`. PyTorch: `permute`. */
export function permuteView(t: Tensor, order: readonly number[]): Tensor {
  if (order.length !== t.ndim) {
    throw new Error(`permute: number of dims in ${fmtShape(order)} doesn't match the tensor's ${t.ndim} dims`);
  }
  const dims = order.map((d) => normalizeDim("permute", d, t.ndim));
  if (new Set(dims).size !== dims.length) throw new Error(`permute: repeated dim in ${fmtShape(order)}`);
  return viewOf(t, dims.map((d) => t.shape[d]!), dims.map((d) => t.strides[d]!), t.offset);
}

/** Broadcasts size-1 dims (and new leading dims) to `shape` with stride 0; -1 keeps a size. PyTorch: `expand`. */
export function expandView(t: Tensor, shape: readonly number[]): Tensor {
  const lead = shape.length - t.ndim;
  if (lead < 0) {
    throw new Error(`expand: the number of sizes provided (${shape.length}) must be at least the number of dims (${t.ndim})`);
  }
  const outShape = new Array<number>(shape.length);
  const strides = new Array<number>(shape.length);
  for (let i = 0; i < shape.length; i++) {
    const want = shape[i]!;
    if (want !== -1 && (typeof want !== "number" || !Number.isInteger(want) || want < 0)) {
      throw new Error(`expand: invalid size ${describeValue(want)} at dim ${i} of ${describeValue(shape)} (sizes must be non-negative integers or -1)`);
    }
    if (i < lead) {
      if (want < 0) throw new Error(`expand: -1 is not allowed in a new leading dim (${fmtShape(shape)})`);
      outShape[i] = want;
      strides[i] = 0;
      continue;
    }
    const have = t.shape[i - lead]!;
    const size = want === -1 ? have : want;
    if (have !== size && have !== 1) {
      throw new Error(`expand: the expanded size of the tensor (${size}) must match the existing size (${have}) at dim ${i}; shapes ${fmtShape(t.shape)} -> ${fmtShape(shape)}`);
    }
    outShape[i] = size;
    strides[i] = have === size ? t.strides[i - lead]! : 0;
  }
  checkAllocatable("expand", outShape);
  return viewOf(t, outShape, strides, t.offset);
}

/** Elements `start … start+length-1` along `dim`. PyTorch: `narrow`. */
export function narrowView(t: Tensor, dim: number, start: number, length: number): Tensor {
  if (t.ndim === 0) throw new Error("narrow: cannot be applied to a 0-dim tensor");
  const d = normalizeDim("narrow", dim, t.ndim);
  const size = t.shape[d]!;
  const s = expectInteger("narrow", "start", start) < 0 ? start + size : start;
  if (expectInteger("narrow", "length", length) < 0 || s < 0 || s + length > size) {
    throw new Error(`narrow: start ${start} and length ${length} are out of range for dim ${d} of size ${size}`);
  }
  const shape = [...t.shape];
  shape[d] = length;
  return viewOf(t, shape, t.strides, t.offset + s * t.strides[d]!);
}

/** Every `step`-th element of `[start, end)` along `dim` (Python slice semantics). PyTorch: `x[:, start:end:step]`. */
export function sliceView(t: Tensor, dim: number, start = 0, end?: number, step = 1): Tensor {
  if (t.ndim === 0) throw new Error("slice: cannot be applied to a 0-dim tensor");
  const d = normalizeDim("slice", dim, t.ndim);
  const size = t.shape[d]!;
  if (expectInteger("slice", "step", step) <= 0) throw new Error(`slice: step must be a positive integer (got ${step})`);
  expectInteger("slice", "start", start);
  if (end !== undefined) expectInteger("slice", "end", end);
  const clampIndex = (i: number): number => Math.min(Math.max(i < 0 ? i + size : i, 0), size);
  const lo = clampIndex(start);
  const hi = Math.max(clampIndex(end ?? size), lo);
  const shape = [...t.shape];
  const strides = [...t.strides];
  shape[d] = Math.ceil((hi - lo) / step);
  strides[d] = t.strides[d]! * step;
  return viewOf(t, shape, strides, t.offset + lo * t.strides[d]!);
}

/** Removes size-1 dims (all of them, or the listed ones). PyTorch: `squeeze`. */
export function squeezeView(t: Tensor, dims?: readonly number[]): Tensor {
  if (dims !== undefined && !Array.isArray(dims)) throw new Error(`squeeze: expected dim to be an integer or a list of integers, got ${describeValue(dims)}`);
  const drop = dims === undefined ? null : new Set(dims.map((d) => normalizeDim("squeeze", d, t.ndim)));
  const shape: number[] = [];
  const strides: number[] = [];
  t.shape.forEach((size, i) => {
    if (size === 1 && (drop === null || drop.has(i))) return;
    shape.push(size);
    strides.push(t.strides[i]!);
  });
  return viewOf(t, shape, strides, t.offset);
}

/** Inserts a size-1 dim at `dim` (which may be `ndim`). PyTorch: `unsqueeze`. */
export function unsqueezeView(t: Tensor, dim: number): Tensor {
  const d = normalizeDim("unsqueeze", dim, t.ndim + 1);
  const shape = [...t.shape];
  const strides = [...t.strides];
  const stride = d < t.ndim ? t.shape[d]! * t.strides[d]! : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return viewOf(t, shape, strides, t.offset);
}
