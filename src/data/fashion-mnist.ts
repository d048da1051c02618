/** The Fashion-MNIST dataset read from the four official IDX files. */
import { resolve } from "node:path";
import { Tensor } from "../tensor/tensor.js";
import type { BatchDataset } from "./dataset.js";
import { checkIndex } from "./dataset.js";
import {
  downloadFashionMnist,
  fashionMnistSearchDirs,
  findSplitFiles,
  FASHION_MNIST_LOCAL_DIR,
  notFoundError,
  type FashionMnistDownloadOptions,
} from "./fashion-mnist-files.js";
import { errorMessage } from "./errors.js";
import { readIdxFile, type IdxFile, type IdxKind } from "./idx.js";
import { bilinearPlan, resizePlane, type BilinearPlan } from "./resize.js";
import { unbatch } from "./rows.js";
import { checkOptions, expectBoolean } from "../tensor/validate.js";

/** Options of `new FashionMNIST(...)`. */
export interface FashionMNISTOptions {
  /** Directory holding the files. Authoritative, as in torchvision: when given, nothing else is searched. */
  root?: string;
  /** The 60,000 training examples (true, default) or the 10,000 test examples. */
  train?: boolean;
  /** Bilinearly resize every image to `n × n` (or `[h, w]`), like `Resize` before `ToTensor`. */
  resize?: number | readonly [number, number];
  /** Directories to search when no `root` is given, replacing `$FASHION_MNIST_DIR`, `./data/fashion-mnist` and the Debian path. */
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
}

const OPTION_KEYS = ["root", "train", "resize", "searchDirs"];
const CREATE_KEYS = [...OPTION_KEYS, "download", "mirror", "checksums", "progress"];

/** Parsed IDX files by kind and absolute path, so that several datasets in one process read each file once. */
const idxCache = new Map<string, IdxFile>();

function readCached(path: string, kind: IdxKind): IdxFile {
  const key = `${kind}:${resolve(path)}`;
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
}

/**
 * torchvision `ToTensor`'s scaling, x / 255. Multiplying by the float64 reciprocal and storing as float32
 * gives, for every byte value, the same float32 as PyTorch's float32 division (checked for all 256 in
 * the tests), and a multiply is several times cheaper than a divide in this hot loop.
 */
const PIXEL_SCALE = 1 / 255;

const NUM_CLASSES = 10;

/**
 * Fashion-MNIST: 28×28 grayscale images of 10 kinds of clothing; 60,000 for training, 10,000 for
 * testing. Pixels stay bytes in memory; `getBatch` scales them to float32 in [0, 1] shaped
 * `[batch, 1, 28, 28]` with float32 class indices `[batch]`. The files are read from `root` when given
 * (only there), else looked for in `$FASHION_MNIST_DIR`, `./data/fashion-mnist`, `/usr/share/datasets/fashion-mnist`; use
 * `await FashionMNIST.create({ download: true })` to download them when missing (the constructor
 * is synchronous and never touches the network).
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
    checkOptions("FashionMNIST.create", options, CREATE_KEYS);
    const { download = false, mirror, checksums, progress, ...datasetOptions } = options;
    const dirs = fashionMnistSearchDirs(options.root, options.searchDirs);
    const train = options.train ?? true;
    if (!download || findSplitFiles(dirs, train) !== undefined) return new FashionMNIST(datasetOptions);
    const dest = resolve(options.root ?? FASHION_MNIST_LOCAL_DIR);
    try {
      await downloadFashionMnist({ dest, mirror, checksums, progress });
    } catch (err) {
      throw notFoundError(dirs, train, dest, errorMessage(err));
    }
    return new FashionMNIST({ ...datasetOptions, root: dest });
  }

  constructor(options: FashionMNISTOptions = {}) {
    checkOptions("FashionMNIST", options, OPTION_KEYS);
    expectBoolean("FashionMNIST", "train", options.train, true);
    const { root, train = true, resize, searchDirs } = options;
    const dirs = fashionMnistSearchDirs(root, searchDirs);
    const found = findSplitFiles(dirs, train);
    if (found === undefined) throw notFoundError(dirs, train, resolve(root ?? FASHION_MNIST_LOCAL_DIR));
    const images = readCached(found.images, "images");
    const labels = readCached(found.labels, "labels");
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
      const src = index * inPixels;
      const dst = plan === undefined ? b * outPixels : 0;
      for (let j = 0; j < inPixels; j++) scratch[dst + j] = images[src + j]! * PIXEL_SCALE;
      if (plan !== undefined) resizePlane(scratch, 0, X, b * outPixels, plan);
      y[b] = labels[index]!;
    }
    return [new Tensor(X, [batch, 1, outH, outW]), new Tensor(y, [batch])];
  }
}

/** Every label must be a class index 0 … 9. */
function checkLabels(labels: Uint8Array, path: string): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! >= NUM_CLASSES) {
      throw new Error(`FashionMNIST: ${path} has label ${labels[i]} at index ${i}, expected a class index in [0, ${NUM_CLASSES - 1}]`);
    }
  }
}

