/**
 * tsgrad's optimizers, PyTorch's `torch.optim`. The lead exports it as `optim`
 * (`export * as optim from "./optim/index.js"`).
 */
export { Optimizer, type ParamGroup, type ParamGroupSpec, type ParamsArgument, type ResolveOptions } from "./optimizer.js";
export { SGD, type SGDOptions, type SGDState } from "./sgd.js";
