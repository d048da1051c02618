import type { Tensor } from "../tensor/tensor.js";
import { relu } from "../autograd/ops/elementwise.js";
import { Module } from "./module.js";
import { expectTensor } from "../tensor/validate.js";

/**
 * The rectified linear unit max(x, 0), elementwise, as a module. PyTorch: `torch.nn.ReLU`.
 * @example new ReLU().forward(tensor([-1, 2])) // [0, 2]
 */
export class ReLU extends Module {
  /** max(x, 0). PyTorch: `ReLU.forward`. @example new ReLU().forward(tensor([-1, 2])) // [0, 2] */
  override forward(x: Tensor): Tensor {
    return relu(expectTensor("ReLU.forward", "input", x));
  }
}
