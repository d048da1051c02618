import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import {
  Tensor, abs, addmm, cat, clamp, customOp, div, exp, gather, gradcheck, indexSelect, log, logSoftmax, logsumexp, matmul, max,
  maximum, mean, min, minimum, mm, mul, neg, pow, relu, sigmoid, softmax, sqrt, stack, sub, sum, tanh, tensor,
  where, gradgradcheck, type GradcheckOptions,
} from "../../src/index.js";
import {
  arbAwayFromZero, arbBroadcastShapes, arbData, arbDim, arbDims, arbDistinctData, arbFloat, arbPermutation, arbSameNumel, arbShape,
  tensorOf, type Data,
} from "../helpers/arbitraries.js";
import { throwsError } from "../helpers/assert.js";

// Every differentiable op against central finite differences in float64 with PyTorch's gradcheck
// defaults (eps 1e-6, atol 1e-5, rtol 1e-3), on random shapes and values inside each op's smooth domain;
// the smooth ones also through gradgradcheck (second derivatives of the backward rules themselves).

const RUNS = { numRuns: 30 };
const small = arbShape({ maxRank: 3, maxSize: 3 });
const atLeast1d = arbShape({ minRank: 1, maxRank: 3, maxSize: 3 });

/** A float64 leaf that requires grad. */
const leaf64 = (d: Data): Tensor => tensorOf(d).double().requiresGrad_();

/** gradcheck in float64 with every input requiring grad; asserts it passes (it throws with details otherwise). */
function check(fn: (...xs: Tensor[]) => Tensor, inputs: readonly Data[], opts?: GradcheckOptions): void {
  assert.ok(gradcheck(fn, inputs.map(leaf64), opts));
}

/** `check`, plus the second-order check of the same function. */
function check2(fn: (...xs: Tensor[]) => Tensor, inputs: readonly Data[]): void {
  check(fn, inputs);
  assert.ok(gradgradcheck(fn, inputs.map(leaf64)));
}

function propertyOf<T>(name: string, arb: fc.Arbitrary<T>, body: (value: T) => void, runs = RUNS): void {
  test(`gradcheck property: ${name}`, () => fc.assert(fc.property(arb, body), runs));
}

// ---- elementwise, unary ----

const UNARY: [string, (x: Tensor) => Tensor, fc.Arbitrary<number>][] = [
  ["neg", neg, arbFloat(-3, 3)],
  ["exp", exp, arbFloat(-2, 2)],
  ["log", log, arbFloat(0.2, 3)],
  ["sqrt", sqrt, arbFloat(0.2, 3)],
  ["abs (|x| > 0.05)", abs, arbAwayFromZero()],
  ["relu (|x| > 0.05)", relu, arbAwayFromZero()],
  ["sigmoid", sigmoid, arbFloat(-4, 4)],
  ["tanh", tanh, arbFloat(-3, 3)],
  ["clamp(-0.5, 0.7) away from the bounds", (x) => clamp(x, -0.5, 0.7), arbFloat(-2, 2).filter((x) => Math.abs(x + 0.5) > 0.05 && Math.abs(x - 0.7) > 0.05)],
  ["clamp(min 0.3)", (x) => x.clamp(0.3), arbFloat(-2, 2).filter((x) => Math.abs(x - 0.3) > 0.05)],
  ["pow with a number exponent, x³", (x) => pow(x, 3), arbFloat(-2, 2)],
  ["pow with a number base, 2^x", (x) => pow(2, x), arbFloat(-2, 2)],
  ["scalar operands: 3 − x/2 + x·4", (x) => sub(3, x.div(2)).add(x.mul(4)), arbFloat(-2, 2)],
];

for (const [name, op, domain] of UNARY) {
  propertyOf(name, arbData(small, domain), (d) => check2(op, [d]));
}

// ---- elementwise, binary with broadcasting ----

const pairOf = (left: fc.Arbitrary<number>, right: fc.Arbitrary<number>): fc.Arbitrary<[Data, Data]> =>
  arbBroadcastShapes(2, 3, 3).chain(([sa, sb]) => fc.tuple(arbData(fc.constant(sa!), left), arbData(fc.constant(sb!), right)));

// Quarter-steps for one operand and odd eighths for the other: every compared pair differs by ≥ 0.125.
const quarters = fc.integer({ min: -6, max: 6 }).map((k) => k / 4);
const oddEighths = fc.integer({ min: -6, max: 5 }).map((k) => (k + 0.5) / 4);

