import { Tensor, type NestedArray } from "./tensor.js";
import { contiguousStrides, fmtShape, numelOf } from "./shape.js";
import { defaultGenerator, type Generator } from "./random.js";
import {
  checkAllocatable, checkOptions, describeValue, expectBoolean, expectGenerator, expectFiniteNumber, expectInteger, expectNumber, expectShape,
  expectTensor,
} from "./validate.js";

/** Options every creation function accepts last. */
export interface CreationOptions {
  /** Track operations on the result for autograd (PyTorch's `requires_grad`). */
  requiresGrad?: boolean;
}

/** Creation options of the random functions. */
export interface RandomOptions extends CreationOptions {
  /** Where the randomness comes from (default: the global generator seeded by `manualSeed`). */
  generator?: Generator;
}

type ShapeOrOptions<O> = (number | readonly number[] | O)[];

const CREATION_KEYS = ["requiresGrad"];
const RANDOM_KEYS = ["requiresGrad", "generator"];

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
  return checked;
}

function make(data: Float32Array, shape: readonly number[], opts: CreationOptions): Tensor {
  const t = new Tensor(data, shape, contiguousStrides(shape));
  if (opts.requiresGrad === true) t.requiresGrad = true;
  return t;
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
 * A tensor from nested JS arrays or a number (float32). PyTorch: `torch.tensor`.
 * @example tensor([[1, 2], [3, 4]], { requiresGrad: true }) // shape [2, 2]
 */
export function tensor(data: NestedInput, opts: CreationOptions = {}): Tensor {
  const options = creationOptions("tensor", opts);
  if (typeof data === "boolean") data = data ? 1 : 0;
  if (typeof data !== "number" && !Array.isArray(data) && !(data instanceof Tensor)) throw unexpectedElement(data, "as data");
  const shape = inferNestedShape(data);
  checkAllocatable("tensor", shape);
  const out = new Float32Array(numelOf(shape));
  let pos = 0;
  const at = (path: number[]): string => `at index [${path.join("][")}] (shape ${fmtShape(shape)})`;
  const fill = (value: unknown, d: number, path: number[]): void => {
    if (value instanceof Tensor) {
      if (value.ndim !== shape.length - d || value.shape.some((s, i) => s !== shape[d + i])) {
        throw new Error(`tensor: found a Tensor of shape ${fmtShape(value.shape)} ${at(path)}, expected shape ${fmtShape(shape.slice(d))}`);
      }
      out.set(value.toFloat32Array(), pos);
      pos += value.numel();
      return;
    }
    if (d === shape.length) {
      if (typeof value !== "number" && typeof value !== "boolean") throw unexpectedElement(value, `${at(path)}, where a number belongs`);
      out[pos++] = Number(value);
      return;
    }
    if (!Array.isArray(value)) throw unexpectedElement(value, `${at(path)}, where a nested array of length ${shape[d]} belongs`);
    if (value.length !== shape[d]) {
      throw new Error(`tensor: ragged nested array: length ${value.length} ${at(path)}, expected ${shape[d]} as in the first row`);
    }
    value.forEach((v: unknown, i) => fill(v, d + 1, [...path, i]));
  };
  fill(data, 0, []);
  return make(out, shape, options);
}

/**
 * A tensor of `shape` over a copy of `values` (or `values` itself when it is a Float32Array). PyTorch: `torch.from_numpy(a).reshape(shape)`.
 * @example fromArray([1, 2, 3, 4, 5, 6], [2, 3])
 */
export function fromArray(values: Float32Array | ArrayLike<number>, shape?: readonly number[], opts: CreationOptions = {}): Tensor {
  const options = creationOptions("fromArray", opts);
  if (!(values instanceof Float32Array) && !ArrayBuffer.isView(values) && !Array.isArray(values)) {
    throw new Error(`fromArray: expected values to be a Float32Array or an array of numbers, got ${describeValue(values)}`);
  }
  if (Array.isArray(values)) values.forEach((v: unknown, i) => expectNumber("fromArray", `values[${i}]`, v));
  const data = values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
  const s = shape === undefined ? [data.length] : expectShape("fromArray", shape);
  if (numelOf(s) !== data.length) {
    throw new Error(`fromArray: ${data.length} values cannot fill shape ${fmtShape(s)} (${numelOf(s)} elements)`);
  }
  return make(data, s, options);
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
  const data = new Float32Array(numelOf(shape));
  if (value !== 0) data.fill(value);
  return make(data, shape, opts);
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
  return filled("zerosLike", [...expectTensor("zerosLike", "input", t).shape], 0, creationOptions("zerosLike", opts));
}

/** Ones shaped like `t`. PyTorch: `torch.ones_like`. @example onesLike(x) */
export function onesLike(t: Tensor, opts: CreationOptions = {}): Tensor {
  return filled("onesLike", [...expectTensor("onesLike", "input", t).shape], 1, creationOptions("onesLike", opts));
}

/** `value` shaped like `t`. PyTorch: `torch.full_like`. @example fullLike(x, 0.5) */
export function fullLike(t: Tensor, value: number, opts: CreationOptions = {}): Tensor {
  const shape = [...expectTensor("fullLike", "input", t).shape];
  return filled("fullLike", shape, expectNumber("fullLike", "fill value", value), creationOptions("fullLike", opts));
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
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return make(data, [n], opts);
}

/**
 * `steps` evenly spaced values from `start` to `end` inclusive. PyTorch: `torch.linspace`.
 * @example linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, end: number, steps: number, opts: CreationOptions = {}): Tensor {
  expectFiniteNumber("linspace", "start", start);
  expectFiniteNumber("linspace", "end", end);
  expectShape("linspace", [expectInteger("linspace", "steps", steps)]);
  const data = new Float32Array(steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) data[i] = i === steps - 1 && steps > 1 ? end : start + i * delta;
  return make(data, [steps], creationOptions("linspace", opts));
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
  const data = new Float32Array(n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return make(data, [n, m], opts);
}

/**
 * Standard normal samples, N(0, 1). PyTorch: `torch.randn`.
 * @example manualSeed(0); randn(2, 3)
 */
export function randn(...args: ShapeOrOptions<RandomOptions>): Tensor {
  const [shape, opts] = splitArgs("randn", args, RANDOM_KEYS);
  return normalSamples(0, 1, shape, opts);
}

/**
 * Uniform samples in [0, 1). PyTorch: `torch.rand`.
 * @example rand([4], { generator: new Generator(42) })
 */
export function rand(...args: ShapeOrOptions<RandomOptions>): Tensor {
  const [shape, opts] = splitArgs("rand", args, RANDOM_KEYS);
  const data = new Float32Array(numelOf(shape));
  (opts.generator ?? defaultGenerator).fillUniform(data, 0, 1);
  return make(data, shape, opts);
}

/**
 * Normal samples N(mean, std²). PyTorch: `torch.normal(mean, std, size)`.
 * @example normal(0, 0.01, [784, 10], { requiresGrad: true })
 */
export function normal(mean: number, std: number, shape: readonly number[], opts: RandomOptions = {}): Tensor {
  expectFiniteNumber("normal", "mean", mean);
  if (!(expectFiniteNumber("normal", "std", std) >= 0)) throw new Error(`normal: std must be non-negative (got ${std})`);
  return normalSamples(mean, std, expectShape("normal", shape), creationOptions("normal", opts, RANDOM_KEYS));
}

function normalSamples(mean: number, std: number, shape: number[], opts: RandomOptions): Tensor {
  const data = new Float32Array(numelOf(shape));
  (opts.generator ?? defaultGenerator).fillNormal(data, mean, std);
  return make(data, shape, opts);
}

/**
 * Whole numbers drawn uniformly from [low, high). PyTorch: `torch.randint`.
 * @example randint(0, 10, [5]) // five class labels
 */
export function randint(low: number, high: number, shape: readonly number[], opts: RandomOptions = {}): Tensor {
  expectInteger("randint", "low", low);
  expectInteger("randint", "high", high);
  const s = expectShape("randint", shape);
  const options = creationOptions("randint", opts, RANDOM_KEYS);
  const g = options.generator ?? defaultGenerator;
  const data = new Float32Array(numelOf(s));
  for (let i = 0; i < data.length; i++) data[i] = g.randint(low, high);
  return make(data, s, options);
}
