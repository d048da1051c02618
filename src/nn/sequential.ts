import type { Tensor } from "../tensor/tensor.js";
import { Module } from "./module.js";
import { expectTensor } from "../tensor/validate.js";

/**
 * A chain of modules run in order, each one's output the next one's input. Children are named "0", "1", …
 * (so parameters are `"0.weight"`). Indexable with `at(i)`, has a `length` and is iterable.
 * PyTorch: `torch.nn.Sequential`.
 * @example
 * const net = new Sequential(new Flatten(), new Linear(784, 10));
 * net.forward(X) // [N, 10]
 */
export class Sequential extends Module implements Iterable<Module> {
  readonly #layers: Module[];

  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw new Error(`Sequential: argument ${i} is not a Module (got ${typeof m})`);
    });
    this.#layers = [...modules];
  }

  /** The layers, named by position: `"0"`, `"1"`, …. PyTorch: `Sequential._modules`. */
  protected override ownChildren(): [string, Module][] {
    return this.#layers.map((m, i) => [String(i), m]);
  }

  /** Number of modules. PyTorch: `len(seq)`. @example new Sequential(new Linear(2, 1)).length // 1 */
  get length(): number {
    return this.#layers.length;
  }

  /**
   * The module at `index` (negative counts from the end). The type argument is an unchecked cast for
   * convenience: `net.at<Linear>(0).weight`. PyTorch: `seq[index]`.
   * @example net.at<Linear>(0).weight.shape // [1, 2]
   */
  at<T extends Module = Module>(index: number): T {
    const n = this.#layers.length;
    if (!Number.isInteger(index) || index < -n || index >= n) {
      throw new Error(`Sequential.at: index ${index} is out of range for a Sequential of length ${n}`);
    }
    return this.#layers[index < 0 ? index + n : index] as T;
  }

  /** Adds `module` at the end; returns `this`. PyTorch: `Sequential.append`. @example net.append(new ReLU()) */
  append(module: Module): this {
    if (!(module instanceof Module)) throw new Error(`Sequential.append: expected a Module, got ${typeof module}`);
    this.#layers.push(module);
    return this;
  }

  /** The modules in order. PyTorch: `iter(seq)`. @example for (const layer of net) console.log(String(layer)) */
  [Symbol.iterator](): Iterator<Module> {
    return this.#layers[Symbol.iterator]();
  }

  /**
   * Runs the modules in order. PyTorch: `Sequential.forward`.
   * @example new Sequential(new Linear(2, 1)).forward(randn(10, 2)).shape // [10, 1]
   */
  override forward(x: Tensor): Tensor {
    let y = expectTensor("Sequential.forward", "input", x);
    for (const layer of this.#layers) y = layer.forward(y);
    return y;
  }
}
