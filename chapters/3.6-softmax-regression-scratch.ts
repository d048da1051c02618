/**
 * d2l 3.6 Softmax regression from scratch on Fashion-MNIST: hand-written softmax, model,
 * cross-entropy and SGD, trained with `trainCh3`.
 * Run: `npx tsx chapters/3.6-softmax-regression-scratch.ts [--epochs 10] [--seed 0] [--out figures]`.
 */
import { normal, randn, tensor, zeros, type Tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

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

export const chapter: d2l.ChapterDefinition = {
  section: "3.6",
  title: "Implementation of Softmax Regression from Scratch",
  defaults: { epochs: 10, lr: 0.1, batchSize: 256 },
  async run(host) {
    const { epochs, lr, batchSize } = host.args;
    const [trainIter, testIter] = await d2l.loadDataFashionMnist(batchSize);

    const numInputs = 784;
    const numOutputs = 10;
    const W = normal(0, 0.01, [numInputs, numOutputs], { requiresGrad: true });
    const b = zeros(numOutputs, { requiresGrad: true });

    host.print("## Sums along an axis");
    const X = tensor([[1, 2, 3], [4, 5, 6]]);
    host.print(`X.sum(0, true) = ${X.sum(0, true).toString()}`);
    host.print(`X.sum(1, true) =\n${X.sum(1, true).toString()}`);

    host.print("\n## Softmax");
    const XProb = softmax(randn(2, 5));
    host.print(`${XProb.toString()}\nrow sums ${XProb.sum(1).toString()}`);

    const net = (inputs: Tensor): Tensor => softmax(inputs.reshape(-1, W.shape[0]!).matmul(W).add(b));

    host.print("\n## Cross-entropy");
    const y = tensor([0, 2]);
    const yHat = tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
    host.print(`yHat[[0, 1], y] = ${yHat.gather(1, y.reshape(-1, 1)).reshape(-1).toString()}`);
    host.print(`crossEntropy(yHat, y) = ${crossEntropy(yHat, y).toString()}`);
    host.print(`accuracy(yHat, y) / len(y) = ${d2l.accuracy(yHat, y) / y.numel()}`);
    host.print(`untrained net, test accuracy = ${d2l.evaluateAccuracy(net, testIter).toFixed(4)}`);

    host.print("\n## Training");
    const updater = (n: number): void => d2l.sgd([W, b], lr, n);
    await d2l.trainCh3(net, trainIter, testIter, crossEntropy, epochs, updater, {
      host,
      figure: "3.6-train.svg",
      sanityChecks: d2l.atBookSettings(host.args, chapter.defaults),
    });

    host.print("\n## Prediction");
    const { trues, preds } = d2l.predictCh3(net, testIter, 6, { host, figure: "3.6-predictions.svg" });
    trues.forEach((t, i) => host.print(`true ${t.padEnd(10)}  predicted ${preds[i]!}`));
  },
};

await d2l.runIfMain(import.meta.url, chapter);
