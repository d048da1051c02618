import type { Tensor } from "../tensor/tensor.js";
import { noGrad } from "./grad-mode.js";
import { detach } from "./ops/views.js";
import { zero_ } from "./ops/inplace.js";
import { checkOptions, expectBoolean } from "../tensor/validate.js";

/** Options of `zeroGrad()`. */
export interface ZeroGradOptions {
  /** Drop the gradients (`grad = null`) instead of filling them with zeros. Default true, as in PyTorch 2. */
  setToNone?: boolean;
}

/**
 * Resets the `.grad` of every tensor in `params`: to `null` by default, else to zeros in place. Shared by
 * `Module.zeroGrad` and `Optimizer.zeroGrad`. PyTorch: the body of `zero_grad(set_to_none)`.
 * @example zeroGrads(net.parameters(), { setToNone: false }) // every grad now holds zeros
 */
export function zeroGrads(params: Iterable<Tensor>, options: ZeroGradOptions = {}): void {
  const setToNone = expectBoolean("zeroGrad", "setToNone", checkOptions("zeroGrad", options, ["setToNone"]).setToNone, true);
  for (const p of params) {
    const g = p.grad;
    if (g === null) continue;
    // A grad built under createGraph is part of a graph: detach it first, as PyTorch's zero_grad does.
    p.grad = setToNone ? null : noGrad(() => zero_(g.requiresGrad ? detach(g) : g));
  }
}
