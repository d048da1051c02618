/** d2l 3.5's Fashion-MNIST loaders and label names. */
import { data, type Tensor } from "../index.js";

/** Options of {@link loadDataFashionMnist}. */
export interface LoadFashionMnistOptions {
  /** Resize each image to `n × n` (bilinear), as `transforms.Resize(n)`. */
  readonly resize?: number;
  /** Directory holding the four IDX files; default the dataset's search path. */
  readonly root?: string;
}

/** The two loaders of {@link loadDataFashionMnist}. */
export type FashionMnistIters = [train: data.DataLoader<[Tensor, Tensor]>, test: data.DataLoader<[Tensor, Tensor]>];

/**
 * Fashion-MNIST as two DataLoaders: training (shuffled every epoch) and test (in order). Batches
 * are images `[batchSize, 1, 28, 28]` (or `resize`) in [0, 1] and class indices `[batchSize]`.
 * d2l: `d2l.load_data_fashion_mnist(batch_size, resize=None)`.
 * @example
 * const [trainIter, testIter] = loadDataFashionMnist(256);
 * for (const [X, y] of trainIter) { ... } // X [256, 1, 28, 28], y [256]
 */
export function loadDataFashionMnist(batchSize: number, options: LoadFashionMnistOptions = {}): FashionMnistIters {
  const { resize, root } = options;
  const train = new data.FashionMNIST({ train: true, resize, root });
  const test = new data.FashionMNIST({ train: false, resize, root });
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