const BINARY: [string, (a: Tensor, b: Tensor) => Tensor, fc.Arbitrary<[Data, Data]>][] = [
  ["add", (a, b) => a.add(b), pairOf(arbFloat(-3, 3), arbFloat(-3, 3))],
  ["sub", sub, pairOf(arbFloat(-3, 3), arbFloat(-3, 3))],
  ["mul", mul, pairOf(arbFloat(-3, 3), arbFloat(-3, 3))],
  ["div (|b| ≥ 0.5)", div, pairOf(arbFloat(-3, 3), arbAwayFromZero(0.5, 2))],
  // Exponent 0 is left out: its base gradient is masked to 0 there (as in PyTorch), so the second
  // derivative with respect to the exponent jumps at exactly 0 and gradgradcheck rightly fails.
  ["pow (positive base, nonzero exponent, both differentiable)", pow, pairOf(arbFloat(0.5, 2), arbAwayFromZero(0.05, 2))],
  ["maximum (no ties)", maximum, pairOf(quarters, oddEighths)],
  ["minimum (no ties)", minimum, pairOf(oddEighths, quarters)],
];

for (const [name, op, arb] of BINARY) {
  propertyOf(`${name} with broadcasting`, arb, ([a, b]) => check2(op, [a, b]));
}

propertyOf(
  "where(cond, a, b) with three-way broadcasting (cond not differentiable)",
  arbBroadcastShapes(3, 3, 3).chain(([sc, sa, sb]) =>
    fc.tuple(arbData(fc.constant(sc!), fc.constantFrom(0, 1)), arbData(fc.constant(sa!), arbFloat(-3, 3)), arbData(fc.constant(sb!), arbFloat(-3, 3))),
  ),
  ([c, a, b]) => {
    const cond = tensorOf(c).bool();
    check((x, y) => where(cond, x, y), [a, b]);
  },
);

// ---- reductions ----

const withDims = (data: fc.Arbitrary<Data>): fc.Arbitrary<[Data, number | number[] | undefined, boolean]> =>
  data.chain((d) => fc.tuple(fc.constant(d), arbDims(d.shape.length), fc.boolean()));

propertyOf("sum over dims (keepdim, negative)", withDims(arbData(atLeast1d, arbFloat(-2, 2))), ([d, dims, keep]) => check2((x) => sum(x, dims, keep), [d]));
propertyOf("mean over dims", withDims(arbData(atLeast1d, arbFloat(-2, 2))), ([d, dims, keep]) => check((x) => mean(x, dims, keep), [d]));
propertyOf("max over dims (distinct values)", withDims(arbDistinctData(atLeast1d)), ([d, dims, keep]) => check((x) => max(x, dims, keep), [d]));
propertyOf("min over dims (distinct values)", withDims(arbDistinctData(atLeast1d)), ([d, dims, keep]) => check((x) => x.min(dims, keep), [d]));
propertyOf("amax/amin over dims (distinct values)", withDims(arbDistinctData(atLeast1d)), ([d, dims, keep]) => {
  check((x) => x.amax(dims, keep), [d]);
  check((x) => x.amin(dims, keep), [d]);
});
propertyOf("logsumexp over dims", withDims(arbData(atLeast1d, arbFloat(-3, 3))), ([d, dims, keep]) => check2((x) => logsumexp(x, dims, keep), [d]));

const withDim = arbData(atLeast1d, arbFloat(-3, 3)).chain((d) => fc.tuple(fc.constant(d), arbDim(d.shape.length)));
propertyOf("softmax along a dim", withDim, ([d, dim]) => check2((x) => softmax(x, dim), [d]));
propertyOf("logSoftmax along a dim", withDim, ([d, dim]) => check2((x) => logSoftmax(x, dim), [d]));

// ---- matrix products ----

const dimSize = fc.integer({ min: 1, max: 3 });
const values = (shape: number[]): fc.Arbitrary<Data> => arbData(fc.constant(shape), arbFloat(-2, 2));

const arbMatmulShapes: fc.Arbitrary<[number[], number[]]> = fc
  .tuple(dimSize, dimSize, dimSize, fc.integer({ min: 0, max: 4 }), arbBroadcastShapes(2, 2, 2))
  .map(([n, k, m, mode, [ba, bb]]) => {
    if (mode === 0) return [[k], [k]];
    if (mode === 1) return [[n, k], [k]];
    if (mode === 2) return [[k], [k, m]];
    if (mode === 3) return [[n, k], [k, m]];
    return [[...ba!, n, k], [...bb!, k, m]];
  });

propertyOf(
  "matmul: 1-D·1-D, 2-D·1-D, 1-D·2-D, 2-D·2-D and batched with broadcast batch dims",
  arbMatmulShapes.chain(([sa, sb]) => fc.tuple(values(sa), values(sb))),
  ([a, b]) => check2(matmul, [a, b]),
);
propertyOf(
  "mm and addmm (bias [m])",
  fc.tuple(dimSize, dimSize, dimSize).chain(([n, k, m]) => fc.tuple(values([m]), values([n, k]), values([k, m]))),
  ([bias, a, b]) => {
    check(mm, [a, b]);
    check(addmm, [bias, a, b]);
    check((x, y) => x.T.mm(y.T), [{ shape: [a.shape[1]!, a.shape[0]!], values: a.values }, { shape: [b.shape[1]!, b.shape[0]!], values: b.values }]);
  },
);

