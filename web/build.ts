/**
 * Builds the page into web/dist/: the page script, the chapter worker and the matmul helper worker
 * (three ES-module bundles for the browser, minified, with source maps), and the HTML and CSS.
 * Run: `npm run build:web`.
 */
import { build, type Metafile } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = join(here, "dist");

/** The bundles, by output name. gemm-worker is tsgrad's own helper thread, built from its source. */
const ENTRIES = {
  main: join(here, "src", "main.ts"),
  "chapter-worker": join(here, "src", "chapter-worker.ts"),
  "gemm-worker": resolve(here, "..", "src", "tensor", "kernels", "gemm-worker.ts"),
};
const STATIC_FILES = ["index.html", "style.css"];

/**
 * Builds the site into `outdir` (default web/dist, emptied first) and returns esbuild's metafile.
 * @example await buildWeb() // then `npm run web`
 */
export async function buildWeb(outdir: string = WEB_DIST): Promise<Metafile> {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: ENTRIES,
    outdir,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    keepNames: true, // Module printing shows class names (Sequential, Linear)
    sourcemap: true,
    metafile: true,
    logLevel: "warning",
  });
  for (const file of STATIC_FILES) copyFileSync(join(here, file), join(outdir, file));
  return result.metafile;
}

async function main(): Promise<void> {
  const metafile = await buildWeb();
  for (const [file, { bytes }] of Object.entries(metafile.outputs)) {
    if (!file.endsWith(".map")) console.log(`${file.padEnd(40)} ${(bytes / 1024).toFixed(1)} KB`);
  }
}

// Not `await` at top level: the tests load this module through tsx's CommonJS transform.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
