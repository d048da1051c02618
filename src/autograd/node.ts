import type { GradNode, Tensor } from "../tensor/tensor.js";
import { isGradEnabled } from "./grad-mode.js";

/**
 * A backward rule: given the gradient of the op's output, the gradients of its inputs (in input order;
 * `null` where an input needs none). Gradients may come back in the broadcast shape: the engine sums
 * them down to each input's shape (`unbroadcast`), so rules never do it themselves.
 */
export type BackwardRule = (grad: Tensor) => readonly (Tensor | null)[];

const freedRule: BackwardRule = () => {
  throw new Error("backward: internal error, a freed node was run");
};

/** Counters the tape exposes, for tests and for spotting leaks: nodes and saved tensors not yet freed. */
export const tapeStats = {
  /** Nodes recorded since the process started. */
  recorded: 0,
  /** Nodes recorded and not yet freed by a `backward()` without `retainGraph`. */
  live: 0,
  /** Tensors held for backward by live nodes. */
  savedLive: 0,
};

let nextSequence = 0;

/**
 * One recorded op. `sequence` is its place on the tape: every node's inputs were produced by nodes with
 * smaller sequence numbers, so walking reachable nodes by decreasing sequence is a valid reverse order.
 */
export class Node implements GradNode {
  readonly name: string;
  readonly sequence: number;
  inputs: readonly Tensor[];
  saved: readonly Tensor[] | null;
  readonly savedVersions: readonly number[];
  rule: BackwardRule;
  freed = false;

  constructor(name: string, inputs: readonly Tensor[], saved: readonly Tensor[], rule: BackwardRule) {
    this.name = name;
    this.sequence = nextSequence++;
    this.inputs = inputs;
    this.saved = saved;
    this.savedVersions = saved.map((t) => t._version.value);
    this.rule = rule;
    tapeStats.recorded++;
    tapeStats.live++;
    tapeStats.savedLive += saved.length;
  }

  /** Drops what the node holds once backward has used it (the graph is "freed"). */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    tapeStats.live--;
    tapeStats.savedLive -= this.saved?.length ?? 0;
    this.saved = null;
    this.inputs = [];
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
 * Records `output = name(inputs)` on the tape when grad mode is on and an input requires grad; otherwise
 * returns `output` untouched. `rule` is a closure over what backward needs; `saved` lists the tensors it
 * reads, whose versions are checked at backward (an in-place write after saving is an error).
 */
export function record(name: string, output: Tensor, inputs: readonly Tensor[], rule: BackwardRule, saved: readonly Tensor[] = []): Tensor {
  if (!needsGrad(inputs)) return output;
  output.requiresGrad = true;
  output._node = new Node(name, inputs, saved, rule);
  return output;
}

/** The node behind a tensor, typed for the engine (the tensor layer only knows it as a `GradNode`). */
export function nodeOf(t: Tensor): Node | null {
  return t._node as Node | null;
}
