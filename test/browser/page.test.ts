import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildWeb } from "../../web/build.js";
import { serveWeb } from "../../web/serve.js";
import { CHROMIUM_PATH, hasChromium, launchChromium, type Page, type Session } from "./chromium.js";
import { fashionMnistSearchDirs, findSplitFiles } from "../../src/data/fashion-mnist-files.js";

// The chapter page built by `npm run build:web`, served as `npm run web` serves it, in Chromium:
// 3.7 trains on the real Fashion-MNIST (served from this machine), the chart gets its three lines,
// the page stays responsive, Stop stops, and threads follow cross-origin isolation.

const SECTION = (s: string): string => `section[data-section="${s}"]`;
const TRAIN_TIMEOUT_MS = 240_000;

/** Fills the section's controls, presses Run, and waits until the run has ended; returns its state. */
async function runSection(page: Page, section: string, args: Record<string, number>): Promise<string> {
  for (const [name, value] of Object.entries(args)) await page.fill(`${SECTION(section)} input[name=${name}]`, String(value));
  await page.click(`${SECTION(section)} button.run`);
  await page.waitForSelector(`${SECTION(section)}[data-state="running"]`);
  const ended = `${SECTION(section)}:is([data-state="done"], [data-state="stopped"], [data-state="error"])`;
  await page.waitForSelector(ended, { timeout: TRAIN_TIMEOUT_MS });
  return (await page.getAttribute(SECTION(section), "data-state"))!;
}

/** Records the longest gap between 50 ms ticks of the page's own timer (a frozen page would show the whole epoch). */
async function watchMainThread(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = globalThis as unknown as { maxGap: number };
    w.maxGap = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.maxGap = Math.max(w.maxGap, now - last);
      last = now;
    }, 50);
  });
  return () => page.evaluate(() => (globalThis as unknown as { maxGap: number }).maxGap);
}

const dataFound = findSplitFiles(fashionMnistSearchDirs(), true) !== undefined && findSplitFiles(fashionMnistSearchDirs(), false) !== undefined;

