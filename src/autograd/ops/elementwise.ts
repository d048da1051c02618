import { Tensor } from "../../tensor/tensor.js";
import { binaryKernel, castKernel, unaryKernel, whereKernel3, type BinaryKernelName, type UnaryKernelName } from "../../tensor/kernels/elementwise.js";
import { resultType } from "../../tensor/dtype.js";
import { needsGrad, record, type BackwardRule } from "../node.js";
import { asTensor, operands, type Operand } from "./operand.js";
import { expectNumber, expectTensor } from "../../tensor/validate.js";

/**
 * The elementwise derivative table, one entry per op (PyTorch's derivatives.yaml, tinygrad's pattern
 * table): what the op saves for backward (`self` = first input, `other` = second, `result` = output,
 * `condition` = where's mask) and one formula per input, d(op)/d(input) applied to the incoming gradient
 * `g`. A formula runs only when its input needs a gradient, and can read only what its entry saves.
 * Broadcast gradients are summed down by the engine. `p` holds an op's scalar parameters (clamp's bounds).
 */
interface Saved {
  readonly self: Tensor;
  readonly other: Tensor;
  readonly result: Tensor;
  readonly condition: Tensor;
}
type Formula<S extends keyof Saved> = (g: Tensor, saved: Pick<Saved, S>, p: readonly number[]) => Tensor;
interface Derivative {
  readonly saves: readonly (keyof Saved)[];
  readonly grads: readonly Formula<keyof Saved>[];
}

/** Checks an entry's formulas against the names it saves. */
function entry<S extends keyof Saved>(saves: readonly S[], ...grads: Formula<S>[]): Derivative {
  return { saves, grads };
}

const ZERO = asTensor("relu", 0);
const ONE = asTensor("relu", 1);

const DERIVATIVES = {
  neg: entry([], (g) => neg(g)),
  exp: entry(["result"], (g, s) => mul(g, s.result)),
  log: entry(["self"], (g, s) => div(g, s.self)),
  sqrt: entry(["result"], (g, s) => div(g, mul(s.result, 2))),
  abs: entry(["self"], (g, s) => mul(g, unaryKernel("sign", s.self))),
  // PyTorch's threshold_backward: 0 where result <= 0, else g — so a NaN input passes its gradient.
  relu: entry(["result"], (g, s) => mul(g, binaryKernel("sub", ONE, binaryKernel("le", s.result, ZERO)))),
  sigmoid: entry(["result"], (g, s) => mul(g, mul(s.result, sub(1, s.result)))),
  tanh: entry(["result"], (g, s) => mul(g, sub(1, mul(s.result, s.result)))),
  clamp: entry(["self"], (g, s, [lo, hi]) => mul(g, inRange(s.self, lo!, hi!))),
  add: entry([], (g) => g, (g) => g),
  sub: entry([], (g) => g, (g) => neg(g)),
  mul: entry(["self", "other"], (g, s) => mul(g, s.other), (g, s) => mul(g, s.self)),
  div: entry(["self", "other", "result"], (g, s) => div(g, s.other), (g, s) => neg(div(mul(g, s.result), s.other))),
  // Masked as PyTorch does: an exponent of 0 has no base gradient (not 0·0⁻¹ = NaN), and a base of 0
  // with a non-negative exponent has no exponent gradient (not 0·ln 0 = NaN).
  pow: entry(
    ["self", "other", "result"],
    (g, s) => mul(g, where(eq(s.other, 0), 0, mul(s.other, pow(s.self, sub(s.other, 1))))),
    (g, s) => mul(g, where(mul(eq(s.self, 0), ge(s.other, 0)), 0, mul(s.result, log(s.self)))),
  ),
  maximum: entry(["self", "other"], (g, s) => mul(g, winnerMask(s.self, s.other, "lt")), (g, s) => mul(g, winnerMask(s.other, s.self, "lt"))),
  minimum: entry(["self", "other"], (g, s) => mul(g, winnerMask(s.self, s.other, "gt")), (g, s) => mul(g, winnerMask(s.other, s.self, "gt"))),
  where: entry(["condition"], (g, s) => where(s.condition, g, 0), (g, s) => where(s.condition, 0, g)),
} satisfies Record<string, Derivative>;

type DifferentiableOp = keyof typeof DERIVATIVES;

/** The backward rule of one table entry: each input's formula, where that input needs a gradient. */
function ruleOf(op: DifferentiableOp, params: readonly number[]): BackwardRule {
  const { saves, grads }: Derivative = DERIVATIVES[op];
  return (g, ctx) => {
    const saved: Partial<Record<keyof Saved, Tensor>> = {};
    saves.forEach((name, i) => (saved[name] = ctx.saved[i]));
    return grads.map((formula, i) => (ctx.needsInputGrad[i] ? formula(g, saved as Saved, params) : null));
  };
}

