/**
 * tsgrad in Chromium against tsgrad in Node, in the same run: d2l 3.7's training epoch (the chapter
 * module itself, run by the page's worker and by this process), the size of the core bundle
 * (`src/index.ts` for the browser, minified, gzipped) and of the page's bundles, and how long the page
 * takes from navigation to its first figure.
 *
 *   npm run bench -- browser                       # 3 rounds of 3 epochs each side
 *   npm run bench -- browser --rounds 5 --epochs 4 --screenshot docs/web-page.png
 *
 * An epoch is the time between two redraws of the Animator's chart: the training pass and the test
 * evaluation, as the chapter's own epoch line counts it. The first epoch of a run is left out (its
 * start includes loading the data). The two sides take turns, one run each per round, so that a
 * change in the machine's load falls on both; the medians over all rounds are compared.
 */
import { build } from "esbuild";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { chapter as softmaxConcise } from "../chapters/3.7-softmax-regression-concise.js";
import { getNumThreads, getBackend, wasmFeatures } from "../src/index.js";
import { runChapter, type ChapterHost } from "../src/d2l/host.js";
import { hasChromium, launchChromium, CHROMIUM_PATH } from "../test/browser/chromium.js";
import { buildWeb } from "../web/build.js";
import { serveWeb } from "../web/serve.js";
import { median, report } from "./harness.js";

const REPO = resolve(import.meta.dirname, "..");
const TARGET_RATIO = 1.3;
const TARGET_CORE_GZIP_KB = 40;
const FIGURE = "3.7-train.svg";

interface Options {
  epochs: number;
  rounds: number;
  screenshot: string | undefined;
}

function parseOptions(args: readonly string[]): Options {
  const options: Options = { epochs: 3, rounds: 3, screenshot: undefined };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split("=", 2) as [string, string | undefined];
    const value = inline ?? args[++i];
    if (flag === "--epochs" && Number.isInteger(Number(value)) && Number(value) >= 2) options.epochs = Number(value);
    else if (flag === "--rounds" && Number.isInteger(Number(value)) && Number(value) >= 1) options.rounds = Number(value);
    else if (flag === "--screenshot" && value !== undefined) options.screenshot = resolve(value);
    else throw new Error(`browser: unknown or invalid argument ${args[i]} (--epochs N ≥ 2, --rounds N ≥ 1, --screenshot PATH)`);
  }
  return options;
}

/** Epoch lengths (s) from the times (ms) the chart was shown: the gaps after the first. */
const epochsFrom = (times: readonly number[]): number[] => times.slice(1).map((t, i) => (t - times[i]!) / 1000);

/** 3.7 in this process, through a host that keeps the output and the chart's redraw times. */
async function nodeEpochs(epochs: number): Promise<{ epochs: number[]; output: string[] }> {
  const times: number[] = [];
  const output: string[] = [];
  const host: ChapterHost = {
    args: { ...softmaxConcise.defaults, epochs, seed: 0, out: "", lr: softmaxConcise.defaults.lr ?? 0.1, batchSize: softmaxConcise.defaults.batchSize ?? 256 },
    print: (text) => output.push(text),
    figure: (name) => {
      if (name === FIGURE) times.push(performance.now());
    },
  };
  await runChapter(softmaxConcise, host);
  return { epochs: epochsFrom(times), output };
}

