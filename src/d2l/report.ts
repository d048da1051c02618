/** Lines the chapter scripts print. */
import { platform } from "#platform";
import { noGrad, type Tensor } from "../index.js";
import type { TextSink } from "./output.js";

/**
 * `epoch 1, loss 0.040217`: the epoch's loss with six decimals, as the book prints it.
 * @example lossLine(1, 0.0402171) // "epoch 1, loss 0.040217"
 */
export function lossLine(epoch: number, loss: number): string {
  return `epoch ${epoch}, loss ${loss.toFixed(6)}`;
}

/**
 * A shape as the scripts print it, `[32, 1, 64, 64]`. PyTorch: `torch.Size([32, 1, 64, 64])`.
 * @example formatShape([2, 3]) // "[2, 3]"
 */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

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
 * @example printEstimationErrors(trueW, w, trueB, b)
 */
export function printEstimationErrors(trueW: Tensor, w: Tensor, trueB: Tensor, b: Tensor, sink: TextSink = platform.stdout()): void {
  sink.write(`error in estimating w: ${estimationError(trueW, w).toString()}\n`);
  sink.write(`error in estimating b: ${estimationError(trueB, b).toString()}\n`);
}
