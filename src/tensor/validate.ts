/**
 * The checks every public function runs on what it is given, once, at the boundary — so that a bad
 * argument is an `Error` naming the op, the argument and the value (DESIGN.md), never a TypeError or
 * RangeError from inside a kernel. Kernels trust their inputs and stay free of checks. Each checker
 * returns the value it accepted, so a call site is one line: `const d = expectInteger(op, "dim", dim)`.
 */
import { Tensor } from "./tensor.js";
import { describeValue } from "./describe.js";
import { fmtShape } from "./shape.js";
import { Generator } from "./random.js";

export { describeValue } from "./describe.js";

/**
 * The most elements one tensor may have: a typed array holds at most 2³² − 1 elements in V8 (beyond
 * that `new Float32Array(n)` throws "Invalid typed array length").
 */
export const MAX_ELEMENTS = 2 ** 32 - 1;

/**
 * `value` if it is a Tensor, else an Error naming `op`, the argument and what was found.
 * @example expectTensor("matmul", "other", [1, 2]) // throws: matmul: expected other to be a Tensor, got an Array [1, 2]
 */
export function expectTensor(op: string, name: string, value: unknown): Tensor {
  if (value instanceof Tensor) return value;
  throw new Error(`${op}: expected ${name} to be a Tensor, got ${describeValue(value)}`);
}

/** A non-empty-or-empty array of Tensors (cat's and stack's list), naming the first element that is not one. */
export function expectTensorList(op: string, name: string, value: unknown): Tensor[] {
  if (!Array.isArray(value)) throw new Error(`${op}: expected ${name} to be an array of Tensors, got ${describeValue(value)}`);
  value.forEach((t, i) => expectTensor(op, `${name}[${i}]`, t));
  return value as Tensor[];
}

/** A JS number (NaN and ±Infinity included: they are data), else an Error. */
export function expectNumber(op: string, name: string, value: unknown): number {
  if (typeof value === "number") return value;
  throw new Error(`${op}: expected ${name} to be a number, got ${describeValue(value)}`);
}

/** A finite JS number (no NaN, no ±Infinity), else an Error. @example expectFiniteNumber("arange", "end", NaN) // throws */
export function expectFiniteNumber(op: string, name: string, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new Error(`${op}: expected ${name} to be a finite number, got ${describeValue(value)}`);
}

/** A whole number (fractions, NaN, ±Infinity and non-numbers refused, each named). @example expectInteger("slice", "start", 0.5) // throws */
export function expectInteger(op: string, name: string, value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  const what = typeof value === "number" && Number.isFinite(value) ? `${value}, which is not an integer` : describeValue(value);
  throw new Error(`${op}: expected ${name} to be an integer, got ${what}`);
}

/** `value` if it is `undefined` (then `fallback`) or a boolean; else an Error. */
export function expectBoolean(op: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value === "boolean") return value;
  throw new Error(`${op}: expected ${name} to be true or false, got ${describeValue(value)}`);
}

/**
 * Refuses a shape whose element count no typed array can hold (`zeros(1e6, 1e6)`), naming the count.
 * @example checkAllocatable("zeros", [1e6, 1e6]) // throws: zeros: shape [1000000, 1000000] has 1e12 elements, ...
 */
export function checkAllocatable(op: string, shape: readonly number[]): void {
  let n = 1;
  for (const d of shape) n *= d;
  if (n > MAX_ELEMENTS) {
    throw new Error(`${op}: shape ${fmtShape(shape)} has ${n.toPrecision(3)} elements, more than a tensor can hold (at most ${MAX_ELEMENTS})`);
  }
}

/**
 * A shape: an array of non-negative integers whose element count fits in a tensor. Strings, NaN,
 * fractions and negative sizes are each named. Returns a fresh copy.
 * @example expectShape("zeros", [2, 3]) // [2, 3]
 */
export function expectShape(op: string, value: unknown): number[] {
  if (!Array.isArray(value)) throw new Error(`${op}: expected a shape (an array of sizes), got ${describeValue(value)}`);
  value.forEach((d: unknown, i) => {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0) {
      throw new Error(`${op}: invalid shape ${describeValue(value)}: size ${describeValue(d)} at position ${i} is not a non-negative integer`);
    }
  });
  const shape = [...(value as number[])];
  checkAllocatable(op, shape);
  return shape;
}

/**
 * An options object whose keys are all in `known` (`undefined` gives `{}`), so a misspelt option such as
 * `batch_size` is an error naming it and the known ones rather than silently ignored.
 * @example checkOptions("DataLoader", { batch_size: 4 }, ["batchSize", "shuffle"]) // throws: DataLoader: unknown option "batch_size" (known: batchSize, shuffle)
 */
export function checkOptions<O extends object>(op: string, options: O | undefined, known: readonly string[]): O {
  if (options === undefined) return {} as O;
  if (options === null || typeof options !== "object" || Array.isArray(options) || options instanceof Tensor) {
    throw new Error(`${op}: expected an options object { ${known.join(", ")} }, got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new Error(`${op}: unknown option ${JSON.stringify(key)} (known: ${known.length === 0 ? "none" : known.join(", ")})`);
    }
  }
  return options;
}

/** `undefined` or a `Generator`, else an Error (a seed number or a look-alike object is not one). */
export function expectGenerator(op: string, value: unknown): Generator | undefined {
  if (value === undefined || value instanceof Generator) return value;
  throw new Error(`${op}: expected generator to be a Generator (new Generator(seed)), got ${describeValue(value)}`);
}
