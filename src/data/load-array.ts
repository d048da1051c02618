/** d2l's `load_array`: a DataLoader over in-memory tensors. */
import type { Tensor } from "../tensor/tensor.js";
import { DataLoader } from "./data-loader.js";
import { TensorDataset } from "./tensor-dataset.js";
import { expectBoolean, expectInteger, expectTensorList } from "../tensor/validate.js";

/**
 * A DataLoader over `TensorDataset(...arrays)`, shuffled when `isTrain`. d2l: `d2l.load_array`.
 * @example
 * const dataIter = loadArray([features, labels], 10);
 * const [X, y] = dataIter[Symbol.iterator]().next().value!; // X [10, 2], y [10, 1]
 */
export function loadArray<T extends Tensor[]>(arrays: T, batchSize: number, isTrain = true): DataLoader<T> {
  expectTensorList("loadArray", "arrays", arrays);
  expectInteger("loadArray", "batchSize", batchSize);
  expectBoolean("loadArray", "isTrain", isTrain, true);
  return new DataLoader(new TensorDataset(...arrays), { batchSize, shuffle: isTrain });
}
