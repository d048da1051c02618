import type { Tensor } from "../../tensor/tensor.js";
import { binaryKernel, unaryKernel, whereKernel3, type BinaryKernelName, type UnaryKernelName } from "../../tensor/kernels/elementwise.js";
import { record } from "../node.js";
import { asTensor, type Operand } from "./operand.js";

/**
 * The elementwise ops, forward and backward side by side. This is the derivative table: `x` is the
 * input, `y` the output, `g` the gradient flowing in. Broadcast gradients are summed down by the engine.
 *
 * | op      | forward        | d/dx                      |
 * |---------|----------------|---------------------------|
 * | neg     | −x             | −g                        |
 * | exp     | eˣ             | g·y                       |
 * | log     | ln x           | g / x                     |
 * | sqrt    | √x             | g / (2y)                  |
 * | abs     | |x|            | g·sign(x)                 |
 * | relu    | max(x, 0)      | g·[y > 0]                 |
 * | sigmoid | 1/(1+e⁻ˣ)      | g·y·(1 − y)               |
 * | tanh    | tanh x         | g·(1 − y²)                |
 * | clamp   | min(max(x,lo),hi) | g·[lo ≤ x ≤ hi]        |
 * | a + b   |                | g, g                      |
 * | a − b   |                | g, −g                     |
 * | a · b   |                | g·b, g·a                  |
 * | a / b   |                | g/b, −g·y/b               |
 * | a ** b  |                | g·b·a^(b−1), g·y·ln a     |
 * | max(a,b)|                | g·[a>b] + g/2·[a=b], sym. |
 */
type UnaryRule = { saves: "x" | "y"; rule: (g: Tensor, saved: Tensor) => Tensor };
/** Each rule reads either the input or the output, and only that one is saved (and version-checked). */
const UNARY_GRAD: Partial<Record<UnaryKernelName, UnaryRule>> = {
  exp: { saves: "y", rule: (g, y) => mul(g, y) },
  log: { saves: "x", rule: (g, x) => div(g, x) },
  sqrt: { saves: "y", rule: (g, y) => div(g, mul(y, 2)) },
  abs: { saves: "x", rule: (g, x) => mul(g, unaryKernel("sign", x)) },
  relu: { saves: "y", rule: (g, y) => mul(g, binaryKernel("gt", y, asTensor("relu", 0))) },
  sigmoid: { saves: "y", rule: (g, y) => mul(g, mul(y, sub(1, y))) },
  tanh: { saves: "y", rule: (g, y) => mul(g, sub(1, mul(y, y))) },
};

