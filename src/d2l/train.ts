/** d2l 3.6's training loop: one epoch (`train_epoch_ch3`) and the whole run (`train_ch3`). */
import { noGrad } from "../index.js";
import { Accumulator } from "./accumulator.js";
import { Animator } from "./animator.js";
import { accuracy, evaluateAccuracy } from "./classification.js";
import { applyLoss, applyNet, isOptimizer, setTraining, splitBatch, type Batch, type Loss, type Net, type Updater } from "./net.js";
import type { ChapterHost } from "./host.js";

/** A data iterator; DataLoaders also know their number of batches. */
export type DataIter = Iterable<Batch> & { readonly length?: number };

/**
 * Trains for one epoch in training mode and returns `[mean loss, accuracy]` over the epoch.
 * With an optimizer: `zeroGrad(); l.mean().backward(); step()`; with an updater function:
 * `l.sum().backward(); updater(X.shape[0])`. `loss` must return per-example losses. Synchronous, as
 * the book's: {@link trainCh3} lets the page paint and checks its stop signal between epochs.
 * d2l: `d2l.train_epoch_ch3(net, train_iter, loss, updater)`.
 * @example const [trainLoss, trainAcc] = trainEpochCh3(net, trainIter, crossEntropy, (n) => sgd([W, b], 0.1, n));
 */
export function trainEpochCh3(net: Net, trainIter: DataIter, loss: Loss, updater: Updater): [number, number] {
  setTraining(net, true);
  const metric = new Accumulator(3); // summed loss, correct predictions, examples
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
  }
  return [metric.get(0) / metric.get(2), metric.get(1) / metric.get(2)];
}

/** Options of {@link trainCh3}. */
export interface TrainCh3Options {
  /** Where the epoch lines and the curves go. */
  readonly host: ChapterHost;
  /** Name of the figure of the training curves, shown again after every epoch. None when absent. */
  readonly figure?: string;
  /**
   * Assert the book's sanity bounds at the end (train loss < 0.5, accuracies in (0.7, 1]); they hold
   * at the book's settings only, so pass `atBookSettings(host.args, chapter.defaults)`. Default true;
   * when false a line says the checks were skipped.
   */
  readonly sanityChecks?: boolean;
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
 * await trainCh3(net, trainIter, testIter, loss, 10, trainer, { host, figure: "3.7-train.svg" });
 */
export async function trainCh3(
  net: Net,
  trainIter: DataIter,
  testIter: DataIter,
  loss: Loss,
  numEpochs: number,
  updater: Updater,
  options: TrainCh3Options,
): Promise<TrainCh3Result> {
  if (!Number.isInteger(numEpochs) || numEpochs < 1) throw new Error(`trainCh3: numEpochs must be a positive integer, got ${numEpochs}`);
  const { host } = options;
  const animator = new Animator({
    xlabel: "epoch",
    xlim: [1, numEpochs],
    ylim: [0.3, 0.9],
    legend: ["train loss", "train acc", "test acc"],
    digits: [4, 3, 3],
    host,
    figure: options.figure,
  });
  let trainLoss = NaN;
  let trainAcc = NaN;
  let testAcc = NaN;
  for (let epoch = 0; epoch < numEpochs; epoch++) {
    [trainLoss, trainAcc] = trainEpochCh3(net, trainIter, loss, updater);
    testAcc = evaluateAccuracy(net, testIter);
    animator.add(epoch + 1, [trainLoss, trainAcc, testAcc]);
    await host.pause?.(); // the page paints, and its stop button can abort the signal
    host.signal?.throwIfAborted();
  }
  const result = { trainLoss, trainAcc, testAcc, secondsPerEpoch: animator.timer.avg() };
  host.print(`loss ${trainLoss.toFixed(3)}, train acc ${trainAcc.toFixed(3)}, test acc ${testAcc.toFixed(3)}, ${result.secondsPerEpoch.toFixed(2)} s/epoch`);
  if (options.sanityChecks ?? true) checkConverged(result);
  else host.print("trainCh3: the book's sanity checks (train loss < 0.5, accuracies > 0.7) were skipped: they hold at the book's settings only");
  return result;
}
