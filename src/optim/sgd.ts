import type { Tensor } from "../tensor/tensor.js";
import { binaryKernel, unaryKernel } from "../tensor/kernels/elementwise.js";
import { add_, mul_ } from "../autograd/ops/inplace.js";
import { Optimizer, type ParamGroup, type ParamsArgument } from "./optimizer.js";
import { checkOptions, describeValue, expectBoolean } from "../tensor/validate.js";

/** Options of `SGD` (PyTorch names in camelCase). */
export interface SGDOptions {
  /** Learning rate η ≥ 0. Required (in the options or in every group). */
  lr: number;
  /** Momentum factor μ ≥ 0. Default 0 (plain SGD). */
  momentum: number;
  /** Dampening τ of the momentum: buf ← μ·buf + (1 − τ)·g. Default 0. */
  dampening: number;
  /** L2 penalty λ ≥ 0, added to the gradient as λ·θ. Default 0. */
  weightDecay: number;
  /** Nesterov momentum: step along g + μ·buf instead of buf. Needs momentum > 0 and dampening 0. Default false. */
  nesterov: boolean;
  /** Maximise the objective instead of minimising it. Default false. */
  maximize: boolean;
}

/** SGD's per-parameter state. */
export interface SGDState {
  /** The momentum buffer (velocity); created on the first step that sees a gradient. PyTorch: `momentum_buffer`. */
  momentumBuffer: Tensor | null;
}

const SGD_DEFAULTS: Omit<SGDOptions, "lr"> = { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };
const KNOWN_OPTIONS = ["lr", ...Object.keys(SGD_DEFAULTS)];

function checkNonNegative(what: string, value: number): void {
  if (typeof value !== "number" || !(value >= 0) || value === Infinity) {
    throw new Error(`SGD: invalid ${what} ${describeValue(value)} (must be a finite number >= 0)`);
  }
}

/** Fills SGD's defaults and validates the options of one group. */
function resolveSGDOptions(options: Partial<SGDOptions>): SGDOptions {
  checkOptions("SGD", options, KNOWN_OPTIONS);
  if (options.lr === undefined) throw new Error("SGD: lr is required; pass { lr } to SGD or to every param group");
  const resolved: SGDOptions = { ...SGD_DEFAULTS, ...options, lr: options.lr };
  checkNonNegative("learning rate", resolved.lr);
  checkNonNegative("momentum", resolved.momentum);
  checkNonNegative("weightDecay", resolved.weightDecay);
  if (typeof resolved.dampening !== "number" || !Number.isFinite(resolved.dampening)) {
    throw new Error(`SGD: invalid dampening ${describeValue(resolved.dampening)} (must be a finite number)`);
  }
  expectBoolean("SGD", "nesterov", resolved.nesterov, false);
  expectBoolean("SGD", "maximize", resolved.maximize, false);
  if (resolved.nesterov && (resolved.momentum <= 0 || resolved.dampening !== 0)) {
    throw new Error(`SGD: nesterov momentum requires momentum > 0 and zero dampening (got momentum ${resolved.momentum}, dampening ${resolved.dampening})`);
  }
  return resolved;
}

/**
 * Stochastic gradient descent, optionally with momentum, with PyTorch's exact update. For each tensor θ
 * with gradient g (negated when `maximize`):
 *   g ← g + λθ;  buf ← g on the first step, else μ·buf + (1 − τ)·g;  g ← g + μ·buf (nesterov) or buf;
 *   θ ← θ − η·g.
 * PyTorch: `torch.optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False, maximize=False)`.
 * @example
 * const trainer = new SGD(net.parameters(), { lr: 0.03 });
 * trainer.zeroGrad(); loss.forward(net.forward(X), y).backward(); trainer.step();
 */
export class SGD extends Optimizer<SGDOptions, SGDState> {
  /** `params`: tensors or param groups (`[{ params, lr }, …]`); `options`: the defaults for every group. */
  constructor(params: ParamsArgument<SGDOptions>, options: Partial<SGDOptions> = {}) {
    super("SGD", params, options, resolveSGDOptions);
  }

  /** PyTorch's `_single_tensor_sgd` for one group, written with in-place kernels (runs under noGrad). */
  protected override updateGroup(group: ParamGroup<SGDOptions>): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    for (const p of group.params) {
      if (p.grad === null) continue;
      let d = maximize ? unaryKernel("neg", p.grad) : p.grad;
      if (weightDecay !== 0) d = binaryKernel("addScaled", d, p, "SGD", undefined, weightDecay);
      if (momentum !== 0) {
        const state = this.state.get(p);
        let buf = state?.momentumBuffer ?? null;
        if (buf === null) {
          buf = unaryKernel("copy", d);
          this.state.set(p, { momentumBuffer: buf });
        } else {
          mul_(buf, momentum);
          add_(buf, d, 1 - dampening);
        }
        d = nesterov ? binaryKernel("addScaled", d, buf, "SGD", undefined, momentum) : buf;
      }
      add_(p, d, -lr);
    }
  }
}
