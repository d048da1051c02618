/**
 * d2l 3.1 Linear Regression: vectorization for speed (a per-element loop through the Tensor API
 * against one `add`, timed with the book's `Timer`), and the normal distribution for three (μ, σ).
 * Run: `npx tsx chapters/3.1-linear-regression.ts` (`--help` lists the flags).
 */
import { arange, ones, zeros, type Tensor } from "../src/index.js";
import * as d2l from "../src/d2l/index.js";

export const chapter: d2l.ChapterDefinition = {
  section: "3.1",
  title: "Linear Regression",
  defaults: {},
  async run(host) {
    host.print("## Vectorization for speed");
    const n = 10000;
    const a = ones(n);
    const b = ones(n);

    /**
     * Records multiple running times, in seconds. The timer starts when constructed.
     * TypeScript: `performance.now()` (milliseconds) where Python has `time.time()`; a clock in
     * milliseconds can be passed instead, for tests. d2l: `d2l.Timer`.
     * @example
     * const timer = new Timer();
     * work();
     * host.print(`${timer.stop().toFixed(5)} sec`);
     */
    class Timer { //@save
      /** Every lap, in seconds. */
      readonly times: number[] = [];
      private tik = 0;

      constructor(private readonly clock: () => number = () => performance.now()) {
        this.start();
      }

      /** Starts the timer. @example timer.start() */
      start(): void {
        this.tik = this.clock();
      }

      /** Stops the timer, records the lap and returns it in seconds. @example timer.stop() // 0.0123 */
      stop(): number {
        this.times.push((this.clock() - this.tik) / 1000);
        return this.times[this.times.length - 1]!;
      }

      /** The average lap in seconds. @example timer.avg() */
      avg(): number {
        return this.sum() / this.times.length;
      }

      /** The sum of the laps in seconds. @example timer.sum() */
      sum(): number {
        return this.times.reduce((total, t) => total + t, 0);
      }

      /** The accumulated times: entry i is the sum of laps 0 … i. @example timer.cumsum() // [0.1, 0.3] */
      cumsum(): number[] {
        let total = 0;
        return this.times.map((t) => (total += t));
      }
    }

    // `c[i] = a[i] + b[i]`: TypeScript has no indexing operator on tensors, so each step takes
    // 1-element views (`narrow`), adds them and copies the sum in (`copy_`).
    const c = zeros(n);
    const timer = new Timer();
    for (let i = 0; i < n; i++) c.narrow(0, i, 1).copy_(a.narrow(0, i, 1).add(b.narrow(0, i, 1)));
    const loopSeconds = timer.stop();
    host.print(`element by element: ${loopSeconds.toFixed(5)} sec`);

    timer.start();
    const d = a.add(b); // `a + b`
    host.print(`vectorized a.add(b): ${timer.stop().toFixed(5)} sec`);

    // Not in the book: one add takes microseconds, near the clock's resolution; the mean of many is steadier.
    const repeats = 1000;
    const repeated = new Timer();
    for (let r = 0; r < repeats; r++) a.add(b);
    const perAdd = repeated.stop() / repeats;
    host.print(`vectorized, mean of ${repeats}: ${(perAdd * 1e6).toFixed(1)} µs per add (${(loopSeconds / perAdd).toFixed(0)}× faster than the loop)`);
    host.print(`both give the same sum: ${c.sum().item()} and ${d.sum().item()}`);

    host.print("\n## The normal distribution and squared loss");
    /** The density of N(mu, sigma²) at every element of x. */
    function normal(x: Tensor, mu: number, sigma: number): Tensor {
      const p = 1 / Math.sqrt(2 * Math.PI * sigma ** 2);
      return x.sub(mu).pow(2).mul(-0.5 / sigma ** 2).exp().mul(p); // p * exp(-0.5 / sigma**2 * (x - mu)**2)
    }

    const x = arange(-7, 7, 0.01);
    const params: [number, number][] = [[0, 1], [0, 2], [3, 1]];
    // `d2l.plot(...)` draws inline in the notebook; here it returns the SVG, which the host shows.
    host.figure("3.1-normal.svg", d2l.plot(x, params.map(([mu, sigma]) => normal(x, mu, sigma)), {
      xlabel: "x",
      ylabel: "p(x)",
      figsize: [648, 360], // the book's figsize=(4.5, 2.5) inches at 144 px per inch
      legend: params.map(([mu, sigma]) => `mean ${mu}, std ${sigma}`),
    }));
  },
};

await d2l.runIfMain(import.meta.url, chapter);
