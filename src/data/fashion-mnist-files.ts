/** Where Fashion-MNIST's four IDX files are looked for, and how they are downloaded. */
import { platform } from "#platform";
import { downloadFile } from "./download.js";

const resolve = (path: string): string => platform.resolvePath(path);
const join = (dir: string, name: string): string => platform.joinPath(dir, name);

/** The official file names. */
export const FASHION_MNIST_FILES = [
  "train-images-idx3-ubyte.gz",
  "train-labels-idx1-ubyte.gz",
  "t10k-images-idx3-ubyte.gz",
  "t10k-labels-idx1-ubyte.gz",
] as const;

/** One of the four official file names. */
export type FashionMnistFileName = (typeof FASHION_MNIST_FILES)[number];

/** md5 of the official downloads, from the zalandoresearch/fashion-mnist README. */
export const FASHION_MNIST_MD5: Readonly<Record<FashionMnistFileName, string>> = {
  "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
  "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
  "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
  "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
};

/** The official download location (Zalando Research). */
export const FASHION_MNIST_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

/** Where Debian's `dataset-fashion-mnist` package installs the files. */
export const FASHION_MNIST_SYSTEM_DIR = "/usr/share/datasets/fashion-mnist";

/** Directory in the working directory used by default (searched, and the download target). */
export const FASHION_MNIST_LOCAL_DIR = "data/fashion-mnist";

/** A directory to search and why it is on the list (shown in the not-found error). */
export interface SearchDir {
  dir: string | undefined;
  origin: string;
}

/** The images and labels files of one split. */
export interface SplitFiles {
  images: string;
  labels: string;
}

/**
 * The search list, in order: `root`, `$FASHION_MNIST_DIR`, `data/fashion-mnist/` in the working
 * directory, `/usr/share/datasets/fashion-mnist/`. `fallbacks` replaces everything after `root`.
 * @example fashionMnistSearchDirs("/data/fm").map((d) => d.dir)
 */
export function fashionMnistSearchDirs(root?: string, fallbacks?: readonly string[]): SearchDir[] {
  const dirs: SearchDir[] = [];
  if (root !== undefined) dirs.push({ dir: resolve(root), origin: "root option" });
  if (fallbacks !== undefined) {
    for (const dir of fallbacks) dirs.push({ dir: resolve(dir), origin: "searchDirs option" });
    return dirs;
  }
  const fromEnv = platform.env("FASHION_MNIST_DIR");
  dirs.push({ dir: fromEnv ? resolve(fromEnv) : undefined, origin: fromEnv ? "$FASHION_MNIST_DIR" : "$FASHION_MNIST_DIR, not set" });
  dirs.push({ dir: resolve(FASHION_MNIST_LOCAL_DIR), origin: "working directory" });
  dirs.push({ dir: FASHION_MNIST_SYSTEM_DIR, origin: "Debian package dataset-fashion-mnist" });
  return dirs;
}

/**
 * Official file names of a split: `train-*` or `t10k-*`.
 * @example splitFileNames(false).labels // "t10k-labels-idx1-ubyte.gz"
 */
export function splitFileNames(train: boolean): { images: FashionMnistFileName; labels: FashionMnistFileName } {
  return train
    ? { images: "train-images-idx3-ubyte.gz", labels: "train-labels-idx1-ubyte.gz" }
    : { images: "t10k-images-idx3-ubyte.gz", labels: "t10k-labels-idx1-ubyte.gz" };
}

/** `dir/name`, or `dir/name` without `.gz` (already gunzipped, torchvision's raw/ layout); else undefined. */
function fileIn(dir: string, name: string): string | undefined {
  const gz = join(dir, name);
  if (platform.fileExists(gz)) return gz;
  const plain = join(dir, name.replace(/\.gz$/, ""));
  return platform.fileExists(plain) ? plain : undefined;
}

/**
 * The first directory of `dirs` holding both files of the split, or undefined.
 * @example findSplitFiles(fashionMnistSearchDirs(), true)?.images
 */
export function findSplitFiles(dirs: readonly SearchDir[], train: boolean): SplitFiles | undefined {
  const names = splitFileNames(train);
  for (const { dir } of dirs) {
    if (dir === undefined) continue;
    const images = fileIn(dir, names.images);
    const labels = fileIn(dir, names.labels);
    if (images !== undefined && labels !== undefined) return { images, labels };
  }
  return undefined;
}

/**
 * The error thrown when no directory holds the split: every path tried, why it was tried, what is
 * missing there, and the two ways to get the data. `cause` is a failed download's message.
 * @example throw notFoundError(fashionMnistSearchDirs(), true, "data/fashion-mnist");
 */
export function notFoundError(dirs: readonly SearchDir[], train: boolean, downloadDir: string, cause?: string): Error {
  const names = splitFileNames(train);
  const lines = dirs.map(({ dir, origin }) => {
    if (dir === undefined) return `  - (${origin})`;
    const missing = [names.images, names.labels].filter((n) => fileIn(dir, n) === undefined);
    return `  - ${dir} (${origin}): missing ${missing.join(", ")}`;
  });
  return new Error(
    [
      `FashionMNIST: cannot find the ${train ? "training" : "test"} files ${names.images} and ${names.labels} (or the same without .gz). Paths tried, in order:`,
      ...lines,
      ...(cause === undefined ? [] : [`Download into ${downloadDir} failed: ${cause}`]),
      "Get the data either way:",
      "  - apt-get install dataset-fashion-mnist   (installs them in /usr/share/datasets/fashion-mnist)",
      `  - await FashionMNIST.create({ download: true })   (downloads them into ${downloadDir})`,
    ].join("\n"),
  );
}

/** Options of `downloadFashionMnist`. */
export interface FashionMnistDownloadOptions {
  /** Directory to download into. Default `data/fashion-mnist` in the working directory. */
  dest?: string;
  /** Base URL holding the four files. Default the official Zalando location. */
  mirror?: string;
  /** md5 per file name, replacing the official ones (for mirrors and tests). */
  checksums?: Partial<Record<FashionMnistFileName, string>>;
  /** Progress bars on stderr. Default: when stderr is a terminal. */
  progress?: boolean;
}

/**
 * Downloads whichever of the four official files `dest` lacks, checking each md5.
 * torchvision: `FashionMNIST(root, download=True)`'s `download()`.
 * @example await downloadFashionMnist({ dest: "data/fashion-mnist" });
 */
export async function downloadFashionMnist(options: FashionMnistDownloadOptions = {}): Promise<void> {
  const { dest = FASHION_MNIST_LOCAL_DIR, mirror = FASHION_MNIST_URL, checksums = {}, progress } = options;
  const base = mirror.endsWith("/") ? mirror : `${mirror}/`;
  for (const name of FASHION_MNIST_FILES) {
    if (fileIn(dest, name) !== undefined) continue;
    const expectedMd5 = checksums[name] ?? FASHION_MNIST_MD5[name];
    await downloadFile(new URL(name, base).href, join(dest, name), { expectedMd5, progress });
  }
}
