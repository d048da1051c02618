import { Tensor } from "../tensor/tensor.js";
import { Generator } from "../tensor/random.js";
import { castKernel, emptyTensor, unaryKernel } from "../tensor/kernels/elementwise.js";
import { grad } from "./backward.js";
import { enableGrad, noGrad } from "./grad-mode.js";
import { mul } from "./ops/elementwise.js";
import { sum } from "./ops/reduce.js";
import { cat } from "./ops/indexing.js";
import { reshape } from "./ops/views.js";
import { checkOptions, describeValue, expectTensorList } from "../tensor/validate.js";

/** Tolerances of `gradcheck`; the defaults depend on the inputs' dtype. */
export interface GradcheckOptions {
  /**
   * Finite-difference step. float64: 1e-6 (PyTorch's default). float32: 1e-3, since float32 rounding
   * (≈6e-8 relative) divided by 2·eps stays near 3e-5 while the O(eps²) truncation error stays below it.
   */
  eps?: number;
  /** Absolute tolerance. float64: 1e-5 (PyTorch's default); float32: 1e-3. */
  atol?: number;
  /** Relative tolerance, against the numerical value. float64: 1e-3 (PyTorch's); float32: 1e-2 (float32 finite differences carry ~3 significant digits). */
  rtol?: number;
  /** Seed of the random projection of the output. Default 0. */
  seed?: number;
}

/** PyTorch's `gradcheck` defaults, for float64 inputs. */
const FLOAT64_DEFAULTS = { eps: 1e-6, atol: 1e-5, rtol: 1e-3 };
/** The loose float32 mode (PyTorch warns against gradcheck below double precision; these make it usable). */
const FLOAT32_DEFAULTS = { eps: 1e-3, atol: 1e-3, rtol: 1e-2 };

/** The output projected onto fixed random weights, summed in float64: a scalar whose gradient exercises every output element. */
function projected(out: Tensor, weights: Tensor): number {
  const values = out.toTypedArray();
  const w = weights.storage;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]! * w[i]!;
  return s;
}

/** Weights U[0.5, 1.5) shaped and typed like `out`, the same for a given seed. */
function projectionWeights(out: Tensor, seed: number): Tensor {
  const weights = new Float32Array(out.numel());
  new Generator(seed).fillUniform(weights, 0.5, 1.5);
  const t = new Tensor(weights, out.shape);
  return out.dtype === "float32" ? t : castKernel(t, out.dtype);
}

/**
 * Checks autograd against central finite differences: for a random projection L = Σ v·fn(inputs), each
 * analytic ∂L/∂x_j must match (L(x + eps·e_j) − L(x − eps·e_j)) / 2eps within `atol + rtol·|numerical|`.
 * With float64 inputs the defaults are PyTorch's (eps 1e-6, atol 1e-5, rtol 1e-3), the way to check an
 * op; with float32 inputs a looser mode (eps 1e-3, atol 1e-3, rtol 1e-2) that catches gross errors only.
 * Returns true, or throws an Error naming the input, the element and both values.
 * PyTorch: `torch.autograd.gradcheck`.
 * @example gradcheck((x) => x.mul(x).sum(), [randn([3], { dtype: "float64", requiresGrad: true })]) // true
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): boolean {
  if (typeof fn !== "function") throw new Error(`gradcheck: expected fn to be a function, got ${describeValue(fn)}`);
  expectTensorList("gradcheck", "inputs", inputs);
  checkOptions("gradcheck", options, ["eps", "atol", "rtol", "seed"]);
  const differentiableInputs = inputs.filter((x) => x.requiresGrad);
  if (differentiableInputs.length === 0) throw new Error("gradcheck: no input has requiresGrad set");
  const float64 = differentiableInputs.every((x) => x.dtype === "float64");
  const defaults = float64 ? FLOAT64_DEFAULTS : FLOAT32_DEFAULTS;
  const eps = options.eps ?? defaults.eps;
  const atol = options.atol ?? defaults.atol;
  const rtol = options.rtol ?? defaults.rtol;
  // Private contiguous leaves, so perturbing an element never touches the caller's data.
  const xs = inputs.map((t) => {
    const copy = unaryKernel("copy", t);
    copy.requiresGrad = t.requiresGrad;
    return copy;
  });
  const out = fn(...xs);
  const weights = projectionWeights(out, options.seed ?? 0);
  const differentiable = xs.filter((x) => x.requiresGrad);
  const loss = sum(mul(out, weights));
  // An output that does not depend on the inputs at all (e.g. the second derivative of a linear op) has zero gradients.
  const analytic = loss.requiresGrad ? grad([loss], differentiable, { allowUnused: true }) : differentiable.map(() => null);
  differentiable.forEach((x, k) => {
    const index = xs.indexOf(x);
    const a = analytic[k]?.toTypedArray() ?? new Float64Array(x.numel());
    const data = x.storage;
    const round = x.dtype === "float32" ? Math.fround : (v: number): number => v;
    for (let j = 0; j < data.length; j++) {
      const original = data[j]!;
      const [plus, minus] = noGrad(() => {
        data[j] = original + eps;
        const up = projected(fn(...xs), weights);
        data[j] = original - eps;
        const down = projected(fn(...xs), weights);
        data[j] = original;
        return [up, down];
      });
      // Divide by the step the storage actually took, not the nominal eps.
      const numerical = (plus - minus) / (round(original + eps) - round(original - eps));
      const diff = Math.abs(a[j]! - numerical);
      if (!(diff <= atol + rtol * Math.abs(numerical))) {
        throw new Error(
          `gradcheck: gradient mismatch for input ${index} at element ${j}: analytic ${a[j]} vs numerical ${numerical} (|diff| ${diff.toExponential(3)} > atol ${atol} + rtol ${rtol} * |numerical|)`,
        );
      }
    }
  });
  return true;
}

/**
 * Checks second derivatives: `gradcheck` applied to the first-order gradients of a random projection of
 * `fn`, computed with `createGraph` (so the backward rules themselves must be differentiable and right).
 * Same tolerances as `gradcheck`. PyTorch: `torch.autograd.gradgradcheck`.
 * @example gradgradcheck((x) => x.pow(3), [tensor([0.5, 2], { dtype: "float64", requiresGrad: true })]) // true
 */
export function gradgradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): boolean {
  if (typeof fn !== "function") throw new Error(`gradgradcheck: expected fn to be a function, got ${describeValue(fn)}`);
  expectTensorList("gradgradcheck", "inputs", inputs);
  checkOptions("gradgradcheck", options, ["eps", "atol", "rtol", "seed"]);
  const seed = (options.seed ?? 0) + 1;
  const firstDerivatives = (...xs: Tensor[]): Tensor =>
    // gradcheck evaluates under noGrad; the inner backward must record.
    enableGrad(() => {
      const out = fn(...xs);
      const wrt = xs.filter((x) => x.requiresGrad);
      const loss = sum(mul(out, projectionWeights(out, seed)));
      const grads = loss.requiresGrad ? grad([loss], wrt, { createGraph: true, allowUnused: true }) : wrt.map(() => null);
      return cat(grads.map((g, k) => reshape(g ?? emptyTensor(wrt[k]!.shape, wrt[k]!.dtype), [-1])));
    });
  return gradcheck(firstDerivatives, inputs, options);
}
