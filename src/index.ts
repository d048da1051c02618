/**
 * tsgrad: a tensor and autograd engine in TypeScript, PyTorch names in camelCase.
 * @example
 * import { tensor, randn, nn, optim } from "tsgrad";
 * const w = randn([2, 1], { requiresGrad: true });
 */
import "./autograd/methods.js";

export { Tensor, type NestedArray } from "./tensor/tensor.js";
export {
  tensor, fromArray, zeros, ones, full, zerosLike, onesLike, fullLike, arange, linspace, eye,
  randn, rand, normal, randint, type CreationOptions, type RandomOptions,
} from "./tensor/creation.js";
export { Generator, manualSeed, defaultGenerator } from "./tensor/random.js";
export { matmulNaive } from "./tensor/matmul.js";
export { setNumThreads, getNumThreads, threadsAvailable, setWorkerUrl } from "./tensor/threads.js";
export { setBackend, getBackend, wasmFeatures, type Backend } from "./tensor/backend.js";

export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from "./autograd/grad-mode.js";
export { backward, grad, type BackwardOptions, type GradOptions } from "./autograd/backward.js";
export { gradcheck, type GradcheckOptions } from "./autograd/gradcheck.js";
export { tapeStats, type BackwardContext } from "./autograd/node.js";
export { customOp, FunctionContext, type CustomOpSpec, type CustomGradients } from "./autograd/custom-op.js";
export type { Operand } from "./autograd/ops/operand.js";
export {
  add, sub, mul, div, pow, maximum, minimum, neg, exp, log, sqrt, abs, relu, sigmoid, tanh, clamp,
  eq, ne, gt, ge, lt, le, where,
} from "./autograd/ops/elementwise.js";
export { sum, mean, max, min, argmax, argmin, logsumexp, softmax, logSoftmax, type Dims } from "./autograd/ops/reduce.js";
export {
  reshape, view, transpose, permute, expand, squeeze, unsqueeze, flatten, narrow, slice, contiguous, clone, detach,
} from "./autograd/ops/views.js";
export { gather, scatterAdd, indexSelect, cat, stack } from "./autograd/ops/indexing.js";
export { matmul, mm, addmm } from "./autograd/ops/matmul.js";

export * as data from "./data/index.js";
export * as nn from "./nn/index.js";
export * as optim from "./optim/index.js";
export * as linalg from "./linalg/index.js";
