import type { Tensor } from "../../tensor/tensor.js";
import { fmtShape, normalizeDim } from "../../tensor/shape.js";
import { emptyTensor, unaryKernel } from "../../tensor/kernels/elementwise.js";
import { gatherScatterKernel } from "../../tensor/kernels/index-kernels.js";
import { expandView, narrowView } from "../../tensor/views.js";
import { resultType } from "../../tensor/dtype.js";
import { record } from "../node.js";
import { narrow, reshape, unsqueeze } from "./views.js";
import { expectShape, expectTensor, expectTensorList } from "../../tensor/validate.js";

/**
 * Picks values along `dim` by index: `out[i][j] = x[i][index[i][j]]` for dim 1; `out` has `index`'s
 * shape. Gradient: scatter-add of g back to the picked positions. PyTorch: `torch.gather`.
 * @example gather(yHat, 1, y.reshape(-1, 1)) // yHat[range(n), y] of d2l 3.6
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  expectTensor("gather", "input", x);
  expectTensor("gather", "index", index);
  return gatherAlong("gather", x, normalizeDim("gather", dim, x.ndim), index);
}

/** gather along a normalised dim; `op` names the public op (gather or indexSelect) in index errors. */
function gatherAlong(op: string, x: Tensor, d: number, index: Tensor): Tensor {
  const y = gatherScatterKernel(op, x, d, index);
  return record("GatherBackward", y, [x], [index], (g, { saved: [i] }) => [scatterAdd(g, d, i, x.shape)]);
}

/**
 * Zeros of `shape` with `src` added at the positions `index` names along `dim` (repeats add up).
 * Gradient: gather. PyTorch: `torch.zeros(shape).scatter_add_(dim, index, src)`.
 * @example scatterAdd(tensor([[1, 2]]), 1, tensor([[0, 0]]), [1, 3]) // [[3, 0, 0]]
 */
export function scatterAdd(src: Tensor, dim: number, index: Tensor, shape: readonly number[]): Tensor {
  expectTensor("scatterAdd", "src", src);
  expectTensor("scatterAdd", "index", index);
  expectShape("scatterAdd", shape);
  const d = normalizeDim("scatterAdd", dim, shape.length);
  const y = gatherScatterKernel("scatterAdd", src, d, index, shape);
  return record("ScatterAddBackward", y, [src], [index], (g, { saved: [i] }) => [gather(g, d, i)]);
}

/**
 * The slices of `x` along `dim` at the positions in the 1-D `index`. PyTorch: `torch.index_select`.
 * @example indexSelect(x, 0, tensor([2, 0])) // rows 2 and 0
 */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  expectTensor("indexSelect", "input", x);
  expectTensor("indexSelect", "index", index);
  const d = normalizeDim("indexSelect", dim, x.ndim);
  if (index.ndim > 1) throw new Error(`indexSelect: index must be 0-d or 1-D (got shape ${fmtShape(index.shape)})`);
  const len = index.ndim === 0 ? 1 : index.shape[0]!;
  const outShape = x.shape.map((s, i) => (i === d ? len : s));
  const column = x.shape.map((_, i) => (i === d ? len : 1));
  const expanded = expandView(reshape(index, column), outShape);
  return gatherAlong("indexSelect", x, d, expanded);
}

/**
 * Joins tensors along an existing dim (in their promoted dtype); all other dims must match. Gradient: the matching narrow
 * slices of g. PyTorch: `torch.cat`.
 * @example cat([zeros(2, 3), ones(1, 3)], 0) // shape [3, 3]
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  expectTensorList("cat", "tensors", tensors);
  if (tensors.length === 0) throw new Error("cat: expected a non-empty list of tensors");
  const first = tensors[0]!;
  if (first.ndim === 0) throw new Error("cat: zero-dimensional tensor (at position 0) cannot be concatenated; use stack()");
  const d = normalizeDim("cat", dim, first.ndim);
  let total = 0;
  tensors.forEach((t, k) => {
    const same = t.ndim === first.ndim && t.shape.every((s, i) => i === d || s === first.shape[i]);
    if (!same) {
      throw new Error(`cat: sizes of tensors must match except in dimension ${d} (tensor 0 has shape ${fmtShape(first.shape)}, tensor ${k} has shape ${fmtShape(t.shape)})`);
    }
    total += t.shape[d]!;
  });
  const out = emptyTensor(first.shape.map((s, i) => (i === d ? total : s)), resultType(tensors));
  const starts: number[] = [];
  let start = 0;
  for (const t of tensors) {
    starts.push(start);
    unaryKernel("copy", t, 0, 0, narrowView(out, d, start, t.shape[d]!));
    start += t.shape[d]!;
  }
  const sizes = tensors.map((t) => t.shape[d]!);
  return record("CatBackward", out, tensors, [], (g, { needsInputGrad }) => sizes.map((size, k) => (needsInputGrad[k] ? narrow(g, d, starts[k]!, size) : null)));
}

/**
 * Joins same-shaped tensors along a new dim. PyTorch: `torch.stack`.
 * @example stack([tensor([1, 2]), tensor([3, 4])], 0) // [[1, 2], [3, 4]]
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  expectTensorList("stack", "tensors", tensors);
  if (tensors.length === 0) throw new Error("stack: expected a non-empty list of tensors");
  const first = tensors[0]!;
  tensors.forEach((t, k) => {
    if (t.ndim !== first.ndim || t.shape.some((s, i) => s !== first.shape[i])) {
      throw new Error(`stack: expects each tensor to be equal size, but got ${fmtShape(first.shape)} at entry 0 and ${fmtShape(t.shape)} at entry ${k}`);
    }
  });
  const d = normalizeDim("stack", dim, first.ndim + 1);
  return cat(tensors.map((t) => unsqueeze(t, d)), d);
}
