/**
 * A small WebAssembly assembler: just enough of the binary format (LEB128 numbers, the type, import,
 * function, export and code sections, the scalar and SIMD instructions the kernels use) to build the
 * SIMD kernels of ./gemm-kernel.ts, ./elementwise-kernels.ts and ./reduce-kernels.ts at load time,
 * with no `.wasm` file and no toolchain.
 *
 * Instructions are written as folded expressions: every helper returns the bytes of its operands
 * followed by its own opcode, so `f32x4.add(local.get(acc), f32x4.mul(a, b))` is the stack code
 * `local.get acc; <a>; <b>; f32x4.mul; f32x4.add`, and a kernel reads as the arithmetic it emits.
 * Spec: https://webassembly.github.io/spec/core/binary/ and the SIMD / relaxed SIMD proposals.
 */

/** Bytes of one or more instructions. */
export type Code = readonly number[];

/** Value types. */
export const i32 = 0x7f;
export const f32 = 0x7d;
export const v128 = 0x7b;
export type ValueType = typeof i32 | typeof f32 | typeof v128;

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const cat = (...parts: Code[]): number[] => parts.flat();
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
/** A name: its UTF-8 length, then its bytes. */
const name = (s: string): number[] => [...uleb(utf8(s).length), ...utf8(s)];
const vec = (items: readonly Code[]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: Code): number[] => [id, ...uleb(body.length), ...body];

/** A memory argument: log2 of the alignment and a constant byte offset. */
const memarg = (align: number, offset: number): number[] => [align, ...uleb(offset)];
const simd = (opcode: number): number[] => [0xfd, ...uleb(opcode)];

export const local = {
  get: (index: number): Code => [0x20, ...uleb(index)],
  set: (index: number, value: Code): Code => cat(value, [0x21, ...uleb(index)]),
  tee: (index: number, value: Code): Code => cat(value, [0x22, ...uleb(index)]),
};

const binary = (opcode: Code) => (a: Code, b: Code): Code => cat(a, b, opcode);
const unary = (opcode: Code) => (a: Code): Code => cat(a, opcode);

export const i32Ops = {
  const: (n: number): Code => [0x41, ...sleb(n)],
  add: binary([0x6a]),
  sub: binary([0x6b]),
  mul: binary([0x6c]),
  shl: binary([0x74]),
  and: binary([0x71]),
  eqz: unary([0x45]),
  ltU: binary([0x49]),
  gtU: binary([0x4b]),
  geU: binary([0x4f]),
  load8U: (addr: Code, offset = 0): Code => cat(addr, [0x2d], memarg(0, offset)),
};

export const f32Ops = {
  const: (x: number): Code => [0x43, ...new Uint8Array(Float32Array.of(x).buffer)],
  load: (addr: Code, offset = 0): Code => cat(addr, [0x2a], memarg(2, offset)),
  store: (addr: Code, value: Code, offset = 0): Code => cat(addr, value, [0x38], memarg(2, offset)),
  add: binary([0x92]),
  sub: binary([0x93]),
  mul: binary([0x94]),
  div: binary([0x95]),
  max: binary([0x97]),
  convertI32U: unary([0xb3]),
};

export const v128Ops = {
  load: (addr: Code, offset = 0): Code => cat(addr, simd(0x00), memarg(4, offset)),
  store: (addr: Code, value: Code, offset = 0): Code => cat(addr, value, simd(0x0b), memarg(4, offset)),
  /** The all-zero vector (v128.const 0). */
  zero: (): Code => cat(simd(0x0c), new Array<number>(16).fill(0)),
  load32Splat: (addr: Code, offset = 0): Code => cat(addr, simd(0x09), memarg(2, offset)),
  load32Zero: (addr: Code, offset = 0): Code => cat(addr, simd(0x5c), memarg(2, offset)),
  /** Bits of `a` where `mask` is set, of `b` elsewhere. */
  bitselect: (a: Code, b: Code, mask: Code): Code => cat(a, b, mask, simd(0x52)),
  /** i8x16.shuffle with 32-bit lanes: lane k of the result is lane lanes[k] of a ‖ b (0–3 from a, 4–7 from b). */
  shuffle32: (a: Code, b: Code, lanes: readonly number[]): Code => cat(a, b, simd(0x0d), lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3])),
  and: binary(simd(0x4e)),
  or: binary(simd(0x50)),
};

export const f32x4 = {
  splat: unary(simd(0x13)),
  extractLane: (v: Code, lane: number): Code => cat(v, simd(0x1f), [lane]),
  add: binary(simd(0xe4)),
  sub: binary(simd(0xe5)),
  mul: binary(simd(0xe6)),
  div: binary(simd(0xe7)),
  abs: unary(simd(0xe0)),
  neg: unary(simd(0xe1)),
  sqrt: unary(simd(0xe3)),
  /** NaN-propagating min/max (f32x4.min/max of the spec). */
  min: binary(simd(0xe8)),
  max: binary(simd(0xe9)),
  eq: binary(simd(0x41)),
  ne: binary(simd(0x42)),
  lt: binary(simd(0x43)),
  gt: binary(simd(0x44)),
  le: binary(simd(0x45)),
  ge: binary(simd(0x46)),
  convertI32x4U: unary(simd(0xfb)),
  /** a·b + c, fused or not as the hardware prefers (relaxed SIMD). */
  relaxedMadd: (a: Code, b: Code, c: Code): Code => cat(a, b, c, simd(0x105)),
};

