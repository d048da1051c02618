/**
 * fast-check arbitraries for tensor tests: shapes, broadcasting pairs, values in an op's domain,
 * and strided layouts (permuted, sliced with steps, expanded, at an offset) whose logical contents
 * are known independently of the view code.
 */
import fc from "fast-check";
import { Tensor } from "../../src/tensor/tensor.js";
import { contiguousStrides } from "../../src/tensor/shape.js";
import { allocStorage, castInto, type DType } from "../../src/tensor/dtype.js";
import { expandView, permuteView, sliceView } from "../../src/tensor/views.js";
import { ravel, refNumel, unravel, type Ref } from "./reference.js";

export interface ShapeOptions {
  minRank?: number;
  maxRank?: number;
  minSize?: number;
  maxSize?: number;
}

export function arbShape({ minRank = 0, maxRank = 4, minSize = 1, maxSize = 4 }: ShapeOptions = {}): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: minSize, max: maxSize }), { minLength: minRank, maxLength: maxRank });
}

/** A float32-representable double in [min, max]. */
export function arbFloat(min = -5, max = 5): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => Math.fround(x));
}

/** Values with |x| in [gap, max], either sign: away from the kink at 0 of abs/relu. */
export function arbAwayFromZero(gap = 0.05, max = 3): fc.Arbitrary<number> {
  return fc.tuple(fc.boolean(), arbFloat(gap, max)).map(([negative, x]) => (negative ? -x : x));
}

/** A valid dim of a tensor of `rank` dims, written positive or negative. */
export function arbDim(rank: number): fc.Arbitrary<number> {
  return fc.integer({ min: -rank, max: rank - 1 });
}

/** A random ordering of 0 … n−1. */
export function arbPermutation(n: number): fc.Arbitrary<number[]> {
  const ids = Array.from({ length: n }, (_, i) => i);
  return fc.shuffledSubarray(ids, { minLength: n, maxLength: n });
}

/** `n` pairwise distinct values at least `gap` apart (for max/min, whose gradient jumps at ties). */
export function arbDistinct(n: number, gap = 0.25): fc.Arbitrary<number[]> {
  return fc.tuple(arbPermutation(n), arbFloat(-1, 1)).map(([perm, shift]) => perm.map((k) => Math.fround((k - n / 2) * gap + shift)));
}

/** undefined, one dim, or a list of distinct dims, each written positive or negative at random. */
export function arbDims(rank: number): fc.Arbitrary<number | number[] | undefined> {
  const spelled = (d: number, negative: boolean): number => (negative ? d - rank : d);
  return fc.oneof(
    fc.constant(undefined),
    fc.tuple(fc.integer({ min: 0, max: rank - 1 }), fc.boolean()).map(([d, n]) => spelled(d, n)),
    fc
      .tuple(arbPermutation(rank), fc.integer({ min: 1, max: rank }), fc.array(fc.boolean(), { minLength: rank, maxLength: rank }))
      .map(([perm, k, neg]) => perm.slice(0, k).map((d, i) => spelled(d, neg[i]!))),
  );
}

/** A shape with the same elements: the sizes shuffled, 1s inserted, maybe one size replaced by -1. */
export function arbSameNumel(shape: number[]): fc.Arbitrary<number[]> {
  return fc
    .tuple(arbPermutation(shape.length), fc.integer({ min: 0, max: 2 }), fc.integer({ min: -1, max: shape.length - 1 }))
    .map(([perm, ones, infer]) => {
      const out = perm.map((d) => shape[d]!);
      if (infer >= 0) out[infer] = -1;
      for (let i = 0; i < ones; i++) out.push(1);
      return out;
    });
}

/** A shape and pairwise distinct values for it (see `arbDistinct`). */
export function arbDistinctData(shape: fc.Arbitrary<number[]>, gap?: number): fc.Arbitrary<Data> {
  return shape.chain((s) => arbDistinct(refNumel(s), gap).map((values) => ({ shape: s, values })));
}

/** A shape and its row-major values. */
export interface Data {
  shape: number[];
  values: number[];
}

/** A shape with values drawn from `value`. */
export function arbData(shape: fc.Arbitrary<number[]>, value: fc.Arbitrary<number> = arbFloat()): fc.Arbitrary<Data> {
  return shape.chain((s) => {
    const n = refNumel(s);
    return fc.array(value, { minLength: n, maxLength: n }).map((values) => ({ shape: s, values }));
  });
}

/** A contiguous tensor from generated data. */
export function tensorOf(d: Data, requiresGrad = false): Tensor {
  const t = new Tensor(Float32Array.from(d.values), d.shape);
  t.requiresGrad = requiresGrad;
  return t;
}

/**
 * `count` shapes that broadcast together: an output shape, and for each operand a suffix of it with
 * some dims replaced by 1.
 */
