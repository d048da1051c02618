/**
 * Printing tensors the way PyTorch does (`repr(t)` with the default print options), following
 * the rules of PyTorch's `torch/_tensor_str.py`.
 * @module
 */

import { numelOf } from "./shape.js";
import { isFloating, type DType, type Storage } from "./dtype.js";

/** PyTorch's default print options. */
const PRECISION = 4;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 80;
const PREFIX = "tensor(";

/** Element layout of the tensor being printed. */
interface StridedView {
  readonly storage: Storage;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
}

/**
 * The indices of a dimension of `size` that are printed: all of them, or when summarising a
 * dimension longer than 2·EDGE_ITEMS the first and last EDGE_ITEMS with `null` for the `...`.
 */
function shownIndices(size: number, summarize: boolean): (number | null)[] {
  if (summarize && size > 2 * EDGE_ITEMS) {
    const head = Array.from({ length: EDGE_ITEMS }, (_, i) => i);
    const tail = Array.from({ length: EDGE_ITEMS }, (_, i) => size - EDGE_ITEMS + i);
    return [...head, null, ...tail];
  }
  return Array.from({ length: size }, (_, i) => i);
}

/** Appends the values that will be printed (in order) to `out`; the formatter is chosen from these only. */
function collectShown(view: StridedView, dim: number, pos: number, summarize: boolean, out: number[]): void {
  if (dim === view.shape.length) {
    out.push(view.storage[pos]!);
    return;
  }
  const stride = view.strides[dim]!;
  for (const i of shownIndices(view.shape[dim]!, summarize)) {
    if (i !== null) collectShown(view, dim + 1, pos + i * stride, summarize, out);
  }
}

/**
 * `abs.toFixed(digits)` or `abs.toExponential(digits)` for a finite `abs >= 0`, except that exact
 * ties round to even as Python's `format` does (ECMAScript rounds them up): 0.15625 → "0.1562".
 */
function roundHalfEven(abs: number, digits: number, notation: "fixed" | "exponential"): string {
  const naive = notation === "fixed" ? abs.toFixed(digits) : abs.toExponential(digits);
  // 100 digits show a float32 (and any double printed in fixed mode here) exactly enough to tell
  // a true tie from a near one.
  const exact = notation === "fixed" ? abs.toFixed(100) : abs.toExponential(100);
  const mantissaEnd = notation === "fixed" ? exact.length : exact.indexOf("e");
  const point = exact.indexOf(".");
  const keepEnd = digits === 0 ? point : point + 1 + digits;
  if (!/^50*$/.test(exact.slice(point + 1 + digits, mantissaEnd))) return naive;
  const lastKeptDigit = Number(exact[keepEnd - 1]);
  if (lastKeptDigit % 2 === 1) return naive;
  return exact.slice(0, keepEnd) + exact.slice(mantissaEnd);
}

/** How PyTorch's `_Formatter` prints every element of one tensor: floats as `1.`, `0.1000` or `1.0000e-05`; integer dtypes as `1`; bool as `True`. */
type FloatMode = "int" | "fixed" | "sci" | "integer" | "bool";

/** One element as Python prints it in `mode`, before padding: `1.`, `0.1000`, `1.0000e-05`, `nan`. */
function formatElement(x: number, mode: FloatMode): string {
  if (mode === "integer") return String(x);
  if (mode === "bool") return x !== 0 ? "True" : "False";
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const abs = Math.abs(x);
  switch (mode) {
    case "int":
      return `${sign}${abs.toFixed(0)}.`;
    case "fixed":
      return sign + roundHalfEven(abs, PRECISION, "fixed");
    case "sci":
      // Python writes at least two exponent digits: e+00, e-05.
      return sign + roundHalfEven(abs, PRECISION, "exponential").replace(/e([+-])(\d)$/, "e$10$2");
  }
}

/** The print mode and common width chosen from the values shown, as PyTorch's `_Formatter`. */
interface ElementFormatter {
  readonly mode: FloatMode;
  /** Width every element is left-padded to; nan/inf may be wider and are then not padded. */
  readonly width: number;
}

function chooseFormatter(values: readonly number[], dtype: DType): ElementFormatter {
  if (!isFloating(dtype)) {
    // Integers and bools are padded to the widest shown value, zeros included.
    const mode = dtype === "bool" ? "bool" : "integer";
    return { mode, width: Math.max(1, ...values.map((v) => formatElement(v, mode).length)) };
  }
  let min = Infinity;
  let max = 0;
  let allWhole = true;
  let count = 0;
  for (const v of values) {
    if (!Number.isFinite(v) || v === 0) continue;
    const abs = Math.abs(v);
    if (abs < min) min = abs;
    if (abs > max) max = abs;
    if (v !== Math.ceil(v)) allWhole = false;
    count++;
  }
  if (count === 0) return { mode: "int", width: 1 };
  const wideRange = max / min > 1000 || max > 1e8;
  const mode: FloatMode = allWhole ? (wideRange ? "sci" : "int") : wideRange || min < 1e-4 ? "sci" : "fixed";
  let width = 1;
  for (const v of values) {
    if (Number.isFinite(v) && v !== 0) width = Math.max(width, formatElement(v, mode).length);
  }
  return { mode, width };
}

