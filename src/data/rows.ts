/** Row gathering and stacking on raw storage: the copies behind `getBatch` and the DataLoader's collate. */
import { fmtShape, isContiguousLayout, numelOf, sameShape } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { unaryKernel } from "../tensor/kernels/elementwise.js";
import { allocStorage, type Storage } from "../tensor/dtype.js";
import { checkIndex } from "./dataset.js";

/**
 * Copies the strided view `(storage, shape, strides, offset)` into `out` (the same kind of typed array) at `outOffset`, row-major.
 * One `set` of a subarray when the view is contiguous; otherwise the strided `copy` kernel (as `cat` does).
 * PyTorch: `out[...].copy_(view)`.
 * @example copyStridedInto(t.storage, [2, 2], [1, 2], 0, out, 0) // writes the transpose of a 2×2
 */
export function copyStridedInto(
  storage: Storage,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  out: Storage,
  outOffset: number,
): void {
  const n = numelOf(shape);
  if (n === 0) return;
  if (isContiguousLayout(shape, strides)) {
    out.set(storage.subarray(offset, offset + n), outOffset);
    return;
  }
  unaryKernel("copy", new Tensor(storage, shape, strides, offset), 0, 0, new Tensor(out, shape, undefined, outOffset));
}

/**
 * The rows `t[indices[0]], t[indices[1]], …` stacked into a new contiguous tensor shaped
 * `[indices.length, ...t.shape.slice(1)]`: one row copy per index. `where` names the caller in errors.
 * PyTorch: `t[indices]` (advanced indexing along dim 0), `torch.index_select(t, 0, indices)`.
 * @example gatherRows(fromArray([1, 2, 3, 4, 5, 6], [3, 2]), [2, 0], "f") // [[5, 6], [1, 2]]
 */
export function gatherRows(t: Tensor, indices: ArrayLike<number>, where: string): Tensor {
  if (t.shape.length === 0) throw new Error(`${where}: cannot index rows of a 0-d tensor (shape [])`);
  const length = t.shape[0]!;
  const stride0 = t.strides[0]!;
  const rowShape = t.shape.slice(1);
  const rowStrides = t.strides.slice(1);
  const rowNumel = numelOf(rowShape);
  const contiguousRows = isContiguousLayout(rowShape, rowStrides);
  const { storage } = t;
  const batch = indices.length;
  const out = allocStorage(t.dtype, batch * rowNumel);
  for (let b = 0; b < batch; b++) {
    const index = indices[b]!;
    checkIndex(where, index, length);
    const src = t.offset + index * stride0;
    const dst = b * rowNumel;
    // A one-element row (labels) is copied by assignment: a subarray view per label costs more than the copy.
    if (rowNumel === 1) out[dst] = storage[src]!;
    else if (contiguousRows) out.set(storage.subarray(src, src + rowNumel), dst);
    else copyStridedInto(storage, rowShape, rowStrides, src, out, dst);
  }
  return new Tensor(out, [batch, ...rowShape], undefined, 0, undefined, t.dtype);
}

/**
 * Stacks same-shaped tensors along a new first dim into one contiguous tensor. `where` names the
 * caller in the shape-mismatch error. PyTorch: `torch.stack(tensors, 0)`.
 * @example stackTensors([tensor([1, 2]), tensor([3, 4])], "f").shape // [2, 2]
 */
export function stackTensors(tensors: readonly Tensor[], where: string): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new Error(`${where}: cannot stack an empty list of tensors`);
  const itemShape = first.shape;
  const itemNumel = numelOf(itemShape);
  const out = allocStorage(first.dtype, tensors.length * itemNumel);
  for (let b = 0; b < tensors.length; b++) {
    const t = tensors[b]!;
    if (!sameShape(t.shape, itemShape)) {
      throw new Error(`${where}: stack expects each tensor to be equal size, but got ${fmtShape(itemShape)} at entry 0 and ${fmtShape(t.shape)} at entry ${b}`);
    }
    if (t.dtype !== first.dtype) {
      throw new Error(`${where}: stack expects each tensor to have the same dtype, but got ${first.dtype} at entry 0 and ${t.dtype} at entry ${b}`);
    }
    copyStridedInto(t.storage, t.shape, t.strides, t.offset, out, b * itemNumel);
  }
  return new Tensor(out, [tensors.length, ...itemShape], undefined, 0, undefined, first.dtype);
}

/**
 * The only example of a batch of one, as a view without the leading dim (no copy).
 * PyTorch: `batch[0]`.
 * @example unbatch(gatherRows(X, [4], "f")) // X[4]
 */
export function unbatch(batch: Tensor): Tensor {
  if (batch.shape[0] !== 1) throw new Error(`unbatch: expected a batch of one, found shape ${fmtShape(batch.shape)}`);
  return new Tensor(batch.storage, batch.shape.slice(1), batch.strides.slice(1), batch.offset, undefined, batch.dtype);
}
