import { Tensor } from "../tensor/tensor.js";

/**
 * A tensor that is a module's learnable weight. It is a `Tensor` subclass (not a wrapper), so it goes
 * straight into every op; what the subclass adds is identity: `Module` registers a property holding a
 * `Parameter` as a parameter (`this.weight = new Parameter(...)`), and ignores plain tensors, which
 * stay ordinary attributes. Constructing one shares `data`'s storage (no copy), cuts it from any graph
 * (a leaf) and sets `requiresGrad`. PyTorch: `torch.nn.Parameter`.
 * @example
 * const w = new Parameter(zeros(10, 784)); // w.requiresGrad === true, w.isLeaf === true
 */
export class Parameter extends Tensor {
  /** Wraps `data`'s storage (shared, not copied) as a leaf with `requiresGrad` (default true). */
  constructor(data: Tensor, requiresGrad = true) {
    super(data.storage, data.shape, data.strides, data.offset, data._version, data.dtype);
    this.requiresGrad = requiresGrad;
  }

  /** Printed like PyTorch: `Parameter containing:` above the tensor. PyTorch: `repr(param)`. */
  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
