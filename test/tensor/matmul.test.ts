import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { Tensor } from "../../src/tensor/tensor.js";
import { Generator } from "../../src/tensor/random.js";
import { gemm, panelWidthFor } from "../../src/tensor/kernels/gemm.js";
import { gemmNaive } from "../../src/tensor/kernels/gemm-naive.js";
import { gemmWasm } from "../../src/tensor/wasm/gemm.js";
import { addmmForward, matmulForward, matmulNaive } from "../../src/tensor/matmul.js";
import { allClose, throwsError } from "../helpers/assert.js";
import { readStrided, refMatmul, type Ref } from "../helpers/reference.js";

// Float32 products summed in float64 blocks (gemm) or float32 blocks of 256 (gemmWasm): the error stays
// below these for |values| ≤ 1, K ≤ 1100.
const TOL = { atol: 1e-4, rtol: 1e-5 };

/** The packed kernels checked against the reference: TypeScript and WebAssembly SIMD. */
const PACKED = [gemm, gemmWasm] as const;

/** Storage of `length` float32 values uniform in [-1, 1], from `seed`. */
function randomStorage(length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  new Generator(seed).fillUniform(out, -1, 1);
  return out;
}

/** A contiguous tensor of zeros. */
function zerosTensor(...shape: number[]): Tensor {
  return new Tensor(new Float32Array(shape.reduce((p, d) => p * d, 1)), shape);
}

// ---- strided layouts, built by hand ----

/** How a logical rows×cols matrix sits in its storage. */
type MatrixLayout = "rowMajor" | "transposed" | "paddedRows" | "everyOther" | "expandedRows" | "expandedCols";
const MATRIX_LAYOUTS: readonly MatrixLayout[] = ["rowMajor", "transposed", "paddedRows", "everyOther", "expandedRows", "expandedCols"];

interface StridedMatrix {
  storage: Float32Array;
  offset: number;
  rowStride: number;
  colStride: number;
}

function stridesOf(layout: MatrixLayout, rows: number, cols: number): [number, number] {
  switch (layout) {
    case "rowMajor": return [cols, 1];
    case "transposed": return [1, rows]; // the transpose of a cols×rows row-major matrix
    case "paddedRows": return [cols + 3, 1]; // a column slice of a wider matrix
    case "everyOther": return [2 * cols, 2]; // a step-2 slice
    case "expandedRows": return [0, 1]; // one row expanded down
    case "expandedCols": return [1, 0]; // one column expanded across
  }
}

function stridedMatrix(layout: MatrixLayout, rows: number, cols: number, offset: number, seed: number): StridedMatrix {
  const [rowStride, colStride] = stridesOf(layout, rows, cols);
  const span = rows === 0 || cols === 0 ? 0 : (rows - 1) * rowStride + (cols - 1) * colStride + 1;
  return { storage: randomStorage(offset + span + 2, seed), offset, rowStride, colStride };
}

function logical(m: StridedMatrix, rows: number, cols: number): Ref {
  return readStrided(m.storage, [rows, cols], [m.rowStride, m.colStride], m.offset);
}

// ---- gemm / gemmNaive against the float64 reference ----

interface GemmCase {
  M: number;
  N: number;
  K: number;
  aLayout: MatrixLayout;
  bLayout: MatrixLayout;
  aOffset: number;
  bOffset: number;
  cOffset: number;
  cPad: number;
  accumulate: boolean;
  bias: "none" | "contiguous" | "strided";
  seed: number;
}

/**
 * Runs `kernel` on one case and checks every element of C's storage: inside the M×N block it must be
 * (old C if accumulating) + A·B (+ bias); the row padding and the offset prefix must be untouched.
 */
