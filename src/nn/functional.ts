import type { Tensor } from "../tensor/tensor.js";
import { fmtShape } from "../tensor/shape.js";
import { abs, add, div, lt, mul, sub, where } from "../autograd/ops/elementwise.js";
import { addmm, matmul } from "../autograd/ops/matmul.js";
import { transpose } from "../autograd/ops/views.js";
import { checkLossArgs, checkReduction, checkSameShape, HUBER_KEYS, LOSS_KEYS, SMOOTH_L1_KEYS, reduceLoss, type LossOptions } from "./reduction.js";
import { expectTensor } from "../tensor/validate.js";

/**
 * The functional forms behind the modules, PyTorch's `torch.nn.functional`: stateless functions of their
 * tensors. The activations are the autograd ops, re-exported for convenience.
 */
export { crossEntropy } from "./cross-entropy.js";
export { relu } from "../autograd/ops/elementwise.js";
export { softmax, logSoftmax } from "../autograd/ops/reduce.js";
export type { LossOptions, Reduction } from "./reduction.js";

/** Options of `huberLoss`. */
export interface HuberLossOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear. Default 1; must be positive. */
  delta?: number;
}

/** Options of `smoothL1Loss`. */
export interface SmoothL1LossOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear. Default 1; 0 gives the L1 loss; must not be negative. */
  beta?: number;
}

/**
 * The affine map y = x·Wᵀ + b. `x` is [..., in], `weight` [out, in], `bias` [out] or null; y is [..., out].
 * 2-D inputs go through the fused `addmm` reading Wᵀ as a transposed view (no copy). PyTorch: `F.linear`.
 * @example linear(ones(4, 2), tensor([[2, -3.4]]), tensor([4.2])) // [4, 1], all 2.8
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  expectTensor("linear", "input", x);
  expectTensor("linear", "weight", weight);
  if (bias !== null) expectTensor("linear", "bias", bias);
  if (weight.ndim !== 2) throw new Error(`linear: weight must be 2-D [out, in], got shape ${fmtShape(weight.shape)}`);
  const inFeatures = weight.shape[1]!;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inFeatures) {
    throw new Error(`linear: input shape ${fmtShape(x.shape)} must end in ${inFeatures} features to match the weight ${fmtShape(weight.shape)}`);
  }
  const weightT = transpose(weight, 0, 1);
  if (bias === null) return matmul(x, weightT);
  if (bias.ndim !== 1 || bias.shape[0] !== weight.shape[0]) {
    throw new Error(`linear: bias shape ${fmtShape(bias.shape)} must be [${weight.shape[0]}] to match the weight ${fmtShape(weight.shape)}`);
  }
  return x.ndim === 2 ? addmm(bias, x, weightT) : add(matmul(x, weightT), bias);
}

/**
 * Squared error (input − target)², reduced (`"mean"` by default). Input and target must have one shape.
 * Note d2l 3.2's `squared_loss` has a factor ½ that this (like PyTorch's) does not. PyTorch: `F.mse_loss`.
 * @example mseLoss(tensor([1, 2]), tensor([1, 4])) // (0 + 4) / 2 = 2
 */
export function mseLoss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  const reduction = checkReduction("mseLoss", checkLossArgs("mseLoss", input, target, options, LOSS_KEYS).reduction);
  checkSameShape("mseLoss", input, target);
  const d = sub(input, target);
  return reduceLoss(mul(d, d), reduction);
}

/**
 * Huber loss of d = input − target: ½d² where |d| < delta, delta·(|d| − ½delta) elsewhere (quadratic near
 * 0, linear in the tails, so outliers pull with a bounded gradient ±delta). PyTorch: `F.huber_loss`.
 * @example huberLoss(tensor([0.5, 3]), tensor([0, 0])) // (0.125 + 2.5) / 2 = 1.3125
 */
export function huberLoss(input: Tensor, target: Tensor, options: HuberLossOptions = {}): Tensor {
  const reduction = checkReduction("huberLoss", checkLossArgs("huberLoss", input, target, options, HUBER_KEYS).reduction);
  const delta = options.delta ?? 1;
  if (!(delta > 0)) throw new Error(`huberLoss: delta must be positive, got ${delta}`);
  checkSameShape("huberLoss", input, target);
  const d = sub(input, target);
  const size = abs(d);
  const quadratic = mul(mul(d, d), 0.5);
  const linearPart = mul(sub(size, 0.5 * delta), delta);
  return reduceLoss(where(lt(size, delta), quadratic, linearPart), reduction);
}

/**
 * Absolute error |input − target|, reduced (`"mean"` by default). Input and target must have one shape.
 * PyTorch: `F.l1_loss`.
 * @example l1Loss(tensor([1, -2]), tensor([0, 0])) // (1 + 2) / 2 = 1.5
 */
export function l1Loss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  const reduction = checkReduction("l1Loss", checkLossArgs("l1Loss", input, target, options, LOSS_KEYS).reduction);
  checkSameShape("l1Loss", input, target);
  return reduceLoss(abs(sub(input, target)), reduction);
}

/**
 * Smooth L1 loss of d = input − target: ½d²/beta where |d| < beta, |d| − ½beta elsewhere — the Huber
 * loss with delta = beta, divided by beta (d2l 3.3's exercise formula, with σ = beta); beta 0 is the L1
 * loss. PyTorch: `F.smooth_l1_loss`.
 * @example smoothL1Loss(tensor([0.5, 3]), tensor([0, 0])) // (0.125 + 2.5) / 2 = 1.3125
 */
export function smoothL1Loss(input: Tensor, target: Tensor, options: SmoothL1LossOptions = {}): Tensor {
  const reduction = checkReduction("smoothL1Loss", checkLossArgs("smoothL1Loss", input, target, options, SMOOTH_L1_KEYS).reduction);
  const beta = options.beta ?? 1;
  if (!(beta >= 0)) throw new Error(`smoothL1Loss: beta must be non-negative, got ${beta}`);
  if (beta === 0) return l1Loss(input, target, { reduction });
  checkSameShape("smoothL1Loss", input, target);
  return div(huberLoss(input, target, { reduction, delta: beta }), beta);
}