if (!hasChromium()) {
  console.log(`browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set TSGRAD_CHROMIUM)`);
} else if (!dataFound) {
  console.log("page tests SKIPPED: Fashion-MNIST not found on the search path (apt-get install dataset-fashion-mnist, or set FASHION_MNIST_DIR)");
} else {
  type Setup = { session: Session; site: string; isolated: string; plain: string; closers: (() => Promise<void>)[] };
  // Set up inside the tests (not test.before, whose errors uvu does not report as failures).
  let setup: Promise<Setup> | undefined;
  const ready = (): Promise<Setup> =>
    (setup ??= (async () => {
      const site = mkdtempSync(join(tmpdir(), "tsgrad-web-"));
      await buildWeb(site);
      const isolated = await serveWeb({ port: 0, root: site });
      const plain = await serveWeb({ port: 0, root: site, isolated: false });
      return { session: await launchChromium(), site, isolated: isolated.url, plain: plain.url, closers: [isolated.close, plain.close] };
    })());
  /** Opens the page at `which` server and waits for its sections. */
  const openPage = async (which: "isolated" | "plain"): Promise<{ page: Page; errors: string[] }> => {
    const setup = await ready();
    const opened = await setup.session.newPage();
    await opened.page.goto(setup[which]);
    await opened.page.waitForSelector(SECTION("3.7"));
    return opened;
  };
  test.after(async () => {
    if (setup === undefined) return;
    const { session, site, closers } = await setup;
    await session.close();
    for (const close of closers) await close();
    rmSync(site, { recursive: true, force: true });
  });

  test("3.7 trains on Fashion-MNIST to test accuracy ≥ 0.75 on two threads; the chart has its three lines; no console error", async () => {
    const { page, errors } = await openPage("isolated");
    assert.is(await page.getAttribute("#status", "data-threads"), "2");
    const maxGap = await watchMainThread(page);
    assert.is(await runSection(page, "3.7", { epochs: 2, lr: 0.1, batchSize: 256 }), "done");
    const output = (await page.textContent(`${SECTION("3.7")} .output`))!;
    const final = /loss ([\d.]+), train acc ([\d.]+), test acc ([\d.]+)/.exec(output);
    assert.ok(final, output);
    assert.ok(Number(final[3]) >= 0.75, `test accuracy ${final[3]}`);
    assert.match(output, "epoch 2/2");
    assert.match((await page.textContent(`${SECTION("3.7")} .state`))!, "on 2 threads");
    const lines = await page.$$eval(`${SECTION("3.7")} figure[data-name="3.7-train.svg"] path.series`, (paths) =>
      paths.map((p) => ({ name: p.getAttribute("data-name"), points: (p.getAttribute("d")?.match(/[ML]/g) ?? []).length })),
    );
    assert.equal(lines, [{ name: "train loss", points: 2 }, { name: "train acc", points: 2 }, { name: "test acc", points: 2 }]);
    // The Animator showed the chart after each of the two epochs.
    assert.is(await page.evaluate(() => (globalThis as unknown as { tsgradPage: { figureTimes: Record<string, number[]> } }).tsgradPage.figureTimes["3.7-train.svg"]?.length), 2);
    // Training ran in the worker: the page's timer kept ticking (an epoch takes seconds).
    const gap = await maxGap();
    assert.ok(gap < 1000, `the page's main thread stalled for ${gap.toFixed(0)} ms during training`);
    const shot = join(tmpdir(), "tsgrad-page-test.png");
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`screenshot: ${shot}`);
    assert.equal(errors, []);
    await page.close();
  });

  test("3.1, 3.2, 3.5 and 3.6 run from the chapter modules and show their output beside their figures", async () => {
    const { page, errors } = await openPage("isolated");
    const expectations: [section: string, args: Record<string, number>, text: RegExp, figures: string[]][] = [
      ["3.1", {}, /vectorized a\.add\(b\)[\s\S]*normal distribution/, ["3.1-normal.svg"]],
      ["3.2", { epochs: 3 }, /epoch 3, loss [\d.]+[\s\S]*error in estimating b/, ["3.2-features.svg"]],
      ["3.5", {}, /train 60000, test 10000/, ["3.5-fashion-mnist.svg"]],
      ["3.6", { epochs: 1 }, /epoch 1\/1 [\s\S]*test acc/, ["3.6-train.svg", "3.6-predictions.svg"]],
    ];
    for (const [section, args, text, figures] of expectations) {
      assert.is(await runSection(page, section, args), "done", section);
      assert.match((await page.textContent(`${SECTION(section)} .output`))!, text);
      assert.equal(await page.$$eval(`${SECTION(section)} figure`, (fs) => fs.map((f) => f.getAttribute("data-name"))), figures, section);
      // Each figure is an SVG with a size, drawn as vectors (crisp at any zoom).
      assert.ok(await page.$$eval(`${SECTION(section)} figure > svg`, (ss) => ss.every((s) => Number(s.getAttribute("width")) > 0)));
    }
    // A phone-width window: everything stacks, nothing overflows sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), "the page overflows a 390 px window");
    // 3.5's grid and 3.6's predictions carry one image per example.
    assert.is(await page.$$eval(`${SECTION("3.5")} figure svg image`, (is) => is.length), 18);
    assert.ok((await page.$$eval(`${SECTION("3.6")} figure[data-name="3.6-predictions.svg"] svg image`, (is) => is.length)) >= 6);
    assert.equal(errors, []);
    await page.close();
  });

  test("Stop ends a run (at the next epoch, or by restarting the worker); the section can run again", async () => {
    const { page, errors } = await openPage("isolated");
    await page.fill(`${SECTION("3.7")} input[name=epochs]`, "50");
    await page.click(`${SECTION("3.7")} button.run`);
    await page.waitForSelector(`${SECTION("3.7")} figure[data-name="3.7-train.svg"]`, { timeout: TRAIN_TIMEOUT_MS });
    await page.click(`${SECTION("3.7")} button.stop`);
    await page.waitForSelector(`${SECTION("3.7")}[data-state="stopped"]`, { timeout: 30_000 });
    assert.match((await page.textContent(`${SECTION("3.7")} .output`))!, /stopped/);
    assert.is(await page.isDisabled(`${SECTION("3.7")} button.run`), false);
    // Whether the chapter noticed the signal or the worker was restarted, the next run works.
    assert.is(await runSection(page, "3.7", { epochs: 1 }), "done");
    assert.match((await page.textContent(`${SECTION("3.7")} .output`))!, /epoch 1\/1 /);
    assert.equal(errors, []);
    await page.close();
  });

  test("without COOP/COEP the page is not isolated and runs on one thread", async () => {
    const { page, errors } = await openPage("plain");
    assert.is(await page.evaluate(() => crossOriginIsolated), false);
    assert.is(await page.getAttribute("#status", "data-threads"), "1");
    assert.is(await runSection(page, "3.7", { epochs: 1 }), "done");
    assert.match((await page.textContent(`${SECTION("3.7")} .state`))!, "on 1 thread");
    assert.equal(errors, []);
    await page.close();
  });
}

test.run();
