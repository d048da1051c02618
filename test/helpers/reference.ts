/**
 * Float64 reference implementations for tests. They are written independently of `src/`: plain
 * row-major arrays indexed through explicit multi-indices (div/mod unravelling rather than the
 * incremental counters the kernels use), so a shared mistake is unlikely.
 */

/** A dense row-major float64 array. */
export interface Ref {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export function refNumel(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

/** Multi-index of flat position `i` in row-major order. */
export function unravel(i: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length).fill(0);
  let rest = i;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    idx[d] = rest % size;
    rest = Math.floor(rest / size);
  }
  return idx;
}

/** Flat row-major position of a multi-index. */
export function ravel(idx: readonly number[], shape: readonly number[]): number {
  let p = 0;
  for (let d = 0; d < shape.length; d++) p = p * shape[d]! + idx[d]!;
  return p;
}

export function ref(shape: readonly number[], values: ArrayLike<number>): Ref {
  if (values.length !== refNumel(shape)) throw new Error(`ref: ${values.length} values for shape [${shape.join(", ")}]`);
  return { shape: [...shape], data: Float64Array.from(values) };
}

/** Reads a strided layout element by element: element I is `storage[offset + Σ I[d]·strides[d]]`. */
export function readStrided(storage: ArrayLike<number>, shape: readonly number[], strides: readonly number[], offset: number): Ref {
  const n = refNumel(shape);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const idx = unravel(i, shape);
    let p = offset;
    for (let d = 0; d < shape.length; d++) p += idx[d]! * strides[d]!;
    data[i] = storage[p]!;
  }
  return { shape: [...shape], data };
}

/** Nested JS arrays of a row-major array (a number for rank 0). */
export function refToNested(r: Ref): unknown {
  if (r.shape.length === 0) return r.data[0];
  const build = (d: number, base: number): unknown[] => {
    const size = r.shape[d]!;
    const inner = refNumel(r.shape.slice(d + 1));
    return Array.from({ length: size }, (_, i) =>
      d === r.shape.length - 1 ? r.data[base + i] : build(d + 1, base + i * inner),
    );
  };
  return build(0, 0);
}

// ---- broadcasting ----

/** NumPy's rule, stated as in its docs: right-align, pad with 1s, each pair equal or one of them 1. Null when incompatible. */
export function refBroadcastShapes(...shapes: (readonly number[])[]): number[] | null {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const padded = shapes.map((s) => [...new Array<number>(rank - s.length).fill(1), ...s]);
  const out: number[] = [];
  for (let d = 0; d < rank; d++) {
    const sizes = new Set(padded.map((s) => s[d]!).filter((x) => x !== 1));
    if (sizes.size > 1) return null;
    out.push(sizes.size === 0 ? 1 : [...sizes][0]!);
  }
  return out;
}

/** The element of `r` read at output multi-index `outIdx` of a broadcast result. */
function broadcastRead(r: Ref, outIdx: readonly number[]): number {
  const lead = outIdx.length - r.shape.length;
  const idx = r.shape.map((size, d) => (size === 1 ? 0 : outIdx[d + lead]!));
  return r.data[ravel(idx, r.shape)]!;
}

/** Elementwise `f` over any number of broadcast operands. */
export function refMap(f: (...v: number[]) => number, ...operands: Ref[]): Ref {
  const shape = refBroadcastShapes(...operands.map((o) => o.shape));
  if (shape === null) throw new Error("refMap: operands do not broadcast");
  const n = refNumel(shape);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const idx = unravel(i, shape);
    data[i] = f(...operands.map((o) => broadcastRead(o, idx)));
  }
  return { shape, data };
}

/** Sums `r` down to `shape` (the adjoint of broadcasting `shape` up to `r.shape`). */
export function refSumTo(r: Ref, shape: readonly number[]): Ref {
  const out = new Float64Array(refNumel(shape));
  const lead = r.shape.length - shape.length;
  for (let i = 0; i < r.data.length; i++) {
    const idx = unravel(i, r.shape);
    const target = shape.map((size, d) => (size === 1 ? 0 : idx[d + lead]!));
    out[ravel(target, shape)]! += r.data[i]!;
  }
  return { shape: [...shape], data: out };
}

// ---- reductions ----

