/** The text of a terminal progress bar over an epoch's batches. */

/**
 * `[#######.............]  90/235`: the share of `done` out of `total` as a bar of `width` cells,
 * then the counts.
 * @example progressBar(1, 4, 8) // "[##......] 1/4"
 */
export function progressBar(done: number, total: number, width = 20): string {
  const fraction = total > 0 ? Math.min(Math.max(done / total, 0), 1) : 0;
  const filled = Math.round(fraction * width);
  const counts = `${done}`.padStart(`${total}`.length);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${counts}/${total}`;
}
