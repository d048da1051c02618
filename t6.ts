import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-wasm";
import { gemmWasm } from "./src/tensor/wasm/gemm.js";
function rnd(n: number) { const x = new Float32Array(n); for (let i = 0; i < n; i++) x[i] = Math.random() - 0.5; return x; }
tf.enableProdMode();
await tf.setBackend("wasm");
const med = (f: () => void, reps: number) => { for (let i = 0; i < 5; i++) f(); const ts: number[] = []; for (let i = 0; i < reps; i++) { const t = performance.now(); f(); ts.push(performance.now() - t); } ts.sort((x, y) => x - y); return ts[reps >> 1]! / 1e3; };
for (const [M, K, N, ta, tb] of [[256, 256, 256, 0, 0], [512, 512, 512, 0, 0], [256, 784, 10, 0, 0], [784, 256, 10, 1, 0], [256, 10, 784, 0, 1]] as const) {
  const a = rnd(M * K), b = rnd(K * N), c = new Float32Array(M * N);
  const ars = ta ? 1 : K, acs = ta ? M : 1, brs = tb ? 1 : N, bcs = tb ? K : 1;
  const reps = M * N * K > 1e7 ? 15 : 100;
  const tw = med(() => gemmWasm(M, N, K, a, 0, ars, acs, b, 0, brs, bcs, c, 0, N, true), reps);
  const A = tf.tensor2d(a, ta ? [K, M] : [M, K]), B = tf.tensor2d(b, tb ? [N, K] : [K, N]);
  const tt = med(() => { const o = tf.matMul(A, B, !!ta, !!tb); o.dataSync(); o.dispose(); }, reps);
  const g = (t: number) => ((2 * M * N * K) / t / 1e9).toFixed(1);
  console.log(`${M}x${K}x${N}`, "ours", g(tw), "tfjs-wasm", g(tt));
}
