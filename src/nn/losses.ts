import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";
import { crossEntropy, huberLoss, l1Loss, mseLoss, smoothL1Loss, type HuberLossOptions, type SmoothL1LossOptions } from "./functional.js";
import { checkReduction, HUBER_KEYS, LOSS_KEYS, SMOOTH_L1_KEYS, type LossOptions, type Reduction } from "./reduction.js";
import { checkOptions } from "../tensor/validate.js";

/**
 * Base of the loss modules: holds the `reduction` and runs `forward(input, target)`. Printed as `MSELoss()`
 * etc., as PyTorch prints losses. PyTorch: `torch.nn.modules.loss._Loss`.
 */
export abstract class Loss extends Module {
  readonly reduction: Reduction;

  /** `name` is the subclass's, for errors about a bad `reduction`. */
  constructor(name: string, options: LossOptions, known: readonly string[] = LOSS_KEYS) {
    super();
    this.reduction = checkReduction(name, checkOptions(name, options, known).reduction);
  }

  /** The loss of `input` against `target`. @example loss.forward(net.forward(X), y) */
  abstract override forward(input: Tensor, target: Tensor): Tensor;
}

/**
 * Squared error (input − target)², reduced. PyTorch: `torch.nn.MSELoss(reduction="mean")`.
 * @example new MSELoss().forward(yHat, y)
 */
export class MSELoss extends Loss {
  constructor(options: LossOptions = {}) {
    super("MSELoss", options);
  }

  /** See `mseLoss`. @example new MSELoss({ reduction: "sum" }).forward(tensor([1, 2]), tensor([1, 4])) // 4 */
  override forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
}

/**
 * Huber loss: quadratic below `delta`, linear above. PyTorch: `torch.nn.HuberLoss(reduction="mean", delta=1.0)`.
 * @example new HuberLoss({ delta: 1 }).forward(yHat, y)
 */
export class HuberLoss extends Loss {
  readonly delta: number;

  constructor(options: HuberLossOptions = {}) {
    super("HuberLoss", options, HUBER_KEYS);
    this.delta = options.delta ?? 1;
    if (!(this.delta > 0)) throw new Error(`HuberLoss: delta must be positive, got ${this.delta}`);
  }

  /** See `huberLoss`. @example new HuberLoss().forward(tensor([3]), tensor([0])) // 2.5 */
  override forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
}

/**
 * Absolute error |input − target|, reduced. PyTorch: `torch.nn.L1Loss(reduction="mean")`.
 * @example new L1Loss().forward(yHat, y)
 */
export class L1Loss extends Loss {
  constructor(options: LossOptions = {}) {
    super("L1Loss", options);
  }

  /** See `l1Loss`. @example new L1Loss({ reduction: "sum" }).forward(tensor([1, -2]), tensor([0, 0])) // 3 */
  override forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, { reduction: this.reduction });
  }
}

/**
 * Smooth L1 loss: ½d²/beta below `beta`, |d| − ½beta above (d2l 3.3's Huber formula). PyTorch:
 * `torch.nn.SmoothL1Loss(reduction="mean", beta=1.0)`.
 * @example new SmoothL1Loss({ beta: 0.5 }).forward(yHat, y)
 */
export class SmoothL1Loss extends Loss {
  readonly beta: number;

  constructor(options: SmoothL1LossOptions = {}) {
    super("SmoothL1Loss", options, SMOOTH_L1_KEYS);
    this.beta = options.beta ?? 1;
    if (!(this.beta >= 0)) throw new Error(`SmoothL1Loss: beta must be non-negative, got ${this.beta}`);
  }

  /** See `smoothL1Loss`. @example new SmoothL1Loss().forward(tensor([3]), tensor([0])) // 2.5 */
  override forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}

/**
 * Cross-entropy of logits [N, C] against class indices [N], with the LogSumExp trick and a fused backward.
 * PyTorch: `torch.nn.CrossEntropyLoss(reduction="mean")`.
 * @example new CrossEntropyLoss({ reduction: "none" }).forward(net.forward(X), y) // [N]
 */
export class CrossEntropyLoss extends Loss {
  constructor(options: LossOptions = {}) {
    super("CrossEntropyLoss", options);
  }

  /** See `crossEntropy`. @example new CrossEntropyLoss().forward(tensor([[0, 0]]), tensor([1])) // log 2 */
  override forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, { reduction: this.reduction });
  }
}