/** Normalises dims (negative allowed, undefined = all), sorted. */
export function refDims(dims: number | readonly number[] | undefined, ndim: number): number[] {
  if (dims === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dims === "number" ? [dims] : dims;
  return list.map((d) => (d < 0 ? d + ndim : d)).sort((a, b) => a - b);
}

/**
 * Groups the elements of `r` by their position outside `dims` and reduces each group with `f`
 * (which sees the group's values in row-major order).
 */
export function refReduce(
  r: Ref,
  dims: number | readonly number[] | undefined,
  keepdim: boolean,
  f: (values: number[]) => number,
): Ref {
  const ds = refDims(dims, r.shape.length);
  const keptShape = r.shape.map((s, d) => (ds.includes(d) ? 1 : s));
  const groups: number[][] = Array.from({ length: refNumel(keptShape) }, () => []);
  for (let i = 0; i < r.data.length; i++) {
    const idx = unravel(i, r.shape).map((v, d) => (ds.includes(d) ? 0 : v));
    groups[ravel(idx, keptShape)]!.push(r.data[i]!);
  }
  const shape = keepdim ? keptShape : r.shape.filter((_, d) => !ds.includes(d));
  return { shape, data: Float64Array.from(groups.map(f)) };
}

export const sumOf = (v: number[]): number => v.reduce((p, x) => p + x, 0);
export const meanOf = (v: number[]): number => sumOf(v) / v.length;
export const maxOf = (v: number[]): number => v.reduce((p, x) => (x > p ? x : p), -Infinity);
export const minOf = (v: number[]): number => v.reduce((p, x) => (x < p ? x : p), Infinity);
/** First index of the maximum (PyTorch's tie rule). */
export const argmaxOf = (v: number[]): number => v.indexOf(maxOf(v));
export const argminOf = (v: number[]): number => v.indexOf(minOf(v));
/** log Σ eˣ with the max shift, in float64. */
export const logsumexpOf = (v: number[]): number => {
  const m = maxOf(v);
  return m + Math.log(sumOf(v.map((x) => Math.exp(x - m))));
};

/** softmax (or log-softmax) along one dim, in float64. */
export function refSoftmax(r: Ref, dim: number, log = false): Ref {
  const d = dim < 0 ? dim + r.shape.length : dim;
  const lse = refReduce(r, d, true, logsumexpOf);
  return refMap((x, l) => (log ? x - l : Math.exp(x - l)), r, lse);
}

// ---- linear algebra and indexing ----

/** Batched matrix product with broadcast batch dims; both operands ≥ 2-D. */
export function refMatmul(a: Ref, b: Ref): Ref {
  const n = a.shape[a.shape.length - 2]!;
  const k = a.shape[a.shape.length - 1]!;
  const m = b.shape[b.shape.length - 1]!;
  if (b.shape[b.shape.length - 2] !== k) throw new Error("refMatmul: inner dims differ");
  const batch = refBroadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  if (batch === null) throw new Error("refMatmul: batch dims do not broadcast");
  const shape = [...batch, n, m];
  const data = new Float64Array(refNumel(shape));
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const pick = (bShape: readonly number[], idx: readonly number[]): number =>
    ravel(bShape.map((s, d) => (s === 1 ? 0 : idx[d + idx.length - bShape.length]!)), bShape);
  for (let bi = 0; bi < refNumel(batch); bi++) {
    const idx = unravel(bi, batch);
    const ao = pick(aBatch, idx) * n * k;
    const bo = pick(bBatch, idx) * k * m;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a.data[ao + i * k + p]! * b.data[bo + p * m + j]!;
        data[bi * n * m + i * m + j] = s;
      }
    }
  }
  return { shape, data };
}

/** `out[I] = x[I with I[dim] replaced by index[I]]`. */
export function refGather(x: Ref, dim: number, index: Ref): Ref {
  const data = new Float64Array(index.data.length);
  for (let i = 0; i < data.length; i++) {
    const idx = unravel(i, index.shape);
    idx[dim] = index.data[i]!;
    data[i] = x.data[ravel(idx, x.shape)]!;
  }
  return { shape: [...index.shape], data };
}

/** Concatenation along `dim`: element I comes from the operand whose range along `dim` covers I[dim]. */
export function refCat(parts: readonly Ref[], dim: number): Ref {
  const sizes = parts.map((p) => p.shape[dim]!);
  const shape = [...parts[0]!.shape];
  shape[dim] = sumOf(sizes);
  const data = new Float64Array(refNumel(shape));
  for (let i = 0; i < data.length; i++) {
    const idx = unravel(i, shape);
    let k = 0;
    let pos = idx[dim]!;
    while (pos >= sizes[k]!) pos -= sizes[k++]!;
    idx[dim] = pos;
    const part = parts[k]!;
    data[i] = part.data[ravel(idx, part.shape)]!;
  }
  return { shape, data };
}

/** The transpose-like reordering: output dim i is input dim `order[i]`. */
export function refPermute(r: Ref, order: readonly number[]): Ref {
  const shape = order.map((d) => r.shape[d]!);
  const data = new Float64Array(r.data.length);
  for (let i = 0; i < data.length; i++) {
    const outIdx = unravel(i, shape);
    const inIdx = new Array<number>(order.length);
    order.forEach((d, k) => (inIdx[d] = outIdx[k]!));
    data[i] = r.data[ravel(inIdx, r.shape)]!;
  }
  return { shape, data };
}
