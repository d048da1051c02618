import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Tensor } from "../../src/tensor/tensor.js";
import { Generator } from "../../src/tensor/random.js";
import { randn } from "../../src/tensor/creation.js";
import { expandView, narrowView, sliceView, transposeView } from "../../src/tensor/views.js";
import { addmmForward, matmulForward } from "../../src/tensor/matmul.js";
import { gemmFor, getBackend } from "../../src/tensor/backend.js";
import { gemmParallel, parallelProductCount, parallelThreshold, startGemmHelpers } from "../../src/tensor/kernels/gemm-parallel.js";
import { getNumThreads, setNumThreads } from "../../src/tensor/threads.js";
import { throwsError } from "../helpers/assert.js";

const repo = resolve(import.meta.dirname, "..", "..");
/** Multiply-adds of the smallest product that is split on the backend this run uses. */
const SPLIT_AT = parallelThreshold();

/** How an operand is laid out: each is a view of a randn tensor, read through its strides. */
type Layout = "contiguous" | "transposed" | "rowSlice" | "stepped" | "expanded";
const LAYOUTS: readonly Layout[] = ["contiguous", "transposed", "rowSlice", "stepped", "expanded"];

/** A rows×cols operand laid out as `layout` (values from `gen`). */
function operand(layout: Layout, rows: number, cols: number, gen: Generator): Tensor {
  const r = (...shape: number[]): Tensor => randn(shape, { generator: gen });
  switch (layout) {
    case "contiguous": return r(rows, cols);
    case "transposed": return transposeView(r(cols, rows), 0, 1);
    case "rowSlice": return narrowView(narrowView(r(rows + 3, cols + 2), 0, 2, rows), 1, 1, cols);
    case "stepped": return sliceView(r(rows, 2 * cols), 1, 0, 2 * cols, 2);
    case "expanded": return expandView(r(1, cols), [rows, cols]);
  }
}

interface Product {
  M: number; N: number; K: number;
  a: Layout; b: Layout;
  accumulate: boolean;
  bias: "none" | "contiguous" | "strided";
  cOffset: number; cPad: number;
  seed: number;
}

/**
 * Runs one product through the current backend's single-threaded gemm (`gemmFor()`; the suite runs once
 * per backend, see package.json) and through `gemmParallel` on identical copies of C (offset and row
 * padding included) and asserts the two storages are bitwise equal; returns how many products were split.
 */
function checkBitwise(p: Product): number {
  const gen = new Generator(p.seed);
  const a = operand(p.a, p.M, p.K, gen);
  const b = operand(p.b, p.K, p.N, gen);
  const bias = p.bias === "none" ? undefined : randn([2 * p.N], { generator: gen }).storage as Float32Array;
  const biasStride = p.bias === "strided" ? 2 : 1;
  const ldc = p.N + p.cPad;
  const single = randn([p.cOffset + p.M * ldc], { generator: gen }).storage as Float32Array;
  const parallel = Float32Array.from(single);
  const before = parallelProductCount();
  for (const [kernel, c] of [[gemmFor(), single], [gemmParallel, parallel]] as const) {
    kernel(
      p.M, p.N, p.K,
      a.storage as Float32Array, a.offset, a.strides[0]!, a.strides[1]!,
      b.storage as Float32Array, b.offset, b.strides[0]!, b.strides[1]!,
      c, p.cOffset, ldc, p.accumulate, bias, 0, biasStride,
    );
  }
  const x = new Uint32Array(single.buffer);
  const y = new Uint32Array(parallel.buffer);
  const i = x.findIndex((bits, k) => bits !== y[k]);
  assert.is(i, -1, `gemmParallel differs from gemm (${getBackend()}) at storage index ${i} (${single[i]} vs ${parallel[i]}) for ${JSON.stringify(p)}`);
  return parallelProductCount() - before;
}

