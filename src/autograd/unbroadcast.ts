import type { Tensor } from "../tensor/tensor.js";
import { fmtShape, sameShape } from "../tensor/shape.js";
import { sum } from "./ops/reduce.js";
import { reshape } from "./ops/views.js";

/**
 * Whether a gradient of shape `grad` belongs to an input of shape `input`: the input must broadcast to
 * it (aligned on the right, each input dim equal or 1; extra leading dims allowed). PyTorch's
 * `validate_outputs` / `is_expandable_to`.
 */
function broadcastsTo(input: readonly number[], grad: readonly number[]): boolean {
  const lead = grad.length - input.length;
  if (lead < 0) return false;
  for (let i = 0; i < input.length; i++) {
    const n = input[i]!;
    if (n !== 1 && n !== grad[i + lead]) return false;
  }
  return true;
}

/**
 * The gradient a rule returned for one input, checked and summed down to the input's shape: over the
 * leading dims the input lacked and over dims where it had size 1 (the inverse of broadcasting; the one
 * place it is undone). Differentiable, so a `createGraph` backward records the sum.
 * Throws `backward: <node> returned a gradient of shape … for input i of shape …` otherwise.
 * @example unbroadcast("AddBackward", 1, ones(4, 3), [3]) // sums the 4 rows: shape [3]
 */
export function unbroadcast(node: string, input: number, grad: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(grad.shape, shape)) return grad;
  if (!broadcastsTo(shape, grad.shape)) {
    throw new Error(`backward: ${node} returned a gradient of shape ${fmtShape(grad.shape)} for input ${input} of shape ${fmtShape(shape)}`);
  }
  const lead = grad.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < grad.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) dims.push(i);
  }
  const summed = dims.length === 0 ? grad : sum(grad, dims, true);
  return reshape(summed, shape);
}
