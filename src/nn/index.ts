/**
 * tsgrad's neural-network layer, PyTorch's `torch.nn`: modules, parameters, losses, initialisation and
 * saving. The lead exports it as `nn` (`export * as nn from "./nn/index.js"`).
 */
export { Module, type StateDict, type LoadStateDictOptions, type LoadStateDictResult } from "./module.js";
export { Parameter } from "./parameter.js";
export { Linear, type LinearOptions } from "./linear.js";
export { Sequential } from "./sequential.js";
export { Flatten } from "./flatten.js";
export { ReLU } from "./relu.js";
export { Loss, MSELoss, L1Loss, HuberLoss, SmoothL1Loss, CrossEntropyLoss } from "./losses.js";
export { type Reduction, type LossOptions } from "./reduction.js";
export { type HuberLossOptions, type SmoothL1LossOptions } from "./functional.js";
export { type ZeroGradOptions } from "../autograd/zero-grad.js";
export { encodeSafetensors, decodeSafetensors } from "./safetensors.js";
export { save, load, saveSafetensors, loadSafetensors } from "./serialization.js";
export * as functional from "./functional.js";
export * as init from "./init.js";