function unary(name: UnaryKernelName, x: Tensor): Tensor {
  const y = unaryKernel(name, x);
  const { saves, rule } = UNARY_GRAD[name]!;
  const saved = saves === "x" ? x : y;
  return record(nodeName(name), y, [x], (g) => [rule(g, saved)], [saved]);
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

/** Elementwise −x. PyTorch: `torch.neg`. @example neg(tensor([1, -2])) // [-1, 2] */
export function neg(x: Tensor): Tensor {
  return record("NegBackward", unaryKernel("neg", x), [x], (g) => [neg(g)]);
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
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  if (min == null && max == null) throw new Error("clamp: at least one of min and max must be given");
  const y = unaryKernel("clamp", x, lo, hi);
  return record("ClampBackward", y, [x], (g) => [mul(g, inRange(x, lo, hi))], [x]);
}

function inRange(x: Tensor, lo: number, hi: number): Tensor {
  return binaryKernel("mul", binaryKernel("ge", x, asTensor("clamp", lo)), binaryKernel("le", x, asTensor("clamp", hi)));
}

/** a + b with broadcasting. PyTorch: `torch.add`. @example add(tensor([1, 2]), 10) // [11, 12] */
export function add(a: Operand, b: Operand): Tensor {
  const x = asTensor("add", a);
  const z = asTensor("add", b);
  return record("AddBackward", binaryKernel("add", x, z), [x, z], (g) => [g, g]);
}

/** a − b with broadcasting. PyTorch: `torch.sub`. @example sub(tensor([5]), tensor([2])) // [3] */
export function sub(a: Operand, b: Operand): Tensor {
  const x = asTensor("sub", a);
  const z = asTensor("sub", b);
  return record("SubBackward", binaryKernel("sub", x, z), [x, z], (g) => [g, z.requiresGrad ? neg(g) : null]);
}

/** a · b elementwise with broadcasting. PyTorch: `torch.mul`. @example mul(tensor([2, 3]), tensor([4, 5])) // [8, 15] */
export function mul(a: Operand, b: Operand): Tensor {
  const x = asTensor("mul", a);
  const z = asTensor("mul", b);
  return record("MulBackward", binaryKernel("mul", x, z), [x, z], (g) => [x.requiresGrad ? mul(g, z) : null, z.requiresGrad ? mul(g, x) : null], [x, z]);
}

/** a / b elementwise with broadcasting. PyTorch: `torch.div`. @example div(tensor([1]), 4) // [0.25] */
export function div(a: Operand, b: Operand): Tensor {
  const x = asTensor("div", a);
  const z = asTensor("div", b);
  const y = binaryKernel("div", x, z);
  return record("DivBackward", y, [x, z], (g) => [x.requiresGrad ? div(g, z) : null, z.requiresGrad ? neg(div(mul(g, y), z)) : null], [x, z, y]);
}

/**
 * a ** b elementwise with broadcasting. The exponent's gradient g·y·ln a is computed only when the
 * exponent requires grad (it is NaN for a < 0); at a = 0 both gradients are masked as in PyTorch.
 * PyTorch: `torch.pow`.
 * @example pow(tensor([2, 3]), 2) // [4, 9]
 */
export function pow(a: Operand, b: Operand): Tensor {
  const x = asTensor("pow", a);
  const z = asTensor("pow", b);
  const y = binaryKernel("pow", x, z);
  return record(
    "PowBackward",
    y,
    [x, z],
    // Masked as PyTorch does: an exponent of 0 has no base gradient (not 0·0⁻¹ = NaN), and a base of 0
    // with a non-negative exponent has no exponent gradient (not 0·ln 0 = NaN).
    (g) => [
      x.requiresGrad ? mul(g, where(eq(z, 0), 0, mul(z, pow(x, sub(z, 1))))) : null,
      z.requiresGrad ? mul(g, where(mul(eq(x, 0), ge(z, 0)), 0, mul(y, log(x)))) : null,
    ],
    [x, z, y],
  );
}

/** Mask of where `a` wins in max/min, 1/2 on ties (PyTorch splits a tied gradient evenly). */
function winnerMask(a: Tensor, b: Tensor, kernel: "gt" | "lt"): Tensor {
  return binaryKernel("addScaled", binaryKernel(kernel, a, b), binaryKernel("eq", a, b), "maximum", undefined, 0.5);
}

function extremum(name: "maximum" | "minimum", a: Operand, b: Operand): Tensor {
  const x = asTensor(name, a);
  const z = asTensor(name, b);
  const kernel = name === "maximum" ? "gt" : "lt";
  return record(
    nodeName(name),
    binaryKernel(name, x, z),
    [x, z],
    (g) => [x.requiresGrad ? mul(g, winnerMask(x, z, kernel)) : null, z.requiresGrad ? mul(g, winnerMask(z, x, kernel)) : null],
    [x, z],
  );
}

/** Elementwise max(a, b) with broadcasting; NaN propagates. PyTorch: `torch.maximum`. @example maximum(tensor([1, 5]), 3) // [3, 5] */
export function maximum(a: Operand, b: Operand): Tensor {
  return extremum("maximum", a, b);
}
/** Elementwise min(a, b) with broadcasting; NaN propagates. PyTorch: `torch.minimum`. @example minimum(tensor([1, 5]), 3) // [1, 3] */
export function minimum(a: Operand, b: Operand): Tensor {
  return extremum("minimum", a, b);
}

/** Comparisons give 0/1 float tensors and are not differentiable (as in PyTorch, whose bool results carry no grad). */
function compare(name: BinaryKernelName & ("eq" | "ne" | "gt" | "ge" | "lt" | "le"), a: Operand, b: Operand): Tensor {
  return binaryKernel(name, asTensor(name, a), asTensor(name, b));
}
/** 1 where a == b, else 0. PyTorch: `torch.eq`. @example eq(tensor([1, 2]), 2) // [0, 1] */
export function eq(a: Operand, b: Operand): Tensor {
  return compare("eq", a, b);
}
/** 1 where a != b, else 0. PyTorch: `torch.ne`. @example ne(tensor([1, 2]), 2) // [1, 0] */
export function ne(a: Operand, b: Operand): Tensor {
  return compare("ne", a, b);
}
/** 1 where a > b, else 0. PyTorch: `torch.gt`. @example gt(tensor([1, 3]), 2) // [0, 1] */
export function gt(a: Operand, b: Operand): Tensor {
  return compare("gt", a, b);
}
/** 1 where a >= b, else 0. PyTorch: `torch.ge`. @example ge(tensor([1, 2]), 2) // [0, 1] */
export function ge(a: Operand, b: Operand): Tensor {
  return compare("ge", a, b);
}
/** 1 where a < b, else 0. PyTorch: `torch.lt`. @example lt(tensor([1, 3]), 2) // [1, 0] */
export function lt(a: Operand, b: Operand): Tensor {
  return compare("lt", a, b);
}
/** 1 where a <= b, else 0. PyTorch: `torch.le`. @example le(tensor([2, 3]), 2) // [1, 0] */
export function le(a: Operand, b: Operand): Tensor {
  return compare("le", a, b);
}

/**
 * `a` where `condition` is nonzero, else `b`, with three-way broadcasting. PyTorch: `torch.where`.
 * @example where(gt(x, 0), x, 0) // relu
 */
export function where(condition: Tensor, a: Operand, b: Operand): Tensor {
  const x = asTensor("where", a);
  const z = asTensor("where", b);
  return record(
    "WhereBackward",
    whereKernel3(condition, x, z),
    [x, z],
    (g) => [x.requiresGrad ? where(condition, g, 0) : null, z.requiresGrad ? where(condition, 0, g) : null],
    [condition],
  );
}
