import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DataLoader } from "../../src/data/data-loader.js";
import type { Dataset } from "../../src/data/dataset.js";
import { TensorDataset } from "../../src/data/tensor-dataset.js";
import { Generator } from "../../src/tensor/random.js";
import { Tensor } from "../../src/tensor/tensor.js";

/** X[i] = [10 i, 10 i + 1, 10 i + 2], y[i] = [i]: every row says which example it is. */
function numbered(n: number): [Tensor, Tensor] {
  const X = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) X[i * 3 + j] = 10 * i + j;
  const y = Float32Array.from({ length: n }, (_, i) => i);
  return [new Tensor(X, [n, 3]), new Tensor(y, [n, 1])];
}

/** The example ids of one epoch, batch by batch, checking X and y rows agree. */
function epochIds(loader: Iterable<readonly Tensor[]>): number[][] {
  const out: number[][] = [];
  for (const [X, y] of loader) {
    const ids = Array.from(y!.toFloat32Array());
    const rows = X!.toFloat32Array();
    ids.forEach((id, b) => assert.equal(Array.from(rows.subarray(3 * b, 3 * b + 3)), [10 * id, 10 * id + 1, 10 * id + 2]));
    out.push(ids);
  }
  return out;
}

test("every index exactly once per epoch, shuffled; batch shapes and length", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 17 }), fc.boolean(), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n, batchSize, dropLast, seed) => {
      const loader = new DataLoader(new TensorDataset(...numbered(n)), { batchSize, shuffle: true, dropLast, generator: new Generator(seed) });
      const batches = epochIds(loader);
      assert.is(batches.length, loader.length);
      assert.is(loader.length, dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize));
      const seen = batches.flat().sort((a, b) => a - b);
      const kept = dropLast ? n - (n % batchSize) : n;
      assert.is(seen.length, kept);
      assert.is(new Set(seen).size, kept, "no index twice");
      if (!dropLast) assert.equal(seen, Array.from({ length: n }, (_, i) => i));
      batches.forEach((b, k) => assert.is(b.length, k < batches.length - 1 || dropLast || n % batchSize === 0 ? batchSize : n % batchSize));
    }),
    { numRuns: 60 },
  );
});

test("shuffles differ between epochs; the same seed gives the same orders", () => {
  const make = (): DataLoader<[Tensor, Tensor]> =>
    new DataLoader(new TensorDataset(...numbered(50)), { batchSize: 8, shuffle: true, generator: new Generator(42) });
  const a = make();
  const b = make();
  const a1 = epochIds(a).flat();
  const a2 = epochIds(a).flat();
  assert.not.equal(a1, a2, "a fresh permutation every epoch");
  assert.equal(epochIds(b).flat(), a1);
  assert.equal(epochIds(b).flat(), a2);
});

test("without shuffle, batches come in order; dropLast drops the short tail", () => {
  const ds = new TensorDataset(...numbered(7));
  assert.equal(epochIds(new DataLoader(ds, { batchSize: 3 })), [[0, 1, 2], [3, 4, 5], [6]]);
  assert.equal(epochIds(new DataLoader(ds, { batchSize: 3, dropLast: true })), [[0, 1, 2], [3, 4, 5]]);
  assert.equal(epochIds(new DataLoader(ds)).length, 7, "batchSize defaults to 1");
});

test("a dataset without getBatch is stacked from get(i) along a new first dim", () => {
  const squares: Dataset<[Tensor, Tensor]> = {
    length: 5,
    get: (i) => [new Tensor(Float32Array.of(i, i * i), [2]), new Tensor(Float32Array.of(i % 2), [])],
  };
  const batches = [...new DataLoader(squares, { batchSize: 2 })];
  assert.is(batches.length, 3);
  const [X, y] = batches[0]!;
  assert.equal(X.shape, [2, 2]);
  assert.equal(y.shape, [2]);
  assert.equal(Array.from(X.toFloat32Array()), [0, 0, 1, 1]);
  assert.equal(Array.from(batches[2]![0].toFloat32Array()), [4, 16]);
  const ragged: Dataset<Tensor[]> = { length: 2, get: (i) => [new Tensor(new Float32Array(i + 1), [i + 1])] };
  assert.throws(() => [...new DataLoader(ragged, { batchSize: 2 })], /DataLoader: stack expects each tensor to be equal size, but got \[1\] at entry 0 and \[2\] at entry 1/);
});

test("batchSize must be a positive integer", () => {
  const ds = new TensorDataset(...numbered(3));
  for (const bad of [0, -1, 2.5, Number.NaN]) {
    assert.throws(() => new DataLoader(ds, { batchSize: bad }), (e: Error) => e.message === `DataLoader: batchSize should be a positive integer value, but got batchSize=${bad}`);
  }
});

test.run();
