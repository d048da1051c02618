/**
 * d2l 3.6 Implementation of Softmax Regression from Scratch on Fashion-MNIST: softmax, the model,
 * cross-entropy, classification accuracy, and the chapter's training loop (`trainEpochCh3`,
 * `Animator`, `trainCh3`) and `predictCh3`.
 * Run: `npx tsx chapters/3.6-softmax-regression-scratch.ts [--epochs 10] [--lr 0.1] [--batch-size 256] [--seed 0] [--out figures]`.
 */
import { nn, noGrad, normal, optim, tensor, zeros, type Tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

export const chapter: d2l.ChapterDefinition = {
  section: "3.6",
  title: "Implementation of Softmax Regression from Scratch",
  defaults: { epochs: 10, lr: 0.1, batchSize: 256 },
  async run(host) {
    const { batchSize } = host.args; // the book's 256
    const [trainIter, testIter] = await d2l.loadDataFashionMnist(batchSize);

    host.print("## Initializing model parameters");
    const numInputs = 784;
    const numOutputs = 10;
    const W = normal(0, 0.01, [numInputs, numOutputs], { requiresGrad: true });
    const b = zeros(numOutputs, { requiresGrad: true });

    host.print("\n## Defining the softmax operation");
    const X = tensor([[1, 2, 3], [4, 5, 6]]);
    // `X.sum(0, keepdim=True)`: keepdim is the second argument.
    host.print(`X.sum(0, true) = ${X.sum(0, true).toString()}`);
    host.print(`X.sum(1, true) =\n${X.sum(1, true).toString()}`);

    /** Row-wise softmax, naively: large inputs overflow `exp` (3.7 and the exercises fix that). */
    function softmax(X: Tensor): Tensor {
      const XExp = X.exp();
      const partition = XExp.sum(1, true);
      return XExp.div(partition); // the broadcasting mechanism is applied here
    }

    const XProb = softmax(normal(0, 1, [2, 5]));
    host.print(`${XProb.toString()}\nrow sums ${XProb.sum(1).toString()}`);

    host.print("\n## Defining the model");
    function net(X: Tensor): Tensor {
      return softmax(X.reshape(-1, W.shape[0]!).matmul(W).add(b));
    }

    host.print("\n## Defining the loss function");
    // `torch.tensor([0, 2])` is int64; JS numbers are float32 unless told, and int32 is our int64.
    const y = tensor([0, 2], { dtype: "int32" });
    const yHat = tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
    // `y_hat[[0, 1], y]`: no fancy indexing in TypeScript; `gather` picks one column per row.
    host.print(`yHat[[0, 1], y] = ${yHat.gather(1, y.reshape(-1, 1)).reshape(-1).toString()}`);

    /** −log of the probability each row gives its true class: `-log(y_hat[range(len(y_hat)), y])`, shaped [n]. */
    function crossEntropy(yHat: Tensor, y: Tensor): Tensor {
      return yHat.gather(1, y.reshape(-1, 1)).reshape(-1).log().neg();
    }
    host.print(`crossEntropy(yHat, y) = ${crossEntropy(yHat, y).toString()}`);

    host.print("\n## Classification accuracy");
    /**
     * The number of correct predictions (not a fraction): scores `[n, q]` (or predicted classes `[n]`)
     * against class indices `[n]`. d2l: `d2l.accuracy(y_hat, y)`.
     * @example accuracy(tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]), tensor([0, 2])) // 1
     */
    function accuracy(yHat: Tensor, y: Tensor): number { //@save
      if (yHat.ndim > 1 && yHat.shape[1]! > 1) yHat = yHat.argmax(1);
      // Not in the book: a clear error where broadcasting would compare the wrong pairs.
      if (yHat.numel() !== y.numel()) throw new Error(`accuracy: ${yHat.numel()} predictions for ${y.numel()} labels`);
      const cmp = yHat.to(y.dtype).eq(y.reshape(yHat.shape)); // `y_hat.type(y.dtype) == y`: a bool tensor
      return cmp.to(y.dtype).sum().item(); // `float(cmp.type(y.dtype).sum())`
    }
    host.print(`accuracy(yHat, y) / len(y) = ${accuracy(yHat, y) / y.numel()}`);

    /** A model: a function of the inputs (as `net` here) or a module (3.7's `nn.Sequential`). */
    type Net = nn.Module | ((X: Tensor) => Tensor); //@save
    /** Minibatches of features and labels: a DataLoader, or any iterable of pairs. */
    type DataIter = Iterable<readonly [Tensor, Tensor]>; //@save

    /**
     * The accuracy of a model on a whole dataset, in evaluation mode with grad mode off.
     * d2l: `d2l.evaluate_accuracy(net, data_iter)`.
     * @example evaluateAccuracy(net, testIter) // ≈ 0.1 for random weights
     */
    function evaluateAccuracy(net: Net, dataIter: DataIter): number { //@save
      if (net instanceof nn.Module) net.eval(); // set the model to evaluation mode
      const metric = new Accumulator(2); // no. of correct predictions, no. of predictions
      noGrad(() => {
        for (const [X, y] of dataIter) {
          // `net(X)`: a module is called through `forward`.
          metric.add(accuracy(net instanceof nn.Module ? net.forward(X) : net(X), y), y.numel());
        }
      });
      return metric.get(0) / metric.get(1);
    }

    /**
     * For accumulating sums over `n` variables. d2l: `d2l.Accumulator`; `metric[i]` → `metric.get(i)`.
     * @example
     * const metric = new Accumulator(2);
     * metric.add(3, 10);
     * metric.get(0) / metric.get(1) // 0.3
     */
    class Accumulator { //@save
      data: number[];

      constructor(n: number) {
        if (!Number.isInteger(n) || n < 1) throw new Error(`Accumulator: n must be a positive integer, got ${n}`);
        this.data = new Array<number>(n).fill(0);
      }

      /** Adds one value to each sum. @example metric.add(loss, correct, count) */
      add(...args: number[]): void {
        // Not in the book: Python's `zip` would silently drop the extra values.
        if (args.length !== this.data.length) throw new Error(`Accumulator.add: expected ${this.data.length} values, got ${args.length}`);
        this.data = this.data.map((a, i) => a + args[i]!);
      }

      /** Sets every sum back to 0. @example metric.reset() */
      reset(): void {
        this.data = this.data.map(() => 0);
      }

      /** Sum `idx`; Python: `metric[idx]`. @example metric.get(0) */
      get(idx: number): number {
        const value = this.data[idx];
        if (value === undefined) throw new Error(`Accumulator.get: index ${idx} is out of range for ${this.data.length} sums`);
        return value;
      }
    }

    host.print(`untrained net, test accuracy = ${evaluateAccuracy(net, testIter).toFixed(4)}`);

    host.print("\n## Training");
    /** A per-example loss: a function (as `crossEntropy` here) or a loss module (3.7's `nn.CrossEntropyLoss`). */
    type Loss = nn.Module | ((yHat: Tensor, y: Tensor) => Tensor); //@save
    /** How parameters are updated: an optimizer, or a function of the batch size (as `updater` here). */
    type Updater = optim.Optimizer<object> | ((batchSize: number) => void); //@save

    /**
     * Trains a model for one epoch and returns [mean loss, accuracy]. With an optimizer: `zeroGrad();
     * l.mean().backward(); step()`; with an updater function: `l.sum().backward(); updater(X.shape[0])`.
     * `loss` returns per-example losses. d2l: `d2l.train_epoch_ch3(net, train_iter, loss, updater)`.
     * @example const [trainLoss, trainAcc] = trainEpochCh3(net, trainIter, crossEntropy, updater);
     */
    function trainEpochCh3(net: Net, trainIter: DataIter, loss: Loss, updater: Updater): [number, number] { //@save
      if (net instanceof nn.Module) net.train(); // set the model to training mode
      const metric = new Accumulator(3); // sum of training loss, sum of training accuracy, no. of examples
      for (const [X, y] of trainIter) {
        // Compute gradients and update parameters; modules are called through `forward`.
        const yHat = net instanceof nn.Module ? net.forward(X) : net(X);
        const l = loss instanceof nn.Module ? loss.forward(yHat, y) : loss(yHat, y);
        if (updater instanceof optim.Optimizer) {
          // Using the built-in optimizer and loss criterion
          updater.zeroGrad();
          l.mean().backward();
          updater.step();
        } else {
          // Using the custom-built optimizer and loss criterion
          l.sum().backward();
          updater(X.shape[0]!);
        }
        noGrad(() => metric.add(l.sum().item(), accuracy(yHat, y), y.numel())); // `float(l.sum())`, off the graph
      }
      // Return training loss and training accuracy
      return [metric.get(0) / metric.get(2), metric.get(1) / metric.get(2)];
    }

    /**
     * For plotting data in animation: `add(x, ys)` appends one point per curve and shows the chart
     * again as `host.figure(figure, svg)` (the notebook redraws in place; the page replaces the
     * figure; Node rewrites the file). Drawing is the library's (`d2l.drawLines`). d2l: `d2l.Animator`.
     * @example
     * const animator = new Animator({ xlabel: "epoch", xlim: [1, 10], legend: ["train loss"] }, { host, figure: "train.svg" });
     * animator.add(1, [0.78]);
     */
    class Animator { //@save
      X: number[][] = [];
      Y: number[][] = [];

      // Python's keyword arguments (xlabel, ylabel, legend, xlim, ylim, xscale, yscale, fmts, figsize) → one options object.
      constructor(readonly axes: d2l.AxesOptions = {}, readonly display?: d2l.Display) {}

      /** Adds multiple data points into the figure; an `undefined` y skips its curve. @example animator.add(epoch + 1, [loss, acc]) */
      add(x: number, y: number | readonly (number | undefined)[]): void {
        const ys = typeof y === "number" ? [y] : y; // `if not hasattr(y, "__len__"): y = [y]`
        while (this.X.length < ys.length) {
          this.X.push([]);
          this.Y.push([]);
        }
        ys.forEach((b, i) => {
          if (b === undefined) return;
          this.X[i]!.push(x);
          this.Y[i]!.push(b);
        });
        // `cla()`, `plot(x, y, fmt)` per curve, `config_axes()`, `display(fig)` → one SVG shown by the host.
        if (this.display?.figure !== undefined) this.display.host.figure(this.display.figure, d2l.drawLines(this.X, this.Y, this.axes));
      }
    }

    /** Options of {@link trainCh3}: where it shows the curves, and whether to assert the book's bounds. */
    interface TrainCh3Options extends d2l.Display { //@save
      /**
       * Assert the book's sanity bounds at the end (train loss < 0.5, accuracies in (0.7, 1]). They hold
       * at the book's settings only: pass `d2l.atBookSettings(host.args, chapter.defaults)`. Default
       * true; when false a line says they were skipped.
       */
      readonly sanityChecks?: boolean;
    }

    /** What {@link trainCh3} ends with (the book's returns nothing and asserts instead). */
    interface TrainCh3Result { //@save
      readonly trainLoss: number;
      readonly trainAcc: number;
      readonly testAcc: number;
      /** Mean seconds per epoch (training plus test evaluation). */
      readonly secondsPerEpoch: number;
    }

    /**
     * Trains a model for `numEpochs`, evaluating test accuracy after each; the curves (train loss,
     * train acc, test acc) in an {@link Animator}, one line per epoch, a summary, then the book's
     * sanity assertions. Between epochs the host may paint and stop the run.
     * d2l: `d2l.train_ch3(net, train_iter, test_iter, loss, num_epochs, updater)`.
     * @example await trainCh3(net, trainIter, testIter, crossEntropy, 10, updater, { host, figure: "train.svg" });
     */
    async function trainCh3( //@save
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
      const animator = new Animator({ xlabel: "epoch", xlim: [1, numEpochs], ylim: [0.3, 0.9], legend: ["train loss", "train acc", "test acc"] }, options);
      const timer = new d2l.Timer();
      let trainMetrics: [number, number] = [NaN, NaN];
      let testAcc = NaN;
      for (let epoch = 0; epoch < numEpochs; epoch++) {
        timer.start();
        trainMetrics = trainEpochCh3(net, trainIter, loss, updater);
        testAcc = evaluateAccuracy(net, testIter);
        timer.stop();
        animator.add(epoch + 1, [...trainMetrics, testAcc]); // `train_metrics + (test_acc,)`
        // Not in the book: a terminal shows no animation, so every epoch prints a line as well.
        const [l, acc] = trainMetrics;
        host.print(`epoch ${epoch + 1}/${numEpochs}  train loss ${l.toFixed(4)}  train acc ${acc.toFixed(3)}  test acc ${testAcc.toFixed(3)}  ${timer.times.at(-1)!.toFixed(1)} s`);
        await host.pause?.(); // the page paints; its stop button aborts the signal
        host.signal?.throwIfAborted();
      }
      const [trainLoss, trainAcc] = trainMetrics;
      host.print(`loss ${trainLoss.toFixed(3)}, train acc ${trainAcc.toFixed(3)}, test acc ${testAcc.toFixed(3)}, ${timer.avg().toFixed(2)} s/epoch`);
      if (options.sanityChecks ?? true) {
        // Python's `assert cond, value`
        if (!(trainLoss < 0.5)) throw new Error(`trainCh3: train loss ${trainLoss} is not below 0.5`);
        if (!(trainAcc <= 1 && trainAcc > 0.7)) throw new Error(`trainCh3: train accuracy ${trainAcc} is not in (0.7, 1]`);
        if (!(testAcc <= 1 && testAcc > 0.7)) throw new Error(`trainCh3: test accuracy ${testAcc} is not in (0.7, 1]`);
      } else {
        host.print("trainCh3: the book's sanity checks (train loss < 0.5, accuracies > 0.7) were skipped: they hold at the book's settings only");
      }
      return { trainLoss, trainAcc, testAcc, secondsPerEpoch: timer.avg() };
    }

    const { lr, epochs: numEpochs } = host.args; // the book's 0.1 and 10
    function updater(batchSize: number): void {
      d2l.sgd([W, b], lr, batchSize);
    }
    await trainCh3(net, trainIter, testIter, crossEntropy, numEpochs, updater, {
      host,
      figure: "3.6-train.svg",
      sanityChecks: d2l.atBookSettings(host.args, chapter.defaults),
    });

    host.print("\n## Prediction");
    /**
     * Predicts the labels of the first `n` test images and shows them titled "true\npred"; returns
     * the labels. d2l: `d2l.predict_ch3(net, test_iter, n=6)`.
     * @example predictCh3(net, testIter, { host, figure: "predictions.svg" }).preds
     */
    function predictCh3(net: Net, testIter: DataIter, display: d2l.Display, n = 6): { trues: string[]; preds: string[] } { //@save
      // `for X, y in test_iter: break` → the iterator's first value.
      const [X, y] = testIter[Symbol.iterator]().next().value!;
      const trues = d2l.getFashionMnistLabels(y);
      const preds = d2l.getFashionMnistLabels((net instanceof nn.Module ? net.forward(X) : net(X)).argmax(1));
      const titles = trues.map((t, i) => `${t}\n${preds[i]!}`);
      const shown = Math.min(n, X.shape[0]!);
      // `X[0:n].reshape((n, 28, 28))`: `narrow` takes the first n; showImages draws [n, 1, H, W] as it is.
      if (display.figure !== undefined) display.host.figure(display.figure, d2l.showImages(X.narrow(0, 0, shown), 1, shown, titles.slice(0, shown)));
      return { trues: trues.slice(0, shown), preds: preds.slice(0, shown) };
    }

    const { trues, preds } = predictCh3(net, testIter, { host, figure: "3.6-predictions.svg" });
    trues.forEach((t, i) => host.print(`true ${t.padEnd(10)}  predicted ${preds[i]!}`));
  },
};

await d2l.runIfMain(import.meta.url, chapter);
