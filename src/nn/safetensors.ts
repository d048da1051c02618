import { Tensor } from "../tensor/tensor.js";
import { fmtShape, numelOf } from "../tensor/shape.js";
import type { StateDict } from "./module.js";
import { allocStorage, type DType } from "../tensor/dtype.js";

/**
 * The safetensors format, in memory: an 8-byte little-endian header length N, N bytes of JSON
 * (`{ name: { dtype: "F32", shape, data_offsets: [begin, end] } }`, offsets relative to the data section,
 * padded with spaces to a multiple of 8), then the raw little-endian data. Dtypes F32, F64, I32, U8 and
 * BOOL (one byte, 0 or 1) map to float32, float64, int32, uint8 and bool.
 */

const HEADER_LIMIT = 100_000_000;
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** safetensors' dtype names for ours. */
const FORMAT_DTYPES: Record<DType, string> = { float32: "F32", float64: "F64", int32: "I32", uint8: "U8", bool: "BOOL" };
const DTYPES_BY_NAME = new Map(Object.entries(FORMAT_DTYPES).map(([dtype, name]) => [name, dtype as DType]));
const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, uint8: 1, bool: 1 };

/** Reverses the bytes of every `width`-byte word, converting data between big- and little-endian. */
function swapBytes(bytes: Uint8Array, width: number): void {
  if (width === 1) return;
  for (let i = 0; i + width - 1 < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
}

interface HeaderEntry {
  dtype: DType;
  shape: number[];
  data_offsets: [number, number];
}

/**
 * The tensors of `tensors` as safetensors bytes, in insertion order; bit-exact (NaN payloads included).
 * PyTorch: `safetensors.torch.save(tensors)`.
 * @example writeFileSync("w.safetensors", encodeSafetensors(net.stateDict()))
 */
export function encodeSafetensors(tensors: StateDict): Uint8Array {
  const header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }> = {};
  const blobs: Uint8Array[] = [];
  let dataLength = 0;
  for (const [name, t] of Object.entries(tensors)) {
    if (!(t instanceof Tensor)) throw new Error(`save: "${name}" is not a Tensor (got ${typeof t})`);
    const values = t.toTypedArray();
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    if (!HOST_IS_LITTLE_ENDIAN) swapBytes(bytes, BYTES[t.dtype]);
    header[name] = { dtype: FORMAT_DTYPES[t.dtype], shape: [...t.shape], data_offsets: [dataLength, dataLength + bytes.byteLength] };
    blobs.push(bytes);
    dataLength += bytes.byteLength;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - ((json.length + 8) % 8)) % 8);
  const jsonBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + jsonBytes.length + dataLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(jsonBytes.length), true);
  out.set(jsonBytes, 8);
  let position = 8 + jsonBytes.length;
  for (const bytes of blobs) {
    out.set(bytes, position);
    position += bytes.byteLength;
  }
  return out;
}

function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/** One header entry, checked: a known dtype, a shape of non-negative integers, offsets inside the data and matching the shape. */
function checkEntry(fail: (why: string) => never, name: string, entry: unknown, dataLength: number): HeaderEntry {
  if (typeof entry !== "object" || entry === null) fail(`header entry "${name}" is not an object`);
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  const ours = typeof dtype === "string" ? DTYPES_BY_NAME.get(dtype) : undefined;
  if (ours === undefined) fail(`tensor "${name}" has dtype ${JSON.stringify(dtype)}; supported: ${[...DTYPES_BY_NAME.keys()].join(", ")}`);
  if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger)) fail(`tensor "${name}" has an invalid shape ${JSON.stringify(shape)}`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger)) {
    fail(`tensor "${name}" has invalid data_offsets ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataLength) fail(`tensor "${name}" has data_offsets [${begin}, ${end}] outside the ${dataLength}-byte data section`);
  const expected = numelOf(shape as number[]) * BYTES[ours!];
  if (end - begin !== expected) fail(`tensor "${name}" of shape ${fmtShape(shape as number[])} needs ${expected} bytes but its data_offsets span ${end - begin}`);
  return { dtype: ours!, shape: shape as number[], data_offsets: [begin, end] };
}

/**
 * Parses safetensors bytes into tensors (fresh storage each), checking everything: the header length, the
 * JSON, every entry, and that the tensors tile the data section exactly. `source` names the data in errors.
 * PyTorch: `safetensors.torch.load(bytes)`.
 * @example const sd = decodeSafetensors(readFileSync("w.safetensors"), "w.safetensors")
 */
export function decodeSafetensors(bytes: Uint8Array, source = "the data"): StateDict {
  const fail = (why: string): never => {
    throw new Error(`load: ${source} is not a valid safetensors file: ${why}`);
  };
  if (bytes.length < 8) fail(`it is ${bytes.length} bytes long, too short for the 8-byte header length`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (headerLength > BigInt(bytes.length - 8)) fail(`the header length ${headerLength} exceeds the ${bytes.length - 8} bytes that follow it`);
  if (headerLength > BigInt(HEADER_LIMIT)) fail(`the header length ${headerLength} is over the ${HEADER_LIMIT}-byte limit`);
  const dataStart = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch (e) {
    fail(`the header is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) fail("the header is not a JSON object");
  const dataLength = bytes.length - dataStart;
  const entries = Object.entries(header as Record<string, unknown>)
    .filter(([name]) => name !== "__metadata__")
    .map(([name, entry]) => [name, checkEntry(fail, name, entry, dataLength)] as const);
  const spans = entries.map(([, e]) => e.data_offsets).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let covered = 0;
  for (const [begin, end] of spans) {
    if (begin !== covered) fail(`the tensors' data_offsets leave a gap or overlap at byte ${Math.min(begin, covered)} of the data section`);
    covered = end;
  }
  if (covered !== dataLength) fail(`the data section is ${dataLength} bytes but the tensors cover ${covered}`);
  const out: StateDict = {};
  for (const [name, { dtype, shape, data_offsets: [begin, end] }] of entries) {
    // A copy into a fresh, aligned buffer (Node's Buffer.slice would return a view into the file's pool).
    const storage = allocStorage(dtype, (end - begin) / BYTES[dtype]);
    const raw = new Uint8Array(storage.buffer);
    raw.set(bytes.subarray(dataStart + begin, dataStart + end));
    if (!HOST_IS_LITTLE_ENDIAN) swapBytes(raw, BYTES[dtype]);
    if (dtype === "bool" && raw.some((b) => b > 1)) fail(`tensor "${name}" is BOOL but holds bytes other than 0 and 1`);
    out[name] = new Tensor(storage, shape, undefined, 0, undefined, dtype);
  }
  return out;
}
