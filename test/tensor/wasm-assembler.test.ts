import { test } from "uvu";
import * as assert from "uvu/assert";
import { webAssemblyApi } from "../../src/tensor/wasm/module.js";
import { assemble, f32x4, forLoop, i32, i32Ops, local, sleb, uleb, v128Ops } from "../../src/tensor/wasm/assembler.js";

const WebAssembly = webAssemblyApi()!;

test("LEB128: the spec's and hand-worked encodings", () => {
  assert.equal(uleb(0), [0x00]);
  assert.equal(uleb(127), [0x7f]);
  assert.equal(uleb(128), [0x80, 0x01]);
  assert.equal(uleb(624485), [0xe5, 0x8e, 0x26]); // 624485 = 0b10011_0001110_1100101
  assert.equal(sleb(-1), [0x7f]);
  assert.equal(sleb(63), [0x3f]);
  assert.equal(sleb(64), [0xc0, 0x00]); // bit 6 set would read as negative: one more byte
  assert.equal(sleb(-64), [0x40]);
  assert.equal(sleb(-123456), [0xc0, 0xbb, 0x78]);
});

test("an assembled module validates, imports env.memory, and its loop and SIMD code compute", () => {
  // add4(out, a, b, n): out[i] = a[i] + b[i] for n floats (n a multiple of 4), four at a time.
  const bytes = assemble([{
    name: "add4",
    params: [i32, i32, i32, i32],
    build: (f) => {
      const i = f.local(i32);
      const at = (base: number): ReturnType<typeof i32Ops.add> => i32Ops.add(local.get(base), local.get(i));
      return [forLoop(i, i32Ops.const(0), i32Ops.mul(local.get(3), i32Ops.const(4)), i32Ops.const(16), [
        v128Ops.store(at(0), f32x4.add(v128Ops.load(at(1)), v128Ops.load(at(2)))),
      ])];
    },
  }]);
  assert.ok(WebAssembly.validate(bytes));
  const memory = new WebAssembly.Memory({ initial: 1 });
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  const f = new Float32Array(memory.buffer);
  f.set([1, 2, 3, 4, 5, 6, 7, 8], 0);
  f.set([10, 20, 30, 40, 50, 60, 70, 80], 8);
  (exports as { add4: (...args: number[]) => void }).add4(64, 0, 32, 8);
  assert.equal([...f.subarray(16, 24)], [11, 22, 33, 44, 55, 66, 77, 88]);
});

test("a malformed body fails validation (the assembler does not hide type errors)", () => {
  const bad = assemble([{ name: "bad", params: [], build: () => [f32x4.add(v128Ops.zero(), i32Ops.const(1))] }]);
  assert.is(WebAssembly.validate(bad), false);
});

test.run();
