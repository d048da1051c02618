import { Tensor } from "../tensor/tensor.js";
import { fmtShape, sameShape } from "../tensor/shape.js";
import { binaryKernel, castKernel, unaryKernel } from "../tensor/kernels/elementwise.js";
import { allocStorage } from "../tensor/dtype.js";
import { setGradEnabled } from "./grad-mode.js";
import { nodeOf, type Node } from "./node.js";
import { add } from "./ops/elementwise.js";
import { clone } from "./ops/views.js";
import { to } from "./ops/convert.js";
import { unbroadcast } from "./unbroadcast.js";
import { checkOptions, describeValue, expectBoolean, expectTensor, expectTensorList } from "../tensor/validate.js";

const BACKWARD_KEYS = ["retainGraph", "createGraph"];
const GRAD_KEYS = [...BACKWARD_KEYS, "gradOutputs", "allowUnused"];

function checkBackwardOptions<O extends BackwardOptions>(op: string, options: O | undefined, known: readonly string[]): O {
  const checked = checkOptions(op, options, known);
  expectBoolean(op, "retainGraph", checked.retainGraph, false);
  expectBoolean(op, "createGraph", checked.createGraph, false);
  return checked;
}

/** Options of `backward()`. */
export interface BackwardOptions {
  /** Keep the graph's saved tensors so backward can run through it again. PyTorch: `retain_graph`. */
  retainGraph?: boolean;
  /** Record the backward pass itself, so gradients can be differentiated again. PyTorch: `create_graph`. */
  createGraph?: boolean;
}

