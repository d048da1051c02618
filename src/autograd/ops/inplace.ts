import { Tensor } from "../../tensor/tensor.js";
import { numelOf } from "../../tensor/shape.js";
import { binaryKernel, unaryKernel, type BinaryKernelName } from "../../tensor/kernels/elementwise.js";
import { defaultGenerator, type Generator } from "../../tensor/random.js";
import { isGradEnabled } from "../grad-mode.js";
import { canCast, isFloating, resultType, type DType } from "../../tensor/dtype.js";
import { asTensor, type Operand } from "./operand.js";

/**
 * In-place ops, PyTorch style with a trailing underscore. They write through views into the base
 * storage and bump the shared version counter, so a tensor saved for backward and overwritten afterwards
 * is caught at `backward()`. They are not recorded: on a tensor that requires grad they throw unless grad
 * mode is off (the `noGrad(() => w.sub_(…))` update of an SGD step).
 */
function checkWritable(op: string, target: Tensor, other?: Tensor): void {
  if (!isGradEnabled()) return;
  if (target.requiresGrad && target.isLeaf) {
    throw new Error(`${op}: a leaf tensor that requires grad is being used in an in-place operation; wrap the update in noGrad(() => ...)`);
  }
  if (target.requiresGrad || other?.requiresGrad === true) {
    throw new Error(`${op}: in-place operations on tensors tracked by autograd are not supported; use the out-of-place op or noGrad(() => ...)`);
  }
}

function bump(t: Tensor): Tensor {
  t._version.value++;
  return t;
}

/** Throws unless an op computing in `dtype` may write into `target` (PyTorch: no float result into an integer tensor). */
function checkCast(op: string, dtype: DType, target: Tensor): void {
  if (!canCast(dtype, target.dtype)) throw new Error(`${op}: result type ${dtype} can't be cast to the desired output type ${target.dtype}`);
}

function binaryInPlace(op: string, kernel: BinaryKernelName, target: Tensor, other: Operand, alpha = 1): Tensor {
  const b = asTensor(op, other, target.dtype);
  const dtype = kernel === "div" && !isFloating(target.dtype) ? "float32" : resultType([target, typeof other === "number" ? other : b, ...(alpha === 1 ? [] : [alpha])]);
  checkCast(op, dtype, target);
  checkWritable(op, target, b);
  if (alpha === 1) binaryKernel(kernel, target, b, op, target);
  else binaryKernel("addScaled", target, b, op, target, kernel === "sub" ? -alpha : alpha);
  return bump(target);
}

/** x += alpha·other, in place. PyTorch: `add_`. @example noGrad(() => w.add_(w.grad!, { alpha: -0.1 })) */
export function add_(x: Tensor, other: Operand, alpha = 1): Tensor {
  return binaryInPlace("add_", "add", x, other, alpha);
}
/** x −= alpha·other, in place. PyTorch: `sub_`. @example noGrad(() => w.sub_(w.grad!.mul(lr))) */
export function sub_(x: Tensor, other: Operand, alpha = 1): Tensor {
  return binaryInPlace("sub_", "sub", x, other, alpha);
}
/** x ·= other, in place. PyTorch: `mul_`. @example x.mul_(0.5) */
export function mul_(x: Tensor, other: Operand): Tensor {
  return binaryInPlace("mul_", "mul", x, other);
}
/** x /= other, in place. PyTorch: `div_`. @example x.div_(255) */
export function div_(x: Tensor, other: Operand): Tensor {
  return binaryInPlace("div_", "div", x, other);
}

/** Sets every element to `value`, in place. PyTorch: `fill_`. @example b.fill_(0) */
export function fill_(x: Tensor, value: number): Tensor {
  checkWritable("fill_", x);
  unaryKernel("fill", x, value, 0, x);
  return bump(x);
}
/** Sets every element to 0, in place. PyTorch: `zero_`. @example w.grad!.zero_() */
export function zero_(x: Tensor): Tensor {
  checkWritable("zero_", x);
  unaryKernel("fill", x, 0, 0, x);
  return bump(x);
}
/** Copies `src` (broadcast to x's shape, converted to x's dtype) into x. PyTorch: `copy_`. @example w.copy_(trueW) */
export function copy_(x: Tensor, src: Tensor): Tensor {
  checkWritable("copy_", x, src);
  binaryKernel("assign", x, src, "copy_", x);
  return bump(x);
}

function fillRandom(op: string, x: Tensor, fill: (data: Float32Array) => void): Tensor {
  checkWritable(op, x);
  if (!isFloating(x.dtype)) throw new Error(`${op}: expected a floating point tensor (float32 or float64), got ${x.dtype}`);
  const n = numelOf(x.shape);
  if (x.isContiguous() && x.storage instanceof Float32Array) fill(x.storage.subarray(x.offset, x.offset + n));
  else {
    // Samples are drawn in row-major order (at float32 precision) either way, so a view or a float64
    // tensor gets the same values a contiguous float32 tensor would.
    const data = new Float32Array(n);
    fill(data);
    unaryKernel("copy", new Tensor(data, x.shape), 0, 0, x);
  }
  return bump(x);
}

/** Options of the random in-place fills. */
export interface RandomFillOptions {
  generator?: Generator;
}

/** Fills x with N(mean, std²) samples. PyTorch: `normal_`. @example net.at(0).weight.normal_(0, 0.01) */
export function normal_(x: Tensor, mean = 0, std = 1, opts: RandomFillOptions = {}): Tensor {
  if (!(std >= 0)) throw new Error(`normal_: std must be non-negative (got ${std})`);
  return fillRandom("normal_", x, (d) => (opts.generator ?? defaultGenerator).fillNormal(d, mean, std));
}
/** Fills x with U[low, high) samples. PyTorch: `uniform_`. @example w.uniform_(-0.1, 0.1) */
export function uniform_(x: Tensor, low = 0, high = 1, opts: RandomFillOptions = {}): Tensor {
  if (!(high >= low)) throw new Error(`uniform_: expects low <= high (got low ${low}, high ${high})`);
  return fillRandom("uniform_", x, (d) => (opts.generator ?? defaultGenerator).fillUniform(d, low, high));
}
