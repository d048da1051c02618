import { Tensor, type NestedArray } from "./tensor.js";
import { contiguousStrides, fmtShape, numelOf } from "./shape.js";
import { defaultGenerator, type Generator } from "./random.js";
import {
  checkAllocatable, checkOptions, describeValue, expectBoolean, expectGenerator, expectFiniteNumber, expectInteger, expectNumber, expectShape,
  expectTensor,
} from "./validate.js";
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

const CREATION_KEYS = ["requiresGrad", "dtype"];
const RANDOM_KEYS = ["requiresGrad", "dtype", "generator"];

/** Splits `f(2, 3, opts)` / `f([2, 3], opts)` into a checked shape and checked options. */
function splitArgs<O extends object>(op: string, args: ShapeOrOptions<O>, known: readonly string[]): [number[], O] {
  let opts: O | undefined;
  let rest = args;
  const last = args[args.length - 1];
  if (last !== null && typeof last === "object" && !Array.isArray(last)) {
    opts = last as O;
    rest = args.slice(0, -1);
  }
  const shape = expectShape(op, rest.length === 1 && Array.isArray(rest[0]) ? rest[0] : rest);
  return [shape, creationOptions(op, opts, known)];
}

/** Checks a creation function's options: known keys, a boolean `requiresGrad`, a `Generator` as `generator`. */
function creationOptions<O extends object>(op: string, opts: O | undefined, known: readonly string[] = CREATION_KEYS): O {
  const checked = checkOptions(op, opts, known) as O & RandomOptions;
  expectBoolean(op, "requiresGrad", checked.requiresGrad, false);
  expectGenerator(op, checked.generator);
  if (checked.dtype !== undefined) checkDType(op, checked.dtype);
  return checked;
}

/** A tensor over `data` (already `dtype`'s storage), with `requiresGrad` as asked (floating dtypes only). */
function make(data: Storage, shape: readonly number[], opts: CreationOptions, dtype: DType = opts.dtype ?? DEFAULT_DTYPE): Tensor {
  const t = new Tensor(data, shape, contiguousStrides(shape), 0, undefined, dtype);
  if (opts.requiresGrad === true) t.requiresGrad = true;
  return t;
}

/** `values` (computed in doubles, or float32 samples) stored as `dtype`. */
function fromValues(values: ArrayLike<number>, dtype: DType): Storage {
  if (dtype === "float32" && values instanceof Float32Array) return values;
  const out = allocStorage(dtype, values.length);
  castInto(out, values, dtype);
  return out;
}

/** Throws naming `op` unless `dtype` is floating (random normal/uniform samples, PyTorch's rule). */
function checkFloating(op: string, dtype: DType): void {
  if (!isFloating(dtype)) throw new Error(`${op}: expected a floating point dtype (float32 or float64), got ${dtype}`);
}

/** Whether the first element of nested arrays is a boolean (or a bool tensor): `tensor()` then makes a bool tensor. */
function leafIsBoolean(value: unknown): boolean {
  let v = value;
  while (Array.isArray(v)) v = v[0];
  return v instanceof Tensor ? v.dtype === "bool" : typeof v === "boolean";
}

/** Elements `tensor()` accepts inside its nested arrays: numbers, booleans and tensors (PyTorch takes 0-d tensors). */
type NestedInput = NestedArray | boolean | Tensor | readonly NestedInput[];

function inferNestedShape(value: NestedInput, shape: number[] = []): number[] {
  if (value instanceof Tensor) shape.push(...value.shape);
  else if (Array.isArray(value)) {
    shape.push(value.length);
    if (value.length > 0) inferNestedShape(value[0] as NestedInput, shape);
  }
  return shape;
}

/** What `tensor()` found where it expected a number or a nested array, with a pointer for typed arrays. */
function unexpectedElement(value: unknown, where: string): Error {
  if (ArrayBuffer.isView(value)) {
    return new Error(`tensor: found ${describeValue(value)} ${where}; build tensors from typed arrays with fromArray(values, shape)`);
  }
  if (Array.isArray(value) || typeof value === "number" || typeof value === "boolean") {
    return new Error(`tensor: ragged nested array: found ${describeValue(value)} ${where}`);
  }
  return new Error(`tensor: expected numbers, booleans or nested arrays of them, found ${describeValue(value)} ${where}`);
}