function formatPadded(x: number, formatter: ElementFormatter): string {
  return formatElement(x, formatter.mode).padStart(formatter.width);
}

/**
 * The bracketed body for dims `dim…` starting at storage position `pos`. `indent` is the column
 * of the opening bracket; continuation lines start one column further right.
 */
function renderDims(
  view: StridedView,
  dim: number,
  pos: number,
  indent: number,
  summarize: boolean,
  formatter: ElementFormatter,
): string {
  const remaining = view.shape.length - dim;
  if (remaining === 0) return formatPadded(view.storage[pos]!, formatter);
  const stride = view.strides[dim]!;
  const items = shownIndices(view.shape[dim]!, summarize).map((i) => {
    if (i === null) return remaining === 1 ? " ..." : "...";
    const at = pos + i * stride;
    return remaining === 1
      ? formatPadded(view.storage[at]!, formatter)
      : renderDims(view, dim + 1, at, indent + 1, summarize, formatter);
  });
  const continuation = " ".repeat(indent + 1);
  if (remaining > 1) return `[${items.join("," + "\n".repeat(remaining - 1) + continuation)}]`;
  // The "+ 2" counts the ", " after each element.
  const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / (formatter.width + 2)));
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(", "));
  return `[${lines.join(",\n" + continuation)}]`;
}

/** Appends `, suffix` items, moving one to a new line when it would pass the line width, then `)`. */
function addSuffixes(text: string, suffixes: readonly string[], indent: number): string {
  // PyTorch's measure of the last line (its length + 2, also when there is no newline), kept as is
  // so that suffixes wrap exactly where PyTorch wraps them.
  let lastLineLength = text.length - text.lastIndexOf("\n") + 1;
  let out = text;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > LINE_WIDTH) {
      out += ",\n" + " ".repeat(indent) + suffix;
      lastLineLength = indent + suffix.length;
    } else {
      out += ", " + suffix;
      lastLineLength += suffix.length + 2;
    }
  }
  return out + ")";
}

/** A shape written as a Python tuple, as in PyTorch's `size=(0, 3)`. */
function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/**
 * Prints a strided float32 tensor the way PyTorch does with its default print options:
 * precision 4, tensors over 1000 elements summarised with `...` (3 edge items per dimension),
 * 80-column lines, all elements padded to one width. Whole-number tensors print as `1.`,
 * others with 4 decimals, switching to scientific notation when the finite nonzero magnitudes
 * span more than 1000× or leave [1e-4, 1e8]. Autograd state is appended as
 * `requiresGrad=true` or `gradFn=<MulBackward>`. Integer dtypes print as `1`, bool as `True`/`False`,
 * and every dtype but float32, int32 and bool gets a `dtype=float64` suffix (PyTorch omits it for its
 * default dtype, int64 and bool; int32 plays int64's part here, so it prints as PyTorch prints int64).
 *
 * Shapes: `storage` holds the elements at `offset + Σ index[d]·strides[d]` for `index` in `shape`.
 * PyTorch: `torch._tensor_str._str` (what `repr(t)` prints).
 *
 * @example
 * formatTensor(new Float32Array([1, 2, 3, 4]), [2, 2], [2, 1], 0, { dtype: "float32", requiresGrad: false, gradFn: null })
 * // "tensor([[1., 2.],\n        [3., 4.]])"
 */
export function formatTensor(
  storage: Storage,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  opts: { dtype?: DType; requiresGrad: boolean; gradFn: string | null },
): string {
  const view: StridedView = { storage, shape, strides };
  const dtype = opts.dtype ?? "float32";
  const indent = PREFIX.length;
  const numel = numelOf(shape);
  const suffixes: string[] = [];
  let body: string;
  if (numel === 0) {
    // Like NumPy, the shape is spelled out unless it is the plain 1-D (0,).
    if (shape.length !== 1) suffixes.push(`size=${pythonTuple(shape)}`);
    body = "[]";
  } else {
    const summarize = numel > THRESHOLD;
    const shown: number[] = [];
    collectShown(view, 0, offset, summarize, shown);
    body = renderDims(view, 0, offset, indent, summarize, chooseFormatter(shown, dtype));
  }
  if (dtype !== "float32" && dtype !== "int32" && dtype !== "bool") suffixes.push(`dtype=${dtype}`);
  if (opts.gradFn !== null) suffixes.push(`gradFn=<${opts.gradFn}>`);
  else if (opts.requiresGrad) suffixes.push("requiresGrad=true");
  return addSuffixes(PREFIX + body, suffixes, indent);
}
