import { createHash } from "node:crypto";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DataLoader } from "../../src/data/data-loader.js";
import { clearFashionMnistCache, FashionMNIST } from "../../src/data/fashion-mnist.js";
import { fashionMnistSearchDirs, FASHION_MNIST_SYSTEM_DIR, notFoundError } from "../../src/data/fashion-mnist-files.js";
import { FASHION_MNIST_LABELS } from "../../src/data/fashion-mnist-labels.js";
import { resizeBilinear } from "../../src/data/resize.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { assertIncludesAll, rejectionMessage, thrownMessage } from "./errors.js";
import { idxBytes, splitFilesGz, tempDir, tinySplit, writeFashionDir } from "./fixtures.js";
import { serveFiles } from "./server.js";
import { throwsError } from "../helpers/assert.js";

/** Runs `fn` with `$FASHION_MNIST_DIR` and the working directory set as given, restoring both after. */
function withEnvAndCwd<T>(envDir: string | undefined, cwd: string, fn: () => T): T {
  const savedEnv = process.env["FASHION_MNIST_DIR"];
  const savedCwd = process.cwd();
  if (envDir === undefined) delete process.env["FASHION_MNIST_DIR"];
  else process.env["FASHION_MNIST_DIR"] = envDir;
  process.chdir(cwd);
  try {
    return fn();
  } finally {
    process.chdir(savedCwd);
    if (savedEnv === undefined) delete process.env["FASHION_MNIST_DIR"];
    else process.env["FASHION_MNIST_DIR"] = savedEnv;
  }
}

test("search order: an explicit root alone (authoritative, as in torchvision), else $FASHION_MNIST_DIR, then ./data/fashion-mnist", () => {
  const rootDir = tempDir();
  const envDir = tempDir();
  const cwd = tempDir();
  writeFashionDir(rootDir, 3);
  writeFashionDir(envDir, 4);
  writeFashionDir(join(cwd, "data", "fashion-mnist"), 5);
  const empty = tempDir();
  withEnvAndCwd(envDir, cwd, () => {
    assert.is(new FashionMNIST({ root: rootDir }).length, 3);
    assert.is(new FashionMNIST().length, 4);
    // torchvision's FashionMNIST(root) raises when root lacks the files; it never looks elsewhere.
    const message = throwsError(() => new FashionMNIST({ root: empty }), "FashionMNIST: cannot find the training files", `${empty} (root option)`);
    assert.not.ok(message.includes(envDir), "an explicit root without the files does not fall through to $FASHION_MNIST_DIR");
  });
  withEnvAndCwd(undefined, cwd, () => {
    const ds = new FashionMNIST();
    assert.is(ds.length, 5);
    assert.is(ds.files.images, join(cwd, "data", "fashion-mnist", "train-images-idx3-ubyte.gz"));
    assert.is(new FashionMNIST({ train: false }).length, 2);
  });
});

test("the default search list, in order, and the not-found error listing every path and both remedies", () => {
  const root = tempDir();
  const envDir = tempDir();
  const cwd = tempDir();
  assert.equal(withEnvAndCwd(envDir, cwd, () => fashionMnistSearchDirs(root)).map((d) => d.dir), [root], "an explicit root is the whole list");
  const dirs = withEnvAndCwd(envDir, cwd, () => fashionMnistSearchDirs());
  assert.equal(dirs.map((d) => d.dir), [envDir, join(cwd, "data", "fashion-mnist"), FASHION_MNIST_SYSTEM_DIR]);
  const message = notFoundError(dirs, true, join(cwd, "data", "fashion-mnist")).message;
  assertIncludesAll(message, [
    "FashionMNIST: cannot find the training files train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz",
    `${envDir} ($FASHION_MNIST_DIR): missing train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz`,
    `${join(cwd, "data", "fashion-mnist")} (working directory)`,
    `${FASHION_MNIST_SYSTEM_DIR} (Debian package dataset-fashion-mnist)`,
    "apt-get install dataset-fashion-mnist",
    "await FashionMNIST.create({ download: true })",
  ]);
  const unset = withEnvAndCwd(undefined, cwd, () => fashionMnistSearchDirs());
  assert.equal(unset.map((d) => d.origin)[0], "$FASHION_MNIST_DIR, not set");
});

test("constructor: nothing found is an Error listing the paths tried (a half-filled dir says what is missing)", () => {
  const root = tempDir();
  const other = tempDir();
  writeFileSync(join(other, "t10k-images-idx3-ubyte.gz"), gzipSync(idxBytes(2051, [1, 1, 1], new Uint8Array(1))));
  const message = thrownMessage(() => new FashionMNIST({ train: false, searchDirs: [root, other] }));
  assertIncludesAll(message, [
    "cannot find the test files t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz",
    `${root} (searchDirs option): missing t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz`,
    `${other} (searchDirs option): missing t10k-labels-idx1-ubyte.gz`,
    "apt-get install dataset-fashion-mnist",
    "{ download: true }",
  ]);
});

