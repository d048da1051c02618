/** How d2l's helpers call a model, a loss and an updater, whether plain functions or nn objects. */
import type { Tensor } from "../index.js";

/** Anything with a `forward(X)`: an `nn.Module`, or a hand-written object. */
export interface ModuleLike {
  forward(X: Tensor): Tensor;
  /** Switches to training mode (dropout on, …). */
  train?(mode?: boolean): unknown;
  /** Switches to evaluation mode. */
  eval?(): unknown;
}

/** A model: a function of the inputs (3.6's `net`) or a module (3.7's `nn.Sequential`). */
export type Net = ((X: Tensor) => Tensor) | ModuleLike;

/** A per-example loss: a function `(yHat, y) => l` or a loss module such as `nn.CrossEntropyLoss`. */
export type Loss = ((yHat: Tensor, y: Tensor) => Tensor) | { forward(yHat: Tensor, y: Tensor): Tensor };

/** An optimizer object, e.g. `optim.SGD`. */
export interface OptimizerLike {
  step(): void;
  zeroGrad(): void;
}

/** How parameters are updated: an optimizer, or a function of the batch size (3.6's `updater`). */
export type Updater = ((batchSize: number) => void) | OptimizerLike;

/** One minibatch from a data iterator: features first, labels second. */
export type Batch = readonly Tensor[];

/**
 * Runs the model on a batch. d2l/PyTorch: `net(X)`.
 * @example applyNet((X) => X.mul(2), tensor([1])) // [2]
 */
export function applyNet(net: Net, X: Tensor): Tensor {
  return typeof net === "function" ? net(X) : net.forward(X);
}

/**
 * Computes the loss of predictions `yHat` against labels `y`. d2l/PyTorch: `loss(y_hat, y)`.
 * @example applyLoss(squaredLoss, yHat, y) // [batch, 1]
 */
export function applyLoss(loss: Loss, yHat: Tensor, y: Tensor): Tensor {
  return typeof loss === "function" ? loss(yHat, y) : loss.forward(yHat, y);
}

/**
 * Puts a module in training or evaluation mode; a plain function has no mode. PyTorch:
 * `net.train()` / `net.eval()`.
 * @example setTraining(net, false) // net.eval()
 */
export function setTraining(net: Net, training: boolean): void {
  if (typeof net === "function") return;
  if (training) net.train?.();
  else net.eval?.();
}

/**
 * True for an optimizer object, false for an updater function.
 * @example isOptimizer(new optim.SGD(net.parameters(), { lr: 0.1 })) // true
 */
export function isOptimizer(updater: Updater): updater is OptimizerLike {
  return typeof updater !== "function";
}

/**
 * The features and labels of a minibatch, checked to be there. `where` names the caller in the error.
 * @example const [X, y] = splitBatch(batch, "trainEpochCh3");
 */
export function splitBatch(batch: Batch, where: string): [Tensor, Tensor] {
  const [X, y] = batch;
  if (X === undefined || y === undefined) {
    throw new Error(`${where}: expected batches of [features, labels], got a batch of ${batch.length} tensor(s)`);
  }
  return [X, y];
}
