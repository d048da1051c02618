import { Tensor } from "../tensor/tensor.js";
import { fmtShape, sameShape } from "../tensor/shape.js";
import { noGrad } from "../autograd/grad-mode.js";
import { detach } from "../autograd/ops/views.js";
import { copy_ } from "../autograd/ops/inplace.js";
import { Parameter } from "./parameter.js";
import { zeroGrads, type ZeroGradOptions } from "../autograd/zero-grad.js";
import { checkOptions, describeValue, expectBoolean } from "../tensor/validate.js";

/** Parameter tensors by dotted name (`"0.weight"`), as `stateDict()` returns them. PyTorch: `state_dict()`'s OrderedDict. */
export type StateDict = Record<string, Tensor>;

/** Options of `loadStateDict()`. */
export interface LoadStateDictOptions {
  /** Require the keys to match the module's parameters exactly. Default true. Shapes are always checked. */
  strict?: boolean;
}

/** What `loadStateDict()` did not match (always empty when `strict`). PyTorch: `_IncompatibleKeys`. */
export interface LoadStateDictResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

function joinName(prefix: string, name: string): string {
  return prefix === "" ? name : `${prefix}.${name}`;
}

/** Indents every line but the first (PyTorch's `_addindent`), so nested reprs line up. */
function indentTail(text: string, spaces: number): string {
  return text.split("\n").join(`\n${" ".repeat(spaces)}`);
}

/**
 * Base class of layers and models. PyTorch: `torch.nn.Module`.
 *
 * Registration: each own property holding a `Parameter` is a parameter and each own property holding a
 * `Module` is a child, in the order the properties were defined (class field order, then constructor
 * assignments). So `this.weight = new Parameter(...)` and `this.fc = new Linear(...)` register themselves,
 * as in PyTorch; plain tensors, numbers, `null` and arrays of modules are ordinary attributes. A container
 * with children that are not properties (e.g. `Sequential`) overrides `ownChildren()`.
 *
 * Calling convention: JS objects are not callable, so a module is run with `module.forward(...)`
 * (`net.forward(X)`, `loss.forward(yHat, y)`), which is what PyTorch's `module(X)` calls.
 * @example
 * class TwoLayer extends Module {
 *   hidden = new Linear(784, 256);
 *   out = new Linear(256, 10);
 *   forward(x: Tensor): Tensor { return this.out.forward(relu(this.hidden.forward(x))); }
 * }
 */
export abstract class Module {
  /** Whether the module is in training mode (`train()`) or evaluation mode (`eval()`). PyTorch: `training`. */
  training = true;

  /**
   * The computation of the module; subclasses declare their own parameters, e.g. `forward(x: Tensor)`.
   * PyTorch: `forward` (what `module(x)` runs).
   * @example net.forward(X) // the network's output for the batch X
   */
  abstract forward(...inputs: Tensor[]): Tensor;

  /** This module's own parameters (not its children's), by name. Default: own properties holding a `Parameter`. */
  protected ownParameters(): [string, Parameter][] {
    return Object.entries(this).filter((e): e is [string, Parameter] => e[1] instanceof Parameter);
  }

  /** This module's direct children, by name. Default: own properties holding a `Module`. */
  protected ownChildren(): [string, Module][] {
    return Object.entries(this).filter((e): e is [string, Module] => e[1] instanceof Module);
  }

  /**
   * The direct children with their names. PyTorch: `named_children()`.
   * @example new Sequential(new Flatten(), new Linear(784, 10)).namedChildren() // [["0", Flatten], ["1", Linear]]
   */
  namedChildren(): [string, Module][] {
    return this.ownChildren();
  }

  /** The direct children. PyTorch: `children()`. @example net.children().length */
  children(): Module[] {
    return this.ownChildren().map(([, m]) => m);
  }

  /**
   * This module and every descendant, depth-first (parents before children), with dotted names (`""` for
   * this module). A module reachable twice is listed once. PyTorch: `named_modules()`.
   * @example net.namedModules().map(([name]) => name) // ["", "0", "1"]
   */
  namedModules(): [string, Module][] {
    const seen = new Set<Module>();
    const out: [string, Module][] = [];
    const visit = (module: Module, prefix: string): void => {
      if (seen.has(module)) return;
      seen.add(module);
      out.push([prefix, module]);
      for (const [name, child] of module.ownChildren()) visit(child, joinName(prefix, name));
    };
    visit(this, "");
    return out;
  }

  /** This module and every descendant, parents first. PyTorch: `modules()`. @example net.modules().filter((m) => m instanceof Linear) */
  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Every parameter with its dotted name, shared ones included under each name (as `stateDict` wants). */
  private allNamedParameters(): [string, Parameter][] {
    const out: [string, Parameter][] = [];
    for (const [prefix, module] of this.namedModules()) {
      for (const [name, p] of module.ownParameters()) out.push([joinName(prefix, name), p]);
    }
    return out;
  }

  /**
   * Every parameter of this module and its descendants with dotted names (`"0.weight"`), each tensor once.
   * PyTorch: `named_parameters()`.
   * @example new Sequential(new Linear(2, 1)).namedParameters().map(([n]) => n) // ["0.weight", "0.bias"]
   */
  namedParameters(): [string, Parameter][] {
    const seen = new Set<Parameter>();
    const out: [string, Parameter][] = [];
    for (const [name, p] of this.allNamedParameters()) {
      if (seen.has(p)) continue;
      seen.add(p);
      out.push([name, p]);
    }
    return out;
  }

