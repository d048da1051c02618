import { test } from "uvu";
import * as assert from "uvu/assert";
import { rmSync } from "node:fs";
import * as tsgrad from "../../src/index.js";
import { serveWeb } from "../../web/serve.js";
import { runCases } from "./cases.js";
import type { fashionProbe } from "./core-entry.js";
import { CHROMIUM_PATH, hasChromium, launchChromium, type Session } from "./chromium.js";
import { buildCoreSite } from "./site.js";

// The core bundle in Chromium against this Node process: the same seeded cases must give the same
// bits, on one thread (a page that is not cross-origin isolated) and on two (an isolated one, where
// large products are split with a Web Worker over a SharedArrayBuffer). The "js" kernels agree bit for
// bit everywhere; the "wasm" kernels do too where both engines validate the same WebAssembly features,
// but with relaxed SIMD (Chromium, not Node 20) the product's multiply-add is fused and rounds once, so
// there the values are compared within float32 accumulation error instead.

type Results = Record<string, number[]>;
type Probe = { js: Results; wasm: Results; relaxedSimd: boolean; threads: number; split: number; isolated: boolean; errors: string[] };

async function probe(session: Session, url: string): Promise<Probe> {
  const { page, errors } = await session.newPage();
  await page.goto(url);
  await page.waitForFunction(() => "runCases" in globalThis);
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      tsgrad: typeof tsgrad; runCases: (backend: tsgrad.Backend) => Results;
      startGemmHelpers: () => Promise<number>; parallelProductCount: () => number;
    };
    await g.startGemmHelpers(); // so that the first large product is split too
    const before = g.parallelProductCount();
    const js = g.runCases("js");
    const wasm = g.runCases("wasm");
    return { js, wasm, relaxedSimd: g.tsgrad.wasmFeatures().relaxedSimd, threads: g.tsgrad.getNumThreads(), split: g.parallelProductCount() - before, isolated: crossOriginIsolated };
  });
  await page.close();
  return { ...result, errors };
}

if (!hasChromium()) {
  console.log(`browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set TSGRAD_CHROMIUM)`);
} else {
  // Set up inside the tests (not test.before, whose errors uvu does not report as failures).
  let setup: Promise<{ session: Session; site: string; servers: { url: string; close: () => Promise<void> }[]; expected: { js: Results; wasm: Results } }> | undefined;
  const ready = (): NonNullable<typeof setup> =>
    (setup ??= (async () => {
      const site = await buildCoreSite();
      const servers = [await serveWeb({ port: 0, root: site, isolated: true }), await serveWeb({ port: 0, root: site, isolated: false })];
      return { site, servers, session: await launchChromium(), expected: { js: runCases(tsgrad, "js"), wasm: runCases(tsgrad, "wasm") } };
    })());
  test.after(async () => {
    if (setup === undefined) return;
    const { session, servers, site } = await setup;
    await session.close();
    for (const s of servers) await s.close();
    rmSync(site, { recursive: true, force: true });
  });

  const compareBits = (got: Results, expected: Results, label: string): void => {
    assert.equal(Object.keys(got), Object.keys(expected));
    for (const [name, values] of Object.entries(expected)) {
      // JSON carries float32 values (exact as doubles) and NaN as null on both sides alike.
      assert.equal(JSON.stringify(got[name]), JSON.stringify(values), `${label} case ${name} differs from Node`);
    }
  };
  /** |got − expected| ≤ 1e-4·(1 + |expected|): a few float32 roundings over sums of hundreds of terms. */
  const compareClose = (got: Results, expected: Results, label: string): void => {
    assert.equal(Object.keys(got), Object.keys(expected));
    for (const [name, values] of Object.entries(expected)) {
      const worst = values.reduce((w, v, i) => Math.max(w, Math.abs(got[name]![i]! - v) / (1 + Math.abs(v))), 0);
      assert.ok(worst <= 1e-4, `${label} case ${name} is off by ${worst} relative to Node`);
    }
  };
  const compare = (got: Probe, expected: { js: Results; wasm: Results }): void => {
    compareBits(got.js, expected.js, "js");
    if (got.relaxedSimd === tsgrad.wasmFeatures().relaxedSimd) compareBits(got.wasm, expected.wasm, "wasm");
    else compareClose(got.wasm, expected.wasm, "wasm (fused multiply-add)");
  };

  test("cross-origin isolated: two threads, large products split on a Web Worker, every case as in Node (js bitwise), no console error", async () => {
    const { session, servers, expected } = await ready();
    const got = await probe(session, servers[0]!.url);
    assert.is(got.isolated, true);
    assert.is(got.threads, 2);
    assert.ok(got.split >= 2, `expected the large products to be split, ${got.split} were`);
    compare(got, expected);
    assert.equal(got.errors, []);
  });

  test("in a page, FashionMNIST.create fetches the .gz files by page-relative URL with progress and gives Node's tensors", async () => {
    const { session, servers } = await ready();
    const node = new tsgrad.data.FashionMNIST({ train: false });
    const indices = [0, 1, 4999, 9999];
    const [X, y] = node.getBatch(indices);
    const { page, errors } = await session.newPage();
    await page.goto(servers[0]!.url);
    await page.waitForFunction(() => "runCases" in globalThis);
    const got = await page.evaluate((picked) => (globalThis as unknown as { fashionProbe: typeof fashionProbe }).fashionProbe(picked), indices);
    assert.is(got.length, 10000);
    assert.is(got.pixelSum, node.images.reduce((a, v) => a + v, 0));
    assert.equal(got.labels, Array.from(node.labels.subarray(0, 50)));
    assert.equal(got.X, Array.from(X.toFloat32Array()));
    assert.equal(got.y, Array.from(y.toFloat32Array()));
    assert.is(got.files.images, `${servers[0]!.url}data/fashion-mnist/t10k-images-idx3-ubyte.gz`);
    // The last report of each file: all of its bytes, which the server announced.
    assert.ok(got.images !== undefined && got.images.loaded === got.images.total && got.images.loaded > 4_000_000, JSON.stringify(got.images));
    assert.ok(got.labelsProgress !== undefined && got.labelsProgress.loaded === got.labelsProgress.total, JSON.stringify(got.labelsProgress));
    assert.equal(errors, []);
    await page.close();
  });

  test("not isolated: one thread, nothing split, every case as in Node (js bitwise), no console error", async () => {
    const { session, servers, expected } = await ready();
    const got = await probe(session, servers[1]!.url);
    assert.is(got.isolated, false);
    assert.is(got.threads, 1);
    assert.is(got.split, 0);
    compare(got, expected);
    assert.equal(got.errors, []);
  });
}

test.run();
