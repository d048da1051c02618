import type { Tensor } from "../tensor/tensor.js";
import { flatten } from "../autograd/ops/views.js";
import { Module } from "./module.js";
import { expectInteger, expectTensor } from "../tensor/validate.js";

/**
 * Merges dims `startDim` … `endDim` into one (a view when the layout allows): by default every dim but the
 * batch dim, so [N, 1, 28, 28] becomes [N, 784]. PyTorch: `torch.nn.Flatten(start_dim=1, end_dim=-1)`.
 * @example new Flatten().forward(zeros(256, 1, 28, 28)).shape // [256, 784]
 */
export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;

  constructor(startDim = 1, endDim = -1) {
    super();
    this.startDim = expectInteger("Flatten", "startDim", startDim);
    this.endDim = expectInteger("Flatten", "endDim", endDim);
  }

  /** `flatten(x, startDim, endDim)`. PyTorch: `Flatten.forward`. @example new Flatten(0).forward(zeros(2, 3)).shape // [6] */
  override forward(x: Tensor): Tensor {
    return flatten(expectTensor("Flatten.forward", "input", x), this.startDim, this.endDim);
  }

  /** `start_dim=1, end_dim=-1`, as PyTorch prints it. */
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}