// ---- views ----

/** Composes a view with a nonlinearity so the check also sees the view's layout, not just its values. */
const squared = (f: (x: Tensor) => Tensor) => (x: Tensor): Tensor => f(x).mul(f(x));
const viewInput = arbData(atLeast1d, arbFloat(-2, 2));
const dimOf = (d: Data): fc.Arbitrary<number> => arbDim(d.shape.length);

propertyOf("reshape and view (same elements, -1 inferred)", viewInput.chain((d) => fc.tuple(fc.constant(d), arbSameNumel(d.shape))), ([d, s]) => {
  check((x) => x.reshape(s), [d]);
  check(squared((x) => x.view(s)), [d]);
  check((x) => x.T.reshape(-1), [d]);
});
propertyOf("transpose, permute, T", viewInput.chain((d) => fc.tuple(fc.constant(d), dimOf(d), dimOf(d), arbPermutation(d.shape.length))), ([d, a, b, p]) => {
  check(squared((x) => x.transpose(a, b)), [d]);
  check((x) => x.permute(p).mul(tensorOf({ shape: p.map((i) => d.shape[i]!), values: d.values.map((_, i) => i + 1) })), [d]);
  check((x) => x.T, [d]);
});
propertyOf("flatten, squeeze, unsqueeze", arbData(arbShape({ minRank: 1, maxRank: 4, minSize: 1, maxSize: 2 }), arbFloat(-2, 2)).chain((d) => fc.tuple(fc.constant(d), dimOf(d), dimOf(d))), ([d, a, b]) => {
  const [s, e] = (a < 0 ? a + d.shape.length : a) <= (b < 0 ? b + d.shape.length : b) ? [a, b] : [b, a];
  check(squared((x) => x.flatten(s, e)), [d]);
  check(squared((x) => x.squeeze()), [d]);
  check((x) => x.squeeze(a), [d]);
  check(squared((x) => x.unsqueeze(b)), [d]);
});
propertyOf(
  "expand (size-1 dims and new leading dims)",
  arbData(arbShape({ maxRank: 3, minSize: 1, maxSize: 2 }), arbFloat(-2, 2)).chain((d) =>
    fc.tuple(fc.constant(d), fc.array(dimSize, { maxLength: 2 }), fc.array(dimSize, { minLength: d.shape.length, maxLength: d.shape.length })),
  ),
  ([d, lead, sizes]) => {
    const target = [...lead, ...d.shape.map((s, i) => (s === 1 ? sizes[i]! : s))];
    check((x) => x.expand(target).mul(x.expand(target)), [d]);
  },
);
propertyOf(
  "slice (steps, negative bounds) and narrow",
  viewInput.chain((d) => fc.tuple(fc.constant(d), dimOf(d), fc.integer({ min: -4, max: 4 }), fc.integer({ min: -4, max: 4 }), fc.integer({ min: 1, max: 3 }))),
  ([d, dim, start, end, step]) => {
    check(squared((x) => x.slice(dim, start, end, step)), [d]);
    const size = d.shape[dim < 0 ? dim + d.shape.length : dim]!;
    const s = Math.abs(start) % size;
    check(squared((x) => x.narrow(dim, s, Math.min(size - s, Math.abs(end)))), [d]);
  },
);
propertyOf("contiguous (of a transposed view) and clone", viewInput, (d) => {
  check(squared((x) => x.T.contiguous()), [d]);
  check(squared((x) => x.clone()), [d]);
  check((x) => x.contiguous(), [d]);
});

// ---- indexing ----

