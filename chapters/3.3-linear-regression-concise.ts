/**
 * d2l 3.3 Concise Implementation of Linear Regression: the model of 3.2 from `loadArray`
 * (a DataLoader), `nn.Linear`, `nn.MSELoss` and `optim.SGD`.
 * Run: `npx tsx chapters/3.3-linear-regression-concise.ts [--epochs 3] [--lr 0.03] [--batch-size 10] [--seed 0]`.
 */
import { data, nn, noGrad, optim, sub, tensor, type Tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

export const chapter: d2l.ChapterDefinition = {
  section: "3.3",
  title: "Concise Implementation of Linear Regression",
  defaults: { epochs: 3, lr: 0.03, batchSize: 10 },
  async run(host) {
    host.print("## Generating the dataset");
    const trueW = tensor([2, -3.4]);
    const trueB = 4.2;
    const [features, labels] = d2l.syntheticData(trueW, trueB, 1000);

    host.print("\n## Reading the dataset");
    /**
     * A data iterator over in-memory tensors: a DataLoader over `TensorDataset(...dataArrays)`,
     * shuffled when `isTrain`. d2l: `d2l.load_array(data_arrays, batch_size, is_train=True)`.
     * @example const dataIter = loadArray([features, labels], 10); // batches [10, 2], [10, 1]
     */
    function loadArray<T extends Tensor[]>(dataArrays: [...T], batchSize: number, isTrain = true): data.DataLoader<T> { //@save
      const dataset = new data.TensorDataset(...dataArrays); // `TensorDataset(*data_arrays)`
      return new data.DataLoader(dataset, { batchSize, shuffle: isTrain });
    }

    const { batchSize } = host.args; // the book's 10
    const dataIter = loadArray([features, labels], batchSize);
    // `next(iter(data_iter))`
    const [X0, y0] = dataIter[Symbol.iterator]().next().value!;
    host.print(`first minibatch:\n${X0.toString()}\n${y0.toString()}`);

    host.print("\n## Defining the model");
    const net = new nn.Sequential(new nn.Linear(2, 1));
    // `net[0]` → `net.at<nn.Linear>(0)`: the type argument says which layer it is.
    net.at<nn.Linear>(0).weight.data.normal_(0, 0.01);
    net.at<nn.Linear>(0).bias!.data.fill_(0);

    const loss = new nn.MSELoss();
    const trainer = new optim.SGD(net.parameters(), { lr: host.args.lr }); // the book's lr=0.03

    host.print("\n## Training");
    const numEpochs = host.args.epochs;
    for (let epoch = 0; epoch < numEpochs; epoch++) {
      for (const [X, y] of dataIter) {
        const l = loss.forward(net.forward(X), y); // `loss(net(X), y)`: modules are called through `forward`
        trainer.zeroGrad();
        l.backward();
        trainer.step();
      }
      const l = noGrad(() => loss.forward(net.forward(features), labels));
      host.print(`epoch ${epoch + 1}, loss ${l.item().toFixed(6)}`);
    }
    const w = net.at<nn.Linear>(0).weight.data;
    host.print(`error in estimating w: ${trueW.sub(w.reshape(trueW.shape)).toString()}`);
    const b = net.at<nn.Linear>(0).bias!.data;
    host.print(`error in estimating b: ${sub(trueB, b).toString()}`);
  },
};

await d2l.runIfMain(import.meta.url, chapter);
