import type { Tensor } from "../tensor/tensor.js";
import { fmtShape, sameShape } from "../tensor/shape.js";
import { mean, sum } from "../autograd/ops/reduce.js";
import { checkOptions, expectTensor } from "../tensor/validate.js";

/** How a loss combines its per-element values: keep them (`"none"`), average them, or add them up. PyTorch: `reduction`. */
export type Reduction = "none" | "mean" | "sum";

/** Options every loss takes. */
export interface LossOptions {
  /** Default `"mean"`, as in PyTorch. */
  reduction?: Reduction;
}

/** The option keys of the losses (the module constructors and the functional forms). */
export const LOSS_KEYS = ["reduction"];
export const HUBER_KEYS = ["reduction", "delta"];
export const SMOOTH_L1_KEYS = ["reduction", "beta"];

/**
 * Checks a loss's arguments at its boundary: `input` and `target` are tensors (named as such when a
 * module's `forward()` is called without them) and `options` has only known keys. Returns the options.
 * @example checkLossArgs("mseLoss", yHat, y, {}, LOSS_KEYS)
 */
export function checkLossArgs<O extends LossOptions>(op: string, input: unknown, target: unknown, options: O | undefined, known: readonly string[]): O {
  expectTensor(op, "input", input);
  expectTensor(op, "target", target);
  return checkOptions(op, options, known);
}

/**
 * The reduction to use (default `"mean"`), or an Error naming `op` for anything else. PyTorch: the
 * `reduction` check of `torch.nn.functional`'s losses.
 * @example checkReduction("mseLoss", undefined) // "mean"
 */
export function checkReduction(op: string, reduction: Reduction | undefined): Reduction {
  const r = reduction ?? "mean";
  if (r !== "none" && r !== "mean" && r !== "sum") {
    throw new Error(`${op}: reduction must be "none", "mean" or "sum", got ${JSON.stringify(r)}`);
  }
  return r;
}

/**
 * Applies `reduction` to per-element losses, differentiably: mean(l), sum(l) or l itself (any shape).
 * PyTorch: the reduction step inside each loss.
 * @example reduceLoss(tensor([1, 3]), "mean") // 2
 */
export function reduceLoss(losses: Tensor, reduction: Reduction): Tensor {
  if (reduction === "mean") return mean(losses);
  if (reduction === "sum") return sum(losses);
  return losses;
}

/**
 * Checks that an elementwise loss gets input and target of one shape, else an Error naming `op` and both
 * shapes. PyTorch broadcasts them with a warning, which turns a [N, 1] prediction against [N] labels into
 * an [N, N] loss; here that is an error.
 * @example checkSameShape("mseLoss", yHat, y)
 */
export function checkSameShape(op: string, input: Tensor, target: Tensor): void {
  if (!sameShape(input.shape, target.shape)) {
    throw new Error(`${op}: input shape ${fmtShape(input.shape)} and target shape ${fmtShape(target.shape)} differ; reshape the target to the input's shape (e.g. y.reshape(yHat.shape))`);
  }
}
