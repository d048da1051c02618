/** d2l 3.2's synthetic linear-regression data. */
import { Tensor } from "../tensor/tensor.js";
import { fmtShape } from "../tensor/shape.js";
import { defaultGenerator, type Generator as RandomGenerator } from "../tensor/random.js";
import { checkOptions, expectFiniteNumber, expectGenerator, expectInteger, expectTensor } from "../tensor/validate.js";

/** Options of `syntheticData`. */
export interface SyntheticDataOptions {
  /** Standard deviation of the Gaussian label noise. Default 0.01. */
  noise?: number;
  /** Source of the random draws. Default the global generator. */
  generator?: RandomGenerator;
}

/**
 * Generates `y = Xw + b + ε` with `X ~ N(0, 1)` shaped `[numExamples, len(w)]`, `ε ~ N(0, noise²)`,
 * `y` shaped `[numExamples, 1]`. `w` may be `[d]` or `[d, 1]`. X is drawn before the noise, as in
 * the book. d2l: `d2l.synthetic_data(w, b, num_examples)`.
 * @example
 * const [features, labels] = syntheticData(tensor([2, -3.4]), 4.2, 1000); // [1000, 2], [1000, 1]
 */
export function syntheticData(
  w: Tensor,
  b: number,
  numExamples: number,
  options: SyntheticDataOptions = {},
): [Tensor, Tensor] {
  expectTensor("syntheticData", "w", w);
  expectFiniteNumber("syntheticData", "b", b);
  expectInteger("syntheticData", "numExamples", numExamples);
  const { noise = 0.01, generator = defaultGenerator } = checkOptions("syntheticData", options, ["noise", "generator"]);
  expectGenerator("syntheticData", generator);
  const isVector = w.shape.length === 1 || (w.shape.length === 2 && w.shape[1] === 1);
  if (!isVector) throw new Error(`syntheticData: w must be shaped [d] or [d, 1], found ${fmtShape(w.shape)}`);
  if (!Number.isInteger(numExamples) || numExamples < 0) {
    throw new Error(`syntheticData: numExamples must be a non-negative integer, found ${numExamples}`);
  }
  if (!(noise >= 0)) throw new Error(`syntheticData: noise must be a non-negative standard deviation, found ${noise}`);
  const weights = w.toFloat32Array();
  const d = weights.length;
  const X = new Float32Array(numExamples * d);
  const y = new Float32Array(numExamples);
  generator.fillNormal(X, 0, 1);
  generator.fillNormal(y, 0, noise);
  for (let i = 0; i < numExamples; i++) {
    let acc = b;
    const row = i * d;
    for (let j = 0; j < d; j++) acc += X[row + j]! * weights[j]!;
    y[i] = acc + y[i]!;
  }
  return [new Tensor(X, [numExamples, d]), new Tensor(y, [numExamples, 1])];
}
