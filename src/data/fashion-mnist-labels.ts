/** The names of Fashion-MNIST's ten classes. */

/**
 * Class names in label order (0 … 9), spelled as in d2l; torchvision: `FashionMNIST.classes`. The
 * book's `getFashionMnistLabels` (d2l 3.5) is written in chapters/3.5 and generated into d2l.
 */
export const FASHION_MNIST_LABELS: readonly string[] = [
  "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot",
];