const NO_PARAMS: readonly number[] = [];

/**
 * Records an elementwise op from its table entry: `inputs` are self (and other), `result` the output,
 * `condition` where's mask. Saves only what the entry names.
 */
function recordElementwise(op: DifferentiableOp, result: Tensor, inputs: readonly Tensor[], params = NO_PARAMS, condition?: Tensor): Tensor {
  if (!needsGrad(inputs)) return result;
  const values: Partial<Saved> = { self: inputs[0], other: inputs[1], result, condition };
  const saved = DERIVATIVES[op].saves.map((name) => values[name]!);
  return record(nodeName(op), result, inputs, saved, ruleOf(op, params));
}

const nodeNames = new Map<string, string>();
/** `"exp"` → `"ExpBackward"`, built once per op rather than on every call. */
function nodeName(op: string): string {
  let name = nodeNames.get(op);
  if (name === undefined) {
    name = `${op[0]!.toUpperCase()}${op.slice(1)}Backward`;
    nodeNames.set(op, name);
  }
  return name;
}

function unary(name: UnaryKernelName & DifferentiableOp, x: Tensor): Tensor {
  expectTensor(name, "input", x);
  return recordElementwise(name, unaryKernel(name, x), [x]);
}

function binary(name: BinaryKernelName & DifferentiableOp, a: Operand, b: Operand): Tensor {
  const [x, z] = operands(name, a, b);
  return recordElementwise(name, binaryKernel(name, x, z), [x, z]);
}

/** Elementwise −x (not defined for bool, as in PyTorch). PyTorch: `torch.neg`. @example neg(tensor([1, -2])) // [-1, 2] */
export function neg(x: Tensor): Tensor {
  if (x instanceof Tensor && x.dtype === "bool") throw new Error("neg: negation, the `-` operator, on a bool tensor is not supported; use logicalNot() instead");
  return unary("neg", x);
}
/** Elementwise eˣ. PyTorch: `torch.exp`. @example exp(tensor([0])) // [1] */
export function exp(x: Tensor): Tensor {
  return unary("exp", x);
}
/** Elementwise natural log. PyTorch: `torch.log`. @example log(tensor([1])) // [0] */
export function log(x: Tensor): Tensor {
  return unary("log", x);
}
/** Elementwise √x. PyTorch: `torch.sqrt`. @example sqrt(tensor([4])) // [2] */
export function sqrt(x: Tensor): Tensor {
  return unary("sqrt", x);
}
/** Elementwise |x|; its gradient at 0 is 0. PyTorch: `torch.abs`. @example abs(tensor([-3])) // [3] */
export function abs(x: Tensor): Tensor {
  return unary("abs", x);
}
/** Elementwise max(x, 0); its gradient at 0 is 0. PyTorch: `torch.relu`. @example relu(tensor([-1, 2])) // [0, 2] */
export function relu(x: Tensor): Tensor {
  return unary("relu", x);
}
/** Elementwise 1/(1+e⁻ˣ). PyTorch: `torch.sigmoid`. @example sigmoid(tensor([0])) // [0.5] */
export function sigmoid(x: Tensor): Tensor {
  return unary("sigmoid", x);
}
/** Elementwise tanh x. PyTorch: `torch.tanh`. @example tanh(tensor([0])) // [0] */
export function tanh(x: Tensor): Tensor {
  return unary("tanh", x);
}

/**
 * Elementwise min(max(x, min), max); either bound may be omitted. PyTorch: `torch.clamp`.
 * @example clamp(tensor([-2, 0.5, 3]), 0, 1) // [0, 0.5, 1]
 */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  expectTensor("clamp", "input", x);
  if (min != null) expectNumber("clamp", "min", min);
  if (max != null) expectNumber("clamp", "max", max);
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  if (min == null && max == null) throw new Error("clamp: at least one of min and max must be given");
  // Bounds promote like scalar operands: an int32 tensor clamped to 0.5 becomes float32.
  const dtype = resultType([x, ...(min == null ? [] : [min]), ...(max == null ? [] : [max])]);
  const input = dtype === x.dtype ? x : castKernel(x, dtype);
  return recordElementwise("clamp", unaryKernel("clamp", input, lo, hi), [x], [lo, hi]);
}

function inRange(x: Tensor, lo: number, hi: number): Tensor {
  return binaryKernel("mul", binaryKernel("ge", x, asTensor("clamp", lo, x.dtype)), binaryKernel("le", x, asTensor("clamp", hi, x.dtype)));
}

/** a + b with broadcasting. PyTorch: `torch.add`. @example add(tensor([1, 2]), 10) // [11, 12] */
export function add(a: Operand, b: Operand): Tensor {
  return binary("add", a, b);
}

