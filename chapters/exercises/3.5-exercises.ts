/**
 * Worked answer to the exercise of d2l 3.5 (The Image Classification Dataset) that has code: how the
 * batch size affects reading speed. Run: `npx tsx chapters/exercises/3.5-exercises.ts`.
 */
import { data } from "../../src/index.js";
import * as d2l from "../../src/d2l/index.js";

export const chapter: d2l.ChapterDefinition = {
  section: "3.5",
  title: "The Image Classification Dataset: exercises",
  defaults: {},
  async run(host) {
    host.print("## Exercise 1: does a smaller batch size slow reading down?");
    // Yes, per image: every batch pays a fixed cost (an index list, a gather into new tensors, the
    // iterator's bookkeeping) besides copying its pixels, and batch size 1 pays it 60,000 times per
    // epoch. Large batches amortise it until the copy itself dominates. Timed over 12,000 shuffled images.
    const mnistTrain = await data.FashionMNIST.create({ train: true, download: true });
    const images = 12_000;
    for (const batchSize of [1, 16, 256, 1024]) {
      const timer = new d2l.Timer();
      let read = 0;
      for (const [X] of new data.DataLoader(mnistTrain, { batchSize, shuffle: true })) {
        read += X.shape[0]!;
        if (read >= images) break;
      }
      const seconds = timer.stop();
      host.print(`batch size ${batchSize}: ${Math.round(read / seconds)} images/s`);
    }
    // Exercise 2: `npm run bench -- train` times the data pipeline alone next to a full epoch; what
    // would help further is preparing the next batches in a worker while the model trains, as
    // PyTorch's num_workers does.
  },
};

await d2l.runIfMain(import.meta.url, chapter);
