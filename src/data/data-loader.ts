/** DataLoader: iterates a dataset in (optionally shuffled) minibatches. */
import type { Tensor } from "../tensor/tensor.js";
import { defaultGenerator, type Generator as RandomGenerator } from "../tensor/random.js";
import { checkOptions, describeValue, expectBoolean, expectGenerator } from "../tensor/validate.js";
import type { Dataset } from "./dataset.js";
import { checkDataset, checkIndex, isBatchDataset } from "./dataset.js";

const LOADER_KEYS = ["batchSize", "shuffle", "dropLast", "generator"];
import { stackTensors } from "./rows.js";

/** Options of `DataLoader`; names follow PyTorch's keyword arguments in camelCase. */
export interface DataLoaderOptions {
  /** Examples per batch (a positive integer). Default 1. */
  batchSize?: number;
  /** Draw a fresh random order at the start of every epoch. Default false. */
  shuffle?: boolean;
  /** Drop the last batch when it is smaller than `batchSize`. Default false. */
  dropLast?: boolean;
  /** Source of the shuffles. Default the global generator seeded by `manualSeed`. */
  generator?: RandomGenerator;
}

/**
 * Iterates a dataset of tensor tuples in minibatches, each tensor stacked along a new first dim.
 * Re-iterable: every `for … of` is one epoch, with a fresh permutation when `shuffle` is on.
 * Uses the dataset's `getBatch` when it has one; otherwise stacks `get(i)` results.
 * PyTorch: `torch.utils.data.DataLoader` (single process, default collate).
 * @example
 * const loader = new DataLoader(new TensorDataset(X, y), { batchSize: 10, shuffle: true });
 * for (const [Xb, yb] of loader) { ... } // Xb [10, 2], yb [10, 1]
 * loader.length // number of batches per epoch
 */
export class DataLoader<T extends readonly Tensor[] = Tensor[]> implements Iterable<T> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly generator: RandomGenerator;

  constructor(dataset: Dataset<T>, options: DataLoaderOptions = {}) {
    checkDataset("DataLoader", dataset);
    const { batchSize = 1, shuffle = false, dropLast = false, generator = defaultGenerator } = checkOptions("DataLoader", options, LOADER_KEYS);
    expectBoolean("DataLoader", "shuffle", shuffle, false);
    expectBoolean("DataLoader", "dropLast", dropLast, false);
    expectGenerator("DataLoader", generator);
    if (typeof batchSize !== "number" || !Number.isInteger(batchSize) || batchSize <= 0) {
      throw new Error(`DataLoader: batchSize should be a positive integer value, but got batchSize=${describeValue(batchSize)}`);
    }
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.generator = generator;
  }

  /** Number of batches in one epoch. PyTorch: `len(loader)`. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** One epoch of batches; the permutation is drawn here, when the epoch starts. */
  [Symbol.iterator](): Iterator<T> {
    const n = this.dataset.length;
    const order = this.shuffle ? this.generator.permutation(n) : identityOrder(n);
    return this.batches(order);
  }

  private *batches(order: Int32Array): Generator<T, void, undefined> {
    const numBatches = this.length;
    for (let k = 0; k < numBatches; k++) {
      const start = k * this.batchSize;
      yield this.fetch(order.subarray(start, Math.min(start + this.batchSize, order.length)));
    }
  }

  private fetch(indices: Int32Array): T {
    const dataset = this.dataset;
    if (isBatchDataset(dataset)) return dataset.getBatch(indices);
    const samples: T[] = [];
    for (const i of indices) {
      checkIndex("DataLoader", i, dataset.length);
      samples.push(dataset.get(i));
    }
    const width = samples[0]!.length;
    const columns: Tensor[] = [];
    for (let k = 0; k < width; k++) {
      columns.push(stackTensors(samples.map((s, b) => sampleField(s, k, b, width)), "DataLoader"));
    }
    return columns as readonly Tensor[] as T;
  }
}

/** Field `k` of sample `b`, checking every sample has the same number of tensors. */
function sampleField(sample: readonly Tensor[], k: number, b: number, width: number): Tensor {
  const t = sample[k];
  if (sample.length !== width || t === undefined) {
    throw new Error(`DataLoader: each example must hold the same number of tensors (example 0 has ${width}, example ${b} has ${sample.length})`);
  }
  return t;
}

function identityOrder(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}
