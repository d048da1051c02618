import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import {
  Tensor, argmax, argmin, full, logSoftmax, logsumexp, max, mean, min, softmax, sum, tensor, zeros, type Dims,
} from "../../src/index.js";
import { arbDim, arbDims, arbFloat, arbShape, arbStrided, buildStrided, expectedOf } from "../helpers/arbitraries.js";
import { allClose, assertTensor, EXACT, throwsError, type Tolerance } from "../helpers/assert.js";
import {
  argmaxOf, argminOf, logsumexpOf, maxOf, meanOf, minOf, ref, refReduce, refSoftmax, sumOf,
} from "../helpers/reference.js";

interface ReduceCase {
  name: string;
  op: (x: Tensor, dim: Dims, keepdim: boolean) => Tensor;
  ref: (values: number[]) => number;
  tol: Tolerance;
}

const REDUCTIONS: ReduceCase[] = [
  { name: "sum", op: (x, d, k) => sum(x, d, k), ref: sumOf, tol: { atol: 1e-4, rtol: 1e-5 } },
  { name: "mean", op: (x, d, k) => x.mean(d, k), ref: meanOf, tol: { atol: 1e-5, rtol: 1e-5 } },
  { name: "max", op: (x, d, k) => max(x, d, k), ref: maxOf, tol: EXACT },
  { name: "min", op: (x, d, k) => x.min(d, k), ref: minOf, tol: EXACT },
  { name: "logsumexp", op: (x, d, k) => logsumexp(x, d, k), ref: logsumexpOf, tol: { atol: 1e-5, rtol: 1e-5 } },
];

const arbReduceCase = arbStrided(arbShape({ minRank: 1, maxRank: 4 })).chain((c) =>
  fc.tuple(fc.constant(c), arbDims(c.shape.length), fc.boolean()),
);

for (const r of REDUCTIONS) {
  test(`property: ${r.name} over one or several dims (negative, keepdim) equals a float64 loop, on strided views`, () => {
    fc.assert(
      fc.property(arbReduceCase, ([c, dims, keepdim]) => {
        const x = buildStrided(c);
        const y = r.op(x, dims, keepdim);
        allClose(y, refReduce(expectedOf(c), dims, keepdim, r.ref), r.tol, `${r.name}(${JSON.stringify(dims)}, ${keepdim})`);
        allClose(y, r.op(x.contiguous(), dims, keepdim).toFloat32Array(), { atol: 1e-6, rtol: 1e-6 }, "strided vs contiguous");
      }),
      { numRuns: 60 },
    );
  });
}

test("property: argmax/argmin over a dim or the flattened tensor give the first extreme index", () => {
  const ties = fc.integer({ min: -2, max: 2 });
  const arb = arbStrided(arbShape({ minRank: 1, maxRank: 3 }), ties).chain((c) =>
    fc.tuple(fc.constant(c), fc.option(arbDim(c.shape.length), { nil: undefined }), fc.boolean()),
  );
  fc.assert(
    fc.property(arb, ([c, dim, keepdim]) => {
      const x = buildStrided(c);
      const e = expectedOf(c);
      const flatKept = (y: ReturnType<typeof refReduce>): ReturnType<typeof refReduce> =>
        keepdim ? { shape: c.shape.map(() => 1), data: y.data } : { shape: [], data: y.data };
      const expMax = dim === undefined ? flatKept(refReduce(ref([e.data.length], e.data), 0, false, argmaxOf)) : refReduce(e, dim, keepdim, argmaxOf);
      const expMin = dim === undefined ? flatKept(refReduce(ref([e.data.length], e.data), 0, false, argminOf)) : refReduce(e, dim, keepdim, argminOf);
      allClose(argmax(x, dim, keepdim), expMax, EXACT, "argmax");
      allClose(x.argmin(dim, keepdim), expMin, EXACT, "argmin");
    }),
    { numRuns: 100 },
  );
});

test("reductions by hand: sum/mean/max/min/argmax of a 2×3 matrix", () => {
  const x = tensor([[1, 5, 2], [7, 0, 7]]);
  assertTensor(x.sum(), [], [22]);
  assertTensor(x.sum(0), [3], [8, 5, 9]);
  assertTensor(x.sum(-1, true), [2, 1], [8, 14]);
  assertTensor(x.sum([0, 1]), [], [22]);
  assertTensor(mean(x, 1), [2], [8 / 3, 14 / 3].map(Math.fround));
  assertTensor(x.max(1), [2], [5, 7]);
  assertTensor(min(x, 0), [3], [1, 0, 2]);
  assertTensor(x.argmax(1), [2], [1, 0]);
  assertTensor(x.argmax(), [], [3]);
  assertTensor(argmin(x, 0, true), [1, 3], [0, 1, 0]);
  assertTensor(sum(zeros(0, 3), 0), [3], [0, 0, 0]);
  allClose(max(tensor([1, NaN, 3])), [NaN]);
  assertTensor(tensor([1, NaN, 3]).argmax(), [], [1]);
});

