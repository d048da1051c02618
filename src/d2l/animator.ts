/** d2l's `Animator`: a training chart redrawn after every epoch, plus one terminal line per epoch. */
import { platform } from "#platform";
import { writeFigure } from "../plot/index.js";
import { renderChart, toSeries, type AxesOptions } from "./chart.js";
import type { TextSink } from "./output.js";
import { progressBar } from "./progress.js";
import { Timer, type Clock } from "./timer.js";

/** Options of {@link Animator}. */
export interface AnimatorOptions extends AxesOptions {
  /** The SVG file rewritten after every `add`; none is written when absent. */
  readonly path?: string;
  /** Where the per-epoch lines go. Default stdout; the progress bar is drawn only when `isTTY`. */
  readonly sink?: TextSink;
  /** Decimals of each curve's value in the terminal line. Default 4 for every curve. */
  readonly digits?: readonly number[];
  /** Clock (milliseconds) timing each step; for tests. */
  readonly clock?: Clock;
}

const ERASE_LINE = "\r\x1b[K";

/**
 * Plots data as it arrives. `add(x, ys)` appends one point per curve, rewrites the SVG at
 * `path`, and prints `epoch 3/10  train loss 0.5712  train acc 0.812  test acc 0.801  1.9 s`
 * (x label, x out of the x limit, each curve's value, the seconds since the previous `add`).
 * `progress(done, total)` redraws a bar over the current step's batches in place when the sink
 * is a terminal, and does nothing otherwise. d2l: `d2l.Animator` (which redraws in a notebook).
 * @example
 * const animator = new Animator({ xlabel: "epoch", xlim: [1, 10], ylim: [0.3, 0.9],
 *   legend: ["train loss", "train acc", "test acc"], path: "figures/train.svg" });
 * animator.add(1, [0.78, 0.75, 0.79]);
 */
export class Animator {
  /** x values of each curve. */
  readonly X: number[][];
  /** y values of each curve. */
  readonly Y: number[][];
  /** One lap per `add`: the time each step took. */
  readonly timer: Timer;
  private readonly options: AnimatorOptions;
  private readonly sink: TextSink;
  private lastBar = "";

  constructor(options: AnimatorOptions = {}) {
    this.options = options;
    this.sink = options.sink ?? platform.stdout();
    const curves = options.legend?.length ?? 0;
    this.X = Array.from({ length: curves }, () => []);
    this.Y = Array.from({ length: curves }, () => []);
    this.timer = new Timer(options.clock);
  }

  /** Number of `add` calls so far. @example animator.steps // 3 */
  get steps(): number {
    return this.timer.times.length;
  }

  /**
   * Shows progress through the current step (`done` of `total` batches) on a terminal.
   * @example animator.progress(120, 235)
   */
  progress(done: number, total: number): void {
    if (this.sink.isTTY !== true) return;
    const bar = `${this.stepLabel(this.steps + 1)} ${progressBar(done, total)}`;
    if (bar === this.lastBar) return;
    this.lastBar = bar;
    this.sink.write(`\r${bar}`);
  }

  /**
   * Appends point `(x, ys[i])` to curve i (an `undefined` y skips that curve), rewrites the
   * figure and prints the step's line. d2l: `Animator.add(x, y)`.
   * @example animator.add(epoch + 1, [trainLoss, trainAcc, testAcc])
   */
  add(x: number, ys: readonly (number | undefined)[]): void {
    while (this.Y.length < ys.length) {
      this.X.push([]);
      this.Y.push([]);
    }
    ys.forEach((y, i) => {
      if (y === undefined) return;
      this.X[i]!.push(x);
      this.Y[i]!.push(y);
    });
    const seconds = this.timer.stop();
    if (this.options.path !== undefined) writeFigure(this.options.path, this.render());
    const prefix = this.sink.isTTY === true ? ERASE_LINE : "";
    this.lastBar = "";
    this.sink.write(`${prefix}${this.stepLine(x, ys, seconds)}\n`);
    this.timer.start();
  }

  /** The chart as it stands, as SVG. @example writeFigure("now.svg", animator.render()) */
  render(): string {
    return renderChart(toSeries(this.X, this.Y, this.options), this.options);
  }

  private stepLabel(x: number): string {
    const last = this.options.xlim?.[1];
    return `${this.options.xlabel ?? "x"} ${x}${last === undefined ? "" : `/${last}`}`;
  }

  private stepLine(x: number, ys: readonly (number | undefined)[], seconds: number): string {
    const parts = [this.stepLabel(x)];
    ys.forEach((y, i) => {
      if (y === undefined) return;
      const name = this.options.legend?.[i] ?? `y${i}`;
      parts.push(`${name} ${y.toFixed(this.options.digits?.[i] ?? 4)}`);
    });
    parts.push(`${seconds.toFixed(1)} s`);
    return parts.join("  ");
  }
}