export function arbBroadcastShapes(count: number, maxRank = 4, maxSize = 4): fc.Arbitrary<number[][]> {
  const operand = (out: number[]): fc.Arbitrary<number[]> =>
    fc
      .tuple(fc.integer({ min: 0, max: out.length }), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }))
      .map(([drop, ones]) => out.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)));
  return arbShape({ maxRank, maxSize, minSize: 1 }).chain((out) => fc.tuple(...Array.from({ length: count }, () => operand(out))));
}

export function arbBroadcastPair(maxRank = 4, maxSize = 4): fc.Arbitrary<[number[], number[]]> {
  return arbBroadcastShapes(2, maxRank, maxSize).map(([a, b]) => [a!, b!]);
}

// ---- strided layouts ----

/** How one logical dim is laid out in the physical base. */
export type DimLayout =
  | { kind: "plain" }
  | { kind: "slice"; start: number; step: number; tail: number }
  | { kind: "expand" };

/**
 * A recipe for a strided tensor: a contiguous physical base (`storage` after `pad` unused leading
 * elements), permuted so that physical dim q holds logical dim `perm[q]`, then each logical dim
 * sliced (start, step) or expanded from size 1. Kept as plain data so fast-check can print and shrink it.
 */
export interface StridedCase {
  shape: number[];
  perm: number[];
  dims: DimLayout[];
  pad: number;
  storage: number[];
}

function physicalSize(size: number, layout: DimLayout): number {
  if (layout.kind === "expand") return 1;
  if (layout.kind === "slice") return layout.start + (size - 1) * layout.step + 1 + layout.tail;
  return size;
}

function physicalShape(c: Pick<StridedCase, "shape" | "perm" | "dims">): number[] {
  return c.perm.map((d) => physicalSize(c.shape[d]!, c.dims[d]!));
}

function arbDimLayout(allowExpand: boolean): fc.Arbitrary<DimLayout> {
  const options: fc.Arbitrary<DimLayout>[] = [
    fc.constant<DimLayout>({ kind: "plain" }),
    fc.record({
      kind: fc.constant("slice" as const),
      start: fc.integer({ min: 0, max: 2 }),
      step: fc.integer({ min: 1, max: 3 }),
      tail: fc.integer({ min: 0, max: 1 }),
    }),
  ];
  if (allowExpand) options.push(fc.constant<DimLayout>({ kind: "expand" }));
  return fc.oneof(...options);
}

export interface StridedOptions {
  /** Allow stride-0 (expanded) dims; off for tensors that will be written to. */
  expand?: boolean;
}

/** A strided layout of a tensor of `shape` with base values drawn from `value`. */
export function arbStridedOf(shape: number[], value: fc.Arbitrary<number> = arbFloat(), opts: StridedOptions = {}): fc.Arbitrary<StridedCase> {
  const allowExpand = opts.expand ?? true;
  return fc
    .record({
      perm: arbPermutation(shape.length),
      dims: fc.tuple(...shape.map(() => arbDimLayout(allowExpand))),
      pad: fc.integer({ min: 0, max: 2 }),
    })
    .chain(({ perm, dims, pad }) => {
      const n = pad + refNumel(physicalShape({ shape, perm, dims }));
      return fc.array(value, { minLength: n, maxLength: n }).map((storage) => ({ shape, perm, dims, pad, storage }));
    });
}

/** A strided case of a random shape. */
export function arbStrided(shape: fc.Arbitrary<number[]> = arbShape(), value?: fc.Arbitrary<number>, opts?: StridedOptions): fc.Arbitrary<StridedCase> {
  return shape.chain((s) => arbStridedOf(s, value, opts));
}

/** Builds the strided tensor of a case with the raw view functions (fresh storage on every call), of `dtype` (values stored as it stores them). */
export function buildStrided(c: StridedCase, dtype: DType = "float32"): Tensor {
  const phys = physicalShape(c);
  const storage = allocStorage(dtype, c.storage.length);
  castInto(storage, dtype === "float32" ? c.storage : Float32Array.from(c.storage), dtype);
  let t = new Tensor(storage, phys, contiguousStrides(phys), c.pad, undefined, dtype);
  const inverse = new Array<number>(c.perm.length);
  c.perm.forEach((d, q) => (inverse[d] = q));
  t = permuteView(t, inverse);
  c.dims.forEach((layout, d) => {
    if (layout.kind === "slice") {
      const size = c.shape[d]!;
      t = sliceView(t, d, layout.start, layout.start + (size - 1) * layout.step + 1, layout.step);
    }
  });
  return expandView(t, c.shape);
}

/** The logical row-major contents of a case, computed from the recipe alone (no view code). */
export function expectedOf(c: StridedCase): Ref {
  const phys = physicalShape(c);
  const storage = Float32Array.from(c.storage);
  const n = refNumel(c.shape);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const idx = unravel(i, c.shape);
    const coord = idx.map((v, d) => {
      const layout = c.dims[d]!;
      return layout.kind === "expand" ? 0 : layout.kind === "slice" ? layout.start + v * layout.step : v;
    });
    data[i] = storage[c.pad + ravel(c.perm.map((d) => coord[d]!), phys)]!;
  }
  return { shape: [...c.shape], data };
}
