/** Whether the real Fashion-MNIST files are on the dataset's search path, for tests that need them. */
import { data } from "../../src/index.js";

/**
 * True when the test split can be read; otherwise warns once that `what` is skipped.
 * @example if (!hasFashionMnist("the 3.7 sweep")) return;
 */
export function hasFashionMnist(what: string): boolean {
  try {
    new data.FashionMNIST({ train: false });
    return true;
  } catch {
    console.warn(`Fashion-MNIST not found: skipping ${what}`);
    return false;
  }
}
