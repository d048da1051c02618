import { Tensor } from "../tensor/tensor.js";
import { enableGrad, noGrad } from "../autograd/grad-mode.js";
import { zeroGrads, type ZeroGradOptions } from "../autograd/zero-grad.js";
import { describeValue } from "../tensor/validate.js";

/** A parameter group as the user writes it: its tensors and any options overriding the defaults. PyTorch: a param-group dict. */
export type ParamGroupSpec<O> = { params: Iterable<Tensor> } & Partial<O>;

/** A parameter group as the optimizer keeps it: its tensors and every option resolved. */
export type ParamGroup<O> = { params: Tensor[] } & O;

/** What an optimizer takes: tensors (one group) or param groups. */
export type ParamsArgument<O> = Iterable<Tensor> | Iterable<ParamGroupSpec<O>>;

/** Fills in an optimizer's defaults for one group's options and validates them (throwing an Error naming the optimizer). */
export type ResolveOptions<O> = (options: Partial<O>) => O;

function isIterable(x: unknown): x is Iterable<unknown> {
  return typeof x === "object" && x !== null && typeof (x as Partial<Iterable<unknown>>)[Symbol.iterator] === "function";
}

/** "a single Tensor", "number", … for errors about what was passed instead of an iterable. */
function describe(x: unknown): string {
  return x instanceof Tensor ? "a single Tensor (wrap it in [ ])" : x === null ? "null" : typeof x;
}

function isGroupSpec<O>(item: unknown): item is ParamGroupSpec<O> {
  return typeof item === "object" && item !== null && !(item instanceof Tensor) && "params" in item;
}

/**
 * Base of the optimizers: parameter groups with per-group options, per-parameter state, `zeroGrad()`, and a
 * `step()` that runs the subclass's update under `noGrad`. PyTorch: `torch.optim.Optimizer`.
 * @example
 * const opt = new SGD([{ params: net.at(0).parameters(), lr: 0.1 }, { params: net.at(2).parameters() }], { lr: 0.01 });
 */
export abstract class Optimizer<O extends object, S = unknown> {
  /** The options given to the constructor, used for groups that do not set their own. PyTorch: `defaults`. */
  readonly defaults: Partial<O>;
  /** The groups, each with its tensors and resolved options (change `lr` here to schedule it). PyTorch: `param_groups`. */
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state, e.g. SGD's momentum buffer. PyTorch: `state`. */
  readonly state = new Map<Tensor, S>();
  readonly #name: string;
  readonly #resolve: ResolveOptions<O>;

  /** `name` prefixes errors; `resolve` fills in and validates each group's options (called once per group). */
  protected constructor(name: string, params: ParamsArgument<O>, defaults: Partial<O>, resolve: ResolveOptions<O>) {
    this.#name = name;
    this.#resolve = resolve;
    this.defaults = { ...defaults };
    if (params instanceof Tensor || !isIterable(params)) {
      throw new Error(`${name}: params must be an iterable of Tensors or of param groups ({ params, ...options }), got ${describe(params)}`);
    }
    const items: unknown[] = [...params];
    if (items.length === 0) throw new Error(`${name}: got an empty parameter list`);
    if (items.every((item) => item instanceof Tensor)) this.#addGroup(items, {});
    else if (items.every((item) => isGroupSpec<O>(item))) items.forEach((spec) => this.addParamGroup(spec as ParamGroupSpec<O>));
    else throw new Error(`${name}: params must be all Tensors or all param groups ({ params, ...options }), not a mix`);
  }

  /**
   * Adds a group of tensors with its own options (the rest from the defaults). Each tensor must be a leaf
   * and belong to no other group. PyTorch: `add_param_group`.
   * @example opt.addParamGroup({ params: head.parameters(), lr: 0.1 })
   */
  addParamGroup(spec: ParamGroupSpec<O>): void {
    const { params, ...overrides } = spec;
    this.#addGroup(params, overrides as Partial<O>);
  }

  #addGroup(params: unknown, overrides: Partial<O>): void {
    const name = this.#name;
    const k = this.paramGroups.length;
    if (params instanceof Tensor || !isIterable(params)) throw new Error(`${name}: the params of group ${k} must be an iterable of Tensors, got ${describe(params)}`);
    const tensors: unknown[] = [...params];
    const taken = new Set<Tensor>(this.paramGroups.flatMap((g) => g.params));
    const mine = new Set<Tensor>();
    tensors.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new Error(`${name}: param ${i} of group ${k} is not a Tensor (got ${typeof p})`);
      if (!p.isLeaf) throw new Error(`${name}: can't optimize a non-leaf Tensor (param ${i} of group ${k} was produced by ${p.gradFn})`);
      if (taken.has(p)) throw new Error(`${name}: param ${i} of group ${k} already appears in another parameter group`);
      if (mine.has(p)) throw new Error(`${name}: param ${i} of group ${k} appears twice in the group`);
      mine.add(p);
    });
    const options = this.#resolve({ ...this.defaults, ...overrides });
    this.paramGroups.push({ ...options, params: tensors as Tensor[] });
  }

  /**
   * Resets the gradients of every optimized tensor: to `null` by default, or to zeros with
   * `{ setToNone: false }`. PyTorch: `zero_grad(set_to_none=True)`.
   * @example opt.zeroGrad(); loss.backward(); opt.step();
   */
  zeroGrad(options: ZeroGradOptions = {}): void {
    for (const group of this.paramGroups) zeroGrads(group.params, options);
  }

  /**
   * One update of every tensor that has a gradient, in place under `noGrad` (tensors keep their identity
   * and storage; those whose grad is null are skipped). `closure`, when given, recomputes the loss with
   * grad mode on and its value is returned. PyTorch: `step(closure=None)`.
   * @example loss.backward(); opt.step();
   */
  step(closure?: () => Tensor): Tensor | undefined {
    if (closure !== undefined && typeof closure !== "function") throw new Error(`${this.#name}.step: expected closure to be a function returning the loss, got ${describeValue(closure)}`);
    const loss = closure === undefined ? undefined : enableGrad(closure);
    noGrad(() => this.paramGroups.forEach((group) => this.updateGroup(group)));
    return loss;
  }

  /** The update rule for one group; runs under `noGrad`. */
  protected abstract updateGroup(group: ParamGroup<O>): void;
}
