import type { Tensor } from "../../tensor/tensor.js";
import { fmtShape } from "../../tensor/shape.js";
import { addmmForward, matmulForward } from "../../tensor/matmul.js";
import { record } from "../node.js";
import { squeeze, transpose, unsqueeze } from "./views.js";

/** The ≥2-D product with its backward: dA = g·Bᵀ, dB = Aᵀ·g (batch dims summed down by the engine). */
function matmul2d(a: Tensor, b: Tensor): Tensor {
  return record(
    "MmBackward",
    matmulForward(a, b),
    [a, b],
    (g) => [a.requiresGrad ? matmul(g, transpose(b, -1, -2)) : null, b.requiresGrad ? matmul(transpose(a, -1, -2), g) : null],
    [a, b],
  );
}

/**
 * Matrix product with PyTorch's rules: 1-D·1-D is a dot product, a 1-D operand gains (and then loses) a
 * dim, ≥3-D operands are batches whose leading dims broadcast. Transposed inputs are read in place.
 * PyTorch: `torch.matmul`.
 * @example matmul(randn(256, 784), randn(784, 10)) // shape [256, 10]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new Error(`matmul: both arguments need at least 1 dimension, got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  }
  if (a.ndim === 1 && b.ndim === 1 && a.shape[0] !== b.shape[0]) {
    throw new Error(`matmul: shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} cannot be multiplied (${a.shape[0]} != ${b.shape[0]})`);
  }
  if (a.ndim === 1 && b.ndim === 1) return squeeze(matmul2d(unsqueeze(a, 0), unsqueeze(b, 1)), [0, 1]);
  if (a.ndim === 1) return squeeze(matmul(unsqueeze(a, 0), b), -2);
  if (b.ndim === 1) return squeeze(matmul(a, unsqueeze(b, -1)), -1);
  return matmul2d(a, b);
}

/**
 * Product of two matrices (2-D only). PyTorch: `torch.mm`.
 * @example mm(ones(2, 3), ones(3, 4)) // shape [2, 4], all 3
 */
export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2 || b.ndim !== 2) {
    throw new Error(`mm: both arguments must be 2-D, got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  }
  return matmul2d(a, b);
}

/**
 * a·b + bias in one pass (the bias add fused into the matmul kernel), for `nn.Linear`. `bias` is [N].
 * PyTorch: `torch.addmm(bias, a, b)`.
 * @example addmm(zeros(10), X, W) // X @ W
 */
export function addmm(bias: Tensor, a: Tensor, b: Tensor): Tensor {
  return record(
    "AddmmBackward",
    addmmForward(bias, a, b),
    [bias, a, b],
    (g) => [g, a.requiresGrad ? matmul(g, transpose(b, -1, -2)) : null, b.requiresGrad ? matmul(transpose(a, -1, -2), g) : null],
    [a, b],
  );
}
