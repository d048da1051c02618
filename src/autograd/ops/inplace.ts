import { Tensor } from "../../tensor/tensor.js";
import { numelOf } from "../../tensor/shape.js";
import { binaryKernel, castKernel, unaryKernel } from "../../tensor/kernels/elementwise.js";
import { defaultGenerator, type Generator } from "../../tensor/random.js";
import { record } from "../node.js";
import { mustRecordInPlace, recordInPlace } from "../inplace-history.js";
import { asTensor, type Operand } from "./operand.js";
import { canCast, isFloating, resultType, type DType } from "../../tensor/dtype.js";
import { add, div, mul, sub } from "./elementwise.js";
import { clone } from "./views.js";
import { checkOptions, expectFiniteNumber, expectGenerator, expectNumber, expectTensor } from "../../tensor/validate.js";

/**
 * In-place ops, PyTorch style with a trailing underscore. They write through views into the base storage
 * and bump the shared version counter, so a tensor saved for backward and overwritten afterwards is
 * caught at `backward()`. When autograd tracks the target (or an operand, or the base of a view target),
 * the op is recorded as PyTorch records it (../inplace-history.ts): the target's history is rebased onto
 * the op, or through a view the base's history is rewritten. A leaf that requires grad (or a view of one)
 * is refused unless grad mode is off: the `noGrad(() => w.sub_(…))` update of an SGD step.
 */
function bump(t: Tensor): Tensor {
  t._version.value++;
  return t;
}

/** A recorded in-place op whose new value does not depend on the old one (fill, copy, random fills): its old value gets a zero gradient. */
function overwrite(name: string, value: Tensor, old: Tensor, operands: readonly Tensor[] = []): Tensor {
  return record(name, value, [old, ...operands], [], (g, { needsInputGrad }) => [
    needsInputGrad[0] === true ? unaryKernel("fill", g, 0) : null,
    ...operands.map((_, i) => (needsInputGrad[i + 1] === true ? g : null)),
  ]);
}

/** Throws unless an op computing in `dtype` may write into `target` (PyTorch: no float result into an integer tensor). */
function checkCast(op: string, dtype: DType, target: Tensor): void {
  if (!canCast(dtype, target.dtype)) throw new Error(`${op}: result type ${dtype} can't be cast to the desired output type ${target.dtype}`);
}

/** The out-of-place op each recorded in-place op is. mul and div save their first input; the old value is overwritten, so they get a copy of it. */
const OUT_OF_PLACE = {
  add,
  sub,
  mul: (a: Tensor, c: Tensor): Tensor => mul(clone(a), c),
  div: (a: Tensor, c: Tensor): Tensor => div(clone(a), c),
};

function binaryInPlace(op: string, kernel: "add" | "sub" | "mul" | "div", target: Tensor, other: Operand, alpha = 1): Tensor {
  expectNumber(op, "alpha", alpha);
  const b = asTensor(op, other, target.dtype);
  const dtype = kernel === "div" && !isFloating(target.dtype) ? "float32" : resultType([target, typeof other === "number" ? other : b, ...(alpha === 1 ? [] : [alpha])]);
  checkCast(op, dtype, target);
  if (mustRecordInPlace(op, target, [b])) {
    const operand = alpha === 1 ? b : mul(b, alpha);
    const outOfPlace = OUT_OF_PLACE[kernel];
    recordInPlace(op, target, (old) => outOfPlace(old, operand === target ? old : operand));
    return target;
  }
  if (alpha === 1) binaryKernel(kernel, target, b, op, target);
  else binaryKernel("addScaled", target, b, op, target, kernel === "sub" ? -alpha : alpha);
  return bump(target);
}

/** x += alpha·other, in place. PyTorch: `add_`. @example noGrad(() => w.add_(w.grad!, { alpha: -0.1 })) */
export function add_(x: Tensor, other: Operand, alpha = 1): Tensor {
  expectTensor("add_", "input", x);
  return binaryInPlace("add_", "add", x, other, alpha);
}
/** x −= alpha·other, in place. PyTorch: `sub_`. @example noGrad(() => w.sub_(w.grad!.mul(lr))) */
export function sub_(x: Tensor, other: Operand, alpha = 1): Tensor {
  expectTensor("sub_", "input", x);
  return binaryInPlace("sub_", "sub", x, other, alpha);
}
/** x ·= other, in place. PyTorch: `mul_`. @example x.mul_(0.5) */
export function mul_(x: Tensor, other: Operand): Tensor {
  expectTensor("mul_", "input", x);
  return binaryInPlace("mul_", "mul", x, other);
}
/** x /= other, in place. PyTorch: `div_`. @example x.div_(255) */
export function div_(x: Tensor, other: Operand): Tensor {
  expectTensor("div_", "input", x);
  return binaryInPlace("div_", "div", x, other);
}