/**
 * A tensor from nested JS arrays or a number: float32 unless `{ dtype }` says otherwise, bool when
 * the elements are booleans (JS numbers have no integer kind, so `tensor([1, 2])` is float32 as in
 * tfjs; write `{ dtype: "int32" }` for PyTorch's `torch.tensor([1, 2])`). PyTorch: `torch.tensor`.
 * @example tensor([[1, 2], [3, 4]], { requiresGrad: true }) // shape [2, 2]
 */
export function tensor(data: NestedInput, opts: CreationOptions = {}): Tensor {
  const options = creationOptions("tensor", opts);
  if (typeof data !== "number" && typeof data !== "boolean" && !Array.isArray(data) && !(data instanceof Tensor)) throw unexpectedElement(data, "as data");
  const shape = inferNestedShape(data);
  checkAllocatable("tensor", shape);
  const booleans = leafIsBoolean(data);
  const dtype = options.dtype ?? (booleans ? "bool" : DEFAULT_DTYPE);
  // Filled directly in the dtype's storage: the store converts (rounds, truncates), bool is v != 0.
  const out = allocStorage(dtype, numelOf(shape));
  const toBool = dtype === "bool";
  let pos = 0;
  const at = (path: number[]): string => `at index [${path.join("][")}] (shape ${fmtShape(shape)})`;
  const fill = (value: unknown, d: number, path: number[]): void => {
    if (value instanceof Tensor) {
      if (value.ndim !== shape.length - d || value.shape.some((s, i) => s !== shape[d + i])) {
        throw new Error(`tensor: found a Tensor of shape ${fmtShape(value.shape)} ${at(path)}, expected shape ${fmtShape(shape.slice(d))}`);
      }
      const values = value.toTypedArray();
      for (let k = 0; k < values.length; k++) out[pos++] = toBool ? (values[k] !== 0 ? 1 : 0) : values[k]!;
      return;
    }
    if (d === shape.length) {
      if (typeof value !== "number" && typeof value !== "boolean") throw unexpectedElement(value, `${at(path)}, where a number belongs`);
      if (options.dtype === undefined && (typeof value === "boolean") !== booleans) {
        throw new Error(`tensor: mixed booleans and numbers ${at(path)}; pass { dtype } to say which dtype you want`);
      }
      const v = Number(value);
      out[pos++] = toBool ? (v !== 0 ? 1 : 0) : v;
      return;
    }
    if (!Array.isArray(value)) throw unexpectedElement(value, `${at(path)}, where a nested array of length ${shape[d]} belongs`);
    if (value.length !== shape[d]) {
      throw new Error(`tensor: ragged nested array: length ${value.length} ${at(path)}, expected ${shape[d]} as in the first row`);
    }
    value.forEach((v: unknown, i) => fill(v, d + 1, [...path, i]));
  };
  fill(data, 0, []);
  return make(out, shape, options, dtype);
}

/**
 * A tensor of `shape` over `values`: a typed array of the tensor's dtype is used as it is (no copy;
 * Float64Array → float64, Int32Array → int32, Uint8Array → uint8), anything else is copied (float32
 * unless `{ dtype }`). PyTorch: `torch.from_numpy(a).reshape(shape)`.
 * @example fromArray([1, 2, 3, 4, 5, 6], [2, 3])
 */
export function fromArray(values: Storage | ArrayLike<number>, shape?: readonly number[], opts: CreationOptions = {}): Tensor {
  const options = creationOptions("fromArray", opts);
  if (!(values instanceof Float32Array) && !ArrayBuffer.isView(values) && !Array.isArray(values)) {
    throw new Error(`fromArray: expected values to be a Float32Array or an array of numbers, got ${describeValue(values)}`);
  }
  if (Array.isArray(values)) values.forEach((v: unknown, i) => expectNumber("fromArray", `values[${i}]`, v));
  const typed = values instanceof Float32Array || values instanceof Float64Array || values instanceof Int32Array || values instanceof Uint8Array;
  const dtype = options.dtype ?? (typed ? dtypeOfStorage(values) : DEFAULT_DTYPE);
  const data = typed && dtype !== "bool" && dtypeOfStorage(values) === dtype ? values : fromValues(values as ArrayLike<number>, dtype);
  const s = shape === undefined ? [data.length] : expectShape("fromArray", shape);
  if (numelOf(s) !== data.length) {
    throw new Error(`fromArray: ${data.length} values cannot fill shape ${fmtShape(s)} (${numelOf(s)} elements)`);
  }
  return make(data, s, options, dtype);
}

