import { test } from "uvu";
import {
  add, arange, cat, expand, gather, matmul, mm, ones, reshape, scatterAdd, stack, tensor, zeros,
} from "../../src/index.js";
import { throwsError } from "../helpers/assert.js";

// Every misuse is a plain Error (never a TypeError from inside a kernel) whose message names the op
// and the offending shapes or values.

test("matmul/mm: inner dims that differ, 0-d operands, non-2-D mm", () => {
  throwsError(() => matmul(zeros(2, 3), zeros(4, 5)), "matmul", "[2, 3]", "[4, 5]", "3 != 4");
  throwsError(() => zeros(2, 3).matmul(zeros(4, 5)), "matmul", "[2, 3]", "[4, 5]");
  throwsError(() => matmul(zeros(3), zeros(4)), "matmul", "[3]", "[4]");
  throwsError(() => matmul(zeros(2, 3), zeros(4)), "matmul", "3 != 4");
  throwsError(() => matmul(zeros(5), zeros(4, 2)), "matmul", "5 != 4");
  throwsError(() => matmul(zeros(2, 2, 3), zeros(3, 3, 1)), "matmul", "[2]", "[3]");
  throwsError(() => matmul(tensor(1), zeros(2)), "matmul", "[]", "[2]");
  throwsError(() => mm(zeros(2, 3, 1), zeros(1, 2)), "mm:", "[2, 3, 1]", "2-D");
});

test("reshape/view: element-count mismatch, two -1s, bad sizes, view of a non-viewable layout", () => {
  throwsError(() => zeros(2, 3).reshape(4, 2), "reshape: cannot view shape [2, 3] (6 elements) as [4, 2] (8 elements)");
  throwsError(() => reshape(zeros(2, 3), [4, -1]), "reshape:", "[4, -1]", "size 6");
  throwsError(() => zeros(2, 3).view(-1, -1), "view:", "only one dimension can be inferred", "[-1, -1]");
  throwsError(() => zeros(6).reshape(2, -3), "reshape:", "-3");
  throwsError(() => zeros(2, 3).T.view(6), "view:", "[3, 2]", "[6]", "reshape()");
});

test("bad dims name the op, the valid range and the value", () => {
  throwsError(() => zeros(2, 3).sum(2), "sum: dimension out of range", "[-2, 1]", "got 2");
  throwsError(() => zeros(2, 3).max(-3), "max:", "got -3");
  throwsError(() => zeros(2, 3).softmax(5), "softmax:", "got 5");
  throwsError(() => zeros(2, 3).logSoftmax(-3), "logSoftmax:", "got -3");
  throwsError(() => zeros(2, 3).argmax(2), "argmax:", "got 2");
  throwsError(() => zeros(2, 3).transpose(0, 2), "transpose:", "got 2");
  throwsError(() => zeros(2, 3).permute(0, 0), "permute:", "[0, 0]");
  throwsError(() => zeros(2, 3).permute(0), "permute:", "[0]", "2 dims");
  throwsError(() => zeros(2, 3).unsqueeze(3), "unsqueeze:", "got 3");
  throwsError(() => zeros(2, 3).squeeze(2), "squeeze:", "got 2");
  throwsError(() => zeros(2, 3).narrow(2, 0, 1), "narrow:", "got 2");
  throwsError(() => zeros(2, 3).narrow(1, 2, 2), "narrow:", "start 2", "length 2", "size 3");
  throwsError(() => tensor(1).narrow(0, 0, 1), "narrow:", "0-dim");
  throwsError(() => tensor(1).slice(0, 0, 1), "slice:", "0-dim");
  throwsError(() => zeros(2, 3).slice(0, 0, 1, 0), "slice:", "step", "0");
  throwsError(() => zeros(2, 3, 4).flatten(2, 1), "flatten:", "2", "1");
  throwsError(() => zeros(2, 3).sum([0, -2]), "sum:", "dim 0 appears multiple times");
  throwsError(() => zeros(2, 3).gather(2, zeros(2, 3)), "gather:", "got 2");
  throwsError(() => cat([zeros(2), zeros(2)], 1), "cat:", "got 1");
  throwsError(() => stack([zeros(2), zeros(2)], 2), "stack:", "got 2");
});

test("expand and broadcasting mismatches name both shapes", () => {
  throwsError(() => zeros(2, 3).expand(4, 3), "expand:", "(4)", "(2)", "[2, 3]", "[4, 3]");
  throwsError(() => expand(zeros(2, 3), [3]), "expand:", "(1)", "(2)");
  throwsError(() => zeros(3).expand(-1, 3), "expand:", "-1");
  throwsError(() => zeros(1).expand(-2), "expand:", "-2");
  throwsError(() => zeros(1).expand(1.5), "expand:", "1.5");
  throwsError(() => add(zeros(2, 3), zeros(4)), "add: shapes [2, 3] and [4] cannot be broadcast together");
  throwsError(() => zeros(2, 3).mul(zeros(2)), "mul:", "[2, 3]", "[2]");
  throwsError(() => zeros(2, 3).where(ones(4, { dtype: "bool" }), 0), "where:", "[4]");
  throwsError(() => zeros(2, 3).add_(zeros(2, 2, 3)), "add_:", "[2, 3]", "[2, 2, 3]");
  throwsError(() => zeros(1, 3).add_(zeros(2, 3)), "add_:", "[1, 3]", "[2, 3]");
});

test("gather/indexSelect: out-of-range and non-integer indices, mismatched index shapes", () => {
  throwsError(() => gather(arange(6).reshape(2, 3), 1, tensor([[0], [3]])), "gather: index 3 is out of bounds for dimension with size 3");
  throwsError(() => gather(arange(3), 0, tensor([-4])), "gather:", "-4", "size 3");
  throwsError(() => gather(arange(3), 0, tensor([0.5])), "gather:", "0.5");
  throwsError(() => gather(arange(6).reshape(2, 3), 1, tensor([0, 1])), "gather:", "[2]", "[2, 3]");
  throwsError(() => gather(arange(6).reshape(2, 3), 1, zeros(3, 1)), "gather:", "[3, 1]", "[2, 3]");
  throwsError(() => arange(6).reshape(2, 3).indexSelect(0, tensor([2])), "index 2", "size 2");
  throwsError(() => arange(6).reshape(2, 3).indexSelect(0, zeros(1, 1)), "indexSelect:", "[1, 1]");
  throwsError(() => scatterAdd(tensor([[1, 2]]), 1, tensor([[0, 0, 1]]), [1, 3]), "scatterAdd:", "[1, 3]", "[1, 2]");
});

test("cat/stack mismatches and empty lists", () => {
  throwsError(() => cat([zeros(2, 3), zeros(2, 4)], 0), "cat:", "[2, 3]", "[2, 4]", "dimension 0");
  throwsError(() => cat([zeros(2, 3), zeros(3)], 0), "cat:", "[2, 3]", "[3]");
  throwsError(() => cat([]), "cat:", "non-empty");
  throwsError(() => stack([zeros(2), zeros(3)]), "stack:", "[2]", "[3]");
  throwsError(() => stack([]), "stack:", "non-empty");
  throwsError(() => cat([tensor(1), tensor(2)]), "cat:", "zero-dimensional");
});

test("item on many elements, and creation misuse", () => {
  throwsError(() => zeros(2, 3).item(), "item:", "6 elements");
  throwsError(() => zeros(0).item(), "item:", "0 elements");
  throwsError(() => tensor([[1, 2], [3]]), "tensor:", "ragged");
  throwsError(() => add(zeros(1), "x" as unknown as number), "add:", "string");
});

test.run();
