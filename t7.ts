import { assemble } from "./src/tensor/wasm/assembler.js";
import { gemmKernel, packA } from "./src/tensor/wasm/gemm-kernel.js";
const shapes = [] as any[];
for (const [mr, nv] of [[4, 2], [2, 3], [3, 2], [4, 1]]) for (const aLayout of ["lanes", "rows"]) for (const unroll of [1, 2]) shapes.push({ mr, nv, fma: false, aLayout, unroll });
const bytes = assemble(shapes.map(gemmKernel));
const memory = new WebAssembly.Memory({ initial: 400 });
const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as any;
const run = (sh: any, M: number, N: number, K: number, packed: boolean) => {
  const nr = 4 * sh.nv, mr = sh.mr; const Mp = Math.ceil(M / mr) * mr, Np = Math.ceil(N / nr) * nr;
  const bAt = Mp * K * 4 + 64, cAt = bAt + Np * K * 4 + 64;
  const name = `gemm_${mr}x${nr}_${sh.aLayout}${sh.unroll === 1 ? "_u1" : ""}`;
  const lay = sh.aLayout === "rows" ? [0, mr * K * 4, K * 4, 4] : packed ? [0, K * mr * 4, 4, mr * 4] : [0, mr * 4, 4, Mp * 4];
  return () => ex[name](...lay, bAt, cAt, Np * 4, Mp / mr, Np / nr, K, 0);
};
const cases: [number, number, number, boolean][] = [[512, 512, 512, true], [256, 10, 784, false], [784, 10, 256, false], [256, 784, 10, true]];
for (const [M, N, K, packed] of cases) {
  const fns = shapes.map((sh) => run(sh, M, N, K, packed));
  const times = fns.map(() => [] as number[]);
  for (const f of fns) for (let i = 0; i < 5; i++) f();
  for (let r = 0; r < 15; r++) fns.forEach((f, i) => { const t = performance.now(); f(); f(); times[i]!.push((performance.now() - t) / 2); });
  console.log(`${M}x${N}x${K}`, shapes.map((sh, i) => `${sh.mr}x${sh.nv * 4}${sh.aLayout[0]}u${sh.unroll}:${((2 * M * N * K) / (times[i]!.sort((a, b) => a - b)[7]! / 1e3) / 1e9).toFixed(1)}`).join(" "));
}