const product = (M: number, K: number, N: number, more: Partial<Product> = {}): Product => ({
  M, N, K, a: "contiguous", b: "contiguous", accumulate: false, bias: "none", cOffset: 0, cPad: 0, seed: 1, ...more,
});

/** `p` with K raised, if need be, to `parts` halves of the split threshold: big enough to cut in `parts` on this backend. */
const splittable = (p: Product, parts = 2): Product => ({ ...p, K: Math.max(p.K, Math.ceil((parts * SPLIT_AT) / 2 / (p.M * p.N))) });

// The suite shares one process with the other test files: leave the thread count as it was found.
const threadsBefore = getNumThreads();

test.before(async () => {
  setNumThreads(2);
  assert.is(await startGemmHelpers(), 1, "the helper worker did not start");
});

test.after(() => setNumThreads(threadsBefore));

test("the d2l products' layouts are split and equal single-threaded gemm bit for bit", () => {
  // The three products of a softmax-regression step, K raised where this backend would not split them.
  const cases = [
    product(256, 784, 10, { bias: "contiguous" }), // X·W + b (rows)
    product(784, 256, 10, { a: "transposed" }), // Xᵀ·G (rows, A read transposed)
    product(256, 10, 784, { b: "transposed" }), // G·Wᵀ (columns)
  ].map((p) => splittable(p));
  for (const p of cases) assert.is(checkBitwise(p), 1, `not split: ${JSON.stringify(p)}`);
});

test("edge rows and columns: every remainder of M mod 4 and N mod the panel width, both cuts", () => {
  for (const M of [257, 258, 259, 260]) assert.is(checkBitwise(splittable(product(M, 300, 13, { accumulate: true, seed: M }))), 1);
  // Cut by columns; 26 columns would leave the last part other edge columns than the whole, so it is cut by rows.
  for (const N of [261, 262, 263, 264, 265, 26]) assert.is(checkBitwise(splittable(product(20, 1100, N, { bias: "strided", seed: N }))), 1);
});

test("random large shapes, strided and expanded operands, accumulate and bias: bitwise equal to gemm", () => {
  const side = fc.integer({ min: 8, max: 160 });
  const arb = fc.record({
    M: side, N: side, K: fc.integer({ min: 0, max: 64 }),
    a: fc.constantFrom(...LAYOUTS), b: fc.constantFrom(...LAYOUTS),
    accumulate: fc.boolean(),
    bias: fc.constantFrom("none" as const, "contiguous" as const, "strided" as const),
    cOffset: fc.integer({ min: 0, max: 5 }), cPad: fc.integer({ min: 0, max: 3 }),
    seed: fc.integer({ min: 1, max: 1 << 30 }),
  });
  // K is topped up so that every product is big enough to split.
  const large = arb.map((p) => ({ ...p, K: p.K + Math.ceil(SPLIT_AT / (p.M * p.N)) }));
  fc.assert(fc.property(large, (p) => assert.is(checkBitwise(p), 1)), { numRuns: 25 });
});

test("three threads cut a product in three and still match gemm bit for bit", async () => {
  setNumThreads(3);
  assert.is(await startGemmHelpers(), 2);
  assert.is(checkBitwise(splittable(product(300, 700, 12, { a: "transposed", bias: "contiguous" }), 3)), 1);
  assert.is(checkBitwise(splittable(product(12, 700, 300, { b: "stepped", accumulate: true }), 3)), 1);
  setNumThreads(2);
});

test("matmul and addmm on tensors go parallel and match one thread", () => {
  const gen = new Generator(3);
  // The MLP's hidden layer (256×784·784×256, 49 Mi multiply-adds): split on either backend.
  const x = randn([256, 784], { generator: gen });
  const w = randn([784, 256], { generator: gen });
  const bias = randn([256], { generator: gen });
  const run = (threads: number): Float32Array[] => {
    setNumThreads(threads);
    return [addmmForward(bias, x, w).storage as Float32Array, matmulForward(transposeView(x, 0, 1), randn([256, 256], { generator: new Generator(4) })).storage as Float32Array];
  };
  const before = parallelProductCount();
  const two = run(2);
  assert.is(parallelProductCount() - before, 2);
  const one = run(1);
  assert.is(parallelProductCount() - before, 2, "setNumThreads(1) still split a product");
  two.forEach((t, i) => assert.equal(new Uint32Array(t.buffer), new Uint32Array(one[i]!.buffer)));
  setNumThreads(2);
});