/**
 * A tensor filled with `value`. PyTorch: `torch.full`.
 * @example full([2, 2], 7)
 */
export function full(shape: readonly number[], value: number, opts: CreationOptions = {}): Tensor {
  return filled("full", expectShape("full", shape), expectNumber("full", "fill value", value), creationOptions("full", opts));
}

/** A new tensor of a checked shape filled with `value`. */
function filled(op: string, shape: number[], value: number, opts: CreationOptions): Tensor {
  const dtype = opts.dtype ?? DEFAULT_DTYPE;
  const data = allocStorage(dtype, numelOf(shape));
  if (value !== 0) data.fill(dtype === "bool" ? 1 : value);
  return make(data, shape, opts, dtype);
}

/**
 * Zeros of the given shape, `zeros(2, 3)` or `zeros([2, 3])`. PyTorch: `torch.zeros`.
 * @example zeros([2, 3], { requiresGrad: true })
 */
export function zeros(...args: ShapeOrOptions<CreationOptions>): Tensor {
  const [shape, opts] = splitArgs("zeros", args, CREATION_KEYS);
  return filled("zeros", shape, 0, opts);
}

/**
 * Ones of the given shape. PyTorch: `torch.ones`.
 * @example ones(2, 3)
 */
export function ones(...args: ShapeOrOptions<CreationOptions>): Tensor {
  const [shape, opts] = splitArgs("ones", args, CREATION_KEYS);
  return filled("ones", shape, 1, opts);
}

/** Zeros shaped like `t`. PyTorch: `torch.zeros_like`. @example zerosLike(x) */
export function zerosLike(t: Tensor, opts: CreationOptions = {}): Tensor {
  return filled("zerosLike", [...expectTensor("zerosLike", "input", t).shape], 0, { dtype: t.dtype, ...creationOptions("zerosLike", opts) });
}

/** Ones shaped like `t`. PyTorch: `torch.ones_like`. @example onesLike(x) */
export function onesLike(t: Tensor, opts: CreationOptions = {}): Tensor {
  return filled("onesLike", [...expectTensor("onesLike", "input", t).shape], 1, { dtype: t.dtype, ...creationOptions("onesLike", opts) });
}

/** `value` shaped like `t`. PyTorch: `torch.full_like`. @example fullLike(x, 0.5) */
export function fullLike(t: Tensor, value: number, opts: CreationOptions = {}): Tensor {
  const shape = [...expectTensor("fullLike", "input", t).shape];
  return filled("fullLike", shape, expectNumber("fullLike", "fill value", value), { dtype: t.dtype, ...creationOptions("fullLike", opts) });
}

/** Splits trailing numbers from an optional last options object (`arange(5, { requiresGrad })`). */
function numbersAndOptions(op: string, args: readonly (number | CreationOptions | undefined)[]): [(number | undefined)[], CreationOptions] {
  const last = args[args.length - 1];
  if (last !== null && typeof last === "object") return [args.slice(0, -1) as (number | undefined)[], creationOptions(op, last)];
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
  const [[start = 0, end, step = 1], opts] = numbersAndOptions("arange", args);
  const [lo, hi] = end === undefined ? [0, expectFiniteNumber("arange", "end", start)] : [expectFiniteNumber("arange", "start", start), expectFiniteNumber("arange", "end", end)];
  if (expectFiniteNumber("arange", "step", step) === 0) throw new Error(`arange: step must be nonzero (got ${step})`);
  if ((hi - lo) / step < 0) {
    throw new Error(`arange: upper bound and larger bound inconsistent with step sign (start ${lo}, end ${hi}, step ${step})`);
  }
  const n = Math.ceil((hi - lo) / step);
  checkAllocatable("arange", [n]);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = lo + i * step;
  return make(fromValues(values, opts.dtype ?? DEFAULT_DTYPE), [n], opts);
}

