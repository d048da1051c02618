/**
 * Worked answer to the exercise of d2l 3.7 (Concise Softmax Regression) that has code: vary the
 * learning rate and the batch size and watch train and test accuracy. The default run is short (one
 * epoch per setting); `--epochs 10` gives the book's budget, and `--epochs 50` shows test accuracy
 * stalling below train accuracy as the model starts to overfit.
 * Run: `npx tsx chapters/exercises/3.7-exercises.ts [--epochs 1]`.
 */
import { nn, optim } from "../../src/index.js";
import * as d2l from "../../src/d2l/index.js";

/** Final numbers of one training run. */
interface Run {
  readonly trainLoss: number;
  readonly trainAcc: number;
  readonly testAcc: number;
}

/** 3.7's model and training, from fresh weights, for `epochs` epochs at one setting. */
async function trainOnce(host: d2l.ChapterHost, lr: number, batchSize: number, epochs: number): Promise<Run> {
  const [trainIter, testIter] = await d2l.loadDataFashionMnist(batchSize);
  const net = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 10));
  net.apply((m) => {
    if (m instanceof nn.Linear) nn.init.normal_(m.weight, 0, 0.01);
  });
  const loss = new nn.CrossEntropyLoss({ reduction: "none" });
  const trainer = new optim.SGD(net.parameters(), { lr });
  let [trainLoss, trainAcc] = [NaN, NaN];
  for (let epoch = 0; epoch < epochs; epoch++) {
    [trainLoss, trainAcc] = d2l.trainEpochCh3(net, trainIter, loss, trainer);
    await host.pause?.();
    host.signal?.throwIfAborted();
  }
  return { trainLoss, trainAcc, testAcc: d2l.evaluateAccuracy(net, testIter) };
}

function line(label: string, run: Run): string {
  return `${label}: train loss ${run.trainLoss.toFixed(4)}, train acc ${run.trainAcc.toFixed(3)}, test acc ${run.testAcc.toFixed(3)}`;
}

export const chapter: d2l.ChapterDefinition = {
  section: "3.7",
  title: "Concise Implementation of Softmax Regression: exercises",
  defaults: { epochs: 1 },
  async run(host) {
    const { epochs } = host.args;
    const axes = { ylabel: "accuracy", legend: ["train acc", "test acc"], xscale: "log" as const, ylim: [0.6, 0.9] as const };

    host.print(`## Exercise 1: the learning rate (batch size 256, ${epochs} epoch${epochs === 1 ? "" : "s"} each)`);
    // Too small a rate has not got far after a few epochs; too large a rate overshoots, and the loss
    // and accuracy jump around from batch to batch.
    const lrs = [0.01, 0.1, 0.3, 1];
    const byLr: Run[] = [];
    for (const lr of lrs) {
      byLr.push(await trainOnce(host, lr, 256, epochs));
      host.print(line(`lr ${lr}`, byLr.at(-1)!));
    }
    host.figure("3.7-sweep-lr.svg", d2l.plot(lrs, [byLr.map((r) => r.trainAcc), byLr.map((r) => r.testAcc)], { ...axes, xlabel: "learning rate" }));

    host.print(`\n## Exercise 1: the batch size (lr 0.1, ${epochs} epoch${epochs === 1 ? "" : "s"} each)`);
    // Per epoch, a smaller batch makes more (noisier) steps: it gets further in one epoch, but each
    // epoch costs more time, since the per-batch overhead is paid more often.
    const batchSizes = [64, 256, 1024];
    const byBatch: Run[] = [];
    for (const batchSize of batchSizes) {
      const timer = new d2l.Timer();
      byBatch.push(batchSize === 256 ? byLr[lrs.indexOf(0.1)]! : await trainOnce(host, 0.1, batchSize, epochs));
      host.print(`${line(`batch size ${batchSize}`, byBatch.at(-1)!)}${batchSize === 256 ? " (the run above)" : `, ${timer.stop().toFixed(1)} s`}`);
    }
    host.figure("3.7-sweep-batch-size.svg", d2l.plot(batchSizes, [byBatch.map((r) => r.trainAcc), byBatch.map((r) => r.testAcc)], { ...axes, xlabel: "batch size" }));

    host.print("\n## Exercise 2: many epochs");
    // Run with `--epochs 50`: train accuracy keeps creeping up while test accuracy levels off below
    // it (≈ 0.84–0.85), the gap growing — the start of overfitting. Regularization (chapter 4) is the cure.
    host.print(`train − test accuracy at lr 0.1, batch 256, after ${epochs} epoch${epochs === 1 ? "" : "s"}: ${(byLr[lrs.indexOf(0.1)]!.trainAcc - byLr[lrs.indexOf(0.1)]!.testAcc).toFixed(3)}`);
  },
};

await d2l.runIfMain(import.meta.url, chapter);
