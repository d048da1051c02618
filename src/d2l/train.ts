/** d2l 3.6's training loop: one epoch (`train_epoch_ch3`) and the whole run (`train_ch3`). */
import { platform } from "#platform";
import { noGrad } from "../index.js";
import { Accumulator } from "./accumulator.js";
import { Animator } from "./animator.js";
import { accuracy, evaluateAccuracy } from "./classification.js";
import { applyLoss, applyNet, isOptimizer, setTraining, splitBatch, type Batch, type Loss, type Net, type Updater } from "./net.js";
import { announceFile, type TextSink } from "./output.js";

/** A data iterator; DataLoaders also know their number of batches. */
export type DataIter = Iterable<Batch> & { readonly length?: number };

/** Called after each batch with the batches done so far and the epoch's total (when known). */
export type BatchCallback = (done: number, total: number | undefined) => void;

/**
 * Trains for one epoch in training mode and returns `[mean loss, accuracy]` over the epoch.
 * With an optimizer: `zeroGrad(); l.mean().backward(); step()`; with an updater function:
 * `l.sum().backward(); updater(X.shape[0])`. `loss` must return per-example losses.
 * d2l: `d2l.train_epoch_ch3(net, train_iter, loss, updater)`.
 * @example const [trainLoss, trainAcc] = trainEpochCh3(net, trainIter, crossEntropy, (n) => sgd([W, b], 0.1, n));
 */
export function trainEpochCh3(net: Net, trainIter: DataIter, loss: Loss, updater: Updater, onBatch?: BatchCallback): [number, number] {
  setTraining(net, true);
  const metric = new Accumulator(3); // summed loss, correct predictions, examples
  let done = 0;
  for (const batch of trainIter) {
    const [X, y] = splitBatch(batch, "trainEpochCh3");
    const yHat = applyNet(net, X);
    const l = applyLoss(loss, yHat, y);
    if (isOptimizer(updater)) {
      updater.zeroGrad();
      l.mean().backward();
      updater.step();
    } else {
      l.sum().backward();
      updater(X.shape[0]!);
    }
    noGrad(() => metric.add(l.sum().item(), accuracy(yHat, y), y.numel()));
    onBatch?.(++done, trainIter.length);
  }
  return [metric.get(0) / metric.get(2), metric.get(1) / metric.get(2)];
}

/** Options of {@link trainCh3}. */
export interface TrainCh3Options {
  /** SVG file of the training curves, rewritten after every epoch. None when absent. */
  readonly figure?: string;
  /** Assert the book's sanity bounds at the end (train loss < 0.5, accuracies in (0.7, 1]). Default true. */
  readonly sanityChecks?: boolean;
  /** Where the epoch lines go. Default stdout. */
  readonly sink?: TextSink;
}

/** What {@link trainCh3} ends with. */
export interface TrainCh3Result {
  readonly trainLoss: number;
  readonly trainAcc: number;
  readonly testAcc: number;
  /** Mean wall-clock seconds per epoch (training plus test evaluation). */
  readonly secondsPerEpoch: number;
}

function checkConverged({ trainLoss, trainAcc, testAcc }: TrainCh3Result): void {
  if (!(trainLoss < 0.5)) throw new Error(`trainCh3: train loss ${trainLoss} is not below 0.5`);
  if (!(trainAcc > 0.7 && trainAcc <= 1)) throw new Error(`trainCh3: train accuracy ${trainAcc} is not in (0.7, 1]`);
  if (!(testAcc > 0.7 && testAcc <= 1)) throw new Error(`trainCh3: test accuracy ${testAcc} is not in (0.7, 1]`);
}

/**
 * Trains for `numEpochs`, evaluating test accuracy after each epoch; shows the curves (train
 * loss, train acc, test acc) with an {@link Animator}, prints a summary line, then asserts the
 * book's sanity bounds. d2l: `d2l.train_ch3(net, train_iter, test_iter, loss, num_epochs, updater)`.
 * @example
 * trainCh3(net, trainIter, testIter, loss, 10, trainer, { figure: "figures/3.7-train.svg" });
 */
export function trainCh3(
  net: Net,
  trainIter: DataIter,
  testIter: DataIter,
  loss: Loss,
  numEpochs: number,
  updater: Updater,
  options: TrainCh3Options = {},
): TrainCh3Result {
  if (!Number.isInteger(numEpochs) || numEpochs < 1) throw new Error(`trainCh3: numEpochs must be a positive integer, got ${numEpochs}`);
  const sink = options.sink ?? platform.stdout();
  const animator = new Animator({
    xlabel: "epoch",
    xlim: [1, numEpochs],
    ylim: [0.3, 0.9],
    legend: ["train loss", "train acc", "test acc"],
    digits: [4, 3, 3],
    path: options.figure,
    sink,
  });
  let trainLoss = NaN;
  let trainAcc = NaN;
  let testAcc = NaN;
  for (let epoch = 0; epoch < numEpochs; epoch++) {
    [trainLoss, trainAcc] = trainEpochCh3(net, trainIter, loss, updater, (done, total) => animator.progress(done, total ?? done));
    testAcc = evaluateAccuracy(net, testIter);
    animator.add(epoch + 1, [trainLoss, trainAcc, testAcc]);
  }
  const result = { trainLoss, trainAcc, testAcc, secondsPerEpoch: animator.timer.avg() };
  sink.write(`loss ${trainLoss.toFixed(3)}, train acc ${trainAcc.toFixed(3)}, test acc ${testAcc.toFixed(3)}, ${result.secondsPerEpoch.toFixed(2)} s/epoch\n`);
  if (options.figure !== undefined) announceFile(options.figure, sink);
  if (options.sanityChecks ?? true) checkConverged(result);
  return result;
}