test("every byte value 0…255 scales to the float32 that PyTorch's float32 division v / 255 gives", () => {
  const root = tempDir();
  // 256 one-pixel images holding each byte value once. The float32 quotient of two float32 numbers is
  // fround of their float64 quotient (53 ≥ 2·24 + 2 bits, so the double rounding is exact).
  const split = { count: 256, rows: 1, cols: 1, pixels: Uint8Array.from({ length: 256 }, (_, v) => v), labels: new Uint8Array(256) };
  for (const [name, bytes] of Object.entries({ ...splitFilesGz("train", split), ...splitFilesGz("t10k", split) })) writeFileSync(join(root, name), bytes);
  const [X] = new FashionMNIST({ root, searchDirs: [] }).getBatch(Array.from({ length: 256 }, (_, v) => v));
  const got = X.toFloat32Array();
  for (let v = 0; v < 256; v++) assert.is(got[v], Math.fround(Math.fround(v) / Math.fround(255)), `byte ${v}`);
});

test("getBatch scales bytes to float32 in [0, 1] like ToTensor; labels are int32 class indices; get(i) drops the batch dim", () => {
  const root = tempDir();
  const { train } = writeFashionDir(root, 12);
  const ds = new FashionMNIST({ root, searchDirs: [] });
  assert.is(ds.length, 12);
  const indices = [11, 0, 5, 5];
  const [X, y] = ds.getBatch(indices);
  assert.equal(X.shape, [4, 1, 3, 2]);
  assert.equal(y.shape, [4]);
  const expected = indices.flatMap((n) => Array.from(train.pixels.subarray(n * 6, n * 6 + 6), (p) => Math.fround(p / 255)));
  assert.equal(Array.from(X.toFloat32Array()), expected);
  assert.equal(Array.from(y.toFloat32Array()), [1, 0, 5, 5]);
  assert.is(X.dtype, "float32");
  assert.is(y.dtype, "int32");
  // The whole split as torchvision keeps it: uint8 pixels [N, H, W] and int32 (PyTorch: int64) targets [N].
  assert.is(ds.data.dtype, "uint8");
  assert.equal(ds.data.shape, [12, 3, 2]);
  assert.equal(Array.from(ds.data.toTypedArray().subarray(0, 6)), Array.from(train.pixels.subarray(0, 6)));
  assert.is(ds.targets.dtype, "int32");
  assert.equal(ds.targets.shape, [12]);
  const [x5, y5] = ds.get(5);
  assert.equal(x5.shape, [1, 3, 2]);
  assert.equal(y5.shape, []);
  assert.is(y5.item(), 5);
  assert.throws(() => ds.get(12), /FashionMNIST\.get: index 12 is out of range for a dataset of length 12/);
  assert.throws(() => ds.getBatch([0, -1]), /FashionMNIST\.getBatch: index -1 is out of range/);
  const batches = [...new DataLoader(ds, { batchSize: 5 })];
  assert.equal(batches.map(([Xb]) => Xb.shape[0]), [5, 5, 2]);
});

test("resize: output [batch, 1, n, n] equal to bilinear resizing of the unresized batch", () => {
  const root = tempDir();
  writeFashionDir(root, 4);
  const [X] = new FashionMNIST({ root, searchDirs: [] }).getBatch([0, 3]);
  const [Xr] = new FashionMNIST({ root, searchDirs: [], resize: 5 }).getBatch([0, 3]);
  assert.equal(Xr.shape, [2, 1, 5, 5]);
  assert.equal(Xr.toFloat32Array(), resizeBilinear(X, 5).toFloat32Array());
  const [Xhw] = new FashionMNIST({ root, searchDirs: [], resize: [6, 4] }).getBatch([1]);
  assert.equal(Xhw.shape, [1, 1, 6, 4]);
});

test("parsed files are cached per path: a second dataset shares the bytes", () => {
  const root = tempDir();
  writeFashionDir(root, 3);
  const a = new FashionMNIST({ root, searchDirs: [] });
  const b = new FashionMNIST({ root, searchDirs: [] });
  assert.ok(a.data.storage === b.data.storage);
  clearFashionMnistCache();
  assert.ok(new FashionMNIST({ root, searchDirs: [] }).data.storage !== a.data.storage);
});

