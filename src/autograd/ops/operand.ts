import { Tensor } from "../../tensor/tensor.js";
import { describeValue } from "../../tensor/describe.js";

/** A tensor operand, or a JS number standing for a 0-d tensor (PyTorch's scalar operands). */
export type Operand = Tensor | number;

/** Wraps a number as a 0-d tensor; passes tensors through. */
export function asTensor(op: string, x: Operand): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== "number") throw new Error(`${op}: expected a Tensor or a number, got ${describeValue(x)}`);
  return new Tensor(Float32Array.of(x), [], []);
}
