/**
 * d2l 3.5 The image classification dataset: Fashion-MNIST's sizes, a grid of labelled images,
 * the time to read one epoch, and resized batches. Run: `npx tsx chapters/3.5-image-classification-dataset.ts`.
 */
import { data } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

await d2l.runScript({}, async ({ out }) => {
  // Found on the search path, or downloaded into data/fashion-mnist/ the first time.
  const mnistTrain = await data.FashionMNIST.create({ train: true, download: true });
  const mnistTest = await data.FashionMNIST.create({ train: false, download: true });
  console.log(`train ${mnistTrain.length}, test ${mnistTest.length}`);
  console.log(`one image: ${d2l.formatShape(mnistTrain.get(0)[0].shape)}`);

  for (const [X, y] of new data.DataLoader(mnistTrain, { batchSize: 18 })) {
    const titles = d2l.getFashionMnistLabels(y);
    console.log(`labels: ${titles.join(", ")}`);
    d2l.showImages(X.reshape(18, 28, 28), 2, 9, { titles, path: d2l.figurePath(out, "3.5-fashion-mnist.svg") });
    break;
  }

  const batchSize = 256;
  const trainIter = new data.DataLoader(mnistTrain, { batchSize, shuffle: true });
  const timer = new d2l.Timer();
  let batches = 0;
  for (const _batch of trainIter) batches++;
  console.log(`${timer.stop().toFixed(2)} sec to read ${batches} batches of ${batchSize}`);

  const [resizedIter] = await d2l.loadDataFashionMnist(32, { resize: 64 });
  for (const [X, y] of resizedIter) {
    console.log(`resized batch: X ${d2l.formatShape(X.shape)} float32, y ${d2l.formatShape(y.shape)} (class indices stored as float32)`);
    break;
  }
});
