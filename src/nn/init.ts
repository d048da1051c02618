import type { Tensor } from "../tensor/tensor.js";
import type { Generator } from "../tensor/random.js";
import { fmtShape, numelOf } from "../tensor/shape.js";
import { noGrad } from "../autograd/grad-mode.js";
import * as inplace from "../autograd/ops/inplace.js";
import { checkOptions, expectFiniteNumber, expectNumber, expectTensor } from "../tensor/validate.js";

/**
 * Weight initialisation, PyTorch's `torch.nn.init`. Every function fills its tensor in place under
 * `noGrad` (so it works on parameters that require grad), keeps the tensor's identity and returns it.
 * Random ones draw from the global generator (`manualSeed`) unless given `{ generator }`.
 */

/** Options of the random initialisers. */
export interface InitOptions {
  /** Where the randomness comes from (default: the global generator). */
  generator?: Generator;
}

/** Nonlinearities `calculateGain` knows. PyTorch names in camelCase (`leaky_relu` is `"leakyRelu"`). */
export type Nonlinearity = "linear" | "sigmoid" | "tanh" | "relu" | "leakyRelu" | "selu";

/** Options of `xavierUniform_` / `xavierNormal_`. */
export interface XavierOptions extends InitOptions {
  /** Scaling factor, e.g. `calculateGain("tanh")`. Default 1. */
  gain?: number;
}

/** Options of `kaimingUniform_` / `kaimingNormal_`. */
export interface KaimingOptions extends InitOptions {
  /** Negative slope of the leaky ReLU that follows (only used with `"leakyRelu"`). Default 0. */
  a?: number;
  /** Preserve the variance of the forward pass (`"fanIn"`, default) or of the backward pass (`"fanOut"`). */
  mode?: "fanIn" | "fanOut";
  /** The nonlinearity that follows the layer. Default `"leakyRelu"` (with `a` = 0, plain ReLU's gain √2). */
  nonlinearity?: Nonlinearity;
}

const INIT_KEYS = ["generator"];
const XAVIER_KEYS = ["generator", "gain"];
const KAIMING_KEYS = ["generator", "a", "mode", "nonlinearity"];

/** Runs `fill` without recording, unless the tensor is empty (PyTorch: "initializing zero-element tensors is a no-op"). */
function fillInPlace(t: Tensor, fill: () => void): Tensor {
  if (t.numel() > 0) noGrad(fill);
  return t;
}

/**
 * Fills `t` with N(mean, std²) samples. PyTorch: `nn.init.normal_(tensor, mean=0, std=1)`.
 * @example normal_(net.at<Linear>(0).weight, 0, 0.01)
 */
export function normal_(t: Tensor, mean = 0, std = 1, options: InitOptions = {}): Tensor {
  expectTensor("init.normal_", "tensor", t);
  const { generator } = checkOptions("init.normal_", options, INIT_KEYS);
  expectFiniteNumber("init.normal_", "mean", mean);
  expectFiniteNumber("init.normal_", "std", std);
  return fillInPlace(t, () => inplace.normal_(t, mean, std, { generator }));
}

/**
 * Fills `t` with U[low, high) samples. PyTorch: `nn.init.uniform_(tensor, a=0, b=1)`.
 * @example uniform_(w, -0.1, 0.1)
 */
export function uniform_(t: Tensor, low = 0, high = 1, options: InitOptions = {}): Tensor {
  expectTensor("init.uniform_", "tensor", t);
  const { generator } = checkOptions("init.uniform_", options, INIT_KEYS);
  expectFiniteNumber("init.uniform_", "low", low);
  expectFiniteNumber("init.uniform_", "high", high);
  return fillInPlace(t, () => inplace.uniform_(t, low, high, { generator }));
}

/** Fills `t` with `value`. PyTorch: `nn.init.constant_`. @example constant_(b, 0.1) */
export function constant_(t: Tensor, value: number): Tensor {
  expectTensor("init.constant_", "tensor", t);
  expectNumber("init.constant_", "value", value);
  return fillInPlace(t, () => inplace.fill_(t, value));
}

/** Fills `t` with zeros. PyTorch: `nn.init.zeros_`. @example zeros_(linear.bias!) */
export function zeros_(t: Tensor): Tensor {
  expectTensor("init.zeros_", "tensor", t);
  return constant_(t, 0);
}

/** Fills `t` with ones. PyTorch: `nn.init.ones_`. @example ones_(w) */
export function ones_(t: Tensor): Tensor {
  expectTensor("init.ones_", "tensor", t);
  return constant_(t, 1);
}

/**
 * The fan-in and fan-out of a weight shaped `[out, in, ...kernel]`: fanIn = in·∏kernel, fanOut =
 * out·∏kernel. PyTorch: `nn.init._calculate_fan_in_and_fan_out`.
 * @example fans(zeros(10, 784)) // { fanIn: 784, fanOut: 10 }
 */
