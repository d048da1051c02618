/** d2l 3.5's Fashion-MNIST loaders and label names. */
import { data, type Tensor } from "../index.js";

/** Options of {@link loadDataFashionMnist}. */
export interface LoadFashionMnistOptions {
  /** Resize each image to `n × n` (bilinear), as `transforms.Resize(n)`. */
  readonly resize?: number;
  /** Directory holding the four IDX files; default the dataset's search path. */
  readonly root?: string;
  /** Download the official files into `data/fashion-mnist/` when none are found. Default true, as the book's loader does. */
  readonly download?: boolean;
}

/** The two loaders of {@link loadDataFashionMnist}. */
export type FashionMnistIters = [train: data.DataLoader<[Tensor, Tensor]>, test: data.DataLoader<[Tensor, Tensor]>];

/**
 * Fashion-MNIST as two DataLoaders: training (shuffled every epoch) and test (in order). Batches
 * are images `[batchSize, 1, 28, 28]` (or `resize`) in [0, 1] and class indices `[batchSize]`. The
 * files are found on the dataset's search path, or downloaded when missing (asynchronous for that).
 * d2l: `d2l.load_data_fashion_mnist(batch_size, resize=None)`.
 * @example
 * const [trainIter, testIter] = await loadDataFashionMnist(256);
 * for (const [X, y] of trainIter) { ... } // X [256, 1, 28, 28], y [256]
 */
export async function loadDataFashionMnist(batchSize: number, options: LoadFashionMnistOptions = {}): Promise<FashionMnistIters> {
  const { resize, root, download = true } = options;
  const train = await data.FashionMNIST.create({ train: true, resize, root, download });
  const test = await data.FashionMNIST.create({ train: false, resize, root, download });
  return [
    new data.DataLoader(train, { batchSize, shuffle: true }),
    new data.DataLoader(test, { batchSize, shuffle: false }),
  ];
}

/**
 * Text labels of class indices. d2l: `d2l.get_fashion_mnist_labels(labels)`.
 * @example getFashionMnistLabels([0, 9]) // ["t-shirt", "ankle boot"]
 */
export function getFashionMnistLabels(indices: Parameters<typeof data.getFashionMnistLabels>[0]): string[] {
  return data.getFashionMnistLabels(indices);
}
