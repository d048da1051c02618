import { test } from "uvu";
import * as assert from "uvu/assert";
import { build, type Metafile } from "esbuild";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

// The package's entries must bundle for a browser as they are: no stubs, no plugins, no externals.
// esbuild's browser platform cannot resolve node: modules, so one creeping back in fails the build.
const repo = resolve(import.meta.dirname, "..", "..");
const ENTRIES = { index: "src/index.ts", d2l: "src/d2l/index.ts", plot: "src/plot/index.ts" };

async function bundle(): Promise<{ files: Map<string, string>; metafile: Metafile }> {
  const result = await build({
    absWorkingDir: repo,
    entryPoints: ENTRIES,
    bundle: true,
    platform: "browser",
    format: "esm",
    outdir: "out",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const files = new Map(result.outputFiles.map((f) => [f.path.slice(f.path.lastIndexOf("/") + 1), f.text]));
  return { files, metafile: result.metafile };
}

const bundled = bundle();

test("the main, d2l and plot entries bundle for the browser, taking the browser platform and no node: module", async () => {
  const { metafile } = await bundled;
  const inputs = Object.keys(metafile.inputs);
  assert.ok(inputs.includes("src/platform/browser/index.ts"), "the browser platform is bundled");
  assert.equal(inputs.filter((p) => p.startsWith("src/platform/node/")), []);
  const imports = Object.values(metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
  assert.equal(imports.filter((p) => p.startsWith("node:")), []);
});

test("the core bundle reads no process global", async () => {
  const { files } = await bundled;
  const core = files.get("index.js")!;
  assert.not.match(core, /\bprocess\./);
});

test("the core bundle runs: a product and its gradient, worked out by hand, on one thread", async () => {
  const { files } = await bundled;
  const dir = mkdtempSync(join(tmpdir(), "tsgrad-bundle-"));
  try {
    const file = join(dir, "index.mjs");
    writeFileSync(file, files.get("index.js")!);
    const tsgrad = (await import(pathToFileURL(file).href)) as typeof import("../../src/index.js");
    const a = tsgrad.tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const loss = a.matmul(tsgrad.tensor([[1], [1]])).sum();
    loss.backward();
    // a·[1, 1]ᵀ = [3, 7], sum 10; d(sum)/da is all ones.
    assert.is(loss.item(), 10);
    assert.equal(a.grad!.toArray(), [[1, 1], [1, 1]]);
    // Not a cross-origin isolated page: the browser platform runs on one thread.
    assert.is(tsgrad.getNumThreads(), 1);
    const bytes = tsgrad.nn.save(new tsgrad.nn.Linear(2, 1));
    assert.ok(bytes instanceof Uint8Array && bytes.length > 8);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
