import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import {
  Tensor, abs, add, clamp, div, eq, exp, ge, gt, le, log, lt, maximum, minimum, mul, ne, neg, pow, relu, sigmoid, sqrt, sub,
  tanh, tensor, where,
} from "../../src/index.js";
import { arbAwayFromZero, arbBroadcastShapes, arbFloat, arbShape, arbStrided, arbStridedOf, buildStrided, expectedOf } from "../helpers/arbitraries.js";
import { allClose, assertTensor, EXACT, throwsError } from "../helpers/assert.js";
import { refMap } from "../helpers/reference.js";

// float32 results of float64 formulas: one rounding, so relative error ≲ 6e-8; allow a little more.
// References are rounded to float32 too, so overflow (e.g. a subnormal ** -1) becomes ±Infinity on both sides.
const F32 = { atol: 1e-6, rtol: 1e-6 };
const f32 = <A extends number[]>(f: (...v: A) => number) => (...v: A): number => Math.fround(f(...v));

interface UnaryCase {
  name: string;
  op: (t: Tensor) => Tensor;
  ref: (x: number) => number;
  domain: fc.Arbitrary<number>;
}

const UNARY: UnaryCase[] = [
  { name: "neg", op: neg, ref: (x) => -x, domain: arbFloat() },
  { name: "exp", op: exp, ref: Math.exp, domain: arbFloat(-8, 8) },
  { name: "log", op: log, ref: Math.log, domain: arbFloat(0.001, 100) },
  { name: "sqrt", op: sqrt, ref: Math.sqrt, domain: arbFloat(0, 100) },
  { name: "abs", op: abs, ref: Math.abs, domain: arbFloat() },
  { name: "relu", op: relu, ref: (x) => (x > 0 ? x : 0), domain: arbFloat() },
  { name: "sigmoid", op: sigmoid, ref: (x) => 1 / (1 + Math.exp(-x)), domain: arbFloat(-20, 20) },
  { name: "tanh", op: tanh, ref: Math.tanh, domain: arbFloat() },
  { name: "clamp(-1, 2)", op: (t) => clamp(t, -1, 2), ref: (x) => Math.min(Math.max(x, -1), 2), domain: arbFloat() },
  { name: "clamp(min 0.5)", op: (t) => t.clamp(0.5), ref: (x) => Math.max(x, 0.5), domain: arbFloat() },
  { name: "clamp(max 0)", op: (t) => t.clamp(null, 0), ref: (x) => Math.min(x, 0), domain: arbFloat() },
  { name: "method chain x.exp().log()", op: (t) => t.exp().log(), ref: (x) => Math.log(Math.fround(Math.exp(x))), domain: arbFloat(-3, 3) },
];

for (const c of UNARY) {
  test(`property: ${c.name} on strided views equals a float64 reference and the same op on a contiguous copy`, () => {
    fc.assert(
      fc.property(arbStrided(arbShape(), c.domain), (sc) => {
        const t = buildStrided(sc);
        const y = c.op(t);
        assert.ok(y.isContiguous());
        allClose(y, refMap(f32(c.ref), expectedOf(sc)), F32, c.name);
        allClose(y, c.op(t.contiguous()).toFloat32Array(), EXACT, `${c.name} strided vs contiguous`);
      }),
      { numRuns: 40 },
    );
  });
}

interface BinaryCase {
  name: string;
  op: (a: Tensor, b: Tensor) => Tensor;
  ref: (x: number, y: number) => number;
  left: fc.Arbitrary<number>;
  right: fc.Arbitrary<number>;
}

// Small integers make ties frequent, which the comparisons and maximum/minimum need.
const smallInt = fc.integer({ min: -2, max: 2 });
const BINARY: BinaryCase[] = [
  { name: "add", op: add, ref: (x, y) => x + y, left: arbFloat(), right: arbFloat() },
  { name: "sub", op: sub, ref: (x, y) => x - y, left: arbFloat(), right: arbFloat() },
  { name: "mul", op: mul, ref: (x, y) => x * y, left: arbFloat(), right: arbFloat() },
  { name: "div", op: div, ref: (x, y) => x / y, left: arbFloat(), right: arbAwayFromZero(0.1, 5) },
  { name: "pow", op: pow, ref: (x, y) => x ** y, left: arbFloat(0.01, 4), right: arbFloat(-3, 3) },
  { name: "pow (integer exponents of any base)", op: pow, ref: (x, y) => x ** y, left: arbFloat(-3, 3), right: smallInt },
  { name: "maximum", op: maximum, ref: Math.max, left: smallInt, right: arbFloat(-2, 2) },
  { name: "minimum", op: (a, b) => a.minimum(b), ref: Math.min, left: smallInt, right: arbFloat(-2, 2) },
  { name: "eq", op: eq, ref: (x, y) => Number(x === y), left: smallInt, right: smallInt },
  { name: "ne", op: ne, ref: (x, y) => Number(x !== y), left: smallInt, right: smallInt },
  { name: "gt", op: gt, ref: (x, y) => Number(x > y), left: smallInt, right: smallInt },
  { name: "ge", op: (a, b) => a.ge(b), ref: (x, y) => Number(x >= y), left: smallInt, right: smallInt },
  { name: "lt", op: lt, ref: (x, y) => Number(x < y), left: smallInt, right: smallInt },
  { name: "le", op: le, ref: (x, y) => Number(x <= y), left: smallInt, right: smallInt },
];

