import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { formatTensor } from "../../src/tensor/format.js";
import { contiguousStrides, numelOf } from "../../src/tensor/shape.js";
import { Tensor } from "../../src/tensor/tensor.js";

// Expected strings are what PyTorch prints for the same tensor (with `requires_grad=True` /
// `grad_fn=<MulBackward0>` spelled in our camelCase).

type PrintOptions = Parameters<typeof formatTensor>[4];
const plain: PrintOptions = { requiresGrad: false, gradFn: null };

/** Prints a contiguous tensor holding `values` in row-major order. */
function show(values: readonly number[], shape: readonly number[], opts: PrintOptions = plain): string {
  return formatTensor(new Float32Array(values), shape, contiguousStrides(shape), 0, opts);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

test("2-D whole numbers: torch.tensor([[1., 2.], [3., 4.]])", () => {
  assert.is(show([1, 2, 3, 4], [2, 2]), "tensor([[1., 2.],\n        [3., 4.]])");
});

test("common width: torch.arange(12.).reshape(3, 4)", () => {
  assert.is(
    show(range(12), [3, 4]),
    "tensor([[ 0.,  1.,  2.,  3.],\n" + "        [ 4.,  5.,  6.,  7.],\n" + "        [ 8.,  9., 10., 11.]])",
  );
});

test("fixed point with 4 decimals: torch.tensor([0.1, 2.5])", () => {
  assert.is(show([0.1, 2.5], [2]), "tensor([0.1000, 2.5000])");
});

test("negative values widen the common width: torch.tensor([-1.5, 2.25])", () => {
  assert.is(show([-1.5, 2.25], [2]), "tensor([-1.5000,  2.2500])");
  assert.is(show([1, -2, 10], [3]), "tensor([ 1., -2., 10.])");
});

test("scientific when the smallest magnitude is below 1e-4: torch.tensor([1e-5, 1.])", () => {
  assert.is(show([1e-5, 1], [2]), "tensor([1.0000e-05, 1.0000e+00])");
});

test("scientific for whole numbers spanning more than 1000x: torch.tensor([1., 1e10])", () => {
  assert.is(show([1, 1e10], [2]), "tensor([1.0000e+00, 1.0000e+10])");
});

test("exact ties round to even like Python: torch.tensor([0.15625, 0.09375])", () => {
  // 0.15625 and 0.09375 are exact in binary; Python's '%.4f' gives 0.1562 and 0.0938.
  assert.is(show([0.15625, 0.09375], [2]), "tensor([0.1562, 0.0938])");
});

test("summarised: torch.arange(2000.)", () => {
  assert.is(
    show(range(2000), [2000]),
    "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n" + "        1.9990e+03])",
  );
});

test("summarised rows and columns: torch.ones(40, 40)", () => {
  const row = "[1., 1., 1.,  ..., 1., 1., 1.]";
  const rows = [row, row, row, "...", row, row, row];
  assert.is(show(new Array<number>(1600).fill(1), [40, 40]), `tensor([${rows.join(",\n        ")}])`);
});

test("exactly 1000 elements are not summarised", () => {
  const text = show(range(1000), [1000]);
  assert.not.ok(text.includes("..."));
  assert.ok(text.includes(" 999."));
});

test("long rows wrap at 80 columns: torch.arange(30.)", () => {
  assert.is(
    show(range(30), [30]),
    "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n" +
      "        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,\n" +
      "        28., 29.])",
  );
});

test("rows of a matrix wrap with continuation lines under the first element: torch.full((2, 12), 0.5)", () => {
  const row =
    "[0.5000, 0.5000, 0.5000, 0.5000, 0.5000, 0.5000, 0.5000, 0.5000, 0.5000,\n" + "         0.5000, 0.5000, 0.5000]";
  assert.is(show(new Array<number>(24).fill(0.5), [2, 12]), `tensor([${row},\n        ${row}])`);
});

test("3-D: torch.arange(8.).reshape(2, 2, 2) separates matrices with a blank line", () => {
  assert.is(
    show(range(8), [2, 2, 2]),
    "tensor([[[0., 1.],\n" + "         [2., 3.]],\n" + "\n" + "        [[4., 5.],\n" + "         [6., 7.]]])",
  );
});

test("a transposed view is read through its strides: torch.tensor([[1., 2., 3.], [4., 5., 6.]]).T", () => {
  const storage = new Float32Array([1, 2, 3, 4, 5, 6]);
  assert.is(formatTensor(storage, [3, 2], [1, 3], 0, plain), "tensor([[1., 4.],\n        [2., 5.],\n        [3., 6.]])");
});

test("Tensor.toString prints through formatTensor", () => {
  const t = new Tensor(new Float32Array([1, 2, 3, 4, 5, 6]), [3, 2], [1, 3]);
  assert.is(String(t), "tensor([[1., 4.],\n        [2., 5.],\n        [3., 6.]])");
});

test("a view with an offset: torch.arange(6.)[2:5]", () => {
  assert.is(formatTensor(new Float32Array(range(6)), [3], [1], 2, plain), "tensor([2., 3., 4.])");
});

test("nan and inf: torch.tensor([1., nan, inf, -inf]) and torch.tensor([1.5, nan])", () => {
  assert.is(show([1, NaN, Infinity, -Infinity], [4]), "tensor([1., nan, inf, -inf])");
  assert.is(show([1.5, NaN], [2]), "tensor([1.5000,    nan])");
  assert.is(show([NaN], [1]), "tensor([nan])");
});

test("zeros and negative zero: torch.tensor([0., 0.]), torch.tensor([-0., 1.])", () => {
  assert.is(show([0, 0], [2]), "tensor([0., 0.])");
  assert.is(show([-0, 1], [2]), "tensor([-0., 1.])");
});

test("0-d: torch.tensor(3.5) and torch.tensor(3.)", () => {
  assert.is(show([3.5], []), "tensor(3.5000)");
  assert.is(show([3], []), "tensor(3.)");
});

test("empty: torch.tensor([]) and torch.zeros(0, 3)", () => {
  assert.is(show([], [0]), "tensor([])");
  assert.is(show([], [0, 3]), "tensor([], size=(0, 3))");
  assert.is(show([], [2, 0, 1]), "tensor([], size=(2, 0, 1))");
});

test("autograd suffixes: requires_grad=True and grad_fn=<MulBackward0>", () => {
  assert.is(show([1, 2], [2], { requiresGrad: true, gradFn: null }), "tensor([1., 2.], requiresGrad=true)");
  assert.is(show([2, 4], [2], { requiresGrad: true, gradFn: "MulBackward" }), "tensor([2., 4.], gradFn=<MulBackward>)");
  assert.is(show([], [0, 3], { requiresGrad: true, gradFn: null }), "tensor([], size=(0, 3), requiresGrad=true)");
});

test("a suffix that would pass 80 columns goes on its own line: torch.arange(14., requires_grad=True)", () => {
  assert.is(
    show(range(14), [14], { requiresGrad: true, gradFn: null }),
    "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.],\n" + "       requiresGrad=true)",
  );
});

// ---- Property: every element of a tensor with at most 1000 elements appears, in order ----

/** Numbers as PyTorch prints them: `1.`, `-0.5000`, `1.0000e-05`, `nan`, `-inf`. */
const NUMBER_TOKEN = /-?(?:\d+\.\d*(?:e[+-]\d+)?|nan|inf)/g;

test("property: every element appears, in order and to 4 significant decimals, when numel <= 1000", () => {
  const shapeArb = fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 3 });
  const valueArb = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.float({ min: -1e6, max: 1e6, noNaN: true }),
    fc.constantFrom(Number.NaN, Infinity, -Infinity, 0),
  );
  fc.assert(
    fc.property(
      shapeArb.chain((shape) =>
        fc.tuple(
          fc.constant(shape),
          fc.array(valueArb, { minLength: numelOf(shape), maxLength: numelOf(shape) }),
          fc.shuffledSubarray(range(shape.length), { minLength: shape.length, maxLength: shape.length }),
        ),
      ),
      ([baseShape, values, order]) => {
        // View the contiguous base through a permutation of its dims, so most cases are strided.
        const storage = new Float32Array(values);
        const baseStrides = contiguousStrides(baseShape);
        const shape = order.map((d) => baseShape[d]!);
        const strides = order.map((d) => baseStrides[d]!);
        const text = formatTensor(storage, shape, strides, 0, plain);
        const expected = Array.from(new Tensor(storage, shape, strides).toFloat32Array());
        const printed = text.match(NUMBER_TOKEN) ?? [];
        assert.is(printed.length, expected.length, text);
        printed.forEach((token, i) => {
          const want = expected[i]!;
          const got = token === "nan" ? NaN : token === "inf" ? Infinity : token === "-inf" ? -Infinity : Number(token);
          if (Number.isNaN(want)) assert.ok(Number.isNaN(got), `${token} for NaN`);
          else if (!Number.isFinite(want)) assert.is(got, want);
          else assert.ok(Math.abs(got - want) <= 5.0001e-5 * Math.max(1, Math.abs(want)), `${token} for ${want}`);
        });
      },
    ),
    { numRuns: 200 },
  );
});

test.run();
