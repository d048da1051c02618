/** The from-scratch linear regression of d2l 3.2: model, loss, and minibatch SGD. */
import { noGrad, type Tensor } from "../index.js";
import { formatShape } from "./report.js";

/**
 * The linear model `Xw + b`: X `[n, d]`, w `[d, 1]`, b `[1]` → `[n, 1]`. d2l: `d2l.linreg`.
 * @example linreg(X, w, b) // X [10, 2], w [2, 1], b [1] → [10, 1]
 */
export function linreg(X: Tensor, w: Tensor, b: Tensor): Tensor {
  return X.matmul(w).add(b);
}

/**
 * Half the squared error per example, `(yHat − y)² / 2`, with `y` reshaped to `yHat`'s shape
 * (not summed). d2l: `d2l.squared_loss`.
 * @example squaredLoss(tensor([[3]]), tensor([1])) // [[2]]
 */
export function squaredLoss(yHat: Tensor, y: Tensor): Tensor {
  return yHat.sub(y.reshape(yHat.shape)).pow(2).div(2);
}

/**
 * Minibatch SGD: `param −= lr · param.grad / batchSize` in place with grad mode off, then zeroes
 * each gradient. Expects the gradients of a *summed* loss. d2l: `d2l.sgd(params, lr, batch_size)`.
 * @example
 * l.sum().backward();
 * sgd([w, b], 0.03, 10);
 */
export function sgd(params: readonly Tensor[], lr: number, batchSize: number): void {
  noGrad(() => {
    params.forEach((param, i) => {
      const grad = param.grad;
      if (grad === null) {
        throw new Error(`sgd: parameter ${i} (shape ${formatShape(param.shape)}) has no gradient; call backward() first`);
      }
      param.sub_(grad, lr / batchSize);
      grad.zero_();
    });
  });
}
