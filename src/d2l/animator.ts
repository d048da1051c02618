/** d2l's `Animator`: a training chart shown again after every epoch, plus one text line per epoch. */
import { renderChart, toSeries, type AxesOptions } from "./chart.js";
import type { ChapterHost } from "./host.js";
import { Timer, type Clock } from "./timer.js";

/** Options of {@link Animator}. */
export interface AnimatorOptions extends AxesOptions {
  /** Where the chart and the per-step lines go. */
  readonly host: ChapterHost;
  /** Name of the figure shown (replaced) after every `add`, e.g. `"3.7-train.svg"`; no figure when absent. */
  readonly figure?: string;
  /** Decimals of each curve's value in the text line. Default 4 for every curve. */
  readonly digits?: readonly number[];
  /** Clock (milliseconds) timing each step; for tests. */
  readonly clock?: Clock;
}

/**
 * Plots data as it arrives. `add(x, ys)` appends one point per curve, shows the chart again as
 * `host.figure(figure, svg)`, and prints `epoch 3/10  train loss 0.5712  train acc 0.812  test acc 0.801  1.9 s`
 * (x label, x out of the x limit, each curve's value, the seconds since the previous `add`).
 * d2l: `d2l.Animator` (which redraws in a notebook).
 * @example
 * const animator = new Animator({ host, figure: "train.svg", xlabel: "epoch", xlim: [1, 10], ylim: [0.3, 0.9],
 *   legend: ["train loss", "train acc", "test acc"] });
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

  constructor(options: AnimatorOptions) {
    this.options = options;
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
   * Appends point `(x, ys[i])` to curve i (an `undefined` y skips that curve), shows the figure
   * again and prints the step's line. d2l: `Animator.add(x, y)`.
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
    const { host, figure } = this.options;
    if (figure !== undefined) host.figure(figure, this.render());
    host.print(this.stepLine(x, ys, seconds));
    this.timer.start();
  }

  /** The chart as it stands, as SVG. @example host.figure("now.svg", animator.render()) */
  render(): string {
    return renderChart(toSeries(this.X, this.Y, this.options), this.options);
  }

  private stepLine(x: number, ys: readonly (number | undefined)[], seconds: number): string {
    const last = this.options.xlim?.[1];
    const parts = [`${this.options.xlabel ?? "x"} ${x}${last === undefined ? "" : `/${last}`}`];
    ys.forEach((y, i) => {
      if (y === undefined) return;
      const name = this.options.legend?.[i] ?? `y${i}`;
      parts.push(`${name} ${y.toFixed(this.options.digits?.[i] ?? 4)}`);
    });
    parts.push(`${seconds.toFixed(1)} s`);
    return parts.join("  ");
  }
}
