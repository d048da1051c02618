/** Lines the chapter scripts print. */
import { noGrad, type Tensor } from "../index.js";
import type { ChapterHost } from "./host.js";

/**
 * `epoch 1, loss 0.040217`: the epoch's loss with six decimals, as the book prints it.
 * @example lossLine(1, 0.0402171) // "epoch 1, loss 0.040217"
 */
export function lossLine(epoch: number, loss: number): string {
  return `epoch ${epoch}, loss ${loss.toFixed(6)}`;
}

/** A shape as PyTorch prints it, `[2, 3]` (the tensor layer's formatter, re-exported for the book's reports). */
export { fmtShape as formatShape } from "../tensor/shape.js";

/**
 * `true − estimate`, the estimate reshaped to the truth's shape, computed outside the graph.
 * d2l: `true_w - w.reshape(true_w.shape)`.
 * @example estimationError(tensor([2, -3.4]), w) // tensor([0.0005, -0.0002])
 */
export function estimationError(truth: Tensor, estimate: Tensor): Tensor {
  return noGrad(() => truth.sub(estimate.reshape(truth.shape)));
}

/**
 * Prints `error in estimating w: …` and `error in estimating b: …`.
 * @example printEstimationErrors(host, trueW, w, trueB, b)
 */
export function printEstimationErrors(host: Pick<ChapterHost, "print">, trueW: Tensor, w: Tensor, trueB: Tensor, b: Tensor): void {
  host.print(`error in estimating w: ${estimationError(trueW, w).toString()}`);
  host.print(`error in estimating b: ${estimationError(trueB, b).toString()}`);
}
