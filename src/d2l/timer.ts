/** d2l's `Timer`: a stopwatch that keeps every lap. */

/** A monotonic clock in milliseconds. */
export type Clock = () => number;

const systemClock: Clock = () => performance.now();

/**
 * Records running times: `start()` begins a lap, `stop()` ends it and returns its length in
 * seconds. The timer starts when constructed. Pass a `clock` (milliseconds) to control time in tests.
 * d2l: `d2l.Timer`.
 * @example
 * const timer = new Timer();
 * work();
 * console.log(`${timer.stop().toFixed(5)} sec`);
 */
export class Timer {
  /** Every lap, in seconds. */
  readonly times: number[] = [];
  private startedAt: number;

  constructor(private readonly clock: Clock = systemClock) {
    this.startedAt = clock();
  }

  /** Starts a new lap. d2l: `Timer.start`. @example timer.start() */
  start(): void {
    this.startedAt = this.clock();
  }

  /** Ends the lap, records it, and returns its length in seconds. d2l: `Timer.stop`. @example timer.stop() // 0.0123 */
  stop(): number {
    const seconds = (this.clock() - this.startedAt) / 1000;
    this.times.push(seconds);
    return seconds;
  }

  /** Seconds since the current lap started, without ending it. @example timer.elapsed() */
  elapsed(): number {
    return (this.clock() - this.startedAt) / 1000;
  }

  /** Mean lap length in seconds (NaN before the first lap). d2l: `Timer.avg`. @example timer.avg() */
  avg(): number {
    return this.sum() / this.times.length;
  }

  /** Total of all laps in seconds. d2l: `Timer.sum`. @example timer.sum() */
  sum(): number {
    return this.times.reduce((total, t) => total + t, 0);
  }

  /** Running totals: entry i is the sum of laps 0 … i. d2l: `Timer.cumsum`. @example timer.cumsum() // [0.1, 0.3] */
  cumsum(): number[] {
    let total = 0;
    return this.times.map((t) => (total += t));
  }
}
