/**
 * Element types: the five dtypes, the typed array each is stored in, and PyTorch's promotion rules
 * (`torch.promote_types`, `torch.result_type`, `torch.can_cast`) restricted to them.
 *
 * `int32` stands in for PyTorch's int64 (labels, indices, `argmax`): JS typed arrays have no fast
 * 64-bit integer type, and 2^31 indices are more than a JS array can hold anyway.
 * @module
 */

/** The element type of a tensor. PyTorch: `torch.float32`, `torch.float64`, `torch.int32` (our int64), `torch.uint8`, `torch.bool`. */
export type DType = "float32" | "float64" | "int32" | "uint8" | "bool";

/** The flat storage of a tensor; `bool` is stored as 0/1 in a Uint8Array. */
export type Storage = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Every dtype, in promotion order (a later one holds every earlier one's values, as far as these five go). */
export const DTYPES: readonly DType[] = ["bool", "uint8", "int32", "float32", "float64"];

/** The dtype of JS numbers and of every creation function without `{ dtype }` (PyTorch's default dtype). */
export const DEFAULT_DTYPE: DType = "float32";

/** The dtype of indices, labels and integral JS numbers (PyTorch's int64). */
export const INDEX_DTYPE: DType = "int32";

const RANK: Record<DType, number> = { bool: 0, uint8: 1, int32: 2, float32: 3, float64: 4 };

/** True for float32 and float64. PyTorch: `dtype.is_floating_point`. */
export function isFloating(dtype: DType): boolean {
  return dtype === "float32" || dtype === "float64";
}

/** Throws naming `op` unless `value` is one of the five dtype names. */
export function checkDType(op: string, value: unknown): DType {
  if (typeof value === "string" && value in RANK) return value as DType;
  throw new Error(`${op}: unknown dtype ${JSON.stringify(value)} (known: ${DTYPES.join(", ")})`);
}

/**
 * Fresh zeroed storage for `n` elements of `dtype`.
 * @example allocStorage("int32", 3) // Int32Array [0, 0, 0]
 */
export function allocStorage(dtype: DType, n: number): Storage {
  switch (dtype) {
    case "float32":
      return new Float32Array(n);
    case "float64":
      return new Float64Array(n);
    case "int32":
      return new Int32Array(n);
    case "uint8":
    case "bool":
      return new Uint8Array(n);
  }
}

/** The dtype a typed array stores (a Uint8Array is uint8; bool tensors say so explicitly). */
export function dtypeOfStorage(storage: Storage): DType {
  if (storage instanceof Float32Array) return "float32";
  if (storage instanceof Float64Array) return "float64";
  if (storage instanceof Int32Array) return "int32";
  return "uint8";
}

/**
 * Copies `values` into `out` as `dtype` stores them: floats round, integers truncate toward zero and
 * wrap (a C cast), and bool is `value != 0` (NaN is true, as in PyTorch).
 */
export function castInto(out: Storage, values: ArrayLike<number>, dtype: DType): void {
  if (dtype === "bool") {
    for (let i = 0; i < values.length; i++) out[i] = values[i] !== 0 ? 1 : 0;
  } else if (ArrayBuffer.isView(values)) {
    out.set(values as Storage);
  } else {
    for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  }
}

/**
 * The smallest of the five dtypes that holds both. PyTorch: `torch.promote_types`.
 * @example promoteTypes("int32", "float32") // "float32"; promoteTypes("bool", "uint8") // "uint8"
 */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

type Category = 0 | 1 | 2;
/** bool < integer < floating: the categories `result_type` compares. */
function category(dtype: DType): Category {
  return dtype === "bool" ? 0 : isFloating(dtype) ? 2 : 1;
}

/** A tensor as promotion sees it: its dtype and whether it has dims. */
export interface DTypeOperand {
  readonly dtype: DType;
  readonly ndim: number;
}

/** The dtype a JS number or boolean stands for as an operand: Python's `True`, `2`, `2.5`. */
export function scalarDType(value: number | boolean): DType {
  if (typeof value === "boolean") return "bool";
  return Number.isInteger(value) ? INDEX_DTYPE : DEFAULT_DTYPE;
}

/** PyTorch's `combine_categories`: the higher-priority group wins unless the lower one is of a higher category. */
function combine(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null) return higher;
  return category(lower) > category(higher) ? promoteTypes(higher, lower) : higher;
}

/**
 * The dtype of an op over `operands`, by PyTorch's rules: tensors with dims decide, a 0-d tensor counts
 * only when it is of a higher category (bool < integer < floating), and a JS number only when it is
 * of a higher category than every tensor: `int32 + 2` is int32, `int32 + 2.5` float32, `uint8 + 0-d
 * int32` uint8, `float32 + 0-d float64` float32. PyTorch: `torch.result_type`.
 * @example resultType([{ dtype: "int32", ndim: 1 }, 2.5]) // "float32"
 */
export function resultType(operands: readonly (DTypeOperand | number | boolean)[]): DType {
  let dim: DType | null = null;
  let zero: DType | null = null;
  let wrapped: DType | null = null;
  for (const x of operands) {
    if (typeof x === "number" || typeof x === "boolean") {
      const d = scalarDType(x);
      wrapped = wrapped === null ? d : promoteTypes(wrapped, d);
    } else if (x.ndim > 0) dim = dim === null ? x.dtype : promoteTypes(dim, x.dtype);
    else zero = zero === null ? x.dtype : promoteTypes(zero, x.dtype);
  }
  return combine(dim, combine(zero, wrapped)) ?? DEFAULT_DTYPE;
}

/**
 * Whether an op computing in `from` may write its result into a tensor of `to` (in-place ops):
 * never floating into integer, nor anything but bool into bool. PyTorch: `torch.can_cast`.
 * @example canCast("int32", "float32") // true; canCast("float32", "int32") // false
 */
export function canCast(from: DType, to: DType): boolean {
  return category(from) <= category(to);
}
