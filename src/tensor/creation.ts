import { Tensor, type NestedArray } from "./tensor.js";
import { checkShape, contiguousStrides, fmtShape, numelOf } from "./shape.js";
import { defaultGenerator, type Generator } from "./random.js";
import { allocStorage, castInto, checkDType, DEFAULT_DTYPE, dtypeOfStorage, INDEX_DTYPE, isFloating, type DType, type Storage } from "./dtype.js";

/** Options every creation function accepts last. */
export interface CreationOptions {
  /** Track operations on the result for autograd (PyTorch's `requires_grad`); floating dtypes only. */
  requiresGrad?: boolean;
  /** The element type (default float32; `randint` int32, `tensor` of booleans bool). PyTorch: `dtype=`. */
  dtype?: DType;
}

/** Creation options of the random functions. */
export interface RandomOptions extends CreationOptions {
  /** Where the randomness comes from (default: the global generator seeded by `manualSeed`). */
  generator?: Generator;
}

type ShapeOrOptions<O> = (number | readonly number[] | O)[];

/** Splits `f(2, 3, opts)` / `f([2, 3], opts)` into a shape and options. */
function splitArgs<O extends object>(op: string, args: ShapeOrOptions<O>): [number[], O] {
  let opts = {} as O;
  let rest = args;
  const last = args[args.length - 1];
  if (last !== undefined && typeof last === "object" && !Array.isArray(last)) {
    opts = last as O;
    rest = args.slice(0, -1);
  }
  const shape = rest.length === 1 && Array.isArray(rest[0]) ? [...(rest[0] as number[])] : (rest as number[]);
  for (const d of shape) {
    if (typeof d !== "number") throw new Error(`${op}: expected a shape of numbers, got ${JSON.stringify(rest)}`);
  }
  checkShape(op, shape);
  return [shape, opts];
}

/** The dtype asked for in `opts` (checked), else `fallback`. */
function dtypeOf(op: string, opts: CreationOptions, fallback: DType = DEFAULT_DTYPE): DType {
  return opts.dtype === undefined ? fallback : checkDType(op, opts.dtype);
}

/** Throws naming `op` unless `dtype` is floating (random normal/uniform samples, PyTorch's rule). */
function checkFloating(op: string, dtype: DType): void {
  if (!isFloating(dtype)) throw new Error(`${op}: expected a floating point dtype (float32 or float64), got ${dtype}`);
}

/** A tensor over `data` (already of `dtype`'s storage), with `requiresGrad` as asked. */
function make(op: string, data: Storage, shape: readonly number[], opts: CreationOptions, dtype: DType): Tensor {
  const t = new Tensor(data, shape, contiguousStrides(shape), 0, undefined, dtype);
  if (opts.requiresGrad === true) {
    if (!isFloating(dtype)) throw new Error(`${op}: only Tensors of floating point dtype can require gradients (got ${dtype})`);
    t.requiresGrad = true;
  }
  return t;
}

/** `values` (computed in doubles) stored as `dtype`. */
function fromValues(values: ArrayLike<number>, dtype: DType): Storage {
  if (dtype === "float32" && values instanceof Float32Array) return values;
  const out = allocStorage(dtype, values.length);
  castInto(out, values, dtype);
  return out;
}

function inferNestedShape(value: NestedArray, shape: number[] = []): number[] {
  if (Array.isArray(value)) {
    shape.push(value.length);
    if (value.length > 0) inferNestedShape(value[0]!, shape);
  }
  return shape;
}

/** The first element of nested arrays (undefined when empty). */
function firstLeaf(value: NestedArray): NestedArray | undefined {
  let v: NestedArray | undefined = value;
  while (Array.isArray(v)) v = v[0];
  return v;
}

/**
 * A tensor from nested JS arrays or a number: float32 unless `{ dtype }` says otherwise, bool when
 * the elements are booleans (JS numbers have no integer kind, so `tensor([1, 2])` is float32 as in
 * tfjs; write `{ dtype: "int32" }` for PyTorch's `torch.tensor([1, 2])`). PyTorch: `torch.tensor`.
 * @example tensor([[1, 2], [3, 4]], { requiresGrad: true }) // shape [2, 2]
 */
