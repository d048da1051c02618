/** TensorDataset: examples are the rows of tensors that share their first dim. */
import type { Tensor } from "../tensor/tensor.js";
import { expectTensor } from "../tensor/validate.js";
import { fmtShape } from "../tensor/shape.js";
import type { BatchDataset } from "./dataset.js";
import { checkIndex } from "./dataset.js";
import { gatherRows, unbatch } from "./rows.js";

/**
 * Wraps tensors that share their first dim; example `i` is `[t0[i], t1[i], …]`.
 * `getBatch` gathers a whole batch with one row copy per tensor per index.
 * PyTorch: `torch.utils.data.TensorDataset`.
 * @example
 * const ds = new TensorDataset(X, y); // X [1000, 2], y [1000, 1]
 * const [x0, y0] = ds.get(0);         // shapes [2] and [1]
 * const [Xb, yb] = ds.getBatch([3, 1, 4]); // shapes [3, 2] and [3, 1]
 */
export class TensorDataset<T extends Tensor[] = Tensor[]> implements BatchDataset<T> {
  readonly tensors: T;
  readonly length: number;

  constructor(...tensors: T) {
    const first = tensors[0];
    if (first === undefined) throw new Error("TensorDataset: expected at least one tensor, found none");
    tensors.forEach((t, i) => expectTensor("TensorDataset", `tensor ${i}`, t));
    for (const t of tensors) {
      if (t.shape.length === 0) throw new Error(`TensorDataset: tensors need a first dim to index, found shape ${fmtShape(t.shape)}`);
    }
    const firstDims = tensors.map((t) => t.shape[0]!);
    if (firstDims.some((d) => d !== firstDims[0])) {
      throw new Error(`TensorDataset: size mismatch between tensors (first dims ${firstDims.join(" and ")})`);
    }
    this.tensors = tensors;
    this.length = firstDims[0]!;
  }

  /** The `i`-th row of every tensor (negative `i` counts from the end), as new small tensors without the first dim. */
  get(i: number): T {
    const index = checkIndex("TensorDataset.get", i, this.length, true);
    return this.getBatch([index]).map(unbatch) as T;
  }

  /** The rows at `indices` of every tensor, each shaped `[indices.length, ...rest]`. */
  getBatch(indices: ArrayLike<number>): T {
    return this.tensors.map((t) => gatherRows(t, indices, "TensorDataset.getBatch")) as T;
  }
}
