import { Tensor } from "../../tensor/tensor.js";
import { allocStorage, DEFAULT_DTYPE, resultType, type DType } from "../../tensor/dtype.js";
import { describeValue } from "../../tensor/describe.js";

/** A tensor operand, or a JS number standing for a Python scalar (PyTorch's scalar operands). */
export type Operand = Tensor | number;

/** Wraps a number as a 0-d tensor of `dtype` (float32 by default); passes tensors through. */
export function asTensor(op: string, x: Operand, dtype: DType = DEFAULT_DTYPE): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== "number") throw new Error(`${op}: expected a Tensor or a number, got ${describeValue(x)}`);
  const storage = allocStorage(dtype, 1);
  storage[0] = dtype === "bool" ? (x !== 0 ? 1 : 0) : x;
  return new Tensor(storage, [], [], 0, undefined, dtype);
}

/**
 * Both operands of a binary op as tensors. A JS number acts as a Python scalar: it takes the dtype the
 * op computes in (`result_type`: an integral number keeps an int32 tensor int32, a fractional one makes
 * it float32), so it never widens a tensor of its own category.
 * @example operands("add", tensor([1], { dtype: "int32" }), 2.5) // [int32 tensor, float32 0-d 2.5]
 */
export function operands(op: string, a: Operand, b: Operand): [Tensor, Tensor] {
  if (a instanceof Tensor && b instanceof Tensor) return [a, b];
  const dtype = resultType([checkOperand(op, a), checkOperand(op, b)]);
  return [asTensor(op, a, dtype), asTensor(op, b, dtype)];
}

function checkOperand(op: string, x: Operand): Tensor | number {
  if (x instanceof Tensor || typeof x === "number") return x;
  throw new Error(`${op}: expected a Tensor or a number, got ${describeValue(x)}`);
}
