/** The core bundle as the browser test loads it: tsgrad's main entry, the shared cases, and two probes of the matmul threads. */
import * as tsgrad from "../../src/index.js";
import { parallelProductCount, startGemmHelpers } from "../../src/tensor/kernels/gemm-parallel.js";
import { runCases } from "./cases.js";

tsgrad.setWorkerUrl(new URL("./gemm-worker.js", import.meta.url));

Object.assign(globalThis, { tsgrad, runCases: (backend: tsgrad.Backend) => runCases(tsgrad, backend), parallelProductCount, startGemmHelpers });