function checkGemmCase(kernel: typeof gemm, k: GemmCase): void {
  const { M, N, K } = k;
  const A = stridedMatrix(k.aLayout, M, K, k.aOffset, k.seed);
  const B = stridedMatrix(k.bLayout, K, N, k.bOffset, k.seed + 1);
  const ldc = N + k.cPad;
  const c = randomStorage(k.cOffset + M * ldc, k.seed + 2);
  const before = Float32Array.from(c);
  const bias = k.bias === "none" ? undefined : randomStorage(2 * N + 1, k.seed + 3);
  const biasStride = k.bias === "strided" ? 2 : 1;
  kernel(M, N, K, A.storage, A.offset, A.rowStride, A.colStride, B.storage, B.offset, B.rowStride, B.colStride, c, k.cOffset, ldc, k.accumulate, bias, 1, biasStride);

  const product = refMatmul(logical(A, M, K), logical(B, K, N)).data;
  const expected = Float64Array.from(before);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      const p = k.cOffset + i * ldc + j;
      const old = k.accumulate ? before[p]! : 0;
      const b = bias === undefined ? 0 : bias[1 + j * biasStride]!;
      expected[p] = old + product[i * N + j]! + b;
    }
  }
  allClose(c, expected, TOL, `${kernel.name} ${JSON.stringify(k)}`);
}

function arbGemmCase(maxSize: number): fc.Arbitrary<GemmCase> {
  const size = fc.integer({ min: 1, max: maxSize });
  return fc.record({
    M: size,
    N: size,
    K: size,
    aLayout: fc.constantFrom(...MATRIX_LAYOUTS),
    bLayout: fc.constantFrom(...MATRIX_LAYOUTS),
    aOffset: fc.integer({ min: 0, max: 5 }),
    bOffset: fc.integer({ min: 0, max: 5 }),
    cOffset: fc.integer({ min: 0, max: 5 }),
    cPad: fc.integer({ min: 0, max: 3 }),
    accumulate: fc.boolean(),
    bias: fc.constantFrom("none" as const, "contiguous" as const, "strided" as const),
    seed: fc.integer({ min: 1, max: 1 << 30 }),
  });
}

const plainCase = (M: number, N: number, K: number, more: Partial<GemmCase> = {}): GemmCase => ({
  M, N, K, aLayout: "rowMajor", bLayout: "rowMajor", aOffset: 0, bOffset: 0, cOffset: 0, cPad: 0,
  accumulate: false, bias: "none", seed: 7, ...more,
});

test("gemm, gemmWasm and gemmNaive equal a float64 reference on random sizes 1…70 and strided layouts", () => {
  fc.assert(
    fc.property(arbGemmCase(70), (k) => {
      for (const kernel of PACKED) checkGemmCase(kernel, k);
      checkGemmCase(gemmNaive, k);
    }),
    { numRuns: 80 },
  );
});

test("gemm handles sizes that are not multiples of the tile (1, 7, 10, 33) in every position", () => {
  const sizes = [1, 2, 3, 4, 5, 7, 9, 10, 11, 33];
  for (const kernel of PACKED) {
    for (const M of sizes) for (const N of sizes) checkGemmCase(kernel, plainCase(M, N, 7 + (M % 5), { seed: M * 100 + N }));
    // Large enough for the WebAssembly kernels (> 4096 multiply-adds): every tile and edge, packed A or not.
    for (const M of sizes) for (const N of [...sizes, 24, 25, 40]) checkGemmCase(kernel, plainCase(M + 30, N, 150, { seed: M * 100 + N, bias: "strided" }));
  }
});

test("gemm across block boundaries (K > 256, M > 64, N > 512) with transposed and padded operands", () => {
  const cases: GemmCase[] = [
    plainCase(300, 257, 301, { aLayout: "transposed", bLayout: "paddedRows", accumulate: true, bias: "strided" }),
    plainCase(130, 530, 20, { bLayout: "transposed", cPad: 2, cOffset: 3 }),
    plainCase(67, 10, 600, { aLayout: "everyOther", bias: "contiguous" }),
    plainCase(65, 1030, 257, { aLayout: "transposed", bLayout: "transposed" }),
  ];
  for (const kernel of PACKED) for (const k of cases) checkGemmCase(kernel, k);
});

test("gemm on the d2l softmax-regression shapes (forward, weight grad Xᵀ·G, input grad G·Wᵀ)", () => {
  for (const kernel of PACKED) {
    checkGemmCase(kernel, plainCase(256, 10, 784));
    checkGemmCase(kernel, plainCase(784, 10, 256, { aLayout: "transposed" }));
    checkGemmCase(kernel, plainCase(256, 784, 10, { bLayout: "transposed" }));
  }
});

