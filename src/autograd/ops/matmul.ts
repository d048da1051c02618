import type { Tensor } from "../../tensor/tensor.js";
import { addmmForward, checkMatrices, matmulForward } from "../../tensor/matmul.js";
import { record } from "../node.js";
import { squeeze, transpose, unsqueeze } from "./views.js";
import { expectTensor } from "../../tensor/validate.js";

/**
 * The gradients of y = a·b for operands of any rank matmul accepts: dA = g·Bᵀ and dB = Aᵀ·g on the
 * operands seen as ≥2-D (a 1-D `a` as a row [1, K], a 1-D `b` as a column [K, 1], `g` regaining the
 * dropped dims), the added dim dropped again; batch dims are summed down by the engine.
 */
function productGradients(g: Tensor, a: Tensor, b: Tensor, needsA: boolean, needsB: boolean): (Tensor | null)[] {
  const a2 = a.ndim === 1 ? unsqueeze(a, 0) : a;
  const b2 = b.ndim === 1 ? unsqueeze(b, -1) : b;
  let g2 = a.ndim === 1 ? unsqueeze(g, b.ndim === 1 ? 0 : -2) : g;
  if (b.ndim === 1) g2 = unsqueeze(g2, -1);
  const dA = needsA ? product(g2, transpose(b2, -1, -2)) : null;
  const dB = needsB ? product(transpose(a2, -1, -2), g2) : null;
  return [dA !== null && a.ndim === 1 ? squeeze(dA, -2) : dA, dB !== null && b.ndim === 1 ? squeeze(dB, -1) : dB];
}

/** The recorded product: forward in the tensor layer (which owns every shape rule), backward above. */
function product(a: Tensor, b: Tensor): Tensor {
  return record("MmBackward", matmulForward(a, b), [a, b], [a, b], (g, { saved: [x, w], needsInputGrad: [needsA, needsB] }) =>
    productGradients(g, x, w, needsA === true, needsB === true),
  );
}

/**
 * Matrix product with PyTorch's rules: 1-D·1-D is a dot product, a 1-D operand gains (and then loses) a
 * dim, ≥3-D operands are batches whose leading dims broadcast. Transposed inputs are read in place.
 * [..., M, K] · [..., K, N] → [..., M, N]. PyTorch: `torch.matmul`.
 * @example matmul(randn(256, 784), randn(784, 10)) // shape [256, 10]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  expectTensor("matmul", "input", a);
  expectTensor("matmul", "other", b);
  return product(a, b);
}

/**
 * Product of two matrices (2-D only): [M, K] · [K, N] → [M, N]. PyTorch: `torch.mm`.
 * @example mm(ones(2, 3), ones(3, 4)) // shape [2, 4], all 3
 */
export function mm(a: Tensor, b: Tensor): Tensor {
  expectTensor("mm", "input", a);
  expectTensor("mm", "other", b);
  checkMatrices("mm", a, b);
  return product(a, b);
}

/**
 * bias + a·b in one pass (the bias add fused into the matmul kernel), for `nn.Linear`: bias [N] (or
 * [1, N]), a [M, K], b [K, N] → [M, N]. PyTorch: `torch.addmm(bias, a, b)`.
 * @example addmm(zeros(10), X, W) // X @ W
 */
export function addmm(bias: Tensor, a: Tensor, b: Tensor): Tensor {
  expectTensor("addmm", "bias", bias);
  expectTensor("addmm", "mat1", a);
  expectTensor("addmm", "mat2", b);
  return record("AddmmBackward", addmmForward(bias, a, b), [bias, a, b], [a, b], (g, { saved: [x, w], needsInputGrad: [, needsA, needsB] }) => [
    g,
    ...productGradients(g, x, w, needsA === true, needsB === true),
  ]);
}