/**
 * `steps` evenly spaced values from `start` to `end` inclusive. PyTorch: `torch.linspace`.
 * @example linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, end: number, steps: number, opts: CreationOptions = {}): Tensor {
  expectFiniteNumber("linspace", "start", start);
  expectFiniteNumber("linspace", "end", end);
  expectShape("linspace", [expectInteger("linspace", "steps", steps)]);
  const options = creationOptions("linspace", opts);
  const values = new Float64Array(steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) values[i] = i === steps - 1 && steps > 1 ? end : start + i * delta;
  return make(fromValues(values, options.dtype ?? DEFAULT_DTYPE), [steps], options);
}

/**
 * The `n × m` identity (ones on the diagonal). PyTorch: `torch.eye`.
 * @example eye(3)
 */
export function eye(n: number, opts?: CreationOptions): Tensor;
export function eye(n: number, m: number, opts?: CreationOptions): Tensor;
export function eye(...args: (number | CreationOptions | undefined)[]): Tensor {
  const [[rows, cols = rows], opts] = numbersAndOptions("eye", args);
  const [n, m] = expectShape("eye", [rows, cols]) as [number, number];
  const data = allocStorage(opts.dtype ?? DEFAULT_DTYPE, n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return make(data, [n, m], opts);
}

/**
 * Standard normal samples, N(0, 1). PyTorch: `torch.randn`.
 * @example manualSeed(0); randn(2, 3)
 */
export function randn(...args: ShapeOrOptions<RandomOptions>): Tensor {
  const [shape, opts] = splitArgs("randn", args, RANDOM_KEYS);
  return normalSamples("randn", 0, 1, shape, opts);
}

/**
 * Uniform samples in [0, 1). PyTorch: `torch.rand`.
 * @example rand([4], { generator: new Generator(42) })
 */
export function rand(...args: ShapeOrOptions<RandomOptions>): Tensor {
  const [shape, opts] = splitArgs("rand", args, RANDOM_KEYS);
  const dtype = opts.dtype ?? DEFAULT_DTYPE;
  checkFloating("rand", dtype);
  const data = new Float32Array(numelOf(shape));
  (opts.generator ?? defaultGenerator).fillUniform(data, 0, 1);
  return make(fromValues(data, dtype), shape, opts);
}

/**
 * Normal samples N(mean, std²). PyTorch: `torch.normal(mean, std, size)`.
 * @example normal(0, 0.01, [784, 10], { requiresGrad: true })
 */
export function normal(mean: number, std: number, shape: readonly number[], opts: RandomOptions = {}): Tensor {
  expectFiniteNumber("normal", "mean", mean);
  if (!(expectFiniteNumber("normal", "std", std) >= 0)) throw new Error(`normal: std must be non-negative (got ${std})`);
  return normalSamples("normal", mean, std, expectShape("normal", shape), creationOptions("normal", opts, RANDOM_KEYS));
}

function normalSamples(op: string, mean: number, std: number, shape: number[], opts: RandomOptions): Tensor {
  const dtype = opts.dtype ?? DEFAULT_DTYPE;
  checkFloating(op, dtype);
  // Samples are drawn at float32 precision for every floating dtype, so a seed gives the same values in both.
  const data = new Float32Array(numelOf(shape));
  (opts.generator ?? defaultGenerator).fillNormal(data, mean, std);
  return make(fromValues(data, dtype), shape, opts);
}

/**
 * Whole numbers drawn uniformly from [low, high), int32 unless `{ dtype }` (PyTorch's int64).
 * PyTorch: `torch.randint`.
 * @example randint(0, 10, [5]) // five class labels
 */
export function randint(low: number, high: number, shape: readonly number[], opts: RandomOptions = {}): Tensor {
  expectInteger("randint", "low", low);
  expectInteger("randint", "high", high);
  const s = expectShape("randint", shape);
  const options = creationOptions("randint", opts, RANDOM_KEYS);
  const g = options.generator ?? defaultGenerator;
  const values = new Float64Array(numelOf(s));
  for (let i = 0; i < values.length; i++) values[i] = g.randint(low, high);
  const dtype = options.dtype ?? INDEX_DTYPE;
  return make(fromValues(values, dtype), s, options, dtype);
}