test("gemm with K = 0 writes zeros (plus bias), or leaves C alone when accumulating", () => {
  const c = Float32Array.of(5, 5, 5, 5, 5, 5);
  const empty = new Float32Array(0);
  gemm(2, 3, 0, empty, 0, 0, 1, empty, 0, 3, 1, c, 0, 3, true);
  assert.equal([...c], [5, 5, 5, 5, 5, 5]);
  gemm(2, 3, 0, empty, 0, 0, 1, empty, 0, 3, 1, c, 0, 3, false);
  assert.equal([...c], [0, 0, 0, 0, 0, 0]);
  gemm(2, 3, 0, empty, 0, 0, 1, empty, 0, 3, 1, c, 0, 3, false, Float32Array.of(1, 2, 3));
  assert.equal([...c], [1, 2, 3, 1, 2, 3]);
});

test("gemm with M = 0 or N = 0 touches nothing", () => {
  const c = Float32Array.of(9, 9);
  gemm(0, 2, 3, new Float32Array(0), 0, 3, 1, new Float32Array(6), 0, 2, 1, c, 0, 2, false);
  gemm(1, 0, 3, new Float32Array(3), 0, 3, 1, new Float32Array(0), 0, 0, 1, c, 0, 2, false);
  assert.equal([...c], [9, 9]);
});

test("gemm picks the panel width that pads N least, the widest on ties", () => {
  const cases: [number, number][] = [[10, 10], [784, 8], [64, 8], [12, 6], [3, 4], [30, 10], [7, 8], [11, 6]];
  for (const [N, width] of cases) assert.is(panelWidthFor(N), width, `N = ${N}`);
});

test("gemm rejects blocks that reach outside their storage and bad sizes, naming the operand", () => {
  const a = new Float32Array(6);
  throwsError(() => gemm(2, 2, 3, a, 0, 3, 1, new Float32Array(5), 0, 2, 1, new Float32Array(4), 0, 2, false), "gemm", "B (3×2", "reaches index 5", "5 elements");
  throwsError(() => gemm(2, 2, 3, a, 1, 3, 1, new Float32Array(6), 0, 2, 1, new Float32Array(4), 0, 2, false), "gemm", "A (2×3, offset 1");
  throwsError(() => gemm(2, 2, 3, a, 0, 3, 1, new Float32Array(6), 0, 2, 1, new Float32Array(3), 0, 2, false), "gemm", "C (2×2");
  throwsError(() => gemm(2, 2, 3, a, 0, 3, 1, new Float32Array(6), 0, 2, 1, new Float32Array(4), 0, 2, false, new Float32Array(1)), "gemm", "bias");
  throwsError(() => gemm(-1, 2, 3, a, 0, 3, 1, a, 0, 2, 1, a, 0, 2, false), "gemm", "M must be a non-negative integer, got -1");
  throwsError(() => gemmNaive(2, 2.5, 3, a, 0, 3, 1, a, 0, 2, 1, a, 0, 2, false), "gemmNaive", "N must be a non-negative integer, got 2.5");
});

// ---- Tensor level ----

/** A tensor of `shape` over fresh random storage: dims laid out in `order` (outermost first), each with an optional gap, at an offset; `expanded` dims get stride 0. */
interface TensorLayout {
  order: number[];
  gaps: number[];
  expanded: boolean[];
  offset: number;
}

function buildTensor(shape: readonly number[], layout: TensorLayout, seed: number): Tensor {
  const strides = new Array<number>(shape.length).fill(0);
  let step = 1;
  for (let p = layout.order.length - 1; p >= 0; p--) {
    const d = layout.order[p]!;
    if (layout.expanded[d]) continue;
    strides[d] = step * (1 + layout.gaps[d]!);
    step = strides[d]! * shape[d]!;
  }
  return new Tensor(randomStorage(layout.offset + step + 1, seed), [...shape], strides, layout.offset);
}

function arbTensorLayout(rank: number): fc.Arbitrary<TensorLayout> {
  const ids = Array.from({ length: rank }, (_, i) => i);
  return fc.record({
    order: fc.shuffledSubarray(ids, { minLength: rank, maxLength: rank }),
    gaps: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: rank, maxLength: rank }),
    expanded: fc.array(fc.integer({ min: 0, max: 3 }).map((x) => x === 0), { minLength: rank, maxLength: rank }),
    offset: fc.integer({ min: 0, max: 4 }),
  });
}

