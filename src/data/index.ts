/** tsgrad's data layer: datasets, the DataLoader and Fashion-MNIST (the book's `syntheticData` and `loadArray` are d2l's). */
export { type Dataset, type BatchDataset, isBatchDataset } from "./dataset.js";
export { TensorDataset } from "./tensor-dataset.js";
export { DataLoader, type DataLoaderOptions } from "./data-loader.js";
export { readIdxFile, decodeIdx, parseIdx, type IdxFile, type IdxKind } from "./idx.js";
export { fetchBytes, type FetchBytesOptions, type TransferProgress } from "./fetch-bytes.js";
export { downloadFile, type DownloadOptions } from "./download.js";
export { resizeBilinear } from "./resize.js";
export {
  FashionMNIST,
  clearFashionMnistCache,
  type FashionMNISTOptions,
  type FashionMNISTCreateOptions,
  type FashionMnistSplit,
} from "./fashion-mnist.js";
export {
  downloadFashionMnist,
  FASHION_MNIST_FILES,
  FASHION_MNIST_MD5,
  FASHION_MNIST_URL,
  type FashionMnistDownloadOptions,
} from "./fashion-mnist-files.js";
export { FASHION_MNIST_LABELS } from "./fashion-mnist-labels.js";