const arbStridedPair = (left: fc.Arbitrary<number>, right: fc.Arbitrary<number>) =>
  arbBroadcastShapes(2).chain(([sa, sb]) => fc.tuple(arbStridedOf(sa!, left), arbStridedOf(sb!, right)));

for (const c of BINARY) {
  test(`property: ${c.name} with broadcasting on strided views equals a float64 reference and the contiguous result`, () => {
    fc.assert(
      fc.property(arbStridedPair(c.left, c.right), ([ca, cb]) => {
        const a = buildStrided(ca);
        const b = buildStrided(cb);
        const y = c.op(a, b);
        allClose(y, refMap(f32(c.ref), expectedOf(ca), expectedOf(cb)), F32, c.name);
        allClose(y, c.op(a.contiguous(), b.contiguous()).toFloat32Array(), EXACT, `${c.name} strided vs contiguous`);
      }),
      { numRuns: 40 },
    );
  });
}

test("property: where(cond, a, b) with three-way broadcasting on strided views", () => {
  const arbTriple = arbBroadcastShapes(3).chain(([sc, sa, sb]) =>
    fc.tuple(arbStridedOf(sc!, fc.constantFrom(0, 1, -2)), arbStridedOf(sa!), arbStridedOf(sb!)),
  );
  fc.assert(
    fc.property(arbTriple, ([cc, ca, cb]) => {
      const [mask, a, b] = [buildStrided(cc), buildStrided(ca), buildStrided(cb)];
      // The same strided layout over bool storage (where's condition must be bool, as in PyTorch).
      const c = new Tensor(Uint8Array.from(mask.storage, (v) => (v !== 0 ? 1 : 0)), mask.shape, mask.strides, mask.offset, undefined, "bool");
      const y = where(c, a, b);
      allClose(y, refMap((k, x, z) => (k !== 0 ? x : z), expectedOf(cc), expectedOf(ca), expectedOf(cb)), EXACT);
      allClose(y, where(c.contiguous(), a.contiguous(), b.contiguous()).toFloat32Array(), EXACT);
      allClose(a.where(c, b), y.toFloat32Array(), EXACT, "method form");
    }),
    { numRuns: 60 },
  );
});

test("comparisons return bool tensors and are not tracked", () => {
  const x = tensor([1, 2, 3], { requiresGrad: true });
  assert.is(x.gt(2).dtype, "bool");
  assert.equal(x.gt(2).toArray(), [false, false, true]);
  assertTensor(x.gt(2), [3], [0, 0, 1]);
  assertTensor(x.ge(2), [3], [0, 1, 1]);
  assertTensor(x.lt(2), [3], [1, 0, 0]);
  assertTensor(x.le(2), [3], [1, 1, 0]);
  assertTensor(x.eq(tensor([1, 0, 3])), [3], [1, 0, 1]);
  assertTensor(x.ne(tensor([[1], [3]])), [2, 3], [0, 1, 1, 1, 1, 0]);
  assert.is(x.gt(0).requiresGrad, false);
  assert.is(x.gt(0).gradFn, null);
  // NaN compares unequal to everything, itself included (IEEE 754).
  assertTensor(tensor([NaN]).eq(tensor([NaN])), [1], [0]);
  assertTensor(tensor([NaN]).ne(tensor([NaN])), [1], [1]);
});

test("where, clamp and maximum by hand; NaN propagates through maximum/minimum; numbers are operands", () => {
  const x = tensor([[-2, 0.5], [3, -1]]);
  assertTensor(where(x.gt(0), x, 0), [2, 2], [0, 0.5, 3, 0]);
  assertTensor(where(tensor([true, false]), 5, tensor([[7], [8]])), [2, 2], [5, 7, 5, 8]);
  throwsError(() => where(tensor([1, 0]), 5, 7), "where:", "bool", "float32");
  assertTensor(clamp(tensor([-2, 0.5, 3]), 0, 1), [3], [0, 0.5, 1]);
  assertTensor(tensor([-2, 0.5, 3]).clamp(0), [3], [0, 0.5, 3]);
  assertTensor(tensor([-2, 0.5, 3]).clamp(undefined, 0), [3], [-2, 0, 0]);
  throwsError(() => tensor([1]).clamp(), "clamp:");
  assertTensor(maximum(tensor([1, 5]), 3), [2], [3, 5]);
  allClose(maximum(tensor([NaN, 1]), tensor([0, NaN])), [NaN, NaN]);
  allClose(minimum(tensor([NaN, 1]), tensor([0, NaN])), [NaN, NaN]);
  assertTensor(add(2, tensor([1])), [1], [3]);
  assertTensor(sub(10, tensor([1, 2])), [2], [9, 8]);
  assertTensor(div(1, tensor([4])), [1], [0.25]);
  assertTensor(pow(2, tensor([3, 0.5])).mul(1), [2], [8, Math.fround(Math.SQRT2)]);
  assertTensor(tensor([[1, 2]]).mul(tensor([[3], [4]])), [2, 2], [3, 6, 4, 8]);
  // NaN in data is a value, not an error.
  allClose(tensor([NaN, -1]).sqrt(), [NaN, NaN]);
  allClose(tensor([0, -1]).log(), [-Infinity, NaN]);
});

test("0-element and 0-d operands", () => {
  assertTensor(add(tensor([]), tensor(1)), [0], []);
  assertTensor(mul(tensor(3), tensor(4)), [], [12]);
  assertTensor(exp(tensor([]).reshape(0, 3)), [0, 3], []);
});

test.run();