/** Reference product of two tensors with torch.matmul's 1-D rules, on their logical (strided) values. */
function refTensorMatmul(a: Tensor, b: Tensor): Ref {
  const read = (t: Tensor): Ref => readStrided(t.storage, t.shape, t.strides, t.offset);
  const ra = read(a);
  const rb = read(b);
  const a2 = a.ndim === 1 ? { shape: [1, ...ra.shape], data: ra.data } : ra;
  const b2 = b.ndim === 1 ? { shape: [...rb.shape, 1], data: rb.data } : rb;
  const r = refMatmul(a2, b2);
  const shape = r.shape.filter((_, d) => !(a.ndim === 1 && d === r.shape.length - 2) && !(b.ndim === 1 && d === r.shape.length - 1));
  return { shape, data: r.data };
}

/** Two shapes torch.matmul accepts: ranks 1…4, matching inner sizes, batch dims that broadcast (some set to 1). */
const arbMatmulShapes: fc.Arbitrary<[number[], number[]]> = fc
  .record({
    rankA: fc.integer({ min: 1, max: 4 }),
    rankB: fc.integer({ min: 1, max: 4 }),
    M: fc.integer({ min: 1, max: 12 }),
    K: fc.integer({ min: 1, max: 12 }),
    N: fc.integer({ min: 1, max: 12 }),
    batch: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
    onesA: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
    onesB: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
  })
  .map(({ rankA, rankB, M, K, N, batch, onesA, onesB }) => {
    // The last rank−2 of the two batch sizes, some replaced by 1 so they broadcast.
    const batchOf = (rank: number, ones: boolean[]): number[] => {
      const first = 2 - Math.max(0, rank - 2);
      return batch.map((s, i) => (ones[i] ? 1 : s)).slice(first);
    };
    const a = rankA === 1 ? [K] : [...batchOf(rankA, onesA), M, K];
    const b = rankB === 1 ? [K] : [...batchOf(rankB, onesB), K, N];
    return [a, b];
  });

test("matmulForward equals the reference for ranks 1…4, broadcast batch dims and strided/expanded inputs", () => {
  fc.assert(
    fc.property(
      arbMatmulShapes.chain(([sa, sb]) => fc.tuple(fc.constant(sa), fc.constant(sb), arbTensorLayout(sa.length), arbTensorLayout(sb.length), fc.integer({ min: 1, max: 1 << 30 }))),
      ([sa, sb, la, lb, seed]) => {
        const a = buildTensor(sa, la, seed);
        const b = buildTensor(sb, lb, seed + 1);
        const out = matmulForward(a, b);
        allClose(out, refTensorMatmul(a, b), TOL, `${JSON.stringify(sa)} @ ${JSON.stringify(sb)}`);
        assert.ok(out.isContiguous() && out.offset === 0, "output is a new contiguous tensor");
      },
    ),
    { numRuns: 100 },
  );
});

test("matmulForward output shapes follow torch.matmul (1-D·1-D is a 0-d scalar)", () => {
  const cases: [number[], number[], number[]][] = [
    [[3], [3], []],
    [[3], [3, 4], [4]],
    [[2, 3], [3], [2]],
    [[2, 3], [3, 4], [2, 4]],
    [[2, 1, 3, 4], [5, 4, 6], [2, 5, 3, 6]],
    [[4], [2, 4, 3], [2, 3]],
    [[2, 3, 4], [4], [2, 3]],
    [[0, 3, 4], [4, 5], [0, 3, 5]],
    [[3, 0], [0, 4], [3, 4]],
  ];
  for (const [sa, sb, expected] of cases) assert.equal([...matmulForward(zerosTensor(...sa), zerosTensor(...sb)).shape], expected, `${sa} @ ${sb}`);
});

