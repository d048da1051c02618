import type { Tensor } from "../tensor/tensor.js";
import { zeros } from "../tensor/creation.js";
import { Module } from "./module.js";
import { Parameter } from "./parameter.js";
import { linear } from "./functional.js";
import { kaimingUniform_, uniform_, zeros_ } from "./init.js";
import { checkOptions, expectBoolean, expectInteger, expectTensor } from "../tensor/validate.js";

/** Options of `Linear`. */
export interface LinearOptions {
  /** Learn an additive bias. Default true. */
  bias?: boolean;
}

function checkFeatures(name: string, value: number): number {
  if (expectInteger("Linear", name, value) < 0) throw new Error(`Linear: ${name} must be a non-negative integer, got ${value}`);
  return value;
}

/**
 * A fully connected layer y = x·Wᵀ + b with `weight` [out, in] and `bias` [out] (or null). Input [..., in],
 * output [..., out]. Initialised as PyTorch does: W and b from U(−1/√in, 1/√in) (kaiming_uniform with
 * a = √5). PyTorch: `torch.nn.Linear(in_features, out_features, bias=True)`.
 * @example
 * const layer = new Linear(784, 10);
 * layer.forward(randn(256, 784)).shape // [256, 10]
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    this.inFeatures = checkFeatures("inFeatures", inFeatures);
    this.outFeatures = checkFeatures("outFeatures", outFeatures);
    const bias = expectBoolean("Linear", "bias", checkOptions("Linear", options, ["bias"]).bias, true);
    this.weight = new Parameter(zeros(outFeatures, inFeatures));
    this.bias = bias ? new Parameter(zeros(outFeatures)) : null;
    this.resetParameters();
  }

  /**
   * Draws fresh initial values: W ~ U(−1/√in, 1/√in) via `kaimingUniform_(W, { a: √5 })`, b from the same
   * interval (zero when in = 0). PyTorch: `reset_parameters()`.
   * @example manualSeed(0); layer.resetParameters();
   */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias === null) return;
    if (this.inFeatures === 0) zeros_(this.bias);
    else uniform_(this.bias, -1 / Math.sqrt(this.inFeatures), 1 / Math.sqrt(this.inFeatures));
  }

  /**
   * x·Wᵀ + b. PyTorch: `Linear.forward`.
   * @example new Linear(2, 1).forward(randn(10, 2)).shape // [10, 1]
   */
  override forward(x: Tensor): Tensor {
    return linear(expectTensor("Linear.forward", "input", x), this.weight, this.bias);
  }

  /** `in_features=784, out_features=10, bias=True`, as PyTorch prints it. */
  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias === null ? "False" : "True"}`;
  }
}
