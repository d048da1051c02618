/** The Fashion-MNIST dataset read from the four official IDX files. */
import { platform } from "#platform";
import { Tensor } from "../tensor/tensor.js";
import { scaleBytes } from "../tensor/kernels/scale-bytes.js";
import type { BatchDataset } from "./dataset.js";
import { checkIndex } from "./dataset.js";
import {
  downloadFashionMnist,
  fashionMnistSearchDirs,
  findSplitFiles,
  FASHION_MNIST_LOCAL_DIR,
  notFoundError,
  splitFileNames,
  type FashionMnistDownloadOptions,
  type SplitFiles,
} from "./fashion-mnist-files.js";
import { errorMessage } from "./errors.js";
import { fetchBytes, type TransferProgress } from "./fetch-bytes.js";
import { decodeIdx, readIdxFile, type IdxFile, type IdxKind } from "./idx.js";
import { bilinearPlan, resizePlane, type BilinearPlan } from "./resize.js";
import { unbatch } from "./rows.js";

/** Options of `new FashionMNIST(...)`. */
export interface FashionMNISTOptions {
  /** Directory holding the files; searched first. In a browser, the URL of the folder (absolute, or relative to the page). */
  root?: string;
  /** The 60,000 training examples (true, default) or the 10,000 test examples. */
  train?: boolean;
  /** Bilinearly resize every image to `n × n` (or `[h, w]`), like `Resize` before `ToTensor`. */
  resize?: number | readonly [number, number];
  /** Directories to search after `root`, replacing `$FASHION_MNIST_DIR`, `./data/fashion-mnist` and the Debian path. */
  searchDirs?: readonly string[];
}

/** Options of `FashionMNIST.create(...)`: the constructor's, plus downloading. */
export interface FashionMNISTCreateOptions extends FashionMNISTOptions {
  /** Download the official files when none are found (into `root`, else `data/fashion-mnist`). Default false. */
  download?: boolean;
  /** Base URL to download from instead of the official one. */
  mirror?: string;
  /** md5 per file name, replacing the official ones. */
  checksums?: FashionMnistDownloadOptions["checksums"];
  /** Progress bars on stderr while downloading. Default: when stderr is a terminal. */
  progress?: boolean;
  /** In a browser: called as each file arrives. */
  onProgress?: (progress: TransferProgress) => void;
}

/** Parsed images and labels files of one split, and where they came from. */
export interface FashionMnistSplit {
  images: IdxFile;
  labels: IdxFile;
  files: SplitFiles;
}

/** Where a browser fetches the files when no `root` is given: relative to the page, as `npm run web` serves them. */
const BROWSER_DEFAULT_ROOT = "data/fashion-mnist/";

/** Parsed IDX files by kind and absolute path, so that several datasets in one process read each file once. */
const idxCache = new Map<string, IdxFile>();

function readCached(path: string, kind: IdxKind): IdxFile {
  const key = `${kind}:${platform.resolvePath(path)}`;
  let file = idxCache.get(key);
  if (file === undefined) {
    file = readIdxFile(path, { kind });
    idxCache.set(key, file);
  }
  return file;
}

/**
 * Forgets every parsed file (frees their memory once no dataset holds them).
 * @example clearFashionMnistCache();
 */
export function clearFashionMnistCache(): void {
  idxCache.clear();
  fetchCache.clear();
}

/** The same for fetched files (browsers), by URL: a second dataset waits for the first fetch. */
const fetchCache = new Map<string, Promise<IdxFile>>();

function fetchCached(url: string, kind: IdxKind, onProgress: FashionMNISTCreateOptions["onProgress"]): Promise<IdxFile> {
  const key = `${kind}:${url}`;
  let file = fetchCache.get(key);
  if (file === undefined) {
    file = fetchBytes(url, { onProgress }).then((gz) => decodeIdx(gz, kind, url));
    fetchCache.set(key, file);
    file.catch(() => fetchCache.delete(key));
  }
  return file;
}

/** Fetches and parses the two files of a split from the folder at URL `root` (browsers). */
async function fetchSplit(root: string, train: boolean, onProgress: FashionMNISTCreateOptions["onProgress"]): Promise<FashionMnistSplit> {
  const names = splitFileNames(train);
  const files = { images: platform.joinPath(root, names.images), labels: platform.joinPath(root, names.labels) };
  const [images, labels] = await Promise.all([fetchCached(files.images, "images", onProgress), fetchCached(files.labels, "labels", onProgress)]);
  return { images, labels, files };
}

/** torchvision `ToTensor`'s scaling, x / 255, as float32 division (`scaleBytes`, SIMD on the wasm backend). */
const PIXEL_DIVISOR = 255;

const NUM_CLASSES = 10;

/**
 * Fashion-MNIST: 28×28 grayscale images of 10 kinds of clothing; 60,000 for training, 10,000 for
 * testing. Pixels stay bytes in memory; `getBatch` scales them to float32 in [0, 1] shaped
 * `[batch, 1, 28, 28]` with float32 class indices `[batch]`. The files are looked for in `root`,
 * `$FASHION_MNIST_DIR`, `./data/fashion-mnist`, `/usr/share/datasets/fashion-mnist`; use
 * `await FashionMNIST.create({ download: true })` to download them when missing (the constructor
 * is synchronous and never touches the network). In a browser only `create` works: it fetches the
 * four `.gz` files from the folder at URL `root` (default `data/fashion-mnist/` next to the page).
 * torchvision: `datasets.FashionMNIST(root, train, transform=ToTensor())`.
 * @example
 * const train = new FashionMNIST({ train: true });
 * train.length                      // 60000
 * const [X, y] = train.getBatch([0, 1]); // X [2, 1, 28, 28], y [2]
 */