test("matmulForward: a dot product and an empty inner dim give exact values", () => {
  const dot = matmulForward(new Tensor(Float32Array.of(1, 2, 3), [3]), new Tensor(Float32Array.of(4, 5, 6), [3]));
  assert.is(dot.item(), 32);
  const empty = matmulForward(new Tensor(new Float32Array(0), [2, 0]), new Tensor(new Float32Array(0), [0, 3]));
  assert.equal([...empty.toFloat32Array()], [0, 0, 0, 0, 0, 0]);
});

test("matmulForward on a batch expanded from one matrix (stride 0) equals the same product per batch", () => {
  const base = randomStorage(12, 3);
  const a = new Tensor(base, [5, 3, 4], [0, 4, 1]); // one 3×4 matrix seen 5 times
  const b = new Tensor(randomStorage(5 * 4 * 2, 4), [5, 4, 2]);
  allClose(matmulForward(a, b), refTensorMatmul(a, b), TOL);
});

test("matmul errors name the op and the shapes", () => {
  const msg = throwsError(() => matmulForward(zerosTensor(2, 3), zerosTensor(4, 5)), "matmul");
  assert.is(msg, "matmul: shapes [2, 3] and [4, 5] cannot be multiplied (3 != 4)");
  throwsError(() => matmulForward(zerosTensor(3), zerosTensor(4)), "matmul: shapes [3] and [4] cannot be multiplied (3 != 4)");
  throwsError(() => matmulForward(zerosTensor(2, 3, 4), zerosTensor(5, 3)), "matmul: shapes [2, 3, 4] and [5, 3] cannot be multiplied (4 != 5)");
  throwsError(() => matmulForward(new Tensor(Float32Array.of(1), []), zerosTensor(2, 3)), "matmul", "at least 1 dimension", "[]", "[2, 3]");
  throwsError(() => matmulForward(zerosTensor(2, 3, 4), zerosTensor(5, 4, 6)), "matmul", "[2]", "[5]", "cannot be broadcast");
});

test("addmmForward = a·b + bias for bias [N], [1, N], a strided bias, and transposed operands", () => {
  const a = new Tensor(randomStorage(7 * 33, 11), [33, 7], [1, 33]); // transposed view
  const b = new Tensor(randomStorage(7 * 10, 12), [7, 10]);
  const product = refTensorMatmul(a, b);
  const biases = [
    new Tensor(randomStorage(10, 13), [10]),
    new Tensor(randomStorage(10, 14), [1, 10]),
    new Tensor(randomStorage(21, 15), [10], [2], 1), // every other element
    new Tensor(Float32Array.of(0.5), [1]), // broadcast along the row
  ];
  for (const bias of biases) {
    const row = readStrided(bias.storage, [bias.numel()], [bias.strides[bias.ndim - 1]!], bias.offset).data;
    const expected = product.data.map((v, p) => v + row[row.length === 1 ? 0 : p % 10]!);
    allClose(addmmForward(bias, a, b), { shape: [33, 10], data: expected }, TOL, `bias ${JSON.stringify(bias.shape)}`);
  }
});

test("addmmForward rejects a bias that is not a row of the product, and non-matrices", () => {
  throwsError(() => addmmForward(zerosTensor(2, 5), zerosTensor(2, 3), zerosTensor(3, 5)), "addmm", "bias of shape [2, 5]", "[5] or [1, 5]");
  throwsError(() => addmmForward(zerosTensor(4), zerosTensor(2, 3), zerosTensor(3, 5)), "addmm", "bias of shape [4]");
  throwsError(() => addmmForward(zerosTensor(5), zerosTensor(3), zerosTensor(3, 5)), "addmm: expected 2-D matrices, got shapes [3] and [3, 5]");
  throwsError(() => addmmForward(zerosTensor(5), zerosTensor(2, 4), zerosTensor(3, 5)), "addmm: shapes [2, 4] and [3, 5] cannot be multiplied (4 != 3)");
});

test("matmulNaive (Tensor) equals the reference on transposed input and rejects non-matrices", () => {
  const a = new Tensor(randomStorage(40, 21), [8, 5], [1, 8]);
  const b = new Tensor(randomStorage(30, 22), [5, 6]);
  allClose(matmulNaive(a, b), refTensorMatmul(a, b), TOL);
  throwsError(() => matmulNaive(a, new Tensor(new Float32Array(5), [5])), "matmulNaive", "2-D");
});

test.run();
