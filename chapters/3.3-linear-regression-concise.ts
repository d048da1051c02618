/**
 * d2l 3.3 Concise linear regression: the same model as 3.2 built from `data.loadArray`,
 * `nn.Linear`, `nn.MSELoss` and `optim.SGD`.
 * Run: `npx tsx chapters/3.3-linear-regression-concise.ts [--epochs 3] [--seed 0]`.
 */
import { data, nn, noGrad, optim, tensor, type Tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

export const chapter: d2l.ChapterDefinition = {
  section: "3.3",
  title: "Concise Implementation of Linear Regression",
  defaults: { epochs: 3, lr: 0.03, batchSize: 10 },
  async run(host) {
    const { epochs, lr, batchSize } = host.args;
    const trueW = tensor([2, -3.4]);
    const trueB = 4.2;
    const [features, labels] = data.syntheticData(trueW, trueB, 1000);

    const dataIter = data.loadArray<[Tensor, Tensor]>([features, labels], batchSize);
    const [X0, y0] = dataIter[Symbol.iterator]().next().value!;
    host.print(`first minibatch:\n${X0.toString()}\n${y0.toString()}`);

    const net = new nn.Sequential(new nn.Linear(2, 1));
    const layer = net.at<nn.Linear>(0);
    layer.weight.data.normal_(0, 0.01);
    layer.bias!.data.fill_(0);
    const loss = new nn.MSELoss();
    const trainer = new optim.SGD(net.parameters(), { lr });

    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const [X, y] of dataIter) {
        const l = loss.forward(net.forward(X), y);
        trainer.zeroGrad();
        l.backward();
        trainer.step();
      }
      const l = noGrad(() => loss.forward(net.forward(features), labels));
      host.print(d2l.lossLine(epoch + 1, l.item()));
    }
    d2l.printEstimationErrors(host, trueW, layer.weight.data, tensor([trueB]), layer.bias!.data);
  },
};

await d2l.runIfMain(import.meta.url, chapter);
