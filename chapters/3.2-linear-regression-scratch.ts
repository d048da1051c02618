/**
 * d2l 3.2 Linear regression from scratch: synthetic data, a hand-written minibatch iterator,
 * model, loss and SGD. Run: `npx tsx chapters/3.2-linear-regression-scratch.ts [--epochs 3] [--seed 0]`.
 */
import { data, defaultGenerator, fromArray, noGrad, normal, tensor, zeros, type Tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

/** Shuffled minibatches of `batchSize` examples (the last may be smaller). d2l: `data_iter`. */
function* dataIter(batchSize: number, features: Tensor, labels: Tensor): Generator<[Tensor, Tensor]> {
  const numExamples = features.shape[0]!;
  const indices = defaultGenerator.permutation(numExamples);
  for (let i = 0; i < numExamples; i += batchSize) {
    const batchIndices = fromArray(indices.subarray(i, Math.min(i + batchSize, numExamples)));
    yield [features.indexSelect(0, batchIndices), labels.indexSelect(0, batchIndices)];
  }
}

export const chapter: d2l.ChapterDefinition = {
  section: "3.2",
  title: "Linear Regression Implementation from Scratch",
  defaults: { epochs: 3, lr: 0.03, batchSize: 10 },
  async run(host) {
    const { epochs, lr, batchSize } = host.args;
    const trueW = tensor([2, -3.4]);
    const trueB = 4.2;
    const [features, labels] = data.syntheticData(trueW, trueB, 1000);
    host.print(`features: ${features.narrow(0, 0, 1).reshape(-1).toString()}`);
    host.print(`label: ${labels.narrow(0, 0, 1).reshape(-1).toString()}`);
    host.figure("3.2-features.svg", d2l.plot(features.narrow(1, 1, 1), labels, {
      xlabel: "features[:, 1]",
      ylabel: "labels",
      fmts: ["scatter"],
    }));

    for (const [X, y] of dataIter(batchSize, features, labels)) {
      host.print(`first minibatch:\n${X.toString()}\n${y.toString()}`);
      break;
    }

    const w = normal(0, 0.01, [2, 1], { requiresGrad: true });
    const b = zeros(1, { requiresGrad: true });
    const net = d2l.linreg;
    const loss = d2l.squaredLoss;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const [X, y] of dataIter(batchSize, features, labels)) {
        const l = loss(net(X, w, b), y); // per-example losses [batchSize, 1]
        l.sum().backward();
        d2l.sgd([w, b], lr, batchSize);
      }
      const trainL = noGrad(() => loss(net(features, w, b), labels));
      host.print(d2l.lossLine(epoch + 1, trainL.mean().item()));
    }
    d2l.printEstimationErrors(host, trueW, w, tensor([trueB]), b);
  },
};

await d2l.runIfMain(import.meta.url, chapter);
