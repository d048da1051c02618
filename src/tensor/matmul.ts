/**
 * Matrix products at the Tensor level, without autograd: shape rules, broadcasting of batch dims, and
 * one `gemm` call per matrix of the batch on strided views of the inputs (never a copy of an input).
 * This is the one place matmul's shape rules live; `src/autograd/ops/matmul.ts` wraps these with their
 * backward rules.
 */
import { Tensor } from "./tensor.js";
import { broadcastShapes, broadcastStrides, fmtShape, numelOf } from "./shape.js";
import { gemmParallel } from "./kernels/gemm-parallel.js";
import { stridedOffsets } from "./strided-offsets.js";
import type { Gemm } from "./kernels/gemm-contract.js";
import { gemmNaive } from "./kernels/gemm-naive.js";
import { binaryKernel, emptyTensor, productSumInto } from "./kernels/elementwise.js";
import { expectTensor } from "./validate.js";

/** An operand seen as a batch of matrices: batch dims, then rows×cols with their strides. */
interface MatrixBatch {
  batchShape: number[];
  batchStrides: number[];
  rows: number;
  cols: number;
  rowStride: number;
  colStride: number;
}

/**
 * Views an operand of ≥1 dims as a batch of matrices. A 1-D operand becomes one row [1, K] on the left
 * of a product (`vector` = "row") or one column [K, 1] on the right ("column"); the stride of the added
 * size-1 dim is 0, which is never read past.
 */
function asMatrixBatch(t: Tensor, vector: "row" | "column"): MatrixBatch {
  const n = t.ndim;
  if (n === 1) {
    const size = t.shape[0]!;
    const stride = t.strides[0]!;
    return vector === "row"
      ? { batchShape: [], batchStrides: [], rows: 1, cols: size, rowStride: 0, colStride: stride }
      : { batchShape: [], batchStrides: [], rows: size, cols: 1, rowStride: stride, colStride: 0 };
  }
  return {
    batchShape: t.shape.slice(0, n - 2),
    batchStrides: t.strides.slice(0, n - 2),
    rows: t.shape[n - 2]!,
    cols: t.shape[n - 1]!,
    rowStride: t.strides[n - 2]!,
    colStride: t.strides[n - 1]!,
  };
}

function checkInnerSizes(op: string, a: Tensor, b: Tensor, ka: number, kb: number): void {
  if (a.dtype !== b.dtype) {
    throw new Error(`${op}: expected both operands to have the same dtype, got ${a.dtype} and ${b.dtype} (convert one with .to())`);
  }
  if (ka !== kb) {
    throw new Error(`${op}: shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)} cannot be multiplied (${ka} != ${kb})`);
  }
}

/**
 * The product for dtypes without a gemm (float64, int32, uint8, bool): one strided reduction over
 * [...batch, M, N, K] views (A read as [M, ·, K], B as [·, N, K], the output with stride 0 along K),
 * each dot product summed in a float64 local. `a` and `b` are the Float32 path's matrix batches.
 */
function productSum(a: Tensor, b: Tensor, am: MatrixBatch, bm: MatrixBatch, batch: readonly number[], aStrides: readonly number[], bStrides: readonly number[], outShape: readonly number[]): Tensor {
  const M = am.rows;
  const N = bm.cols;
  const K = am.cols;
  const out = emptyTensor(outShape, a.dtype);
  const shape = [...batch, M, N, K];
  const outBatch = batch.map((_, i) => numelOf(batch.slice(i + 1)) * M * N);
  const view = (t: Tensor, strides: readonly number[], offset: number): Tensor => new Tensor(t.storage, shape, strides, offset, undefined, t.dtype);
  productSumInto(
    view(out, [...outBatch, N, 1, 0], 0),
    view(a, [...aStrides, am.rowStride, 0, am.colStride], a.offset),
    view(b, [...bStrides, 0, bm.colStride, bm.rowStride], b.offset),
  );
  return out;
}

/**
 * Matrix product with PyTorch's rules: 1-D·1-D is a dot product (shape []), a 1-D operand is treated as
 * a row (left) or a column (right) whose dim is dropped from the result, and ≥3-D operands are batches
 * of matrices whose leading dims broadcast: [2, 1, 3, 4] @ [5, 4, 6] → [2, 5, 3, 6]. Inputs are read
 * through their strides (transposed, sliced and expanded views included); the output is a new
 * contiguous tensor. No autograd. PyTorch: `torch.matmul`.
 * @example matmulForward(randn([2, 1, 3, 4]), randn([5, 4, 6])).shape // [2, 5, 3, 6]
 */