/** Every node reachable from `roots`, in reverse tape order (an iterative walk: no recursion limit). */
function reachableNodes(roots: readonly Tensor[]): Node[] {
  const seen = new Set<Node>();
  const stack: Node[] = [];
  for (const r of roots) {
    const n = nodeOf(r);
    if (n !== null && !seen.has(n)) {
      seen.add(n);
      stack.push(n);
    }
  }
  const order: Node[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.freed) {
      throw new Error(`backward: the graph was freed after the first backward() (at ${node.name}); pass { retainGraph: true } to call it twice`);
    }
    order.push(node);
    for (const n of node.edges) {
      if (n !== null && !seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return order.sort((a, b) => b.sequence - a.sequence);
}

function checkSavedVersions(node: Node): void {
  const saved = node.saved ?? [];
  for (let i = 0; i < saved.length; i++) {
    const now = saved[i]!._version.value;
    if (now !== node.savedVersions[i]) {
      throw new Error(
        `backward: one of the variables needed for gradient computation has been modified by an inplace operation: saved tensor ${i} of ${node.name} (shape ${fmtShape(saved[i]!.shape)}) is at version ${now}; expected version ${node.savedVersions[i]} instead`,
      );
    }
  }
}

/**
 * The gradients a node's rule returns for its inputs, checked against PyTorch's contract: one entry per
 * input, each `null` or a tensor whose shape the input broadcasts to (summed down to the input's shape).
 */
function inputGradients(node: Node, g: Tensor, createGraph: boolean): (Tensor | null)[] {
  const inputs = node.inputs;
  const needsInputGrad = node.inputRequiresGrad;
  const grads = node.rule(g, { saved: node.saved ?? [], needsInputGrad, createGraph });
  if (!Array.isArray(grads) || grads.length !== inputs.length) {
    const got = Array.isArray(grads) ? `${grads.length} gradient${grads.length === 1 ? "" : "s"}` : typeof grads;
    throw new Error(`backward: ${node.name} returned ${got} for ${inputs.length} input${inputs.length === 1 ? "" : "s"}`);
  }
  return grads.map((gi: unknown, i) => {
    if (gi === null || gi === undefined || !needsInputGrad[i]) return null;
    if (!(gi instanceof Tensor)) {
      throw new Error(`backward: ${node.name} returned ${typeof gi} as the gradient of input ${i}; expected a Tensor or null`);
    }
    const input = inputs[i]!;
    const summed = unbroadcast(node.name, i, gi, input.shape);
    // A gradient has its input's dtype (a float32 weight in a float64 product gets a float32 grad).
    return summed.dtype === input.dtype ? summed : toDType(summed, input);
  });
}

/** `g` converted to `like`'s dtype, differentiably when the backward pass is being recorded. */
function toDType(g: Tensor, like: Tensor): Tensor {
  return g.requiresGrad ? to(g, like.dtype) : castKernel(g, like.dtype);
}

/**
 * The engine shared by `backward()` and `grad()`: runs every reachable node in reverse tape order and
 * hands each input its gradient, checked and summed down to its shape. Gradients of the tensors in
 * `capture` are returned through it instead of being accumulated into `.grad`.
 */
function runBackward(roots: readonly Tensor[], rootGrads: readonly Tensor[], options: BackwardOptions, capture?: Map<Tensor, Tensor | null>): void {
  const createGraph = options.createGraph === true;
  const retain = options.retainGraph ?? createGraph;
  const order = reachableNodes(roots);
  const pending = new Map<Node, Tensor>();
  // `edge` is t's node when the op consuming t was recorded (t's history may have been rebased since).
  const deliver = (t: Tensor, edge: Node | null, g: Tensor): void => {
    if (capture?.has(t) && edge === nodeOf(t)) {
      const prev = capture.get(t) ?? null;
      capture.set(t, prev === null ? g : add(prev, g));
      if (edge === null) return;
    }
    if (edge === null) {
      if (capture === undefined) accumulateLeaf(t, g, createGraph);
    }
    else {
      const prev = pending.get(edge);
      pending.set(edge, prev === undefined ? g : add(prev, g));
    }
  };
  const previousMode = setGradEnabled(createGraph);
  try {
    roots.forEach((r, i) => deliver(r, nodeOf(r), rootGrads[i]!));
    for (const node of order) {
      const g = pending.get(node);
      pending.delete(node);
      if (g !== undefined) {
        checkSavedVersions(node);
        const grads = inputGradients(node, g, createGraph);
        for (let i = 0; i < grads.length; i++) {
          const gi = grads[i];
          if (gi !== null && gi !== undefined) deliver(node.inputs[i]!, node.edges[i] ?? null, gi);
        }
      }
      if (!retain) node.free();
    }
  } finally {
    setGradEnabled(previousMode);
  }
}

/**
 * Adds `g` into a leaf's `.grad`: a private copy the first time (a differentiable `clone` when recording:
 * `g` may be shared with other leaves or be a stride-0 view), in place afterwards (out of place when recording).
 */
function accumulateLeaf(leaf: Tensor, g: Tensor, createGraph: boolean): void {
  if (leaf.grad === null) leaf.grad = createGraph ? clone(g) : unaryKernel("copy", g);
  else if (createGraph || leaf.grad.requiresGrad) leaf.grad = add(leaf.grad, g);
  else binaryKernel("add", leaf.grad, g, "backward", leaf.grad);
}

/** The gradient to start from: the given one (shape-checked) or 1 for a scalar output. */
function seedGradient(op: string, output: Tensor, gradient: Tensor | undefined): Tensor {
  if (gradient !== undefined && !(gradient instanceof Tensor)) {
    throw new Error(`${op}: expected the gradient to be a Tensor of shape ${fmtShape(output.shape)}, got ${describeValue(gradient)}`);
  }
  if (gradient === undefined) {
    if (output.numel() !== 1) {
      throw new Error(`${op}: grad can be implicitly created only for scalar outputs (got shape ${fmtShape(output.shape)}); pass a gradient of the same shape`);
    }
    const one = allocStorage(output.dtype, 1);
    one[0] = 1;
    return new Tensor(one, output.shape, undefined, 0, undefined, output.dtype);
  }
  if (!sameShape(gradient.shape, output.shape)) {
    throw new Error(`${op}: gradient shape ${fmtShape(gradient.shape)} doesn't match the output shape ${fmtShape(output.shape)}`);
  }
  return gradient;
}

/**
 * Accumulates d(output)/d(leaf) into every leaf's `.grad`; `gradient` is required for non-scalar
 * outputs (it is the vector in the vector-Jacobian product). Frees the graph unless `retainGraph`.
 * The options may also come second, `backward(loss, { retainGraph: true })` — the habit of Python's
 * keyword arguments — when no gradient is given: a plain object is not a gradient, so it is read as options.
 * PyTorch: `Tensor.backward(gradient, retain_graph, create_graph)`.
 * @example const loss = w.mul(x).sum(); backward(loss); w.grad // = x
 */
export function backward(output: Tensor, gradient?: Tensor | BackwardOptions, options?: BackwardOptions): void {
  expectTensor("backward", "the output", output);
  if (isOptionsObject(gradient)) {
    if (options !== undefined) throw new Error("backward: got options twice (as the gradient and as the options); pass backward(gradient, options)");
    return backward(output, undefined, gradient);
  }
  const checked = checkBackwardOptions("backward", options, BACKWARD_KEYS);
  if (!output.requiresGrad) {
    throw new Error("backward: element 0 of tensors does not require grad and does not have a gradFn (did you create the inputs with { requiresGrad: true }, or run under noGrad?)");
  }
  runBackward([output], [seedGradient("backward", output, gradient)], checked);
}

/** A plain object (not a Tensor, not an array): `backward`'s options given where the gradient goes. */
function isOptionsObject(value: unknown): value is BackwardOptions {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

/** Options of `grad()`. */
export interface GradOptions extends BackwardOptions {
  /** The vectors of the vector-Jacobian products, one per output (default: 1 for scalar outputs). */
  gradOutputs?: readonly (Tensor | undefined)[];
  /** Return `null` for inputs the outputs do not depend on, instead of throwing. */
  allowUnused?: boolean;
}

/**
 * Gradients of `outputs` with respect to `inputs`, returned rather than accumulated into `.grad`. With
 * `createGraph` the results are themselves differentiable (higher derivatives). PyTorch: `torch.autograd.grad`.
 * @example const [dy] = grad([x.pow(3).sum()], [x], { createGraph: true }); const [d2y] = grad([dy!.sum()], [x]) // 6x
 */
export function grad(outputs: readonly Tensor[], inputs: readonly Tensor[], options: GradOptions = {}): (Tensor | null)[] {
  expectTensorList("grad", "outputs", outputs);
  expectTensorList("grad", "inputs", inputs);
  checkBackwardOptions("grad", options, GRAD_KEYS);
  expectBoolean("grad", "allowUnused", options.allowUnused, false);
  if (options.gradOutputs !== undefined) {
    if (!Array.isArray(options.gradOutputs)) throw new Error(`grad: expected gradOutputs to be an array of Tensors, got ${describeValue(options.gradOutputs)}`);
    options.gradOutputs.forEach((g, i) => g === undefined || expectTensor("grad", `gradOutputs[${i}]`, g));
  }
  outputs.forEach((o, i) => {
    if (!o.requiresGrad) throw new Error(`grad: output ${i} does not require grad and does not have a gradFn`);
  });
  inputs.forEach((t, i) => {
    if (!t.requiresGrad) throw new Error(`grad: input ${i} does not require grad`);
  });
  const capture = new Map<Tensor, Tensor | null>(inputs.map((t) => [t, null]));
  const seeds = outputs.map((o, i) => seedGradient("grad", o, options.gradOutputs?.[i]));
  runBackward(outputs, seeds, options, capture);
  return inputs.map((t, i) => {
    const g = capture.get(t) ?? null;
    if (g === null && options.allowUnused !== true) {
      throw new Error(`grad: input ${i} was not used to compute the outputs; pass { allowUnused: true } to get null for it`);
    }
    return g;
  });
}