/** Minified and gzipped sizes (bytes) of the main entry bundled for the browser. */
async function coreBundleSize(): Promise<{ minified: number; gzipped: number }> {
  const result = await build({ absWorkingDir: REPO, entryPoints: ["src/index.ts"], bundle: true, platform: "browser", format: "esm", minify: true, write: false, logLevel: "silent" });
  const bytes = result.outputFiles[0]!.contents;
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

interface BrowserRun {
  epochs: number[];
  nodeEpochs: number[];
  firstFigureMs: number;
  helloMs: number;
  threads: number;
  relaxedSimd: boolean;
  testAcc: number;
  nodeTestAcc: number;
}

const finalTestAcc = (output: string): number => Number(/test acc ([\d.]+), [\d.]+ s\/epoch/.exec(output)?.[1] ?? NaN);

/** Opens the page, times its load to 3.1's figure, then alternates 3.7 runs on the page and in Node. */
async function browserRun(options: Options): Promise<{ run: BrowserRun; pageBundles: { file: string; minified: number; gzipped: number }[] }> {
  const site = mkdtempSync(join(tmpdir(), "tsgrad-bench-web-"));
  const session = await launchChromium();
  try {
    await buildWeb(site);
    const pageBundles = ["main.js", "chapter-worker.js", "gemm-worker.js"].map((file) => {
      const bytes = readFileSync(join(site, file));
      return { file, minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
    });
    const server = await serveWeb({ port: 0, root: site });
    try {
      const { page } = await session.newPage();
      // Page load to first figure: navigate, run the first section (3.1) as soon as it is shown.
      await page.goto(server.url);
      await page.click('section[data-section="3.1"] button.run');
      await page.waitForSelector('section[data-section="3.1"][data-state="done"]', { timeout: 120_000 });
      const sel = 'section[data-section="3.7"]';
      type Metrics = { figureTimes: Record<string, number[]>; firstFigureMs: number; helloMs: number; threads: number; relaxedSimd: boolean; runs: unknown[] };
      const metrics = (): Promise<Metrics> => page.evaluate(() => (globalThis as unknown as { tsgradPage: Metrics }).tsgradPage);
      const epochs: number[] = [];
      const nodeRuns: number[] = [];
      let output = "";
      let nodeOutput: string[] = [];
      for (let round = 0; round < options.rounds; round++) {
        const shown = (await metrics()).figureTimes[FIGURE]?.length ?? 0;
        await page.fill(`${sel} input[name=epochs]`, String(options.epochs));
        await page.click(`${sel} button.run`);
        await page.waitForFunction((n) => (globalThis as unknown as { tsgradPage: { runs: unknown[] } }).tsgradPage.runs.length === n, round + 2, { timeout: 600_000 });
        if ((await page.getAttribute(sel, "data-state")) !== "done") throw new Error(`browser: the page's 3.7 run ended ${await page.getAttribute(sel, "data-state")}`);
        output = (await page.textContent(`${sel} .output`)) ?? "";
        epochs.push(...epochsFrom(((await metrics()).figureTimes[FIGURE] ?? []).slice(shown)));
        const node = await nodeEpochs(options.epochs);
        nodeRuns.push(...node.epochs);
        nodeOutput = node.output;
      }
      const m = await metrics();
      if (options.screenshot !== undefined) await page.locator(sel).screenshot({ path: options.screenshot });
      return {
        pageBundles,
        run: {
          epochs, nodeEpochs: nodeRuns, firstFigureMs: m.firstFigureMs, helloMs: m.helloMs, threads: m.threads, relaxedSimd: m.relaxedSimd,
          testAcc: finalTestAcc(output), nodeTestAcc: finalTestAcc(nodeOutput.join("\n")),
        },
      };
    } finally {
      await server.close();
    }
  } finally {
    await session.close();
    rmSync(site, { recursive: true, force: true });
  }
}

const kb = (bytes: number): number => bytes / 1024;
const verdict = (met: boolean): string => (met ? "met" : "MISSED");

export async function run(args: readonly string[] = []): Promise<void> {
  if (!hasChromium()) {
    console.log(`browser benchmark skipped: no Chromium at ${CHROMIUM_PATH}`);
    return;
  }
  const options = parseOptions(args);
  const loadBefore = loadavg().map((l) => l.toFixed(2)).join(", ");
  const core = await coreBundleSize();
  const { run: browser, pageBundles } = await browserRun(options);
  const loadAfter = loadavg().map((l) => l.toFixed(2)).join(", ");
  const browserEpoch = median(browser.epochs);
  const nodeEpoch = median(browser.nodeEpochs);
  const ratio = browserEpoch / nodeEpoch;
  report({
    name: "browser",
    title: `tsgrad in Chromium and in Node: d2l 3.7, ${options.rounds} rounds of ${options.epochs} epochs on each side, batch 256, lr 0.1`,
    columns: ["", "Chromium (page worker)", "Node (this process)", "Chromium / Node"],
    rows: [
      ["3.7 epoch, s (median)", browserEpoch, nodeEpoch, ratio],
      ["min / max epoch, s", `${Math.min(...browser.epochs).toFixed(3)} / ${Math.max(...browser.epochs).toFixed(3)}`, `${Math.min(...browser.nodeEpochs).toFixed(3)} / ${Math.max(...browser.nodeEpochs).toFixed(3)}`, null],
      ["final test accuracy (last run)", browser.testAcc, browser.nodeTestAcc, null],
      ["matmul threads", String(browser.threads), String(getNumThreads()), null],
      ["wasm gemm", browser.relaxedSimd ? "relaxed SIMD FMA" : "SIMD mul+add", `${getBackend()}, ${wasmFeatures().relaxedSimd ? "relaxed SIMD FMA" : "SIMD mul+add"}`, null],
      ["page: navigation → sections shown, ms", browser.helloMs, null, null],
      ["page: navigation → first figure (3.1), ms", browser.firstFigureMs, null, null],
      ["core bundle (src/index.ts), min KB / gzip KB", `${kb(core.minified).toFixed(1)} / ${kb(core.gzipped).toFixed(1)}`, null, null],
      ...pageBundles.map((b): (string | number | null)[] => [`page ${b.file}, min KB / gzip KB`, `${kb(b.minified).toFixed(1)} / ${kb(b.gzipped).toFixed(1)}`, null, null]),
    ],
    digits: 3,
    notes: [
      `Targets: Chromium epoch within ${TARGET_RATIO}× of Node — ${verdict(ratio <= TARGET_RATIO)} (${ratio.toFixed(2)}×); ` +
        `core bundle ≤ ${TARGET_CORE_GZIP_KB} KB min+gzip — ${verdict(kb(core.gzipped) <= TARGET_CORE_GZIP_KB)} (${kb(core.gzipped).toFixed(1)} KB).`,
      "Epoch = time between two redraws of the Animator's chart (training pass + test evaluation), the same chapter module on both sides; " +
        "the page is served cross-origin isolated by web/serve.ts, so its worker has a second matmul thread as Node does.",
      `Chromium ${CHROMIUM_PATH} headless; the first figure is 3.1's, pressed Run as soon as the sections were shown. KB = 1024 bytes, gzip level 9.`,
      `Load average (1, 5, 15 min): ${loadBefore} before, ${loadAfter} after; the two sides took turns, one ${options.epochs}-epoch run each per round, epochs 2… of every run timed.`,
    ],
    details: { options, core, pageBundles, browser, loadBefore, loadAfter },
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run(process.argv.slice(2));
}
