/** The dataset protocols the data loader consumes. */
import type { Tensor } from "../tensor/tensor.js";

/**
 * A map-style dataset: `length` examples, each fetched by index. PyTorch: `torch.utils.data.Dataset`.
 * @example
 * const squares: Dataset<number> = { length: 3, get: (i) => i * i };
 */
export interface Dataset<T> {
  readonly length: number;
  get(i: number): T;
}

/**
 * A dataset of tensor tuples that can also gather many examples at once, already stacked along a
 * new first dim. `DataLoader` uses `getBatch` when present instead of stacking `get(i)` results.
 * PyTorch: a dataset with `__getitems__`.
 */
export interface BatchDataset<T extends readonly Tensor[] = Tensor[]> extends Dataset<T> {
  /** The examples at `indices`, each tensor shaped `[indices.length, ...]`. */
  getBatch(indices: ArrayLike<number>): T;
}

/**
 * True when `dataset` has a batch fast path (`getBatch`).
 * @example if (isBatchDataset(ds)) ds.getBatch([0, 1]);
 */
export function isBatchDataset<T extends readonly Tensor[]>(dataset: Dataset<T>): dataset is BatchDataset<T> {
  return typeof (dataset as Partial<BatchDataset<T>>).getBatch === "function";
}

/**
 * Checks that `index` is a whole number in `[0, length)`; `where` names the caller in the error.
 * @example checkIndex("TensorDataset.get", 5, 3) // throws: index 5 is out of range for length 3
 */
export function checkIndex(where: string, index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new Error(`${where}: index ${index} is out of range for a dataset of length ${length} (expected an integer in [0, ${length - 1}])`);
  }
}
