/**
 * d2l 3.5 The image classification dataset: Fashion-MNIST's sizes, a grid of labelled images,
 * the time to read one epoch, and resized batches. Run: `npx tsx chapters/3.5-image-classification-dataset.ts`.
 */
import { data } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

export const chapter: d2l.ChapterDefinition = {
  section: "3.5",
  title: "The Image Classification Dataset",
  defaults: { batchSize: 256 },
  async run(host) {
    const { batchSize } = host.args;
    // Found on the search path, or downloaded into data/fashion-mnist/ the first time.
    const mnistTrain = await data.FashionMNIST.create({ train: true, download: true });
    const mnistTest = await data.FashionMNIST.create({ train: false, download: true });
    host.print(`train ${mnistTrain.length}, test ${mnistTest.length}`);
    host.print(`one image: ${d2l.formatShape(mnistTrain.get(0)[0].shape)}`);

    for (const [X, y] of new data.DataLoader(mnistTrain, { batchSize: 18 })) {
      const titles = d2l.getFashionMnistLabels(y);
      host.print(`labels: ${titles.join(", ")}`);
      host.figure("3.5-fashion-mnist.svg", d2l.showImages(X.reshape(18, 28, 28), 2, 9, { titles }));
      break;
    }

    const trainIter = new data.DataLoader(mnistTrain, { batchSize, shuffle: true });
    const timer = new d2l.Timer();
    let batches = 0;
    for (const _batch of trainIter) batches++;
    host.print(`${timer.stop().toFixed(2)} sec to read ${batches} batches of ${batchSize}`);

    const [resizedIter] = await d2l.loadDataFashionMnist(32, { resize: 64 });
    for (const [X, y] of resizedIter) {
      host.print(`resized batch: X ${d2l.formatShape(X.shape)} float32, y ${d2l.formatShape(y.shape)} (class indices stored as float32)`);
      break;
    }
  },
};

await d2l.runIfMain(import.meta.url, chapter);
