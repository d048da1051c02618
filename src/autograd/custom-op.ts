import { Tensor } from "../tensor/tensor.js";
import { viewOf } from "../tensor/views.js";
import { isGradEnabled, noGrad } from "./grad-mode.js";
import { record } from "./node.js";
import { unbroadcast } from "./unbroadcast.js";
import { checkOptions, describeValue } from "../tensor/validate.js";

/**
 * The `ctx` of a custom op, shared by its forward and its backward. PyTorch: `torch.autograd.Function`'s
 * `ctx`. `State` is whatever non-tensor values the backward needs (PyTorch: attributes set on `ctx`).
 */
export class FunctionContext<State = undefined> {
  /** One flag per argument of the call: whether that argument is a tensor that needs a gradient. */
  needsInputGrad: readonly boolean[];
  /** True while a `createGraph` backward runs: the gradient must then be built from differentiable ops. */
  createGraph = false;
  /** Non-tensor values for backward, set by forward (e.g. `ctx.state = { dim }`). */
  state: State = undefined as State;
  private saved: readonly Tensor[] = [];

  constructor(needsInputGrad: readonly boolean[]) {
    this.needsInputGrad = needsInputGrad;
  }

  /** Keeps tensors for backward; an in-place write to one of them before backward is an error there. PyTorch: `ctx.save_for_backward`. */
  saveForBackward(...tensors: Tensor[]): void {
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw new Error(`saveForBackward: argument ${i} is ${describeValue(t)}, not a Tensor`);
    });
    this.saved = tensors;
  }

  /** The tensors given to `saveForBackward`, in order. PyTorch: `ctx.saved_tensors`. */
  get savedTensors(): readonly Tensor[] {
    return this.saved;
  }

  /** @internal The engine hands backward the saved tensors it version-checked. */
  _enterBackward(saved: readonly Tensor[], needsInputGrad: readonly boolean[], createGraph: boolean): void {
    this.saved = saved;
    this.needsInputGrad = needsInputGrad;
    this.createGraph = createGraph;
  }
}

/** What a custom op's backward returns: one gradient per argument (`null` where none), or one tensor for a one-argument op. */
export type CustomGradients = Tensor | null | readonly (Tensor | null)[];

/** The definition of a custom differentiable function. PyTorch: a `torch.autograd.Function` subclass. */
export interface CustomOpSpec<Args extends readonly unknown[], State> {
  /** Names the op in `gradFn` (`${name}Backward`) and in error messages. */
  name: string;
  /** Computes the output with recording off; may call `ctx.saveForBackward(...)` and set `ctx.state`. */
  forward(ctx: FunctionContext<State>, ...args: Args): Tensor;
  /** Given d(loss)/d(output), returns d(loss)/d(argument) for every argument. */
  backward(ctx: FunctionContext<State>, grad: Tensor): CustomGradients;
}

const SPEC_KEYS = ["name", "forward", "backward"];

function checkSpec(spec: CustomOpSpec<readonly unknown[], unknown>): void {
  if (spec === undefined) throw new Error("customOp: expected a spec { name, forward, backward }, got undefined");
  checkOptions("customOp", spec, SPEC_KEYS);
  if (typeof spec.name !== "string" || spec.name === "") throw new Error("customOp: name must be a non-empty string");
  if (typeof spec.forward !== "function") throw new Error(`customOp: ${spec.name}: forward must be a function`);
  if (typeof spec.backward !== "function") throw new Error(`customOp: ${spec.name}: backward must be a function`);
}

/**
 * Defines a differentiable function from a forward and a hand-written backward; returns the function.
 * Tensor arguments that require grad are the op's inputs; other arguments (numbers, options) pass
 * through and get `null` gradients. The engine checks every gradient's shape against its argument.
 * PyTorch: `torch.autograd.Function` (`Fn.apply`); tfjs: `customGrad`.
 * @example
 * const square = customOp({
 *   name: "Square",
 *   forward(ctx, x: Tensor) { ctx.saveForBackward(x); return x.mul(x); },
 *   backward(ctx, g) { const [x] = ctx.savedTensors; return g.mul(x!).mul(2); },
 * });
 * square(tensor([3], { requiresGrad: true })) // tensor([9.], gradFn=SquareBackward)
 */
export function customOp<Args extends readonly unknown[], State = undefined>(spec: CustomOpSpec<Args, State>): (...args: Args) => Tensor {
  checkSpec(spec as unknown as CustomOpSpec<readonly unknown[], unknown>);
  const { name } = spec;
  const nodeName = `${name}Backward`;
  return (...args: Args): Tensor => {
    const recording = isGradEnabled();
    const ctx = new FunctionContext<State>(args.map((a) => recording && a instanceof Tensor && a.requiresGrad));
    const out = noGrad(() => spec.forward(ctx, ...args));
    if (!(out instanceof Tensor)) throw new Error(`${name}: forward must return a Tensor, got ${describeValue(out)}`);
    // An argument returned as it is gets a fresh view, so recording the op does not rewrite the argument's history.
    const result = args.includes(out) ? viewOf(out, out.shape, out.strides, out.offset) : out;
    const positions: number[] = [];
    args.forEach((a, i) => a instanceof Tensor && positions.push(i));
    const inputs = positions.map((i) => args[i] as Tensor);
    return record(nodeName, result, inputs, ctx.savedTensors, (g, { saved, needsInputGrad, createGraph }) => {
      const perArg = args.map(() => false);
      positions.forEach((p, k) => (perArg[p] = needsInputGrad[k] === true));
      ctx._enterBackward(saved, perArg, createGraph);
      const returned = spec.backward(ctx, g);
      const grads = Array.isArray(returned) ? (returned as readonly (Tensor | null)[]) : [returned as Tensor | null];
      if (grads.length !== args.length) {
        throw new Error(`backward: ${nodeName} returned ${grads.length} gradient${grads.length === 1 ? "" : "s"} for ${args.length} argument${args.length === 1 ? "" : "s"}`);
      }
      return positions.map((p) => {
        const gi: unknown = grads[p];
        if (gi === null || gi === undefined || !perArg[p]) return null;
        if (!(gi instanceof Tensor)) throw new Error(`backward: ${nodeName} returned ${describeValue(gi)} as the gradient of input ${p}; expected a Tensor or null`);
        return unbroadcast(nodeName, p, gi, (args[p] as Tensor).shape);
      });
    });
  };
}
