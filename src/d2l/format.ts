/** How the chapters print things that are not tensors. */

/**
 * A shape as the chapters print it, `[32, 1, 64, 64]`. PyTorch: `torch.Size([32, 1, 64, 64])`.
 * @example formatShape([2, 3]) // "[2, 3]"
 */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}
