/**
 * A generator of strided elementwise loops, the one piece of machinery behind every unary, binary,
 * ternary and reducing kernel.
 *
 * Why code generation: a hand-written loop per op would repeat the same N-d iteration dozens of times,
 * and a shared loop calling `f(a, b)` per element goes megamorphic in V8 once many ops use it. Each
 * kernel here is compiled once, from a small expression, into its own monomorphic function with a
 * contiguous fast path and a general strided path.
 *
 * Variables an expression may use: `v0`, `v1`, `v2` (the operands' elements), `vo` (the current output
 * element, for accumulating kernels), `p0`, `p1` (scalar parameters).
 *
 * Dtypes: an expression computes in JS doubles and the store into the output's typed array converts
 * (float32 rounds, int32/uint8 truncate and wrap). Each (expression, dtypes) pair is compiled into its
 * own function, so every loop only ever sees one typed-array class per operand and stays monomorphic.
 */
import type { DType, Storage } from "../dtype.js";

/** The signature of a compiled kernel; `shape`/`*Strides` are already collapsed by `collapseDims`. */
export type StridedKernel = (
  shape: readonly number[],
  out: Storage,
  outOffset: number,
  outStrides: readonly number[],
  inputs: readonly Storage[],
  inOffsets: readonly number[],
  inStrides: readonly (readonly number[])[],
  p0: number,
  p1: number,
) => void;

/**
 * Compiles an elementwise kernel `out = expr(v0, …)` over `arity` inputs. With `accumulate`, `expr`
 * may read `vo` and the output strides may be 0 (a reduction): the inner loop then keeps the running
 * value in a float64 local and writes it once. `dtypes` (output first) names the typed arrays the
 * kernel will be called with: a bool output stores `expr != 0`, and the names are written into the
 * source so that no two signatures share one compiled function (and its type feedback).
 */
export function compileStridedKernel(expr: string, arity: number, accumulate = false, dtypes?: readonly DType[]): StridedKernel {
  if (dtypes?.[0] === "bool") expr = `((${expr}) !== 0 ? 1 : 0)`;
  const ops = Array.from({ length: arity }, (_, k) => k);
  // Reading the output element costs a load per element; only accumulating kernels need it.
  const readsOut = /\bvo\b/.test(expr);
  const loadOut = (index: string): string => (readsOut ? `const vo = out[${index}];` : "");
  const decl = (f: (k: number) => string): string => ops.map(f).join("\n");
  const load = (idx: (k: number) => string): string => decl((k) => `const v${k} = x${k}[${idx(k)}];`);
  const body = `// ${dtypes === undefined ? "float32" : dtypes.join(" <- ")}: ${expr}
const nd = shape.length;
${decl((k) => `const x${k} = inputs[${k}]; let q${k} = inOffsets[${k}]; const S${k} = inStrides[${k}];`)}
if (nd === 0) {
  ${load((k) => `q${k}`)}
  ${loadOut("outOffset")}
  out[outOffset] = ${expr};
  return;
}
const last = nd - 1;
const n = shape[last];
const so = outStrides[last];
${decl((k) => `const s${k} = S${k}[last];`)}
if (nd === 1 && so === 1 ${ops.map((k) => `&& s${k} === 1`).join(" ")}) {
  ${decl((k) => `const b${k} = q${k} - outOffset;`)}
  const end = outOffset + n;
  for (let i = outOffset; i < end; i++) {
    ${load((k) => `i + b${k}`)}
    ${loadOut("i")}
    out[i] = ${expr};
  }
  return;
}
let outer = 1;
for (let d = 0; d < last; d++) outer *= shape[d];
const counter = new Int32Array(nd);
let po = outOffset;
for (let r = 0; r < outer; r++) {
  ${accumulate ? `if (so === 0) {
    let vo = out[po];
    ${decl((k) => `let i${k} = q${k};`)}
    for (let i = 0; i < n; i++) {
      ${load((k) => `i${k}`)}
      vo = ${expr};
      ${decl((k) => `i${k} += s${k};`)}
    }
    out[po] = vo;
  } else` : ""} {
    let j = po;
    ${decl((k) => `let i${k} = q${k};`)}
    for (let i = 0; i < n; i++) {
      ${load((k) => `i${k}`)}
      ${loadOut("j")}
      out[j] = ${expr};
      j += so;
      ${decl((k) => `i${k} += s${k};`)}
    }
  }
  for (let d = last - 1; d >= 0; d--) {
    po += outStrides[d];
    ${decl((k) => `q${k} += S${k}[d];`)}
    if (++counter[d] < shape[d]) break;
    counter[d] = 0;
    po -= outStrides[d] * shape[d];
    ${decl((k) => `q${k} -= S${k}[d] * shape[d];`)}
  }
}`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see the module comment
  return new Function("shape", "out", "outOffset", "outStrides", "inputs", "inOffsets", "inStrides", "p0", "p1", body) as StridedKernel;
}

/** Shape and per-operand strides after dropping size-1 dims and merging dims that are adjacent in memory for every operand. */
export interface CollapsedLayout {
  shape: number[];
  strides: number[][];
}

/**
 * Merges dims `d` and `d+1` whenever every operand has `stride[d] == stride[d+1] * shape[d+1]`, and drops
 * size-1 dims, so a contiguous tensor becomes one flat loop. `strides[k]` belongs to operand k (output first).
 */
export function collapseDims(shape: readonly number[], strides: readonly (readonly number[])[]): CollapsedLayout {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    const top = outShape.length - 1;
    let mergeable = top >= 0;
    for (let k = 0; mergeable && k < strides.length; k++) {
      const s = outStrides[k]!;
      if (s[top] !== strides[k]![d]! * size) mergeable = false;
    }
    if (mergeable) {
      outShape[top] = outShape[top]! * size;
      for (let k = 0; k < strides.length; k++) outStrides[k]![top] = strides[k]![d]!;
    } else {
      outShape.push(size);
      for (let k = 0; k < strides.length; k++) outStrides[k]!.push(strides[k]![d]!);
    }
  }
  return { shape: outShape, strides: outStrides };
}