export function tensor(data: NestedArray, opts: CreationOptions = {}): Tensor {
  const shape = inferNestedShape(data);
  const booleans = typeof firstLeaf(data) === "boolean";
  const dtype = dtypeOf("tensor", opts, booleans ? "bool" : DEFAULT_DTYPE);
  // Filled directly in the dtype's storage: the store converts (rounds, truncates), bool is v != 0.
  const out = allocStorage(dtype, numelOf(shape));
  const toBool = dtype === "bool";
  let pos = 0;
  const fill = (value: NestedArray, d: number): void => {
    if (d === shape.length) {
      if (typeof value !== "number" && typeof value !== "boolean") {
        throw new Error(`tensor: ragged nested array (expected a number at depth ${d} of shape ${fmtShape(shape)})`);
      }
      if (opts.dtype === undefined && (typeof value === "boolean") !== booleans) {
        throw new Error(`tensor: mixed booleans and numbers (element ${pos}); pass { dtype } to say which dtype you want`);
      }
      const v = Number(value);
      out[pos++] = toBool ? (v !== 0 ? 1 : 0) : v;
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[d]) {
      throw new Error(`tensor: ragged nested array (expected length ${shape[d]} at depth ${d}, got ${Array.isArray(value) ? value.length : typeof value})`);
    }
    for (const v of value) fill(v, d + 1);
  };
  fill(data, 0);
  return make("tensor", out, shape, opts, dtype);
}

/**
 * A tensor of `shape` over `values`: a typed array of the tensor's dtype is used as it is (no copy;
 * Float64Array → float64, Int32Array → int32, Uint8Array → uint8), anything else is copied (float32
 * unless `{ dtype }`). PyTorch: `torch.from_numpy(a).reshape(shape)`.
 * @example fromArray([1, 2, 3, 4, 5, 6], [2, 3])
 */
export function fromArray(values: Storage | ArrayLike<number>, shape?: readonly number[], opts: CreationOptions = {}): Tensor {
  const typed = values instanceof Float32Array || values instanceof Float64Array || values instanceof Int32Array || values instanceof Uint8Array;
  const dtype = dtypeOf("fromArray", opts, typed ? dtypeOfStorage(values) : DEFAULT_DTYPE);
  const data = typed && dtype !== "bool" && dtypeOfStorage(values) === dtype ? values : fromValues(values, dtype);
  const s = shape ?? [data.length];
  checkShape("fromArray", s);
  if (numelOf(s) !== data.length) {
    throw new Error(`fromArray: ${data.length} values cannot fill shape ${fmtShape(s)} (${numelOf(s)} elements)`);
  }
  return make("fromArray", data, [...s], opts, dtype);
}

/**
 * A tensor filled with `value`. PyTorch: `torch.full`.
 * @example full([2, 2], 7)
 */
export function full(shape: readonly number[], value: number | boolean, opts: CreationOptions = {}): Tensor {
  return filled("full", shape, value, opts);
}

function filled(op: string, shape: readonly number[], value: number | boolean, opts: CreationOptions): Tensor {
  checkShape(op, shape);
  const dtype = dtypeOf(op, opts);
  const data = allocStorage(dtype, numelOf(shape));
  if (value !== 0 && value !== false) data.fill(dtype === "bool" ? 1 : Number(value));
  return make(op, data, [...shape], opts, dtype);
}

/**
 * Zeros of the given shape, `zeros(2, 3)` or `zeros([2, 3])`. PyTorch: `torch.zeros`.
 * @example zeros([2, 3], { requiresGrad: true })
 */
export function zeros(...args: ShapeOrOptions<CreationOptions>): Tensor {
  const [shape, opts] = splitArgs("zeros", args);
  return filled("zeros", shape, 0, opts);
}

/**
 * Ones of the given shape. PyTorch: `torch.ones`.
 * @example ones(2, 3)
 */
export function ones(...args: ShapeOrOptions<CreationOptions>): Tensor {
  const [shape, opts] = splitArgs("ones", args);
  return filled("ones", shape, 1, opts);
}

/** Zeros shaped like `t`, of `t`'s dtype unless `{ dtype }`. PyTorch: `torch.zeros_like`. @example zerosLike(x) */
export function zerosLike(t: Tensor, opts: CreationOptions = {}): Tensor {
  return full(t.shape, 0, { dtype: t.dtype, ...opts });
}

/** Ones shaped like `t`, of `t`'s dtype unless `{ dtype }`. PyTorch: `torch.ones_like`. @example onesLike(x) */
export function onesLike(t: Tensor, opts: CreationOptions = {}): Tensor {
  return full(t.shape, 1, { dtype: t.dtype, ...opts });
}

/** `value` shaped like `t`, of `t`'s dtype unless `{ dtype }`. PyTorch: `torch.full_like`. @example fullLike(x, 0.5) */
export function fullLike(t: Tensor, value: number, opts: CreationOptions = {}): Tensor {
  return full(t.shape, value, { dtype: t.dtype, ...opts });
}

/** Splits trailing numbers from an optional last options object (`arange(5, { requiresGrad })`). */
function numbersAndOptions(args: readonly (number | CreationOptions | undefined)[]): [(number | undefined)[], CreationOptions] {
  const last = args[args.length - 1];
  if (last !== undefined && typeof last === "object") return [args.slice(0, -1) as (number | undefined)[], last];
  return [args as (number | undefined)[], {}];
}