test("long sums stay accurate: 10^6 × 0.1 sums to 1e5 (a float32 running sum drifts to ~100958)", () => {
  const x = full([1_000_000], 0.1);
  allClose(x.sum(), [1e5], { atol: 0, rtol: 1e-6 });
  allClose(x.reshape(1000, 1000).sum(1).sum(), [1e5], { atol: 0, rtol: 1e-6 });
  allClose(x.mean(), [Math.fround(0.1)], { atol: 0, rtol: 1e-6 });
});

test("logsumexp of [1000, 1000] is 1000 + ln 2 and of [-1000, -1000] is -1000 + ln 2 (no overflow/underflow)", () => {
  allClose(logsumexp(tensor([1000, 1000]), 0), [1000 + Math.LN2], { atol: 1e-4, rtol: 0 });
  allClose(logsumexp(tensor([-1000, -1000]), 0), [-1000 + Math.LN2], { atol: 1e-4, rtol: 0 });
  allClose(logsumexp(tensor([[0, -Infinity], [-Infinity, -Infinity]]), 1), [0, -Infinity]);
  allClose(logsumexp(tensor([1, Infinity]), 0), [Infinity]);
});

test("property: softmax rows sum to 1 and logSoftmax rows exp-sum to 1, finite for logits of ±1000, equal to float64 references", () => {
  const arb = arbStrided(arbShape({ minRank: 1, maxRank: 3 }), fc.oneof(arbFloat(-1000, 1000), arbFloat(-5, 5))).chain((c) =>
    fc.tuple(fc.constant(c), arbDim(c.shape.length)),
  );
  fc.assert(
    fc.property(arb, ([c, dim]) => {
      const x = buildStrided(c);
      const e = expectedOf(c);
      const p = softmax(x, dim);
      const lp = x.logSoftmax(dim);
      assert.ok(p.toFloat32Array().every(Number.isFinite), "softmax is finite");
      assert.ok(lp.toFloat32Array().every(Number.isFinite), "logSoftmax is finite");
      allClose(p, refSoftmax(e, dim), { atol: 1e-6, rtol: 1e-5 }, "softmax");
      allClose(lp, refSoftmax(e, dim, true), { atol: 1e-4, rtol: 1e-5 }, "logSoftmax");
      allClose(p.sum(dim), refReduce(e, dim, false, () => 1), { atol: 1e-5, rtol: 0 }, "softmax rows sum to 1");
      allClose(lp.exp().sum(dim), refReduce(e, dim, false, () => 1), { atol: 1e-5, rtol: 0 }, "exp(logSoftmax) rows sum to 1");
    }),
    { numRuns: 100 },
  );
});

test("softmax by hand: [[1, 2, 3]] and logSoftmax of [[0, 0]]", () => {
  const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
  allClose(softmax(tensor([[1, 2, 3]]), -1), [Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z], { atol: 1e-7 });
  allClose(logSoftmax(tensor([[0, 0]]), 1), [-Math.LN2, -Math.LN2], { atol: 1e-7 });
  allClose(softmax(tensor([[1000, 0], [-1000, 0]]), 1), [1, 0, 0, 1]);
  allClose(softmax(tensor([[1, 3], [1, 3]]), 0), [0.5, 0.5, 0.5, 0.5]);
});

test("reductions of empty dims: max/argmax are errors naming the op (as in PyTorch); logsumexp is -inf", () => {
  throwsError(() => max(zeros(2, 0), 1), "max:", "size 0");
  throwsError(() => zeros(2, 0).amax(1), "amax:", "size 0");
  throwsError(() => zeros(0).argmax(), "argmax:", "empty");
  // PyTorch: torch.logsumexp(torch.zeros(3, 0), 1) is [-inf, -inf, -inf] (log of an empty sum).
  assert.equal([...zeros(3, 0).logsumexp(1).toFloat32Array()], [-Infinity, -Infinity, -Infinity]);
});

test.run();
