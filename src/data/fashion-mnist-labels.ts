/** The text labels of Fashion-MNIST's ten classes, as the book names them. */
import { Tensor } from "../tensor/tensor.js";

/** Class names in label order (0 … 9), spelled as in d2l. */
export const FASHION_MNIST_LABELS: readonly string[] = [
  "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot",
];

/**
 * Text labels of numeric class indices (a list, typed array or tensor of whole numbers 0 … 9).
 * d2l: `d2l.get_fashion_mnist_labels(labels)`.
 * @example getFashionMnistLabels([0, 9, 2]) // ["t-shirt", "ankle boot", "pullover"]
 */
export function getFashionMnistLabels(indices: ArrayLike<number> | Tensor): string[] {
  const values = indices instanceof Tensor ? indices.toTypedArray() : indices;
  return Array.from(values, (v, position) => {
    const name = Number.isInteger(v) ? FASHION_MNIST_LABELS[v] : undefined;
    if (name === undefined) {
      throw new Error(`getFashionMnistLabels: label ${v} at position ${position} is not a class index (expected an integer in [0, 9])`);
    }
    return name;
  });
}
