import type { Tensor } from "../../tensor/tensor.js";
import { castKernel } from "../../tensor/kernels/elementwise.js";
import { checkDType, type DType } from "../../tensor/dtype.js";
import { record } from "../node.js";
import { expectTensor } from "../../tensor/validate.js";

/**
 * `x` converted to `dtype`: `x` itself when it already has it, else a copy (floats round, integers
 * truncate toward zero and wrap, bool is x != 0). Between floating dtypes it is differentiable (the
 * gradient is converted back); into an integer or bool dtype the result carries no gradient.
 * PyTorch: `Tensor.to(dtype)`.
 * @example to(tensor([1.7, -1.7]), "int32") // tensor([ 1, -1]) (int32)
 */
export function to(x: Tensor, dtype: DType): Tensor {
  expectTensor("to", "input", x);
  const target = checkDType("to", dtype);
  if (target === x.dtype) return x;
  const from = x.dtype;
  return record("ToCopyBackward", castKernel(x, target), [x], [], (g) => [to(g, from)]);
}
