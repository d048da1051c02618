/** Counting correct predictions: d2l 3.6's `accuracy` and `evaluate_accuracy`. */
import { noGrad, type Tensor } from "../index.js";
import { Accumulator } from "./accumulator.js";
import { applyNet, setTraining, splitBatch, type Batch, type Net } from "./net.js";
import { formatShape } from "./report.js";

/**
 * Predicted class indices: the argmax over classes of scores `[n, q]`; a 1-D `yHat` already holds them.
 * @example predictedClasses(tensor([[0.1, 0.9], [0.8, 0.2]])) // [1, 0]
 */
export function predictedClasses(yHat: Tensor): Tensor {
  return yHat.ndim > 1 && yHat.shape[1]! > 1 ? yHat.argmax(1) : yHat.reshape(-1);
}

/**
 * The number of correct predictions (not a fraction): scores `yHat` `[n, q]` against class
 * indices `y` `[n]`. d2l: `d2l.accuracy(y_hat, y)`.
 * @example accuracy(tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]), tensor([0, 2])) // 1
 */
export function accuracy(yHat: Tensor, y: Tensor): number {
  const predicted = predictedClasses(yHat);
  if (predicted.numel() !== y.numel()) {
    throw new Error(`accuracy: ${predicted.numel()} predictions (yHat shape ${formatShape(yHat.shape)}) for ${y.numel()} labels (y shape ${formatShape(y.shape)})`);
  }
  // The book's dtype step: predictions (int32 from argmax) take the labels' dtype before comparing, and
  // the bool comparison is converted back before summing (d2l: `y_hat.type(y.dtype) == y`).
  return noGrad(() => {
    const cmp = predicted.to(y.dtype).eq(y.reshape(predicted.shape));
    return cmp.to(y.dtype).sum().item();
  });
}

/**
 * The fraction of examples a model classifies correctly over a whole data iterator, in
 * evaluation mode with grad mode off. d2l: `d2l.evaluate_accuracy(net, data_iter)`.
 * @example evaluateAccuracy(net, testIter) // ≈ 0.1 for random weights
 */
export function evaluateAccuracy(net: Net, dataIter: Iterable<Batch>): number {
  setTraining(net, false);
  const metric = new Accumulator(2); // correct predictions, examples
  noGrad(() => {
    for (const batch of dataIter) {
      const [X, y] = splitBatch(batch, "evaluateAccuracy");
      metric.add(accuracy(applyNet(net, X), y), y.numel());
    }
  });
  return metric.get(0) / metric.get(1);
}
