/** A one-line terminal progress bar for downloads. */

/**
 * Formats progress as `[=====>    ] 45% 12.0/26.4 MB` (or `12.0 MB` when the total is unknown).
 * Megabytes are 10^6 bytes. PyTorch/tqdm: the bar `torchvision.datasets.utils` prints.
 * @example formatProgress(11_880_000, 26_400_000, 10) // "[====>     ] 45% 11.9/26.4 MB"
 */
export function formatProgress(done: number, total: number | undefined, width = 30): string {
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
  if (total === undefined || !(total > 0)) return `${mb(done)} MB`;
  const fraction = Math.min(Math.max(done / total, 0), 1);
  const filled = Math.floor(fraction * width);
  const bar = filled >= width ? "=".repeat(width) : "=".repeat(filled) + ">" + " ".repeat(width - filled - 1);
  return `[${bar}] ${Math.floor(fraction * 100)}% ${mb(done)}/${mb(total)} MB`;
}

/** Something with `write`, e.g. `process.stderr`. */
export interface TextSink {
  write(text: string): unknown;
}

/**
 * Redraws a progress line in place (`\r`) on `sink`, at most once per percent (or per MB when the
 * total is unknown), and ends it with a newline on `finish()`.
 * @example
 * const bar = new ProgressBar(process.stderr, total, "t10k-labels-idx1-ubyte.gz");
 * bar.update(received); …; bar.finish();
 */
export class ProgressBar {
  private lastDrawn = "";

  constructor(
    private readonly sink: TextSink,
    private readonly total: number | undefined,
    private readonly label: string,
  ) {}

  /** Shows `done` bytes received. */
  update(done: number): void {
    const line = `${this.label} ${formatProgress(done, this.total)}`;
    if (line === this.lastDrawn) return;
    this.lastDrawn = line;
    this.sink.write(`\r${line}`);
  }

  /** Ends the line. */
  finish(): void {
    if (this.lastDrawn !== "") this.sink.write("\n");
  }
}
