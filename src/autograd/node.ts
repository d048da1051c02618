import type { GradNode, Tensor } from "../tensor/tensor.js";
import { isGradEnabled } from "./grad-mode.js";
import { isFloating } from "../tensor/dtype.js";

/**
 * What a backward rule is given besides the incoming gradient (PyTorch's `ctx` / `grad_input_mask`):
 * the tensors the op saved, in the order it saved them, whether each input needs a gradient, and whether
 * the backward pass is itself being recorded (`createGraph`).
 */
export interface BackwardContext<Saved extends readonly Tensor[] = readonly Tensor[]> {
  readonly saved: Saved;
  readonly needsInputGrad: readonly boolean[];
  readonly createGraph: boolean;
}

/**
 * A backward rule: given the gradient of the op's output, the gradients of its inputs (in input order;
 * `null` where an input needs none). A gradient may come back in any shape the input broadcasts to: the
 * engine checks that and sums it down to the input's shape (./unbroadcast.ts), so rules never do.
 * Rules read tensors only through `ctx.saved`, so every tensor they read is version-checked.
 */
export type BackwardRule<Saved extends readonly Tensor[] = readonly Tensor[]> = (grad: Tensor, ctx: BackwardContext<Saved>) => readonly (Tensor | null)[];

const freedRule: BackwardRule = () => {
  throw new Error("backward: internal error, a freed node was run");
};

/**
 * Counters the tape exposes, for tests and for spotting leaks. They count what backward frees, not what
 * the garbage collector reclaims: a graph dropped without a backward stays in `unfreed` (its memory is
 * reclaimed all the same). Following the collector with a FinalizationRegistry doubled the cost of a
 * small forward+backward (measured: 10 → 23 µs for `(x*x+x).sum()` on 2×2), so the names say what is counted.
 */
export const tapeStats = {
  /** Nodes recorded since the process started. */
  recorded: 0,
  /** Nodes recorded and not yet freed by a `backward()` without `retainGraph`. */
  unfreed: 0,
  /** Tensors held for backward by unfreed nodes. */
  savedUnfreed: 0,
};

let nextSequence = 0;

/**
 * One recorded op. `sequence` is its place on the tape: every node's inputs were produced by nodes with
 * smaller sequence numbers, so walking reachable nodes by decreasing sequence is a valid reverse order.
 * The edges are taken when the op is recorded — each input's node then (PyTorch's `next_functions`) and
 * whether it required grad — so an in-place op that later rebases an input's history does not reroute
 * gradients of ops recorded before it.
 */
export class Node implements GradNode {
  readonly name: string;
  readonly sequence: number;
  inputs: readonly Tensor[];
  /** The node of each input when this op ran (`null` for a leaf). */
  edges: readonly (Node | null)[];
  /** Whether each input required grad when this op ran: what `ctx.needsInputGrad` reports. */
  readonly inputRequiresGrad: readonly boolean[];
  saved: readonly Tensor[] | null;
  readonly savedVersions: readonly number[];
  rule: BackwardRule;
  freed = false;

  constructor(name: string, inputs: readonly Tensor[], saved: readonly Tensor[], rule: BackwardRule) {
    this.name = name;
    this.sequence = nextSequence++;
    this.inputs = inputs;
    this.edges = inputs.map((t) => t._node as Node | null);
    this.inputRequiresGrad = inputs.map((t) => t.requiresGrad);
    this.saved = saved;
    this.savedVersions = saved.map((t) => t._version.value);
    this.rule = rule;
    tapeStats.recorded++;
    tapeStats.unfreed++;
    tapeStats.savedUnfreed += saved.length;
  }

  /** Drops what the node holds once backward has used it (the graph is "freed"). */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    tapeStats.unfreed--;
    tapeStats.savedUnfreed -= this.saved?.length ?? 0;
    this.saved = null;
    this.inputs = [];
    this.edges = [];
    this.rule = freedRule;
  }
}

/** True when an op on `inputs` must be recorded: grad mode is on and some input requires grad. */
export function needsGrad(inputs: readonly Tensor[]): boolean {
  if (!isGradEnabled()) return false;
  for (let i = 0; i < inputs.length; i++) if (inputs[i]!.requiresGrad) return true;
  return false;
}

/**
 * Records `output = name(inputs)` on the tape when grad mode is on, an input requires grad and the output
 * is floating (an integer or bool result has no gradient); otherwise returns `output` untouched. `saved` lists every tensor `rule` reads (it receives them as `ctx.saved`);
 * their versions are checked at backward, so an in-place write after saving is an error.
 */
export function record<const Saved extends readonly Tensor[]>(
  name: string, output: Tensor, inputs: readonly Tensor[], saved: Saved, rule: BackwardRule<Saved>,
): Tensor {
  if (!needsGrad(inputs) || !isFloating(output.dtype)) return output;
  output.requiresGrad = true;
  // The node hands `rule` exactly the `saved` list it was given, so the tuple type holds at backward.
  output._node = new Node(name, inputs, saved, rule as BackwardRule);
  return output;
}

/** The node behind a tensor, typed for the engine (the tensor layer only knows it as a `GradNode`). */
export function nodeOf(t: Tensor): Node | null {
  return t._node as Node | null;
}
