import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { arange, cat, gather, indexSelect, scatterAdd, stack, tensor, zeros } from "../../src/index.js";
import { arbShape, arbStridedOf, buildStrided, expectedOf } from "../helpers/arbitraries.js";
import { allClose, assertTensor, EXACT, throwsError } from "../helpers/assert.js";
import { refCat, refGather } from "../helpers/reference.js";

test("property: gather on strided input and strided index equals a reference loop and the contiguous result", () => {
  const arb = arbShape({ minRank: 1, maxRank: 3 }).chain((xShape) =>
    fc.integer({ min: 0, max: xShape.length - 1 }).chain((dim) =>
      fc
        .tuple(...xShape.map((s, d) => fc.integer({ min: 1, max: d === dim ? 4 : s })))
        .chain((indexShape) =>
          fc.tuple(
            arbStridedOf(xShape),
            fc.constant(dim),
            arbStridedOf(indexShape, fc.integer({ min: 0, max: xShape[dim]! - 1 })),
            fc.boolean(),
          ),
        ),
    ),
  );
  fc.assert(
    fc.property(arb, ([cx, dim, ci, negativeDim]) => {
      const x = buildStrided(cx);
      const index = buildStrided(ci);
      const d = negativeDim ? dim - cx.shape.length : dim;
      const y = gather(x, d, index);
      allClose(y, refGather(expectedOf(cx), dim, expectedOf(ci)), EXACT);
      allClose(y, x.contiguous().gather(d, index.contiguous()).toFloat32Array(), EXACT, "strided vs contiguous");
    }),
    { numRuns: 100 },
  );
});

test("property: indexSelect picks whole slices (repeats allowed) on strided input", () => {
  const arb = arbShape({ minRank: 1, maxRank: 3 }).chain((xShape) =>
    fc.integer({ min: 0, max: xShape.length - 1 }).chain((dim) =>
      fc.tuple(arbStridedOf(xShape), fc.constant(dim), fc.array(fc.integer({ min: 0, max: xShape[dim]! - 1 }), { minLength: 1, maxLength: 5 })),
    ),
  );
  fc.assert(
    fc.property(arb, ([cx, dim, picks]) => {
      const x = buildStrided(cx);
      const e = expectedOf(cx);
      const y = indexSelect(x, dim, tensor(picks));
      // Expected: concatenation of the picked slices (each of width 1) along dim.
      const slices = picks.map((p) => refGather(e, dim, { shape: e.shape.map((s, d) => (d === dim ? 1 : s)), data: new Float64Array(e.data.length / e.shape[dim]!).fill(p) }));
      allClose(y, refCat(slices, dim), EXACT);
      allClose(x.contiguous().indexSelect(dim, tensor(picks)), refCat(slices, dim), EXACT, "method on contiguous");
    }),
    { numRuns: 80 },
  );
});

test("property: cat of strided parts along any dim equals a reference concatenation", () => {
  const arb = arbShape({ minRank: 1, maxRank: 3 }).chain((shape) =>
    fc.integer({ min: 0, max: shape.length - 1 }).chain((dim) =>
      fc
        .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 })
        .chain((sizes) =>
          fc.tuple(fc.constant(dim), fc.tuple(...sizes.map((k) => arbStridedOf(shape.map((s, d) => (d === dim ? k : s)))))),
        ),
    ),
  );
  fc.assert(
    fc.property(arb, ([dim, cases]) => {
      const parts = cases.map((c) => buildStrided(c));
      const y = cat(parts, dim);
      allClose(y, refCat(cases.map(expectedOf), dim), EXACT);
      allClose(y, cat(parts.map((p) => p.contiguous()), dim - parts[0]!.ndim).toFloat32Array(), EXACT, "contiguous, negative dim");
    }),
    { numRuns: 80 },
  );
});

test("gather by hand: d2l's y_hat[[0, 1], y]", () => {
  const yHat = tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
  const y = tensor([0, 2]);
  assertTensor(gather(yHat, 1, y.reshape(-1, 1)), [2, 1], [0.1, 0.5].map(Math.fround));
  assertTensor(tensor([[1, 2], [3, 4]]).gather(0, tensor([[1, 0], [0, 0]])), [2, 2], [3, 2, 1, 2]);
  // PyTorch: torch.tensor([1., 2., 3.]).gather(0, torch.tensor([-1, 0])) raises "index -1 is out of bounds".
  throwsError(() => tensor([1, 2, 3]).gather(0, tensor([-1, 0])), "gather: index -1 is out of bounds", "size 3");
  assertTensor(tensor(3).gather(0, tensor(0)), [], [3]);
  assertTensor(scatterAdd(tensor(3), 0, tensor(0), []), [], [3]);
});

test("scatterAdd adds repeats; indexSelect by hand; cat/stack by hand", () => {
  assertTensor(scatterAdd(tensor([[1, 2]]), 1, tensor([[0, 0]]), [1, 3]), [1, 3], [3, 0, 0]);
  const x = arange(12).reshape(3, 4);
  assertTensor(indexSelect(x, 0, tensor([2, 0])), [2, 4], [8, 9, 10, 11, 0, 1, 2, 3]);
  assertTensor(x.indexSelect(1, tensor([3, 3])), [3, 2], [3, 3, 7, 7, 11, 11]);
  assertTensor(cat([zeros(2, 3), tensor([[1, 2, 3]])], 0), [3, 3], [0, 0, 0, 0, 0, 0, 1, 2, 3]);
  assertTensor(cat([tensor([[1], [2]]), tensor([[3, 4], [5, 6]])], 1), [2, 3], [1, 3, 4, 2, 5, 6]);
  assertTensor(cat([tensor([1, 2]), tensor([])]), [2], [1, 2]);
  assertTensor(stack([tensor([1, 2]), tensor([3, 4])]), [2, 2], [1, 2, 3, 4]);
  assertTensor(stack([tensor([1, 2]), tensor([3, 4])], 1), [2, 2], [1, 3, 2, 4]);
  assertTensor(stack([tensor([1, 2]), tensor([3, 4])], -1), [2, 2], [1, 3, 2, 4]);
  assertTensor(stack([tensor(1), tensor(2)]), [2], [1, 2]);
  const parts = [tensor([1]), tensor([2])];
  const joined = cat(parts);
  assert.ok(joined.storage !== parts[0]!.storage, "cat copies");
});

test.run();