export class FashionMNIST implements BatchDataset<[Tensor, Tensor]> {
  readonly length: number;
  readonly train: boolean;
  /** Paths of the images and labels files read. */
  readonly files: { images: string; labels: string };
  /** All pixels, `length × imageHeight × imageWidth` bytes. */
  readonly images: Uint8Array;
  /** All class indices, one byte each. */
  readonly labels: Uint8Array;
  readonly imageHeight: number;
  readonly imageWidth: number;
  /** Height and width of the images `get`/`getBatch` return (after `resize`). */
  readonly outputSize: readonly [number, number];
  private readonly plan: BilinearPlan | undefined;

  /**
   * Downloads the files first when none are found and `download` is true, then constructs.
   * @example const test = await FashionMNIST.create({ train: false, download: true });
   */
  static async create(options: FashionMNISTCreateOptions = {}): Promise<FashionMNIST> {
    const { download = false, mirror, checksums, progress, onProgress, ...datasetOptions } = options;
    if (!platform.hasFileSystem) {
      const root = platform.resolvePath(options.root ?? BROWSER_DEFAULT_ROOT);
      return new FashionMNIST(datasetOptions, await fetchSplit(root, options.train ?? true, onProgress));
    }
    const dirs = fashionMnistSearchDirs(options.root, options.searchDirs);
    const train = options.train ?? true;
    if (!download || findSplitFiles(dirs, train) !== undefined) return new FashionMNIST(datasetOptions);
    const dest = platform.resolvePath(options.root ?? FASHION_MNIST_LOCAL_DIR);
    try {
      await downloadFashionMnist({ dest, mirror, checksums, progress });
    } catch (err) {
      throw notFoundError(dirs, train, dest, errorMessage(err));
    }
    return new FashionMNIST({ ...datasetOptions, root: dest });
  }

  /**
   * Reads the split's files from the search path, or takes `split` when given (files already parsed,
   * as `create` does in a browser).
   */
  constructor(options: FashionMNISTOptions = {}, split?: FashionMnistSplit) {
    const { train = true, resize } = options;
    const { images, labels, files: found } = split ?? readSplit(options);
    if (images.count !== labels.count) {
      throw new Error(`FashionMNIST: ${found.images} holds ${images.count} images but ${found.labels} holds ${labels.count} labels`);
    }
    checkLabels(labels.data, found.labels);
    this.train = train;
    this.files = found;
    this.length = images.count;
    this.images = images.data;
    this.labels = labels.data;
    this.imageHeight = images.rows!;
    this.imageWidth = images.cols!;
    const size = resize === undefined ? undefined : typeof resize === "number" ? ([resize, resize] as const) : resize;
    this.outputSize = size ?? [this.imageHeight, this.imageWidth];
    this.plan = size === undefined ? undefined : bilinearPlan(this.imageHeight, this.imageWidth, size[0], size[1]);
  }

  /** Example `i`: the image `[1, H, W]` in [0, 1] and its 0-d label. */
  get(i: number): [Tensor, Tensor] {
    checkIndex("FashionMNIST.get", i, this.length);
    const [X, y] = this.getBatch([i]);
    return [unbatch(X), unbatch(y)];
  }

  /** The examples at `indices`: images `[batch, 1, H, W]` in [0, 1] and labels `[batch]`. */
  getBatch(indices: ArrayLike<number>): [Tensor, Tensor] {
    const batch = indices.length;
    const inPixels = this.imageHeight * this.imageWidth;
    const [outH, outW] = this.outputSize;
    const outPixels = outH * outW;
    const X = new Float32Array(batch * outPixels);
    const y = new Float32Array(batch);
    const plan = this.plan;
    // With resize, each image is scaled into this scratch plane first, then interpolated (ToTensor, then Resize).
    const scratch = plan === undefined ? X : new Float32Array(inPixels);
    const { images, labels } = this;
    for (let b = 0; b < batch; b++) {
      const index = indices[b]!;
      checkIndex("FashionMNIST.getBatch", index, this.length);
      y[b] = labels[index]!;
      if (plan === undefined) continue;
      scaleBytes(scratch, images, [index], inPixels, PIXEL_DIVISOR);
      resizePlane(scratch, 0, X, b * outPixels, plan);
    }
    if (plan === undefined) scaleBytes(X, images, indices, inPixels, PIXEL_DIVISOR);
    return [new Tensor(X, [batch, 1, outH, outW]), new Tensor(y, [batch])];
  }
}

/** The split's files from the search path (Node), parsed once per process. */
function readSplit(options: FashionMNISTOptions): FashionMnistSplit {
  const { root, train = true, searchDirs } = options;
  if (!platform.hasFileSystem) {
    throw new Error("FashionMNIST: there is no file system here (a browser): use await FashionMNIST.create({ root: url, train }), which fetches the files");
  }
  const dirs = fashionMnistSearchDirs(root, searchDirs);
  const files = findSplitFiles(dirs, train);
  if (files === undefined) throw notFoundError(dirs, train, platform.resolvePath(root ?? FASHION_MNIST_LOCAL_DIR));
  return { images: readCached(files.images, "images"), labels: readCached(files.labels, "labels"), files };
}

/** Every label must be a class index 0 … 9. */
function checkLabels(labels: Uint8Array, path: string): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! >= NUM_CLASSES) {
      throw new Error(`FashionMNIST: ${path} has label ${labels[i]} at index ${i}, expected a class index in [0, ${NUM_CLASSES - 1}]`);
    }
  }
}

