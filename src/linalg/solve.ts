/** Dense linear systems by Gaussian elimination with partial pivoting, in float64. Not differentiable. */
import type { Tensor } from "../tensor/tensor.js";
import { fromArray } from "../tensor/creation.js";
import { fmtShape } from "../tensor/shape.js";
import { isGradEnabled } from "../autograd/grad-mode.js";
import { expectTensor } from "../tensor/validate.js";

function checkNotTracked(op: string, tensors: readonly Tensor[]): void {
  tensors.forEach((t, i) => expectTensor(op, i === 0 ? "A" : "B", t));
  if (isGradEnabled() && tensors.some((t) => t.requiresGrad)) {
    throw new Error(`${op}: not differentiable in tsgrad; call it under noGrad(() => ...) or on detached tensors`);
  }
}

/**
 * Solves A X = B for X: A `[n, n]`, B `[n]` or `[n, k]`; X has B's shape. Computed in float64 with
 * partial pivoting and rounded to float32 once. A singular matrix is an error. Not differentiable:
 * inputs that require grad are an error while grad mode is on.
 * PyTorch: `torch.linalg.solve(A, B)`.
 * @example solve(tensor([[2, 1], [1, 3]]), tensor([3, 5])) // tensor([0.8, 1.4])
 */
export function solve(A: Tensor, B: Tensor): Tensor {
  checkNotTracked("linalg.solve", [A, B]);
  if (A.ndim !== 2 || A.shape[0] !== A.shape[1]) {
    throw new Error(`linalg.solve: A must be a square matrix [n, n], got shape ${fmtShape(A.shape)}`);
  }
  const n = A.shape[0]!;
  if ((B.ndim !== 1 && B.ndim !== 2) || B.shape[0] !== n) {
    throw new Error(`linalg.solve: B must be [${n}] or [${n}, k] for A of shape ${fmtShape(A.shape)}, got ${fmtShape(B.shape)}`);
  }
  const k = B.ndim === 1 ? 1 : B.shape[1]!;
  const a = Float64Array.from(A.toFloat32Array());
  const b = Float64Array.from(B.toFloat32Array());
  let scale = 0;
  for (const v of a) scale = Math.max(scale, Math.abs(v));
  // A pivot this small relative to A's entries is zero up to float64 rounding.
  const tiny = scale * n * Number.EPSILON;
  for (let col = 0; col < n; col++) {
    let pivotRow = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]!) > Math.abs(a[pivotRow * n + col]!)) pivotRow = r;
    const pivot = a[pivotRow * n + col]!;
    if (!(Math.abs(pivot) > tiny)) {
      throw new Error(`linalg.solve: the matrix of shape ${fmtShape(A.shape)} is singular (no nonzero pivot in column ${col})`);
    }
    if (pivotRow !== col) {
      swapRows(a, n, pivotRow, col);
      swapRows(b, k, pivotRow, col);
    }
    for (let r = col + 1; r < n; r++) {
      const factor = a[r * n + col]! / pivot;
      if (factor === 0) continue;
      for (let c = col; c < n; c++) a[r * n + c]! -= factor * a[col * n + c]!;
      for (let c = 0; c < k; c++) b[r * k + c]! -= factor * b[col * k + c]!;
    }
  }
  // Back substitution, one right-hand side column at a time.
  for (let row = n - 1; row >= 0; row--) {
    for (let c = 0; c < k; c++) {
      let v = b[row * k + c]!;
      for (let j = row + 1; j < n; j++) v -= a[row * n + j]! * b[j * k + c]!;
      b[row * k + c] = v / a[row * n + row]!;
    }
  }
  return fromArray(Float32Array.from(b), B.shape);
}

function swapRows(m: Float64Array, width: number, i: number, j: number): void {
  for (let c = 0; c < width; c++) {
    const t = m[i * width + c]!;
    m[i * width + c] = m[j * width + c]!;
    m[j * width + c] = t;
  }
}

/**
 * The inverse of a square matrix, `solve(A, I)`. Prefer `solve(A, B)` to `inv(A).matmul(B)`: it is
 * cheaper and more accurate. Not differentiable. PyTorch: `torch.linalg.inv(A)`.
 * @example inv(tensor([[2, 1], [1, 3]])) // tensor([[0.6, -0.2], [-0.2, 0.4]])
 */
export function inv(A: Tensor): Tensor {
  checkNotTracked("linalg.inv", [A]);
  if (A.ndim !== 2 || A.shape[0] !== A.shape[1]) {
    throw new Error(`linalg.inv: A must be a square matrix [n, n], got shape ${fmtShape(A.shape)}`);
  }
  const n = A.shape[0]!;
  const identity = new Float32Array(n * n);
  for (let i = 0; i < n; i++) identity[i * n + i] = 1;
  return solve(A, fromArray(identity, [n, n]));
}