/**
 * Values `start, start+step, …` below `end`; `arange(n)` is `0 … n-1`. PyTorch: `torch.arange`.
 * @example arange(5) // [0, 1, 2, 3, 4]; arange(1, 2, 0.25) // [1, 1.25, 1.5, 1.75]
 */
export function arange(end: number, opts?: CreationOptions): Tensor;
export function arange(start: number, end: number, opts?: CreationOptions): Tensor;
export function arange(start: number, end: number | undefined, step: number, opts?: CreationOptions): Tensor;
export function arange(...args: (number | CreationOptions | undefined)[]): Tensor {
  const [[start = 0, end, step = 1], opts] = numbersAndOptions(args);
  const [lo, hi] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || !Number.isFinite(step)) throw new Error(`arange: step must be finite and nonzero (got ${step})`);
  if ((hi - lo) / step < 0) {
    throw new Error(`arange: upper bound and larger bound inconsistent with step sign (start ${lo}, end ${hi}, step ${step})`);
  }
  const n = Math.ceil((hi - lo) / step);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = lo + i * step;
  const dtype = dtypeOf("arange", opts);
  return make("arange", fromValues(values, dtype), [n], opts, dtype);
}

/**
 * `steps` evenly spaced values from `start` to `end` inclusive. PyTorch: `torch.linspace`.
 * @example linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, end: number, steps: number, opts: CreationOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`linspace: number of steps must be a non-negative integer (got ${steps})`);
  const values = new Float64Array(steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) values[i] = i === steps - 1 && steps > 1 ? end : start + i * delta;
  const dtype = dtypeOf("linspace", opts);
  return make("linspace", fromValues(values, dtype), [steps], opts, dtype);
}

/**
 * The `n × m` identity (ones on the diagonal). PyTorch: `torch.eye`.
 * @example eye(3)
 */
export function eye(n: number, opts?: CreationOptions): Tensor;
export function eye(n: number, m: number, opts?: CreationOptions): Tensor;
export function eye(...args: (number | CreationOptions | undefined)[]): Tensor {
  const [[n = 0, m = n], opts] = numbersAndOptions(args);
  checkShape("eye", [n, m]);
  const dtype = dtypeOf("eye", opts);
  const data = allocStorage(dtype, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return make("eye", data, [n, m], opts, dtype);
}

/**
 * Standard normal samples, N(0, 1). PyTorch: `torch.randn`.
 * @example manualSeed(0); randn(2, 3)
 */
export function randn(...args: ShapeOrOptions<RandomOptions>): Tensor {
  const [shape, opts] = splitArgs("randn", args);
  checkFloating("randn", dtypeOf("randn", opts));
  return normal(0, 1, shape, opts);
}

/**
 * Uniform samples in [0, 1). PyTorch: `torch.rand`.
 * @example rand([4], { generator: new Generator(42) })
 */
export function rand(...args: ShapeOrOptions<RandomOptions>): Tensor {
  const [shape, opts] = splitArgs("rand", args);
  const dtype = dtypeOf("rand", opts);
  checkFloating("rand", dtype);
  const data = new Float32Array(numelOf(shape));
  (opts.generator ?? defaultGenerator).fillUniform(data, 0, 1);
  return make("rand", fromValues(data, dtype), shape, opts, dtype);
}

/**
 * Normal samples N(mean, std²). PyTorch: `torch.normal(mean, std, size)`.
 * @example normal(0, 0.01, [784, 10], { requiresGrad: true })
 */
export function normal(mean: number, std: number, shape: readonly number[], opts: RandomOptions = {}): Tensor {
  checkShape("normal", shape);
  if (!(std >= 0)) throw new Error(`normal: std must be non-negative (got ${std})`);
  const dtype = dtypeOf("normal", opts);
  checkFloating("normal", dtype);
  // Samples are drawn at float32 precision for every floating dtype, so a seed gives the same values in both.
  const data = new Float32Array(numelOf(shape));
  (opts.generator ?? defaultGenerator).fillNormal(data, mean, std);
  return make("normal", fromValues(data, dtype), [...shape], opts, dtype);
}

/**
 * Whole numbers drawn uniformly from [low, high), int32 unless `{ dtype }` (PyTorch's int64).
 * PyTorch: `torch.randint`.
 * @example randint(0, 10, [5]) // five class labels
 */
export function randint(low: number, high: number, shape: readonly number[], opts: RandomOptions = {}): Tensor {
  checkShape("randint", shape);
  const g = opts.generator ?? defaultGenerator;
  const values = new Float64Array(numelOf(shape));
  for (let i = 0; i < values.length; i++) values[i] = g.randint(low, high);
  const dtype = dtypeOf("randint", opts, INDEX_DTYPE);
  return make("randint", fromValues(values, dtype), [...shape], opts, dtype);
}
