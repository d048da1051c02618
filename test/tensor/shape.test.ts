import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { add, fromArray } from "../../src/index.js";
import { broadcastShapes, fmtShape, normalizeDim, normalizeDims } from "../../src/tensor/shape.js";
import { arbBroadcastPair, arbData, arbShape, tensorOf } from "../helpers/arbitraries.js";
import { allClose, throwsError } from "../helpers/assert.js";
import { ref, refBroadcastShapes, refMap } from "../helpers/reference.js";

// Sizes 1..3 make incompatible pairs common, so both branches of the rule get exercised.
const smallShape = arbShape({ maxRank: 4, minSize: 1, maxSize: 3 });

test("property: broadcastShapes follows NumPy's rule, and names the op and both shapes when it fails", () => {
  let failures = 0;
  fc.assert(
    fc.property(smallShape, smallShape, (a, b) => {
      const expected = refBroadcastShapes(a, b);
      if (expected === null) {
        failures++;
        throwsError(() => broadcastShapes("add", a, b), "add:", fmtShape(a), fmtShape(b), "cannot be broadcast");
      } else {
        assert.equal(broadcastShapes("add", a, b), expected);
        assert.equal(broadcastShapes("add", b, a), expected);
      }
    }),
    { numRuns: 300 },
  );
  assert.ok(failures > 0, "the generator produced incompatible pairs");
});

test("property: add of broadcastable tensors equals a float64 reference loop", () => {
  fc.assert(
    fc.property(
      arbBroadcastPair().chain(([sa, sb]) => fc.tuple(arbData(fc.constant(sa)), arbData(fc.constant(sb)))),
      ([da, db]) => {
        const expected = refMap((x, y) => x + y, ref(da.shape, da.values), ref(db.shape, db.values));
        allClose(add(tensorOf(da), tensorOf(db)), expected, { atol: 1e-6, rtol: 1e-6 });
        allClose(tensorOf(db).add(tensorOf(da)), expected, { atol: 1e-6, rtol: 1e-6 });
      },
    ),
    { numRuns: 100 },
  );
});

test("property: add of incompatible shapes throws an Error naming add and both shapes", () => {
  fc.assert(
    fc.property(smallShape, smallShape, (a, b) => {
      fc.pre(refBroadcastShapes(a, b) === null);
      const x = fromArray(new Float32Array(a.reduce((p, d) => p * d, 1)), a);
      const y = fromArray(new Float32Array(b.reduce((p, d) => p * d, 1)), b);
      throwsError(() => x.add(y), "add:", fmtShape(a), fmtShape(b));
    }),
    { numRuns: 50 },
  );
});

test("broadcasting by hand: [3, 1] + [4] is [3, 4], [2, 1, 3] + [4, 1] is [2, 4, 3], scalars broadcast everywhere", () => {
  assert.equal(broadcastShapes("add", [3, 1], [4]), [3, 4]);
  assert.equal(broadcastShapes("add", [2, 1, 3], [4, 1]), [2, 4, 3]);
  assert.equal(broadcastShapes("add", [], [2, 3]), [2, 3]);
  assert.equal(broadcastShapes("add", [0], [1]), [0]);
  throwsError(() => broadcastShapes("mul", [2, 3], [4]), "mul: shapes [2, 3] and [4] cannot be broadcast together");
  throwsError(() => broadcastShapes("add", [0], [2]), "[0]", "[2]");
});

test("normalizeDim accepts -ndim … ndim-1 and rejects the rest with PyTorch's message", () => {
  assert.is(normalizeDim("sum", -1, 3), 2);
  assert.is(normalizeDim("sum", 0, 3), 0);
  assert.is(normalizeDim("sum", -1, 0), 0);
  throwsError(() => normalizeDim("sum", 3, 3), "sum: dimension out of range", "[-3, 2]", "got 3");
  throwsError(() => normalizeDim("sum", -4, 3), "got -4");
  throwsError(() => normalizeDim("sum", 0.5, 3), "got 0.5");
  assert.equal(normalizeDims("sum", [-1, 0], 3), [0, 2]);
  assert.equal(normalizeDims("sum", undefined, 3), [0, 1, 2]);
  throwsError(() => normalizeDims("sum", [1, -2], 3), "sum: dim 1 appears multiple times");
});

test.run();
