/** d2l's `Accumulator`: a fixed number of running sums. */

/**
 * Keeps `n` running sums, e.g. (loss sum, correct predictions, examples) over an epoch.
 * d2l: `d2l.Accumulator` (`add`, `reset`, `metric[i]`).
 * @example
 * const metric = new Accumulator(2);
 * metric.add(3, 10);
 * metric.add(4, 10);
 * metric.get(0) / metric.get(1) // 0.35
 */
export class Accumulator {
  private readonly sums: number[];

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`Accumulator: n must be a positive integer, got ${n}`);
    this.sums = new Array<number>(n).fill(0);
  }

  /** Number of sums. @example new Accumulator(3).length // 3 */
  get length(): number {
    return this.sums.length;
  }

  /** Adds one value to each sum (exactly `length` values). d2l: `Accumulator.add`. @example metric.add(loss, correct, count) */
  add(...values: number[]): void {
    if (values.length !== this.sums.length) {
      throw new Error(`Accumulator.add: expected ${this.sums.length} values, got ${values.length} (${values.join(", ")})`);
    }
    values.forEach((v, i) => (this.sums[i]! += v));
  }

  /** Sets every sum back to 0. d2l: `Accumulator.reset`. @example metric.reset() */
  reset(): void {
    this.sums.fill(0);
  }

  /** Sum `i`. d2l: `metric[i]`. @example metric.get(0) */
  get(i: number): number {
    const value = this.sums[i];
    if (value === undefined || !Number.isInteger(i)) {
      throw new Error(`Accumulator.get: index ${i} is out of range for ${this.sums.length} sums`);
    }
    return value;
  }
}
