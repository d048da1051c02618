/** The core bundle as the browser test loads it: tsgrad's main entry, the shared cases, two probes of the matmul threads and one of FashionMNIST. */
import * as tsgrad from "../../src/index.js";
import { parallelProductCount, startGemmHelpers } from "../../src/tensor/kernels/gemm-parallel.js";
import { runCases } from "./cases.js";

tsgrad.setWorkerUrl(new URL("./gemm-worker.js", import.meta.url));

/** The test split fetched as a page does (URL relative to the page), summarised for comparison with Node. */
export async function fashionProbe(picked: number[]) {
  const progress: tsgrad.data.TransferProgress[] = [];
  const test = await tsgrad.data.FashionMNIST.create({ train: false, root: "data/fashion-mnist/", onProgress: (p) => progress.push(p) });
  const [X, y] = test.getBatch(picked);
  let pixelSum = 0;
  for (const v of test.images) pixelSum += v;
  const lastOf = (name: string): tsgrad.data.TransferProgress | undefined => progress.filter((p) => p.name.endsWith(name)).at(-1);
  return {
    length: test.length, pixelSum, labels: Array.from(test.labels.subarray(0, 50)), X: Array.from(X.toFloat32Array()), y: Array.from(y.toFloat32Array()),
    files: test.files, images: lastOf("t10k-images-idx3-ubyte.gz"), labelsProgress: lastOf("t10k-labels-idx1-ubyte.gz"),
  };
}

Object.assign(globalThis, { fashionProbe, tsgrad, runCases: (backend: tsgrad.Backend) => runCases(tsgrad, backend), parallelProductCount, startGemmHelpers });