/** Sets every element to `value`, in place. PyTorch: `fill_`. @example b.fill_(0) */
export function fill_(x: Tensor, value: number): Tensor {
  expectTensor("fill_", "input", x);
  expectNumber("fill_", "value", value);
  return fillWith("fill_", x, value);
}
/** Sets every element to 0, in place. PyTorch: `zero_`. @example w.grad!.zero_() */
export function zero_(x: Tensor): Tensor {
  expectTensor("zero_", "input", x);
  return fillWith("zero_", x, 0);
}

function fillWith(op: string, x: Tensor, value: number): Tensor {
  if (mustRecordInPlace(op, x, [])) {
    recordInPlace(op, x, (old) => overwrite("FillBackward", unaryKernel("fill", old, value), old));
    return x;
  }
  unaryKernel("fill", x, value, 0, x);
  return bump(x);
}
/** Copies `src` (broadcast to x's shape, converted to x's dtype) into x. PyTorch: `copy_`. @example w.copy_(trueW) */
export function copy_(x: Tensor, src: Tensor): Tensor {
  expectTensor("copy_", "input", x);
  expectTensor("copy_", "src", src);
  if (mustRecordInPlace("copy_", x, [src])) {
    recordInPlace("copy_", x, (old) => overwrite("CopyBackwards", binaryKernel("assign", old, src, "copy_"), old, [src]));
    return x;
  }
  binaryKernel("assign", x, src, "copy_", x);
  return bump(x);
}

function fillRandom(op: string, x: Tensor, fill: (data: Float32Array) => void): Tensor {
  if (!isFloating(x.dtype)) throw new Error(`${op}: expected a floating point tensor (float32 or float64), got ${x.dtype}`);
  const n = numelOf(x.shape);
  if (mustRecordInPlace(op, x, [])) {
    const data = new Float32Array(n);
    fill(data);
    const name = op === "normal_" ? "NormalBackward" : "UniformBackward";
    recordInPlace(op, x, (old) => overwrite(name, castKernel(new Tensor(data, x.shape), x.dtype), old));
    return x;
  }
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

const RANDOM_FILL_KEYS = ["generator"];

/** Options of the random in-place fills. */
export interface RandomFillOptions {
  generator?: Generator;
}

/** Fills x with N(mean, std²) samples. PyTorch: `normal_`. @example net.at(0).weight.normal_(0, 0.01) */
export function normal_(x: Tensor, mean = 0, std = 1, opts: RandomFillOptions = {}): Tensor {
  expectTensor("normal_", "input", x);
  expectFiniteNumber("normal_", "mean", mean);
  expectGenerator("normal_", checkOptions("normal_", opts, RANDOM_FILL_KEYS).generator);
  if (!(expectFiniteNumber("normal_", "std", std) >= 0)) throw new Error(`normal_: std must be non-negative (got ${std})`);
  return fillRandom("normal_", x, (d) => (opts.generator ?? defaultGenerator).fillNormal(d, mean, std));
}
/** Fills x with U[low, high) samples. PyTorch: `uniform_`. @example w.uniform_(-0.1, 0.1) */
export function uniform_(x: Tensor, low = 0, high = 1, opts: RandomFillOptions = {}): Tensor {
  expectTensor("uniform_", "input", x);
  expectFiniteNumber("uniform_", "low", low);
  expectFiniteNumber("uniform_", "high", high);
  expectGenerator("uniform_", checkOptions("uniform_", opts, RANDOM_FILL_KEYS).generator);
  if (!(high >= low)) throw new Error(`uniform_: expects low <= high (got low ${low}, high ${high})`);
  return fillRandom("uniform_", x, (d) => (opts.generator ?? defaultGenerator).fillUniform(d, low, high));
}