test("the d2l 3.7 products (256×784×10) split on the js backend and stay on one thread on wasm", () => {
  const gen = new Generator(5);
  const before = parallelProductCount();
  addmmForward(randn([10], { generator: gen }), randn([256, 784], { generator: gen }), randn([784, 10], { generator: gen }));
  assert.is(parallelProductCount() - before, getBackend() === "js" ? 1 : 0);
});

test("small and matrix-vector products stay on one thread", () => {
  const before = parallelProductCount();
  checkBitwise(product(64, 64, 64)); // 262,144 multiply-adds
  checkBitwise(product(1, 600_000, 1));
  checkBitwise(product(1, 1000, 1000));
  assert.is(parallelProductCount(), before);
});

test("setNumThreads / getNumThreads, and their errors", () => {
  setNumThreads(1);
  assert.is(getNumThreads(), 1);
  setNumThreads(4);
  assert.is(getNumThreads(), 4);
  for (const bad of [0, 1.5, -1, NaN, Infinity]) throwsError(() => setNumThreads(bad), `setNumThreads: expected a positive integer number of threads, got ${bad}`);
  assert.is(getNumThreads(), 4);
});

/** Runs `script` (an ES module) in a fresh process with `args` before it; returns stdout. Throws if it runs past 60 s. */
function runScript(args: string[], script: string, env: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "tsgrad-threads-"));
  try {
    const file = join(dir, "main.mjs");
    writeFileSync(file, script);
    // The js backend, whose threshold the child's 128³ product (2 Mi multiply-adds) is above.
    return execFileSync(process.execPath, [...args, file], { cwd: repo, encoding: "utf8", timeout: 60_000, env: { ...process.env, TSGRAD_BACKEND: "js", ...env } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childScript = (): string => {
  const at = (path: string): string => JSON.stringify(pathToFileURL(join(repo, path)).href);
  return [
    `const { gemmParallel, parallelProductCount, startGemmHelpers } = await import(${at("src/tensor/kernels/gemm-parallel.ts")});`,
    `const { getNumThreads } = await import(${at("src/tensor/threads.ts")});`,
    "const helpers = await startGemmHelpers();",
    "const n = 128, a = new Float32Array(n * n).fill(1), c = new Float32Array(n * n);",
    "gemmParallel(n, n, n, a, 0, n, 1, a, 0, n, 1, c, 0, n, false);",
    "console.log(JSON.stringify({ threads: getNumThreads(), helpers, split: parallelProductCount(), c0: c[0] }));",
    "",
  ].join("\n");
};

test("a process with helpers exits by itself (node --import tsx, and the tsx CLI); $TSGRAD_NUM_THREADS", () => {
  const viaImport = JSON.parse(runScript(["--import", "tsx"], childScript(), { TSGRAD_NUM_THREADS: "3" })) as Record<string, number>;
  assert.equal(viaImport, { threads: 3, helpers: 2, split: 1, c0: 128 });
  const cli = join(repo, "node_modules", "tsx", "dist", "cli.mjs");
  const viaCli = JSON.parse(runScript([cli], childScript(), { TSGRAD_NUM_THREADS: "2" })) as Record<string, number>;
  assert.equal(viaCli, { threads: 2, helpers: 1, split: 1, c0: 128 });
  const single = JSON.parse(runScript(["--import", "tsx"], childScript(), { TSGRAD_NUM_THREADS: "1" })) as Record<string, number>;
  assert.equal(single, { threads: 1, helpers: 0, split: 0, c0: 128 });
});

test.run();
