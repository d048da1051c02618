import { Tensor, type NestedArray } from "./tensor.js";
import { checkShape, contiguousStrides, fmtShape, numelOf } from "./shape.js";
import { defaultGenerator, type Generator } from "./random.js";

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

function make(data: Float32Array, shape: readonly number[], opts: CreationOptions): Tensor {
  const t = new Tensor(data, shape, contiguousStrides(shape));
  if (opts.requiresGrad === true) t.requiresGrad = true;
  return t;
}

function inferNestedShape(value: NestedArray, shape: number[] = []): number[] {
  if (Array.isArray(value)) {
    shape.push(value.length);
    if (value.length > 0) inferNestedShape(value[0]!, shape);
  }
  return shape;
}

/**
 * A tensor from nested JS arrays or a number (float32). PyTorch: `torch.tensor`.
 * @example tensor([[1, 2], [3, 4]], { requiresGrad: true }) // shape [2, 2]
 */
export function tensor(data: NestedArray | boolean, opts: CreationOptions = {}): Tensor {
  if (typeof data === "boolean") data = data ? 1 : 0;
  const shape = inferNestedShape(data);
  const out = new Float32Array(numelOf(shape));
  let pos = 0;
  const fill = (value: NestedArray, d: number): void => {
    if (d === shape.length) {
      if (typeof value !== "number" && typeof value !== "boolean") {
        throw new Error(`tensor: ragged nested array (expected a number at depth ${d} of shape ${fmtShape(shape)})`);
      }
      out[pos++] = Number(value);
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[d]) {
      throw new Error(`tensor: ragged nested array (expected length ${shape[d]} at depth ${d}, got ${Array.isArray(value) ? value.length : typeof value})`);
    }
    for (const v of value) fill(v, d + 1);
  };
  fill(data, 0);
  return make(out, shape, opts);
}

/**
 * A tensor of `shape` over a copy of `values` (or `values` itself when it is a Float32Array). PyTorch: `torch.from_numpy(a).reshape(shape)`.
 * @example fromArray([1, 2, 3, 4, 5, 6], [2, 3])
 */
export function fromArray(values: Float32Array | ArrayLike<number>, shape?: readonly number[], opts: CreationOptions = {}): Tensor {
  const data = values instanceof Float32Array ? values : Float32Array.from(values);
  const s = shape ?? [data.length];
  checkShape("fromArray", s);
  if (numelOf(s) !== data.length) {
    throw new Error(`fromArray: ${data.length} values cannot fill shape ${fmtShape(s)} (${numelOf(s)} elements)`);
  }
  return make(data, [...s], opts);
}

/**
 * A tensor filled with `value`. PyTorch: `torch.full`.
 * @example full([2, 2], 7)
 */
export function full(shape: readonly number[], value: number, opts: CreationOptions = {}): Tensor {
  checkShape("full", shape);
  const data = new Float32Array(numelOf(shape));
  if (value !== 0) data.fill(value);
  return make(data, [...shape], opts);
}

/**
 * Zeros of the given shape, `zeros(2, 3)` or `zeros([2, 3])`. PyTorch: `torch.zeros`.
 * @example zeros([2, 3], { requiresGrad: true })
 */
export function zeros(...args: ShapeOrOptions<CreationOptions>): Tensor {
  const [shape, opts] = splitArgs("zeros", args);
  return full(shape, 0, opts);
}

/**
 * Ones of the given shape. PyTorch: `torch.ones`.
 * @example ones(2, 3)
 */
export function ones(...args: ShapeOrOptions<CreationOptions>): Tensor {
  const [shape, opts] = splitArgs("ones", args);
  return full(shape, 1, opts);
}

/** Zeros shaped like `t`. PyTorch: `torch.zeros_like`. @example zerosLike(x) */
export function zerosLike(t: Tensor, opts: CreationOptions = {}): Tensor {
  return full(t.shape, 0, opts);
}

/** Ones shaped like `t`. PyTorch: `torch.ones_like`. @example onesLike(x) */
export function onesLike(t: Tensor, opts: CreationOptions = {}): Tensor {
  return full(t.shape, 1, opts);
}

/** `value` shaped like `t`. PyTorch: `torch.full_like`. @example fullLike(x, 0.5) */
export function fullLike(t: Tensor, value: number, opts: CreationOptions = {}): Tensor {
  return full(t.shape, value, opts);
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
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return make(data, [n], opts);
}

/**
 * `steps` evenly spaced values from `start` to `end` inclusive. PyTorch: `torch.linspace`.
 * @example linspace(0, 1, 5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, end: number, steps: number, opts: CreationOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`linspace: number of steps must be a non-negative integer (got ${steps})`);
  const data = new Float32Array(steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) data[i] = i === steps - 1 && steps > 1 ? end : start + i * delta;
  return make(data, [steps], opts);
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
  const data = new Float32Array(n * m);
  for (let i = 0; i < Math.min(n, m); i++) data[i * m + i] = 1;
  return make(data, [n, m], opts);
}

/**
 * Standard normal samples, N(0, 1). PyTorch: `torch.randn`.
 * @example manualSeed(0); randn(2, 3)
 */
export function randn(...args: ShapeOrOptions<RandomOptions>): Tensor {
  const [shape, opts] = splitArgs("randn", args);
  return normal(0, 1, shape, opts);
}

/**
 * Uniform samples in [0, 1). PyTorch: `torch.rand`.
 * @example rand([4], { generator: new Generator(42) })
 */
export function rand(...args: ShapeOrOptions<RandomOptions>): Tensor {
  const [shape, opts] = splitArgs("rand", args);
  const data = new Float32Array(numelOf(shape));
  (opts.generator ?? defaultGenerator).fillUniform(data, 0, 1);
  return make(data, shape, opts);
}

/**
 * Normal samples N(mean, std²). PyTorch: `torch.normal(mean, std, size)`.
 * @example normal(0, 0.01, [784, 10], { requiresGrad: true })
 */
export function normal(mean: number, std: number, shape: readonly number[], opts: RandomOptions = {}): Tensor {
  checkShape("normal", shape);
  if (!(std >= 0)) throw new Error(`normal: std must be non-negative (got ${std})`);
  const data = new Float32Array(numelOf(shape));
  (opts.generator ?? defaultGenerator).fillNormal(data, mean, std);
  return make(data, [...shape], opts);
}

/**
 * Whole numbers drawn uniformly from [low, high). PyTorch: `torch.randint`.
 * @example randint(0, 10, [5]) // five class labels
 */
export function randint(low: number, high: number, shape: readonly number[], opts: RandomOptions = {}): Tensor {
  checkShape("randint", shape);
  const g = opts.generator ?? defaultGenerator;
  const data = new Float32Array(numelOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = g.randint(low, high);
  return make(data, [...shape], opts);
}
