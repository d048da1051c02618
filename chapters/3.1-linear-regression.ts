/**
 * d2l 3.1 Linear regression: why vectorize (a per-element loop through the Tensor API against
 * one `add`), and the normal distribution for three (μ, σ). Run: `npx tsx chapters/3.1-linear-regression.ts`.
 */
import { arange, ones, zeros, type Tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

/** Density of N(mu, sigma²) at every element of x. */
function normalPdf(x: Tensor, mu: number, sigma: number): Tensor {
  const scale = 1 / Math.sqrt(2 * Math.PI * sigma ** 2);
  return x.sub(mu).pow(2).mul(-0.5 / sigma ** 2).exp().mul(scale);
}

export const chapter: d2l.ChapterDefinition = {
  section: "3.1",
  title: "Linear Regression",
  defaults: {},
  async run(host) {
    host.print("## Vectorization for speed");
    const n = 10000;
    const a = ones(n);
    const b = ones(n);

    // The book's Python loop `c[i] = a[i] + b[i]`: one 1-element view, add and copy per element.
    const c = zeros(n);
    const timer = new d2l.Timer();
    for (let i = 0; i < n; i++) c.narrow(0, i, 1).copy_(a.narrow(0, i, 1).add(b.narrow(0, i, 1)));
    const loopSeconds = timer.stop();
    host.print(`element by element: ${loopSeconds.toFixed(5)} sec`);

    timer.start();
    const d = a.add(b);
    const vectorSeconds = timer.stop();
    host.print(`vectorized a.add(b): ${vectorSeconds.toFixed(5)} sec`);

    // A single add takes microseconds, below the clock's resolution; the mean of many is steadier.
    const repeats = 1000;
    const repeated = new d2l.Timer();
    for (let r = 0; r < repeats; r++) a.add(b);
    const perAdd = repeated.stop() / repeats;
    host.print(`vectorized, mean of ${repeats}: ${(perAdd * 1e6).toFixed(1)} µs per add (${(loopSeconds / perAdd).toFixed(0)}× faster than the loop)`);
    host.print(`both give the same sum: ${c.sum().item()} and ${d.sum().item()}`);

    host.print("\n## The normal distribution and squared loss");
    const x = arange(-7, 7, 0.01);
    const params: [number, number][] = [[0, 1], [0, 2], [3, 1]];
    host.figure("3.1-normal.svg", d2l.plot(x, params.map(([mu, sigma]) => normalPdf(x, mu, sigma)), {
      xlabel: "x",
      ylabel: "p(x)",
      legend: params.map(([mu, sigma]) => `mean ${mu}, std ${sigma}`),
      figsize: [648, 360],
    }));
  },
};

await d2l.runIfMain(import.meta.url, chapter);
