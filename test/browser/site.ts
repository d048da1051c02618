/** Builds what the browser tests load: the page (web/dist, via web/build.ts) and a bare page around the core bundle. */
import { build } from "esbuild";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "..", "..");

/**
 * A directory holding index.html, core.js (./core-entry.ts: tsgrad's main entry and the shared cases)
 * and gemm-worker.js, all bundled for the browser as a user's bundler would.
 */
export async function buildCoreSite(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "tsgrad-core-site-"));
  await build({
    absWorkingDir: repo,
    entryPoints: { core: "test/browser/core-entry.ts", "gemm-worker": "src/tensor/kernels/gemm-worker.ts" },
    outdir: dir,
    bundle: true,
    platform: "browser",
    format: "esm",
    logLevel: "warning",
  });
  writeFileSync(join(dir, "index.html"), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>core</title><script type="module" src="./core.js"></script>\n');
  return dir;
}