export function fans(t: Tensor): { fanIn: number; fanOut: number } {
  expectTensor("init.fans", "tensor", t);
  if (t.ndim < 2) {
    throw new Error(`init: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions (shape ${fmtShape(t.shape)})`);
  }
  const receptive = numelOf(t.shape.slice(2));
  return { fanIn: t.shape[1]! * receptive, fanOut: t.shape[0]! * receptive };
}

/**
 * The recommended gain for a nonlinearity: 1 for linear/sigmoid, 5/3 for tanh, √2 for ReLU,
 * √(2 / (1 + slope²)) for leaky ReLU (slope `param`, default 0.01), 3/4 for SELU.
 * PyTorch: `nn.init.calculate_gain(nonlinearity, param)`.
 * @example calculateGain("relu") // 1.4142
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear":
    case "sigmoid":
      return 1;
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leakyRelu": {
      const slope = param ?? 0.01;
      if (!Number.isFinite(slope)) throw new Error(`calculateGain: negative slope ${slope} is not a valid number`);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case "selu":
      return 3 / 4;
    default:
      throw new Error(`calculateGain: unsupported nonlinearity "${String(nonlinearity)}"`);
  }
}

/** std = gain·√(2 / (fanIn + fanOut)), the Glorot scale. */
function xavierStd(t: Tensor, gain: number): number {
  const { fanIn, fanOut } = fans(t);
  return gain * Math.sqrt(2 / (fanIn + fanOut));
}

/** std = gain / √fan with the fan picked by `mode`, the He scale. */
function kaimingStd(t: Tensor, options: KaimingOptions): number {
  const { fanIn, fanOut } = fans(t);
  const mode = options.mode ?? "fanIn";
  if (mode !== "fanIn" && mode !== "fanOut") throw new Error(`kaiming: mode must be "fanIn" or "fanOut", got "${String(mode)}"`);
  const gain = calculateGain(options.nonlinearity ?? "leakyRelu", options.a ?? 0);
  return gain / Math.sqrt(mode === "fanIn" ? fanIn : fanOut);
}

/** U(−√3·std, √3·std), the uniform distribution with standard deviation `std`. */
function uniformWithStd(t: Tensor, std: number, options: InitOptions): Tensor {
  if (t.numel() === 0) return t; // the fans are 0, so std is infinite: nothing to fill, as in PyTorch
  const bound = Math.sqrt(3) * std;
  return uniform_(t, -bound, bound, { generator: options.generator });
}

/**
 * Glorot/Xavier uniform: U(−a, a) with a = gain·√(6 / (fanIn + fanOut)). PyTorch: `nn.init.xavier_uniform_`.
 * @example xavierUniform_(linear.weight)
 */
export function xavierUniform_(t: Tensor, options: XavierOptions = {}): Tensor {
  expectTensor("init.xavierUniform_", "tensor", t);
  checkOptions("init.xavierUniform_", options, XAVIER_KEYS);
  return uniformWithStd(t, xavierStd(t, options.gain ?? 1), options);
}

/**
 * Glorot/Xavier normal: N(0, std²) with std = gain·√(2 / (fanIn + fanOut)). PyTorch: `nn.init.xavier_normal_`.
 * @example xavierNormal_(linear.weight)
 */
export function xavierNormal_(t: Tensor, options: XavierOptions = {}): Tensor {
  expectTensor("init.xavierNormal_", "tensor", t);
  checkOptions("init.xavierNormal_", options, XAVIER_KEYS);
  if (t.numel() === 0) return t;
  return normal_(t, 0, xavierStd(t, options.gain ?? 1), { generator: options.generator });
}

/**
 * He/Kaiming uniform: U(−b, b) with b = gain·√(3 / fan), fan = fanIn by default. With `a` = √5 this is
 * `nn.Linear`'s default, U(−1/√fanIn, 1/√fanIn). PyTorch: `nn.init.kaiming_uniform_`.
 * @example kaimingUniform_(linear.weight, { a: Math.sqrt(5) })
 */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  expectTensor("init.kaimingUniform_", "tensor", t);
  checkOptions("init.kaimingUniform_", options, KAIMING_KEYS);
  return uniformWithStd(t, kaimingStd(t, options), options);
}

/**
 * He/Kaiming normal: N(0, std²) with std = gain / √fan. PyTorch: `nn.init.kaiming_normal_`.
 * @example kaimingNormal_(linear.weight, { nonlinearity: "relu" })
 */
export function kaimingNormal_(t: Tensor, options: KaimingOptions = {}): Tensor {
  expectTensor("init.kaimingNormal_", "tensor", t);
  checkOptions("init.kaimingNormal_", options, KAIMING_KEYS);
  if (t.numel() === 0) return t;
  return normal_(t, 0, kaimingStd(t, options), { generator: options.generator });
}
