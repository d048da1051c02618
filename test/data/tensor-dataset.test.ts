import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { copyStridedInto, gatherRows } from "../../src/data/rows.js";
import { TensorDataset } from "../../src/data/tensor-dataset.js";
import { Tensor } from "../../src/tensor/tensor.js";

const iota = (n: number): Float32Array => Float32Array.from({ length: n }, (_, k) => k);

/** Element (i, j, …) of a strided view, read with explicit index arithmetic. */
function at(t: Tensor, idx: readonly number[]): number {
  return t.storage[idx.reduce((p, v, d) => p + v * t.strides[d]!, t.offset)]!;
}

test("size mismatch names the first dims", () => {
  assert.throws(
    () => new TensorDataset(new Tensor(iota(10), [5, 2]), new Tensor(iota(3), [3])),
    (e: Error) => e.message === "TensorDataset: size mismatch between tensors (first dims 5 and 3)",
  );
  assert.throws(() => new TensorDataset(), /TensorDataset: expected at least one tensor/);
  assert.throws(() => new TensorDataset(new Tensor(iota(1), [])), /TensorDataset: tensors need a first dim to index, found shape \[\]/);
});

test("get(i) returns the i-th rows as new tensors; bad indices are errors", () => {
  const X = new Tensor(iota(12), [4, 3]);
  const y = new Tensor(Float32Array.of(7, 8, 9, 10), [4]);
  const ds = new TensorDataset(X, y);
  assert.is(ds.length, 4);
  const [x2, y2] = ds.get(2);
  assert.equal(x2.shape, [3]);
  assert.equal(Array.from(x2.toFloat32Array()), [6, 7, 8]);
  assert.equal(y2.shape, []);
  assert.is(y2.item(), 9);
  x2.storage[0] = -1;
  assert.is(X.storage[6], 6, "a copy, not a view of the source");
  assert.throws(() => ds.get(4), (e: Error) => e.message.startsWith("TensorDataset.get: index 4 is out of range for a dataset of length 4"));
  assert.throws(() => ds.getBatch([0, 1.5]), /TensorDataset\.getBatch: index 1\.5 is out of range/);
});

test("getBatch rows equal the source rows, for contiguous and strided sources", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 4 }),
      fc.boolean(),
      fc.array(fc.nat(), { maxLength: 9 }),
      (n, c, w, transposed, raw) => {
        // Source [n, c, w]; when `transposed` it is a permuted view of a [w, c, n] buffer, so rows are strided.
        const base = iota(n * c * w).map((v) => v * 0.5 - 3);
        const t = transposed ? new Tensor(base, [n, c, w], [1, n, n * c], 0) : new Tensor(base, [n, c, w]);
        const indices = raw.map((r) => r % n);
        const [batch] = new TensorDataset(t).getBatch(Int32Array.from(indices));
        assert.equal(batch!.shape, [indices.length, c, w]);
        const got = batch!.toFloat32Array();
        let k = 0;
        for (const i of indices) for (let a = 0; a < c; a++) for (let b = 0; b < w; b++) assert.is(got[k++], at(t, [i, a, b]));
      },
    ),
    { numRuns: 80 },
  );
});

test("copyStridedInto and gatherRows honour the view's offset", () => {
  const base = iota(20);
  const view = new Tensor(base, [3, 2], [4, 2], 5); // rows start at 5, 9, 13; elements 2 apart
  const out = new Float32Array(8).fill(-1);
  copyStridedInto(view.storage, view.shape, view.strides, view.offset, out, 1);
  assert.equal(Array.from(out), [-1, 5, 7, 9, 11, 13, 15, -1]);
  assert.equal(Array.from(gatherRows(view, [2, 0], "t").toFloat32Array()), [13, 15, 5, 7]);
});


test("get(-1) is the last example, as Python indexing (and PyTorch's TensorDataset) give; -length is the first", () => {
  const ds = new TensorDataset(new Tensor(iota(6), [3, 2]), new Tensor(iota(3), [3]));
  assert.equal([...ds.get(-1)[0].toFloat32Array()], [4, 5]);
  assert.equal([...ds.get(-1)[1].toFloat32Array()], [2]);
  assert.equal([...ds.get(-3)[0].toFloat32Array()], [0, 1]);
  assert.throws(() => ds.get(-4), /TensorDataset.get: index -4 is out of range for a dataset of length 3 \(expected an integer in \[-3, 2\]\)/);
});

test.run();
