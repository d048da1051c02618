import { Tensor } from "../tensor/tensor.js";
import { shapeFromArgs } from "../tensor/shape.js";
import { backward, type BackwardOptions } from "./backward.js";
import * as ew from "./ops/elementwise.js";
import * as red from "./ops/reduce.js";
import * as vw from "./ops/views.js";
import * as idx from "./ops/indexing.js";
import * as mmul from "./ops/matmul.js";
import * as inp from "./ops/inplace.js";
import * as cv from "./ops/convert.js";
import type { DType } from "../tensor/dtype.js";
import type { Operand } from "./ops/operand.js";
import type { Dims } from "./ops/reduce.js";
import { expectBoolean, expectTensor } from "../tensor/validate.js";

/**
 * The differentiable ops as `Tensor` methods (tfjs's chained-ops pattern): the tensor layer cannot
 * import autograd, so this module attaches them to `Tensor.prototype`. The table below is the single
 * source: the `Tensor` interface is derived from it (a mapped type with `OmitThisParameter`), so a
 * method that is missing, misspelt or typed differently from its entry is a compile error, and a test
 * checks each entry against the function of the same name. Importing `src/index.ts` installs them.
 */
/** Shape arguments both ways, as PyTorch takes them: `reshape(4, 6)` or `reshape([4, 6])`. */
type ShapeArgs = number[] | [readonly number[]];

