/** STAND-IN for chapters/3.7 as a ChapterDefinition (see ./host.ts); deleted when the book branch lands. */
import { nn, optim } from "../../../src/index.js";
import * as d2l from "../../../src/d2l/index.js";
import type { ChapterDefinition } from "./host.js";

export const chapter: ChapterDefinition = {
  section: "3.7",
  title: "Concise Implementation of Softmax Regression",
  defaults: { epochs: 10, lr: 0.1, batchSize: 256 },
  async run(host) {
    const { epochs, lr, batchSize } = host.args;
    const [trainIter, testIter] = await d2l.loadDataFashionMnist(batchSize);
    const net = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 10));
    net.apply((m) => {
      if (m instanceof nn.Linear) nn.init.normal_(m.weight, 0, 0.01);
    });
    host.print(String(net));
    const loss = new nn.CrossEntropyLoss({ reduction: "none" });
    const trainer = new optim.SGD(net.parameters(), { lr });
    const sink = { write: (text: string) => host.print(text.replace(/\n$/, "")) };
    const animator = new d2l.Animator({ xlabel: "epoch", xlim: [1, epochs], ylim: [0.3, 0.9], legend: ["train loss", "train acc", "test acc"], digits: [4, 3, 3], sink });
    let result: [number, number, number] = [NaN, NaN, NaN];
    for (let epoch = 0; epoch < epochs; epoch++) {
      const [trainLoss, trainAcc] = d2l.trainEpochCh3(net, trainIter, loss, trainer);
      const testAcc = d2l.evaluateAccuracy(net, testIter);
      result = [trainLoss, trainAcc, testAcc];
      animator.add(epoch + 1, result);
      host.figure("3.7-train.svg", animator.render());
      await host.pause?.();
      host.signal?.throwIfAborted();
    }
    host.print(`loss ${result[0].toFixed(3)}, train acc ${result[1].toFixed(3)}, test acc ${result[2].toFixed(3)}, ${animator.timer.avg().toFixed(2)} s/epoch`);
  },
};
