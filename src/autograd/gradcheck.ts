import { Tensor } from "../tensor/tensor.js";
import { Generator } from "../tensor/random.js";
import { unaryKernel } from "../tensor/kernels/elementwise.js";
import { grad } from "./backward.js";
import { noGrad } from "./grad-mode.js";
import { mul } from "./ops/elementwise.js";
import { sum } from "./ops/reduce.js";
import { checkOptions, describeValue, expectTensorList } from "../tensor/validate.js";

/** Tolerances of `gradcheck`. */
export interface GradcheckOptions {
  /** Finite-difference step. Default 1e-3: float32 rounding (≈6e-8 relative) divided by 2·eps stays near 3e-5, while the O(eps²) truncation error stays below it for smooth ops. */
  eps?: number;
  /** Absolute tolerance. Default 1e-3. */
  atol?: number;
  /** Relative tolerance, against the numerical value. Default 1e-2 (float32 finite differences carry ~3 significant digits). */
  rtol?: number;
  /** Seed of the random projection of the output. Default 0. */
  seed?: number;
}

/** The output projected onto fixed random weights, summed in float64: a scalar whose gradient exercises every output element. */
function projected(out: Tensor, weights: Float32Array): number {
  const values = out.toFloat32Array();
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]! * weights[i]!;
  return s;
}

/**
 * Checks autograd against central finite differences: for a random projection L = Σ v·fn(inputs), each
 * analytic ∂L/∂x_j must match (L(x + eps·e_j) − L(x − eps·e_j)) / 2eps within `atol + rtol·|numerical|`.
 * Returns true, or throws an Error naming the input, the element and both values. PyTorch:
 * `torch.autograd.gradcheck` (which runs in float64; these defaults are tuned for float32).
 * @example gradcheck((x) => x.mul(x).sum(), [randn([3], { requiresGrad: true })]) // true
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): boolean {
  if (typeof fn !== "function") throw new Error(`gradcheck: expected fn to be a function, got ${describeValue(fn)}`);
  expectTensorList("gradcheck", "inputs", inputs);
  checkOptions("gradcheck", options, ["eps", "atol", "rtol", "seed"]);
  const eps = options.eps ?? 1e-3;
  const atol = options.atol ?? 1e-3;
  const rtol = options.rtol ?? 1e-2;
  // Private contiguous leaves, so perturbing an element never touches the caller's data.
  const xs = inputs.map((t) => {
    const copy = unaryKernel("copy", t);
    copy.requiresGrad = t.requiresGrad;
    return copy;
  });
  const out = fn(...xs);
  const weights = new Float32Array(out.numel());
  new Generator(options.seed ?? 0).fillUniform(weights, 0.5, 1.5);
  const differentiable = xs.filter((x) => x.requiresGrad);
  if (differentiable.length === 0) throw new Error("gradcheck: no input has requiresGrad set");
  const loss = sum(mul(out, new Tensor(weights, out.shape)));
  const analytic = grad([loss], differentiable, { allowUnused: true });
  differentiable.forEach((x, k) => {
    const index = xs.indexOf(x);
    const a = analytic[k]?.toFloat32Array() ?? new Float32Array(x.numel());
    const data = x.storage;
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
      // Divide by the step float32 actually took, not the nominal eps.
      const step = Math.fround(original + eps) - Math.fround(original - eps);
      const numerical = (plus - minus) / step;
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
