/**
 * What every training worker of `bench/train.ts` shares: d2l 3.7's model and hyper-parameters, its
 * seeded initial weights, the Fashion-MNIST loaders, and the report a worker prints.
 *
 * Every worker calls `seededSetup(seed)` first, so each draws the same initial weights from the same
 * global generator, and its training loader, shuffled from that generator afterwards, yields the same
 * batches in the same order: tsgrad and tfjs see identical data and start from identical weights.
 */
import { manualSeed, nn, type Tensor } from "../../src/index.js";
import * as d2l from "../../src/d2l/index.js";

export const BATCH_SIZE = 256;
export const LEARNING_RATE = 0.1;
export const NUM_INPUTS = 784;
export const NUM_CLASSES = 10;

/** One minibatch: images `[B, 1, 28, 28]` in [0, 1] and class indices `[B]` (float32). */
export type ImageBatch = readonly [Tensor, Tensor];
export type Batches = Iterable<ImageBatch>;

/** One library's softmax regression, trained and evaluated on the shared batches. */
export interface SoftmaxTrainer {
  /** One epoch over `train`; returns `[mean loss, accuracy]` accumulated during the epoch, as `trainEpochCh3` does. */
  trainEpoch(train: Batches): [number, number];
  /** Fraction of `test` classified correctly. */
  evaluate(test: Batches): number;
}

/** d2l 3.7's model after `net.apply(init_weights)`, and the two loaders. */
export interface SoftmaxSetup {
  net: nn.Sequential;
  /** The model's only Linear layer: weight `[10, 784]`, bias `[10]`. */
  linear: nn.Linear;
  train: Batches;
  test: Batches;
}

/**
 * Seeds the global generator, builds `Sequential(Flatten, Linear(784, 10))` with weights ~ N(0, 0.01²)
 * and zero bias, and opens the loaders (training shuffled every epoch, test in order).
 */
export async function seededSetup(seed: number): Promise<SoftmaxSetup> {
  manualSeed(seed);
  const { net, linear } = softmaxNet();
  const [train, test] = await d2l.loadDataFashionMnist(BATCH_SIZE);
  return { net, linear, train, test };
}

/**
 * d2l 3.7's model, `Sequential(Flatten, Linear(784, 10))`, with weights ~ N(0, 0.01²) and zero bias,
 * drawn from the global generator.
 */
export function softmaxNet(): Pick<SoftmaxSetup, "net" | "linear"> {
  const linear = new nn.Linear(NUM_INPUTS, NUM_CLASSES);
  nn.init.normal_(linear.weight, 0, 0.01);
  nn.init.zeros_(linear.bias!);
  return { net: new nn.Sequential(new nn.Flatten(), linear), linear };
}

/** Per-epoch figures a worker measures. */
export interface EpochRecord {
  trainSeconds: number;
  evalSeconds: number;
  trainLoss: number;
  trainAcc: number;
  testAcc: number;
}

/** What a worker prints (one JSON line after {@link REPORT_MARKER}). */
export interface WorkerReport {
  lib: string;
  epochs: EpochRecord[];
  /** RSS once the libraries are imported and the dataset is read, before training (MB = 10⁶ bytes). */
  rssAfterSetupMB: number;
  /** Peak RSS of the whole worker process: `process.resourceUsage().maxRSS` (MB = 10⁶ bytes). */
  peakRssMB: number;
}

export const REPORT_MARKER = "@@train-report ";
