/** The dataset protocols the data loader consumes. */
import type { Tensor } from "../tensor/tensor.js";
import { describeValue } from "../tensor/describe.js";

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
 * Checks that `index` is a whole number in `[0, length)` — or in `[-length, length)` with `negative`,
 * counting from the end as Python's indexing does — and returns it in `[0, length)`; `where` names the caller.
 * @example checkIndex("TensorDataset.get", 5, 3) // throws: index 5 is out of range for length 3
 */
export function checkIndex(where: string, index: number, length: number, negative = false): number {
  const lo = negative ? -length : 0;
  if (typeof index !== "number" || !Number.isInteger(index) || index < lo || index >= length) {
    throw new Error(`${where}: index ${describeValue(index)} is out of range for a dataset of length ${length} (expected an integer in [${lo}, ${length - 1}])`);
  }
  return index < 0 ? index + length : index;
}

/**
 * Checks that `dataset` is a map-style dataset: an object with a non-negative integer `length` and a
 * `get(i)` method; `where` names the caller.
 * @example checkDataset("DataLoader", null) // throws: DataLoader: expected a dataset ..., got null
 */
export function checkDataset(where: string, dataset: unknown): void {
  const d = dataset as Partial<Dataset<unknown>> | null;
  if (d === null || typeof d !== "object" || typeof d.get !== "function" || typeof d.length !== "number" || !Number.isInteger(d.length) || d.length < 0) {
    throw new Error(`${where}: expected a dataset (an object with a length and a get(i) method, e.g. new TensorDataset(X, y)), got ${describeValue(dataset)}`);
  }
}
