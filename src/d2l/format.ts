/** How the chapters print things that are not tensors. */

/** A shape as PyTorch prints it, `[2, 3]` (the tensor layer's formatter, re-exported for the chapters). */
export { fmtShape as formatShape } from "../tensor/shape.js";
