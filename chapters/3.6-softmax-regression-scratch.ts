/**
 * d2l 3.6 Softmax regression from scratch on Fashion-MNIST: hand-written softmax, model,
 * cross-entropy and SGD, trained with `trainCh3`.
 * Run: `npx tsx chapters/3.6-softmax-regression-scratch.ts [--epochs 10] [--seed 0] [--out figures]`.
 */
import { normal, randn, tensor, zeros, type Tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

const BOOK_EPOCHS = 10;

/**
 * Row-wise softmax written out as the book does: exp, then divide by the row sums. Overflows for
 * large inputs; 3.7 fixes that.
 */
function softmax(X: Tensor): Tensor {
  const Xexp = X.exp();
  const partition = Xexp.sum(1, true);
  return Xexp.div(partition); // broadcasting divides each row by its sum
}

/** −log of the probability each row gives its true class: −log ŷ[i, y[i]], shaped [n]. */
function crossEntropy(yHat: Tensor, y: Tensor): Tensor {
  return yHat.gather(1, y.reshape(-1, 1)).reshape(-1).log().neg();
}

await d2l.runScript({ epochs: BOOK_EPOCHS }, async ({ epochs, out }) => {
  const batchSize = 256;
  const [trainIter, testIter] = await d2l.loadDataFashionMnist(batchSize);

  const numInputs = 784;
  const numOutputs = 10;
  const W = normal(0, 0.01, [numInputs, numOutputs], { requiresGrad: true });
  const b = zeros(numOutputs, { requiresGrad: true });

  console.log("## Sums along an axis");
  const X = tensor([[1, 2, 3], [4, 5, 6]]);
  console.log(`X.sum(0, true) = ${X.sum(0, true).toString()}`);
  console.log(`X.sum(1, true) =\n${X.sum(1, true).toString()}`);

  console.log("\n## Softmax");
  const XProb = softmax(randn(2, 5));
  console.log(`${XProb.toString()}\nrow sums ${XProb.sum(1).toString()}`);

  const net = (inputs: Tensor): Tensor => softmax(inputs.reshape(-1, W.shape[0]!).matmul(W).add(b));

  console.log("\n## Cross-entropy");
  const y = tensor([0, 2]);
  const yHat = tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
  console.log(`yHat[[0, 1], y] = ${yHat.gather(1, y.reshape(-1, 1)).reshape(-1).toString()}`);
  console.log(`crossEntropy(yHat, y) = ${crossEntropy(yHat, y).toString()}`);
  console.log(`accuracy(yHat, y) / len(y) = ${d2l.accuracy(yHat, y) / y.numel()}`);
  console.log(`untrained net, test accuracy = ${d2l.evaluateAccuracy(net, testIter).toFixed(4)}`);

  console.log("\n## Training");
  const lr = 0.1;
  const updater = (n: number): void => d2l.sgd([W, b], lr, n);
  d2l.trainCh3(net, trainIter, testIter, crossEntropy, epochs, updater, {
    figure: d2l.figurePath(out, "3.6-train.svg"),
    sanityChecks: epochs >= BOOK_EPOCHS,
  });

  console.log("\n## Prediction");
  const { trues, preds } = d2l.predictCh3(net, testIter, 6, { path: d2l.figurePath(out, "3.6-predictions.svg") });
  trues.forEach((t, i) => console.log(`true ${t.padEnd(10)}  predicted ${preds[i]!}`));
});