export function matmulForward(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new Error(`matmul: both arguments need at least 1 dimension, got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  }
  const am = asMatrixBatch(a, "row");
  const bm = asMatrixBatch(b, "column");
  checkInnerSizes("matmul", a, b, am.cols, bm.rows);
  const M = am.rows;
  const K = am.cols;
  const N = bm.cols;
  const batch = broadcastShapes("matmul (batch dims)", am.batchShape, bm.batchShape);
  const aStrides = broadcastStrides(am.batchShape, am.batchStrides, batch);
  const bStrides = broadcastStrides(bm.batchShape, bm.batchStrides, batch);
  const outShape = [...batch, ...(a.ndim > 1 ? [M] : []), ...(b.ndim > 1 ? [N] : [])];
  if (a.dtype !== "float32") return productSum(a, b, am, bm, batch, aStrides, bStrides, outShape);
  const count = numelOf(batch);
  // accumulate = false although the fresh output is already zero: the wasm gemm then stores its sums
  // instead of copying C in to add to it (G·Wᵀ [256,10]·[10,784]: 1.46 ms against 2.37 in one run); the
  // TypeScript gemm's extra zeroing pass measured within noise.
  const out = new Float32Array(count * M * N);
  const aOffsets = stridedOffsets(batch, aStrides, a.offset);
  const bOffsets = stridedOffsets(batch, bStrides, b.offset);
  for (let n = 0; n < count; n++) {
    gemmParallel(M, N, K, a.storage as Float32Array, aOffsets[n]!, am.rowStride, am.colStride, b.storage as Float32Array, bOffsets[n]!, bm.rowStride, bm.colStride, out, n * M * N, N, false);
  }
  return new Tensor(out, outShape);
}

/**
 * Throws naming `op` unless `a` and `b` are 2-D matrices with matching inner sizes; returns [M, K, N].
 * @example checkMatrices("mm", zeros(2, 3), zeros(3, 4)) // [2, 3, 4]
 */
export function checkMatrices(op: string, a: Tensor, b: Tensor): [number, number, number] {
  if (a.ndim !== 2 || b.ndim !== 2) {
    throw new Error(`${op}: expected 2-D matrices, got shapes ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  }
  checkInnerSizes(op, a, b, a.shape[1]!, b.shape[0]!);
  return [a.shape[0]!, a.shape[1]!, b.shape[1]!];
}

/** The 2-D product `kernel` computes into a new [M, N] tensor, with an optional bias row read at `biasStride`. */
function matrixProduct(op: string, kernel: Gemm, a: Tensor, b: Tensor, bias?: Tensor, biasStride = 1): Tensor {
  const [M, K, N] = checkMatrices(op, a, b);
  if (a.dtype !== "float32" || (bias !== undefined && bias.dtype !== "float32")) {
    const product = matmulForward(a, b);
    return bias === undefined ? product : binaryKernel("add", product, bias, op);
  }
  const out = new Float32Array(M * N);
  // Checked just above: every operand of the gemm path is float32.
  kernel(
    M, N, K,
    a.storage as Float32Array, a.offset, a.strides[0]!, a.strides[1]!,
    b.storage as Float32Array, b.offset, b.strides[0]!, b.strides[1]!,
    out, 0, N, false,
    bias?.storage as Float32Array | undefined, bias?.offset, biasStride,
  );
  return new Tensor(out, [M, N]);
}

/** Stride along N of a bias that broadcasts over the rows of an [M, N] product ([N], [1, N], [], [1]); null if it does not. */
function biasRowStride(bias: Tensor, N: number): number | null {
  const n = bias.ndim;
  if (n > 2 || (n === 2 && bias.shape[0] !== 1)) return null;
  if (n === 0) return 0;
  const size = bias.shape[n - 1]!;
  if (size === N) return bias.strides[n - 1]!;
  return size === 1 ? 0 : null;
}

/**
 * bias + a·b for 2-D a [M, K], b [K, N] and a bias row of shape [N] or [1, N] (size-1 dims broadcast),
 * with the bias add fused into the matmul kernel: the output starts as the bias rows and the product
 * accumulates onto them. For `nn.Linear`. No autograd. PyTorch: `torch.addmm(bias, a, b)`.
 * @example addmmForward(zeros([10]), randn([256, 784]), randn([784, 10])).shape // [256, 10]
 */
export function addmmForward(bias: Tensor, a: Tensor, b: Tensor): Tensor {
  const [, , N] = checkMatrices("addmm", a, b);
  const stride = biasRowStride(bias, N);
  if (stride === null) {
    throw new Error(`addmm: bias of shape ${fmtShape(bias.shape)} cannot be added to the rows of a product with ${N} columns (expected [${N}] or [1, ${N}])`);
  }
  return matrixProduct("addmm", gemmParallel, a, b, bias, stride);
}

/**
 * The product of two matrices by the plain triple loop (one float64 dot product per output element):
 * the "looped" side of the looped-versus-vectorized comparison, and a reference for the fast kernel.
 * a [M, K] · b [K, N] → [M, N], inputs read through their strides. No autograd. PyTorch: `torch.mm`
 * (written as Python loops).
 * @example matmulNaive(tensor([[1, 2], [3, 4]]), tensor([[1, 0], [0, 1]])).toArray() // [[1, 2], [3, 4]]
 */
export function matmulNaive(a: Tensor, b: Tensor): Tensor {
  expectTensor("matmulNaive", "input", a);
  expectTensor("matmulNaive", "other", b);
  return matrixProduct("matmulNaive", gemmNaive, a, b);
}