/** a − b with broadcasting (not of two bools, as in PyTorch). PyTorch: `torch.sub`. @example sub(tensor([5]), tensor([2])) // [3] */
export function sub(a: Operand, b: Operand): Tensor {
  if (a instanceof Tensor && b instanceof Tensor && a.dtype === "bool" && b.dtype === "bool") {
    throw new Error("sub: subtraction, the `-` operator, with two bool tensors is not supported; use logicalXor() instead");
  }
  return binary("sub", a, b);
}

/** a · b elementwise with broadcasting. PyTorch: `torch.mul`. @example mul(tensor([2, 3]), tensor([4, 5])) // [8, 15] */
export function mul(a: Operand, b: Operand): Tensor {
  return binary("mul", a, b);
}

/** a / b elementwise with broadcasting; true division, so integer operands give float32. PyTorch: `torch.div`. @example div(tensor([1]), 4) // [0.25] */
export function div(a: Operand, b: Operand): Tensor {
  return binary("div", a, b);
}

/**
 * a ** b elementwise with broadcasting. The exponent's gradient g·y·ln a is computed only when the
 * exponent requires grad (it is NaN for a < 0); at a = 0 both gradients are masked as in PyTorch.
 * PyTorch: `torch.pow`.
 * @example pow(tensor([2, 3]), 2) // [4, 9]
 */
export function pow(a: Operand, b: Operand): Tensor {
  return binary("pow", a, b);
}

/**
 * `a`'s share of the gradient in maximum/minimum, as PyTorch's derivative: 1/2 on ties, 0 where `a` loses
 * (`loses` = "lt" for maximum), 1 elsewhere — so where either side is NaN both get the full gradient.
 */
function winnerMask(a: Tensor, b: Tensor, loses: "gt" | "lt"): Tensor {
  const lost = binaryKernel("addScaled", castKernel(binaryKernel(loses, a, b), a.dtype), binaryKernel("eq", a, b), "maximum", undefined, 0.5);
  return binaryKernel("sub", ONE, lost);
}

/** Elementwise max(a, b) with broadcasting; NaN propagates. PyTorch: `torch.maximum`. @example maximum(tensor([1, 5]), 3) // [3, 5] */
export function maximum(a: Operand, b: Operand): Tensor {
  return binary("maximum", a, b);
}
/** Elementwise min(a, b) with broadcasting; NaN propagates. PyTorch: `torch.minimum`. @example minimum(tensor([1, 5]), 3) // [1, 3] */
export function minimum(a: Operand, b: Operand): Tensor {
  return binary("minimum", a, b);
}

/** Comparisons give bool tensors (computed in the operands' promoted dtype) and carry no gradient. */
function compare(name: BinaryKernelName & ("eq" | "ne" | "gt" | "ge" | "lt" | "le"), a: Operand, b: Operand): Tensor {
  const [x, z] = operands(name, a, b);
  return binaryKernel(name, x, z);
}
/** True where a == b (a bool tensor). PyTorch: `torch.eq`. @example eq(tensor([1, 2]), 2) // [0, 1] */
export function eq(a: Operand, b: Operand): Tensor {
  return compare("eq", a, b);
}
/** True where a != b (a bool tensor). PyTorch: `torch.ne`. @example ne(tensor([1, 2]), 2) // [1, 0] */
export function ne(a: Operand, b: Operand): Tensor {
  return compare("ne", a, b);
}
/** True where a > b (a bool tensor). PyTorch: `torch.gt`. @example gt(tensor([1, 3]), 2) // [0, 1] */
export function gt(a: Operand, b: Operand): Tensor {
  return compare("gt", a, b);
}
/** True where a >= b (a bool tensor). PyTorch: `torch.ge`. @example ge(tensor([1, 2]), 2) // [0, 1] */
export function ge(a: Operand, b: Operand): Tensor {
  return compare("ge", a, b);
}
/** True where a < b (a bool tensor). PyTorch: `torch.lt`. @example lt(tensor([1, 3]), 2) // [1, 0] */
export function lt(a: Operand, b: Operand): Tensor {
  return compare("lt", a, b);
}
/** True where a <= b (a bool tensor). PyTorch: `torch.le`. @example le(tensor([2, 3]), 2) // [1, 0] */
export function le(a: Operand, b: Operand): Tensor {
  return compare("le", a, b);
}

/**
 * `a` where the bool `condition` is true, else `b`, with three-way broadcasting and promotion of a
 * and b. PyTorch: `torch.where`.
 * @example where(gt(x, 0), x, 0) // relu
 */
export function where(condition: Tensor, a: Operand, b: Operand): Tensor {
  expectTensor("where", "condition", condition);
  if (condition.dtype !== "bool") {
    throw new Error(`where: expected condition to be a bool tensor, got a ${condition.dtype} tensor (compare first, e.g. x.gt(0), or convert with .bool())`);
  }
  const [x, z] = operands("where", a, b);
  return recordElementwise("where", whereKernel3(condition, x, z), [x, z], NO_PARAMS, condition);
}