  /** Every parameter, each tensor once: what an optimizer takes. PyTorch: `parameters()`. @example new SGD(net.parameters(), { lr: 0.03 }) */
  parameters(): Parameter[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /**
   * Calls `fn` on every descendant and then on this module (children first, as PyTorch). Returns `this`.
   * PyTorch: `apply(fn)`.
   * @example net.apply((m) => { if (m instanceof Linear) init.normal_(m.weight, 0, 0.01); })
   */
  apply(fn: (module: Module) => void): this {
    if (typeof fn !== "function") throw new Error(`apply: expected a function of a module, got ${describeValue(fn)}`);
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Sets training mode (`true`) or evaluation mode (`false`) here and in every descendant. Returns `this`.
   * PyTorch: `train(mode=True)`.
   * @example net.train()
   */
  train(mode = true): this {
    expectBoolean("train", "mode", mode, true);
    this.training = mode;
    for (const child of this.children()) child.train(mode);
    return this;
  }

  /** Evaluation mode, the same as `train(false)`. PyTorch: `eval()`. @example net.eval() */
  eval(): this {
    return this.train(false);
  }

  /**
   * Resets the gradients of every parameter: to `null` by default, or to zeros with `{ setToNone: false }`.
   * PyTorch: `zero_grad(set_to_none=True)`.
   * @example net.zeroGrad()
   */
  zeroGrad(options: ZeroGradOptions = {}): void {
    zeroGrads(this.parameters(), options);
  }

  /**
   * The parameters by dotted name, as detached tensors sharing their storage (copy them to snapshot).
   * A parameter shared by two modules appears under both names. PyTorch: `state_dict()`.
   * @example const sd = net.stateDict(); sd["0.weight"].shape // [10, 784]
   */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, p] of this.allNamedParameters()) out[name] = detach(p);
    return out;
  }

  /**
   * Copies the tensors of `state` into the parameters of the same name, in place (the parameters keep
   * their identity, so an optimizer holding them sees the new values). Everything is checked before
   * anything is written: with `strict` (the default) missing and unexpected keys are errors, and a shape
   * mismatch always is. PyTorch: `load_state_dict(state_dict, strict=True)`.
   * @example other.loadStateDict(net.stateDict())
   */
  loadStateDict(state: StateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
    if (state === null || typeof state !== "object" || Array.isArray(state) || state instanceof Tensor) {
      throw new Error(`loadStateDict: expected a state dict (an object of Tensors by name, as stateDict() returns), got ${describeValue(state)}`);
    }
    const strict = expectBoolean("loadStateDict", "strict", checkOptions("loadStateDict", options, ["strict"]).strict, true);
    const targets = this.allNamedParameters();
    const expected = new Set(targets.map(([name]) => name));
    const missingKeys = targets.filter(([name]) => !Object.hasOwn(state, name)).map(([name]) => name);
    const unexpectedKeys = Object.keys(state).filter((key) => !expected.has(key));
    const problems: string[] = [];
    if (strict && missingKeys.length > 0) problems.push(`missing keys ${missingKeys.map((k) => `"${k}"`).join(", ")}`);
    if (strict && unexpectedKeys.length > 0) problems.push(`unexpected keys ${unexpectedKeys.map((k) => `"${k}"`).join(", ")}`);
    const copies: [Parameter, Tensor][] = [];
    for (const [name, p] of targets) {
      if (!Object.hasOwn(state, name)) continue;
      const source = state[name];
      if (!(source instanceof Tensor)) problems.push(`"${name}" is not a Tensor (got ${describeValue(source)})`);
      else if (!sameShape(source.shape, p.shape)) {
        problems.push(`size mismatch for "${name}": copying a param with shape ${fmtShape(source.shape)} from the state dict, the shape in the current model is ${fmtShape(p.shape)}`);
      } else copies.push([p, source]);
    }
    if (problems.length > 0) {
      throw new Error(`loadStateDict: error(s) in loading the state dict for ${this.constructor.name}: ${problems.join("; ")}`);
    }
    noGrad(() => copies.forEach(([p, source]) => copy_(p, source)));
    return { missingKeys, unexpectedKeys };
  }

  /**
   * The module's settings for its printed form, e.g. `in_features=2, out_features=1, bias=True`; empty by
   * default. Subclasses override it. PyTorch: `extra_repr()`.
   * @example new Flatten().extraRepr() // "start_dim=1, end_dim=-1"
   */
  extraRepr(): string {
    return "";
  }

  /**
   * Printed like PyTorch's module repr: the class name, its settings, then each child on its own line.
   * PyTorch: `repr(module)`.
   * @example
   * String(new Sequential(new Flatten(), new Linear(784, 10)))
   * // Sequential(
   * //   (0): Flatten(start_dim=1, end_dim=-1)
   * //   (1): Linear(in_features=784, out_features=10, bias=True)
   * // )
   */
  toString(): string {
    const extra = this.extraRepr();
    const extraLines = extra === "" ? [] : extra.split("\n");
    const childLines = this.namedChildren().map(([name, child]) => `(${name}): ${indentTail(child.toString(), 2)}`);
    const lines = [...extraLines, ...childLines];
    const name = this.constructor.name;
    if (lines.length === 0) return `${name}()`;
    if (extraLines.length === 1 && childLines.length === 0) return `${name}(${extra})`;
    return `${name}(\n  ${lines.join("\n  ")}\n)`;
  }

  /** Node's `console.log` prints the PyTorch-style repr too. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
