import { assemble, control, f32x4, forLoop, i32, i32Ops, local, v128Ops } from "./src/tensor/wasm/assembler.js";
const add = { name: "add", params: [i32, i32, i32, i32] as const, build: (f: any) => {
  const i = f.local(i32);
  const at = (b: number) => i32Ops.add(local.get(b), local.get(i));
  return [forLoop(i, i32Ops.const(0), local.get(3), i32Ops.const(16), [v128Ops.store(at(0), f32x4.add(v128Ops.load(at(1)), v128Ops.load(at(2))))])];
}};
const bytes = assemble([add as any]);
const memory = new WebAssembly.Memory({ initial: 1000 });
const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as any;
const heap = new Float32Array(memory.buffer);
const jsAdd = (o: Float32Array, a: Float32Array, b: Float32Array, n: number) => { for (let i = 0; i < n; i++) o[i] = a[i]! + b[i]!; };
const med = (f: () => void) => { for (let i = 0; i < 50; i++) f(); const ts: number[] = []; for (let r = 0; r < 21; r++) { const reps = 20; const t = performance.now(); for (let i = 0; i < reps; i++) f(); ts.push((performance.now() - t) / reps); } ts.sort((x, y) => x - y); return ts[10]! * 1e3; };
for (const n of [1024, 10_000, 100_000, 1_000_000]) {
  const a = new Float32Array(n).fill(1), b = new Float32Array(n).fill(2), o = new Float32Array(n);
  const tjs = med(() => jsAdd(o, a, b, n));
  const CH = 4096;
  const tcopy = med(() => { heap.set(a, 0); heap.set(b, n); ex.add(8 * n, 0, 4 * n, 4 * n); o.set(heap.subarray(2 * n, 3 * n)); });
  const tchunk = med(() => { for (let s = 0; s < n; s += CH) { const e = Math.min(n, s + CH), m = e - s; heap.set(a.subarray(s, e), 0); heap.set(b.subarray(s, e), CH); ex.add(8 * CH, 0, 4 * CH, 4 * m); o.set(heap.subarray(2 * CH, 2 * CH + m), s); } });
  const tin = med(() => ex.add(8 * n, 0, 4 * n, 4 * n));
  const talloc = med(() => { new Float32Array(n); });
  console.log(n, `js ${tjs.toFixed(2)}µs  wasm+copy ${tcopy.toFixed(2)}  chunked ${tchunk.toFixed(2)}  wasm-in-place ${tin.toFixed(2)} alloc ${talloc.toFixed(2)}`);
}