const methods = {
  add(this: Tensor, o: Operand): Tensor { return ew.add(this, o); },
  sub(this: Tensor, o: Operand): Tensor { return ew.sub(this, o); },
  mul(this: Tensor, o: Operand): Tensor { return ew.mul(this, o); },
  div(this: Tensor, o: Operand): Tensor { return ew.div(this, o); },
  pow(this: Tensor, o: Operand): Tensor { return ew.pow(this, o); },
  maximum(this: Tensor, o: Operand): Tensor { return ew.maximum(this, o); },
  minimum(this: Tensor, o: Operand): Tensor { return ew.minimum(this, o); },
  neg(this: Tensor): Tensor { return ew.neg(this); },
  exp(this: Tensor): Tensor { return ew.exp(this); },
  log(this: Tensor): Tensor { return ew.log(this); },
  sqrt(this: Tensor): Tensor { return ew.sqrt(this); },
  abs(this: Tensor): Tensor { return ew.abs(this); },
  relu(this: Tensor): Tensor { return ew.relu(this); },
  sigmoid(this: Tensor): Tensor { return ew.sigmoid(this); },
  tanh(this: Tensor): Tensor { return ew.tanh(this); },
  clamp(this: Tensor, lo?: number | null, hi?: number | null): Tensor { return ew.clamp(this, lo, hi); },
  eq(this: Tensor, o: Operand): Tensor { return ew.eq(this, o); },
  ne(this: Tensor, o: Operand): Tensor { return ew.ne(this, o); },
  gt(this: Tensor, o: Operand): Tensor { return ew.gt(this, o); },
  ge(this: Tensor, o: Operand): Tensor { return ew.ge(this, o); },
  lt(this: Tensor, o: Operand): Tensor { return ew.lt(this, o); },
  le(this: Tensor, o: Operand): Tensor { return ew.le(this, o); },
  /** `this` where `condition` is nonzero, else `other`. PyTorch: `Tensor.where(condition, y)`. */
  where(this: Tensor, c: Tensor, o: Operand): Tensor { return ew.where(c, this, o); },
  sum(this: Tensor, d?: Dims, k?: boolean): Tensor { return red.sum(this, d, k); },
  mean(this: Tensor, d?: Dims, k?: boolean): Tensor { return red.mean(this, d, k); },
  max(this: Tensor, d?: Dims, k?: boolean): Tensor { return red.max(this, d, k); },
  min(this: Tensor, d?: Dims, k?: boolean): Tensor { return red.min(this, d, k); },
  amax(this: Tensor, d?: Dims, k?: boolean): Tensor { return red.amax(this, d, k); },
  amin(this: Tensor, d?: Dims, k?: boolean): Tensor { return red.amin(this, d, k); },
  argmax(this: Tensor, d?: number, k?: boolean): Tensor { return red.argmax(this, d, k); },
  argmin(this: Tensor, d?: number, k?: boolean): Tensor { return red.argmin(this, d, k); },
  logsumexp(this: Tensor, d?: Dims, k?: boolean): Tensor { return red.logsumexp(this, d, k); },
  softmax(this: Tensor, d?: number): Tensor { return red.softmax(this, d); },
  logSoftmax(this: Tensor, d?: number): Tensor { return red.logSoftmax(this, d); },
  matmul(this: Tensor, o: Tensor): Tensor { return mmul.matmul(this, o); },
  mm(this: Tensor, o: Tensor): Tensor { return mmul.mm(this, o); },
  reshape(this: Tensor, ...s: ShapeArgs): Tensor { return vw.reshape(this, shapeFromArgs(s)); },
  view(this: Tensor, ...s: ShapeArgs): Tensor { return vw.view(this, shapeFromArgs(s)); },
  transpose(this: Tensor, a: number, b: number): Tensor { return vw.transpose(this, a, b); },
  permute(this: Tensor, ...s: ShapeArgs): Tensor { return vw.permute(this, shapeFromArgs(s)); },
  expand(this: Tensor, ...s: ShapeArgs): Tensor { return vw.expand(this, shapeFromArgs(s)); },
  expandAs(this: Tensor, o: Tensor): Tensor { return vw.expand(this, expectTensor("expandAs", "other", o).shape); },
  flatten(this: Tensor, s?: number, e?: number): Tensor { return vw.flatten(this, s, e); },
  squeeze(this: Tensor, d?: number | readonly number[]): Tensor { return vw.squeeze(this, d); },
  unsqueeze(this: Tensor, d: number): Tensor { return vw.unsqueeze(this, d); },
  narrow(this: Tensor, d: number, s: number, l: number): Tensor { return vw.narrow(this, d, s, l); },
  slice(this: Tensor, d: number, s?: number, e?: number, st?: number): Tensor { return vw.slice(this, d, s, e, st); },
  contiguous(this: Tensor): Tensor { return vw.contiguous(this); },
  to(this: Tensor, d: DType): Tensor { return cv.to(this, d); },
  /** `to("float32")`. PyTorch: `Tensor.float()`. */
  float(this: Tensor): Tensor { return cv.to(this, "float32"); },
  /** `to("float64")`. PyTorch: `Tensor.double()`. */
  double(this: Tensor): Tensor { return cv.to(this, "float64"); },
  /** `to("int32")` (our int64: also PyTorch's `long()`). PyTorch: `Tensor.int()`. */
  int(this: Tensor): Tensor { return cv.to(this, "int32"); },
  /** `to("bool")`. PyTorch: `Tensor.bool()`. */
  bool(this: Tensor): Tensor { return cv.to(this, "bool"); },
  clone(this: Tensor): Tensor { return vw.clone(this); },
  detach(this: Tensor): Tensor { return vw.detach(this); },
  gather(this: Tensor, d: number, i: Tensor): Tensor { return idx.gather(this, d, i); },
  indexSelect(this: Tensor, d: number, i: Tensor): Tensor { return idx.indexSelect(this, d, i); },
  add_(this: Tensor, o: Operand, a?: number): Tensor { return inp.add_(this, o, a); },
  sub_(this: Tensor, o: Operand, a?: number): Tensor { return inp.sub_(this, o, a); },
  mul_(this: Tensor, o: Operand): Tensor { return inp.mul_(this, o); },
  div_(this: Tensor, o: Operand): Tensor { return inp.div_(this, o); },
  zero_(this: Tensor): Tensor { return inp.zero_(this); },
  fill_(this: Tensor, v: number): Tensor { return inp.fill_(this, v); },
  copy_(this: Tensor, s: Tensor): Tensor { return inp.copy_(this, s); },
  normal_(this: Tensor, m?: number, s?: number, o?: inp.RandomFillOptions): Tensor { return inp.normal_(this, m, s, o); },
  uniform_(this: Tensor, l?: number, h?: number, o?: inp.RandomFillOptions): Tensor { return inp.uniform_(this, l, h, o); },
  /** Sets `requiresGrad` on a leaf and returns it. PyTorch: `requires_grad_()`. */
  requiresGrad_(this: Tensor, flag = true): Tensor {
    if (!this.isLeaf) throw new Error("requiresGrad_: you can only change requiresGrad flags of leaf tensors; use detach() first");
    this.requiresGrad = expectBoolean("requiresGrad_", "flag", flag, true);
    return this;
  },
  /** Backpropagates from this tensor into the leaves' `.grad`. PyTorch: `Tensor.backward()`. */
  backward(this: Tensor, g?: Tensor | BackwardOptions, o?: BackwardOptions): void { backward(this, g, o); },
};

/** The methods' types, derived from the table. */
type TensorMethods = { [K in keyof typeof methods]: OmitThisParameter<(typeof methods)[K]> };

declare module "../tensor/tensor.js" {
  interface Tensor extends TensorMethods {
    /** Transpose of a 2-D tensor (all dims reversed in general). PyTorch: `Tensor.T`. */
    readonly T: Tensor;
    /** A detached view sharing storage, for writes that autograd must not see. PyTorch: `Tensor.data`. */
    readonly data: Tensor;
  }
}

/** The names of the methods this module installs, for tests that check every entry. */
export const METHOD_NAMES = Object.keys(methods) as readonly (keyof typeof methods)[];

for (const [name, fn] of Object.entries(methods)) {
  Object.defineProperty(Tensor.prototype, name, { value: fn, writable: true, configurable: true });
}
Object.defineProperty(Tensor.prototype, "T", {
  get(this: Tensor) { return vw.permute(this, this.shape.map((_, i) => this.ndim - 1 - i)); },
  configurable: true,
});
Object.defineProperty(Tensor.prototype, "data", {
  get(this: Tensor) { return vw.detach(this); },
  configurable: true,
});