const gatherCase = atLeast1d.chain((shape) =>
  fc.integer({ min: 0, max: shape.length - 1 }).chain((dim) =>
    fc.tuple(...shape.map((s, i) => fc.integer({ min: 1, max: i === dim ? 4 : s }))).chain((indexShape) =>
      fc.tuple(values(shape), fc.constant(dim), arbData(fc.constant(indexShape), fc.integer({ min: 0, max: shape[dim]! - 1 }))),
    ),
  ),
);
propertyOf("gather (repeated indices add up)", gatherCase, ([d, dim, index]) => {
  const idx = tensorOf(index);
  check(squared((x) => gather(x, dim, idx)), [d]);
});
propertyOf(
  "indexSelect",
  atLeast1d.chain((shape) =>
    fc.integer({ min: 0, max: shape.length - 1 }).chain((dim) =>
      fc.tuple(values(shape), fc.constant(dim), fc.array(fc.integer({ min: 0, max: shape[dim]! - 1 }), { minLength: 1, maxLength: 4 })),
    ),
  ),
  ([d, dim, picks]) => check(squared((x) => indexSelect(x, dim, tensor(picks, { dtype: "int32" }))), [d]),
);
propertyOf(
  "cat and stack of several inputs",
  atLeast1d.chain((shape) =>
    fc.integer({ min: 0, max: shape.length - 1 }).chain((dim) =>
      fc.array(dimSize, { minLength: 1, maxLength: 3 }).chain((sizes) =>
        fc.tuple(fc.constant(dim), fc.tuple(...sizes.map((k) => values(shape.map((s, i) => (i === dim ? k : s))))), fc.tuple(...sizes.map(() => values(shape)))),
      ),
    ),
  ),
  ([dim, parts, same]) => {
    check(squared((...xs) => cat(xs, dim)), parts);
    check(squared((...xs) => stack(xs, dim)), same);
    check(squared((...xs) => stack(xs, -1)), same);
  },
);

// ---- a composite: d2l's softmax regression loss ----

propertyOf(
  "cross-entropy of softmax regression: -mean(gather(logSoftmax(X W + b), y))",
  fc.tuple(dimSize, dimSize, fc.integer({ min: 2, max: 4 })).chain(([n, k, q]) =>
    fc.tuple(values([n, k]), values([k, q]), values([q]), fc.array(fc.integer({ min: 0, max: q - 1 }), { minLength: n, maxLength: n })),
  ),
  ([X, W, b, labels]) => {
    const y = tensor(labels, { dtype: "int32" }).reshape(-1, 1);
    check2((x, w, bias) => neg(gather(logSoftmax(x.matmul(w).add(bias), 1), 1, y).mean()), [X, W, b]);
  },
);

// ---- the checker has teeth ----

test("gradcheck catches a wrong backward rule written with customOp()", () => {
  const savingInput = (name: string, f: (x: Tensor) => Tensor, df: (g: Tensor, x: Tensor) => Tensor) =>
    customOp({
      name,
      forward(ctx, x: Tensor) {
        ctx.saveForBackward(x);
        return f(x);
      },
      backward(ctx, g) {
        return df(g, ctx.savedTensors[0]!);
      },
    });
  // d(x²)/dx = 2x, but this rule forgets the factor 2.
  const badSquare = savingInput("BadSquare", (x) => x.mul(x), (g, x) => g.mul(x));
  throwsError(() => gradcheck(badSquare, [tensor([0.5, -1, 2], { requiresGrad: true })]), "gradcheck: gradient mismatch", "input 0");
  // The correct rule passes the same check.
  const goodSquare = savingInput("GoodSquare", (x) => x.mul(x), (g, x) => g.mul(x).mul(2));
  assert.ok(gradcheck(goodSquare, [tensor([0.5, -1, 2], { requiresGrad: true })]));
  // A rule wrong at one element only, and one that drops a broadcast input's gradient.
  const offByOne = savingInput("OffByOne", (x) => x.mul(3), (g) => g.mul(tensor([3, 3, 3.1])));
  throwsError(() => gradcheck(offByOne, [tensor([1, 2, 3], { requiresGrad: true })]), "element 2");
  // A rule 0.5 % off: inside the float32 mode's rtol 1e-2, caught by the float64 mode (PyTorch's rtol 1e-3).
  const slightlyOff = savingInput("SlightlyOff", (x) => x.mul(x), (g, x) => g.mul(x).mul(2.01));
  const at = (dtype: "float32" | "float64") => [tensor([0.5, -1, 2], { dtype, requiresGrad: true })];
  assert.ok(gradcheck(slightlyOff, at("float32")));
  throwsError(() => gradcheck(slightlyOff, at("float64")), "gradcheck: gradient mismatch", "rtol 0.001");
  // A first derivative right but not differentiable correctly: gradgradcheck catches it, gradcheck cannot.
  const frozenSquare = savingInput("FrozenSquare", (x) => x.mul(x), (g, x) => g.mul(x.detach()).mul(2));
  assert.ok(gradcheck(frozenSquare, at("float64")));
  throwsError(() => gradgradcheck(frozenSquare, at("float64")), "gradcheck: gradient mismatch");
  const dropsB = customOp({ name: "DropsB", forward: (_ctx, a: Tensor, b: Tensor) => a.add(b), backward: (_ctx, g) => [g, null] });
  throwsError(() => gradcheck(dropsB, [tensor([[1], [2]], { requiresGrad: true }), tensor([1, 2, 3], { requiresGrad: true })]), "input 1");
});

test.run();
