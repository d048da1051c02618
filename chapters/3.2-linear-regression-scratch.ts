/**
 * d2l 3.2 Linear Regression Implementation from Scratch: synthetic data, a hand-written minibatch
 * iterator, the model, the loss and minibatch SGD, trained for three epochs.
 * Run: `npx tsx chapters/3.2-linear-regression-scratch.ts [--epochs 3] [--lr 0.03] [--batch-size 10] [--seed 0]`.
 */
import { defaultGenerator, fromArray, noGrad, normal, sub, tensor, zeros, type Tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

export const chapter: d2l.ChapterDefinition = {
  section: "3.2",
  title: "Linear Regression Implementation from Scratch",
  defaults: { epochs: 3, lr: 0.03, batchSize: 10 },
  async run(host) {
    host.print("## Generating the dataset");
    /**
     * Generates y = Xw + b + noise: X ~ N(0, 1) shaped `[numExamples, len(w)]`, noise ~ N(0, 0.01²);
     * returns X and y shaped `[numExamples, 1]`. d2l: `d2l.synthetic_data(w, b, num_examples)`.
     * @example const [features, labels] = syntheticData(tensor([2, -3.4]), 4.2, 1000); // [1000, 2], [1000, 1]
     */
    function syntheticData(w: Tensor, b: number, numExamples: number): [Tensor, Tensor] { //@save
      const X = normal(0, 1, [numExamples, w.numel()]);
      const y = X.matmul(w).add(b);
      y.add_(normal(0, 0.01, y.shape)); // `y += ...`
      return [X, y.reshape(-1, 1)];
    }

    const trueW = tensor([2, -3.4]);
    const trueB = 4.2;
    const [features, labels] = syntheticData(trueW, trueB, 1000);
    // `features[0]` → `narrow(0, 0, 1)`, a view of the first row.
    host.print(`features: ${features.narrow(0, 0, 1).reshape(-1).toString()}\nlabel: ${labels.narrow(0, 0, 1).reshape(-1).toString()}`);
    // `d2l.plt.scatter(features[:, 1], labels, 1)`
    host.figure("3.2-features.svg", d2l.plot(features.narrow(1, 1, 1), labels, { xlabel: "features[:, 1]", ylabel: "labels", fmts: ["scatter"] }));

    host.print("\n## Reading the dataset");
    /** Shuffled minibatches of `batchSize` examples (the last may be smaller). d2l: `data_iter`. */
    function* dataIter(batchSize: number, features: Tensor, labels: Tensor): Generator<[Tensor, Tensor]> {
      const numExamples = features.shape[0]!;
      // The examples are read at random, in no particular order: `random.shuffle(indices)`.
      const indices = defaultGenerator.permutation(numExamples);
      for (let i = 0; i < numExamples; i += batchSize) {
        const batchIndices = fromArray(indices.subarray(i, Math.min(i + batchSize, numExamples)));
        // `features[batch_indices]` → `indexSelect(0, batchIndices)`.
        yield [features.indexSelect(0, batchIndices), labels.indexSelect(0, batchIndices)];
      }
    }

    const { batchSize } = host.args; // the book's 10
    for (const [X, y] of dataIter(batchSize, features, labels)) {
      host.print(`first minibatch:\n${X.toString()}\n${y.toString()}`);
      break;
    }

    host.print("\n## Initializing model parameters");
    const w = normal(0, 0.01, [2, 1], { requiresGrad: true });
    const b = zeros(1, { requiresGrad: true });

    /**
     * The linear regression model Xw + b: X `[n, d]`, w `[d, 1]`, b `[1]` → `[n, 1]`. d2l: `d2l.linreg`.
     * @example linreg(X, w, b) // X [10, 2], w [2, 1], b [1] → [10, 1]
     */
    function linreg(X: Tensor, w: Tensor, b: Tensor): Tensor { //@save
      return X.matmul(w).add(b);
    }

    /**
     * Squared loss (ŷ − y)² / 2 per example, y reshaped to ŷ's shape (not summed). d2l: `d2l.squared_loss`.
     * @example squaredLoss(tensor([[3]]), tensor([1])) // [[2]]
     */
    function squaredLoss(yHat: Tensor, y: Tensor): Tensor { //@save
      return yHat.sub(y.reshape(yHat.shape)).pow(2).div(2);
    }

    /**
     * Minibatch stochastic gradient descent: `param −= lr · param.grad / batchSize` in place, then
     * zeroes each gradient. Expects the gradients of a summed loss. d2l: `d2l.sgd(params, lr, batch_size)`.
     * @example
     * l.sum().backward();
     * sgd([w, b], 0.03, 10);
     */
    function sgd(params: readonly Tensor[], lr: number, batchSize: number): void { //@save
      // `with torch.no_grad():` → `noGrad(() => ...)`
      noGrad(() => {
        for (const param of params) {
          // Not in the book: a clear error where Python would fail on `None`.
          if (param.grad === null) throw new Error(`sgd: a parameter of shape [${param.shape.join(", ")}] has no gradient; call backward() first`);
          param.sub_(param.grad.mul(lr / batchSize)); // `param -= lr * param.grad / batch_size`
          param.grad.zero_();
        }
      });
    }

    host.print("\n## Training");
    const { lr, epochs: numEpochs } = host.args; // the book's 0.03 and 3
    const net = linreg;
    const loss = squaredLoss;
    for (let epoch = 0; epoch < numEpochs; epoch++) {
      for (const [X, y] of dataIter(batchSize, features, labels)) {
        const l = loss(net(X, w, b), y); // minibatch loss in X and y
        // Compute the gradient of l with respect to [w, b]
        l.sum().backward();
        sgd([w, b], lr, batchSize); // update the parameters using their gradient
      }
      const trainL = noGrad(() => loss(net(features, w, b), labels));
      host.print(`epoch ${epoch + 1}, loss ${trainL.mean().item().toFixed(6)}`); // Python's `:f` is six decimals
    }
    noGrad(() => {
      host.print(`error in estimating w: ${trueW.sub(w.reshape(trueW.shape)).toString()}`);
      host.print(`error in estimating b: ${sub(trueB, b).toString()}`); // `true_b - b`: a number on the left
    });
  },
};

await d2l.runIfMain(import.meta.url, chapter);