export const f64x2 = {
  /** The two low float32 lanes, widened. */
  promoteLowF32x4: unary(simd(0x5f)),
  add: binary(simd(0xf0)),
  extractLane: (v: Code, lane: number): Code => cat(v, simd(0x21), [lane]),
};

export const f64Ops = {
  add: binary([0xa0]),
  /** Rounds to float32. */
  demote: unary([0xb6]),
};

export const i32x4 = {
  extendLowI16x8U: unary(simd(0xa9)),
  extendHighI16x8U: unary(simd(0xaa)),
};

export const i16x8 = {
  extendLowI8x16U: unary(simd(0x89)),
  extendHighI8x16U: unary(simd(0x8a)),
};

/** Structured control. Loops are written as `loop([...body, brIf(0, cond)])`: run the body while cond. */
export const control = {
  block: (body: readonly Code[]): Code => cat([0x02, 0x40], ...body, [0x0b]),
  loop: (body: readonly Code[]): Code => cat([0x03, 0x40], ...body, [0x0b]),
  if: (cond: Code, then: readonly Code[], otherwise?: readonly Code[]): Code =>
    otherwise === undefined ? cat(cond, [0x04, 0x40], ...then, [0x0b]) : cat(cond, [0x04, 0x40], ...then, [0x05], ...otherwise, [0x0b]),
  /** `cond ? a : b` (both evaluated). */
  select: (a: Code, b: Code, cond: Code): Code => cat(a, b, cond, [0x1b]),
  br: (depth: number): Code => [0x0c, ...uleb(depth)],
  brIf: (depth: number, cond: Code): Code => cat(cond, [0x0d, ...uleb(depth)]),
};

/** One function of a module: its exported name, parameter types and the body built from its locals. */
export interface FunctionSpec {
  name: string;
  params: readonly ValueType[];
  build: (f: FunctionBuilder) => readonly Code[];
}

/** Hands out local indices: parameters first (0 … params-1), then locals declared with `local`. */
export class FunctionBuilder {
  readonly #locals: ValueType[] = [];
  constructor(private readonly paramCount: number) {}

  /** Declares a new local of `type` and returns its index. */
  local(type: ValueType): number {
    this.#locals.push(type);
    return this.paramCount + this.#locals.length - 1;
  }

  /** Parameter `i`'s local index. */
  param(i: number): number {
    return i;
  }

  get locals(): readonly ValueType[] {
    return this.#locals;
  }
}

/**
 * Assembles a module that imports its memory as `env.memory` and exports `functions` (no results:
 * kernels write to memory). Returns the binary; `WebAssembly.validate` it before use.
 * @example new WebAssembly.Module(assemble([{ name: "nop", params: [], build: () => [] }]))
 */
export function assemble(functions: readonly FunctionSpec[]): Uint8Array {
  const bodies = functions.map((spec) => {
    const f = new FunctionBuilder(spec.params.length);
    const code = cat(...spec.build(f));
    const locals = f.locals.map((type): Code => [1, type]);
    const body = cat(vec(locals), code, [0x0b]);
    return cat(uleb(body.length), body);
  });
  const types = functions.map((spec): Code => [0x60, ...vec(spec.params.map((t) => [t])), 0]);
  // Memory kind (0x02), limits without a maximum (0x00), at least 0 pages.
  const imports = [cat(name("env"), name("memory"), [0x02, 0x00, 0x00])];
  const exports = functions.map((spec, i): Code => cat(name(spec.name), [0x00], uleb(i)));
  return Uint8Array.from(
    cat(
      [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      section(1, vec(types)),
      section(2, vec(imports)),
      section(3, vec(functions.map((_, i) => uleb(i)))),
      section(7, vec(exports)),
      section(10, vec(bodies)),
    ),
  );
}

/** `for (i = start; i < end; i += step) body` over i32 locals (unsigned compare); runs zero times if start ≥ end. */
export function forLoop(i: number, start: Code, end: Code, step: Code, body: readonly Code[]): Code {
  return cat(
    local.set(i, start),
    control.block([control.loop([control.brIf(1, i32Ops.geU(local.get(i), end)), ...body, local.set(i, i32Ops.add(local.get(i), step)), control.br(0)])]),
  );
}

/** `do body while (--n !== 0)` for a count local `n` that is at least 1. */
export function repeat(n: number, body: readonly Code[]): Code {
  return control.loop([...body, control.brIf(0, local.tee(n, i32Ops.sub(local.get(n), i32Ops.const(1))))]);
}
