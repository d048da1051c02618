/** Small IDX files and Fashion-MNIST-shaped directories written by the data tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** A fresh empty temp directory. */
export function tempDir(prefix = "tsgrad-data-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (created.length === 0) process.once("exit", removeTempDirs);
  created.push(dir);
  return dir;
}

/** Every folder `tempDir` made in this process; removed when the process exits, so tests leave none behind. */
const created: string[] = [];
function removeTempDirs(): void {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
}

/** Big-endian header + payload of an IDX file, built byte by byte (independently of src/data/idx.ts). */
export function idxBytes(magic: number, dims: readonly number[], payload: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const words = [magic, ...dims];
  words.forEach((w, k) => {
    header[4 * k] = (w >>> 24) & 0xff;
    header[4 * k + 1] = (w >>> 16) & 0xff;
    header[4 * k + 2] = (w >>> 8) & 0xff;
    header[4 * k + 3] = w & 0xff;
  });
  const out = new Uint8Array(header.length + payload.length);
  out.set(header, 0);
  out.set(payload, header.length);
  return out;
}

/** A tiny split: `count` images of `rows × cols` with pixel (n, k) = (n * 31 + k * 7) % 256, labels n % 10. */
export interface TinySplit {
  count: number;
  rows: number;
  cols: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

export function tinySplit(count: number, rows = 3, cols = 2): TinySplit {
  const pixels = new Uint8Array(count * rows * cols);
  for (let n = 0; n < count; n++) for (let k = 0; k < rows * cols; k++) pixels[n * rows * cols + k] = (n * 31 + k * 7) % 256;
  const labels = Uint8Array.from({ length: count }, (_, n) => n % 10);
  return { count, rows, cols, pixels, labels };
}

/** The gzipped official-named files of a split, as `{ fileName: bytes }`. */
export function splitFilesGz(prefix: "train" | "t10k", split: TinySplit): Record<string, Uint8Array> {
  return {
    [`${prefix}-images-idx3-ubyte.gz`]: gzipSync(idxBytes(2051, [split.count, split.rows, split.cols], split.pixels)),
    [`${prefix}-labels-idx1-ubyte.gz`]: gzipSync(idxBytes(2049, [split.count], split.labels)),
  };
}

/** Writes the four official files (train with `trainCount` examples, test with `testCount`) into `dir`. */
export function writeFashionDir(dir: string, trainCount: number, testCount = 2): { train: TinySplit; test: TinySplit } {
  mkdirSync(dir, { recursive: true });
  const train = tinySplit(trainCount);
  const test = tinySplit(testCount);
  const files = { ...splitFilesGz("train", train), ...splitFilesGz("t10k", test) };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return { train, test };
}