test("inconsistent files: count mismatch and out-of-range labels name the files", () => {
  const root = tempDir();
  writeFashionDir(root, 3);
  writeFileSync(join(root, "train-labels-idx1-ubyte.gz"), gzipSync(idxBytes(2049, [2], Uint8Array.of(1, 2))));
  assertIncludesAll(thrownMessage(() => new FashionMNIST({ root, searchDirs: [] })), ["train-images-idx3-ubyte.gz holds 3 images but", "train-labels-idx1-ubyte.gz holds 2 labels"]);
  const other = tempDir();
  writeFashionDir(other, 3);
  writeFileSync(join(other, "train-labels-idx1-ubyte.gz"), gzipSync(idxBytes(2049, [3], Uint8Array.of(1, 12, 2))));
  assertIncludesAll(thrownMessage(() => new FashionMNIST({ root: other, searchDirs: [] })), ["has label 12 at index 1", "expected a class index in [0, 9]"]);
});

test("create({ download: true }) fetches the four files from the mirror with md5 checks, once", async () => {
  const files = { ...splitFilesGz("train", tinySplit(6)), ...splitFilesGz("t10k", tinySplit(3)) };
  const checksums = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, createHash("md5").update(bytes).digest("hex")]));
  const server = await serveFiles(files);
  try {
    const root = join(tempDir(), "fm");
    const mirror = `${server.base}files/`;
    const train = await FashionMNIST.create({ root, searchDirs: [], download: true, mirror, checksums, progress: false });
    assert.is(train.length, 6);
    assert.equal(readdirSync(root).sort(), Object.keys(files).sort());
    const test = await FashionMNIST.create({ root, train: false, searchDirs: [], download: true, mirror, checksums, progress: false });
    assert.is(test.length, 3);
    assert.is(server.hits.length, 4, "files already present are not downloaded again");
  } finally {
    await server.close();
  }
});

test("create({ download: true }) failing (bad md5, 404) lists the paths tried and the cause; nothing is left", async () => {
  const files = { ...splitFilesGz("train", tinySplit(6)), ...splitFilesGz("t10k", tinySplit(3)) };
  const server = await serveFiles(files);
  try {
    const root = join(tempDir(), "fm");
    const bad = { "train-images-idx3-ubyte.gz": "f".repeat(32) };
    let message = await rejectionMessage(FashionMNIST.create({ root, searchDirs: [], download: true, mirror: `${server.base}files/`, checksums: bad, progress: false }));
    assertIncludesAll(message, [`${root} (root option)`, `Download into ${root} failed`, "md5 mismatch", "apt-get install dataset-fashion-mnist"]);
    assert.is(existsSync(join(root, "train-images-idx3-ubyte.gz")), false);
    assert.equal(readdirSync(root), []);
    message = await rejectionMessage(FashionMNIST.create({ root, searchDirs: [], download: true, mirror: `${server.base}nowhere/`, progress: false }));
    assertIncludesAll(message, ["HTTP 404", `${server.base}nowhere/train-images-idx3-ubyte.gz`]);
    assertIncludesAll(await rejectionMessage(FashionMNIST.create({ root, searchDirs: [] })), ["cannot find the training files"]); // download is off by default
  } finally {
    await server.close();
  }
});

const REAL = FASHION_MNIST_SYSTEM_DIR;
if (!existsSync(join(REAL, "train-images-idx3-ubyte.gz"))) {
  console.log(`\n*** SKIPPING the real Fashion-MNIST tests: ${REAL} is absent (apt-get install dataset-fashion-mnist) ***\n`);
} else {
  test("real Fashion-MNIST: sizes, shapes, 6,000 / 1,000 per class, pixels in [0, 1]", () => {
    const train = new FashionMNIST({ root: REAL });
    const testSet = new FashionMNIST({ root: REAL, train: false });
    assert.is(train.length, 60_000);
    assert.is(testSet.length, 10_000);
    for (const [ds, perClass] of [[train, 6000], [testSet, 1000]] as const) {
      const counts = new Array<number>(10).fill(0);
      for (const label of ds.targets.toTypedArray()) counts[label]! += 1;
      assert.equal(counts, new Array<number>(10).fill(perClass));
    }
    const [x0, y0] = train.get(0);
    assert.equal(x0.shape, [1, 28, 28]);
    assert.equal(y0.shape, []);
    assert.is(FASHION_MNIST_LABELS[y0.item()], "ankle boot", "the first training image is an ankle boot");
    let lo = Infinity;
    let hi = -Infinity;
    let seen = 0;
    for (const [X, y] of new DataLoader(testSet, { batchSize: 256 })) {
      assert.equal(X.shape.slice(1), [1, 28, 28]);
      assert.is(y.shape[0], X.shape[0]);
      for (const v of X.storage) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      seen += X.shape[0]!;
    }
    assert.is(seen, 10_000);
    assert.is(lo, 0);
    assert.is(hi, 1);
    const [Xr, yr] = new FashionMNIST({ root: REAL, train: false, resize: 64 }).getBatch(Int32Array.from({ length: 32 }, (_, i) => i));
    assert.equal(Xr.shape, [32, 1, 64, 64]);
    assert.equal(yr.shape, [32]);
  });
}

test.run();
