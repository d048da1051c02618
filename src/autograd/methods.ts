import { Tensor } from "../tensor/tensor.js";
import { shapeFromArgs } from "../tensor/shape.js";
import { backward, type BackwardOptions } from "./backward.js";
import * as ew from "./ops/elementwise.js";
import * as red from "./ops/reduce.js";
import * as vw from "./ops/views.js";
import * as idx from "./ops/indexing.js";
import * as mmul from "./ops/matmul.js";
import * as inp from "./ops/inplace.js";
import type { Operand } from "./ops/operand.js";
import type { Dims } from "./ops/reduce.js";

/**
 * The differentiable ops as `Tensor` methods (tfjs's chained-ops pattern): the tensor layer cannot
 * import autograd, so this module attaches them to `Tensor.prototype` and declaration merging gives them
 * their types. Importing `src/index.ts` installs them; every method is a one-line call of the op.
 */
declare module "../tensor/tensor.js" {
  interface Tensor {
    add(other: Operand): Tensor;
    sub(other: Operand): Tensor;
    mul(other: Operand): Tensor;
    div(other: Operand): Tensor;
    pow(exponent: Operand): Tensor;
    maximum(other: Operand): Tensor;
    minimum(other: Operand): Tensor;
    neg(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sqrt(): Tensor;
    abs(): Tensor;
    relu(): Tensor;
    sigmoid(): Tensor;
    tanh(): Tensor;
    clamp(min?: number | null, max?: number | null): Tensor;
    eq(other: Operand): Tensor;
    ne(other: Operand): Tensor;
    gt(other: Operand): Tensor;
    ge(other: Operand): Tensor;
    lt(other: Operand): Tensor;
    le(other: Operand): Tensor;
    /** `this` where `condition` is nonzero, else `other`. PyTorch: `Tensor.where(condition, y)`. */
    where(condition: Tensor, other: Operand): Tensor;
    sum(dim?: Dims, keepdim?: boolean): Tensor;
    mean(dim?: Dims, keepdim?: boolean): Tensor;
    max(dim?: Dims, keepdim?: boolean): Tensor;
    min(dim?: Dims, keepdim?: boolean): Tensor;
    argmax(dim?: number, keepdim?: boolean): Tensor;
    argmin(dim?: number, keepdim?: boolean): Tensor;
    logsumexp(dim?: Dims, keepdim?: boolean): Tensor;
    softmax(dim?: number): Tensor;
    logSoftmax(dim?: number): Tensor;
    matmul(other: Tensor): Tensor;
    mm(other: Tensor): Tensor;
    reshape(...shape: number[] | [readonly number[]]): Tensor;
    view(...shape: number[] | [readonly number[]]): Tensor;
    transpose(dim0: number, dim1: number): Tensor;
    permute(...order: number[] | [readonly number[]]): Tensor;
    expand(...shape: number[] | [readonly number[]]): Tensor;
    expandAs(other: Tensor): Tensor;
    flatten(startDim?: number, endDim?: number): Tensor;
    squeeze(dim?: number | readonly number[]): Tensor;
    unsqueeze(dim: number): Tensor;
    narrow(dim: number, start: number, length: number): Tensor;
    slice(dim: number, start?: number, end?: number, step?: number): Tensor;
    contiguous(): Tensor;
    clone(): Tensor;
    detach(): Tensor;
    gather(dim: number, index: Tensor): Tensor;
    indexSelect(dim: number, index: Tensor): Tensor;
    add_(other: Operand, alpha?: number): Tensor;
    sub_(other: Operand, alpha?: number): Tensor;
    mul_(other: Operand): Tensor;
    div_(other: Operand): Tensor;
    zero_(): Tensor;
    fill_(value: number): Tensor;
    copy_(src: Tensor): Tensor;
    normal_(mean?: number, std?: number, opts?: inp.RandomFillOptions): Tensor;
    uniform_(low?: number, high?: number, opts?: inp.RandomFillOptions): Tensor;
    /** Sets `requiresGrad` on a leaf and returns it. PyTorch: `requires_grad_()`. */
    requiresGrad_(requiresGrad?: boolean): Tensor;
    /** Backpropagates from this tensor into the leaves' `.grad`. PyTorch: `Tensor.backward()`. */
    backward(gradient?: Tensor, options?: BackwardOptions): void;
    /** Transpose of a 2-D tensor (all dims reversed in general). PyTorch: `Tensor.T`. */
    readonly T: Tensor;
    /** A detached view sharing storage, for writes that autograd must not see. PyTorch: `Tensor.data`. */
    readonly data: Tensor;
  }
}

type Method = (this: Tensor, ...args: never[]) => unknown;
const methods: Record<string, Method> = {
  add(this: Tensor, o: Operand) { return ew.add(this, o); },
  sub(this: Tensor, o: Operand) { return ew.sub(this, o); },
  mul(this: Tensor, o: Operand) { return ew.mul(this, o); },
  div(this: Tensor, o: Operand) { return ew.div(this, o); },
  pow(this: Tensor, o: Operand) { return ew.pow(this, o); },
  maximum(this: Tensor, o: Operand) { return ew.maximum(this, o); },
  minimum(this: Tensor, o: Operand) { return ew.minimum(this, o); },
  neg(this: Tensor) { return ew.neg(this); },
  exp(this: Tensor) { return ew.exp(this); },
  log(this: Tensor) { return ew.log(this); },
  sqrt(this: Tensor) { return ew.sqrt(this); },
  abs(this: Tensor) { return ew.abs(this); },
  relu(this: Tensor) { return ew.relu(this); },
  sigmoid(this: Tensor) { return ew.sigmoid(this); },
  tanh(this: Tensor) { return ew.tanh(this); },
  clamp(this: Tensor, lo?: number | null, hi?: number | null) { return ew.clamp(this, lo, hi); },
  eq(this: Tensor, o: Operand) { return ew.eq(this, o); },
  ne(this: Tensor, o: Operand) { return ew.ne(this, o); },
  gt(this: Tensor, o: Operand) { return ew.gt(this, o); },
  ge(this: Tensor, o: Operand) { return ew.ge(this, o); },
  lt(this: Tensor, o: Operand) { return ew.lt(this, o); },
  le(this: Tensor, o: Operand) { return ew.le(this, o); },
  where(this: Tensor, c: Tensor, o: Operand) { return ew.where(c, this, o); },
  sum(this: Tensor, d?: Dims, k?: boolean) { return red.sum(this, d, k); },
  mean(this: Tensor, d?: Dims, k?: boolean) { return red.mean(this, d, k); },
  max(this: Tensor, d?: Dims, k?: boolean) { return red.max(this, d, k); },
  min(this: Tensor, d?: Dims, k?: boolean) { return red.min(this, d, k); },
  argmax(this: Tensor, d?: number, k?: boolean) { return red.argmax(this, d, k); },
  argmin(this: Tensor, d?: number, k?: boolean) { return red.argmin(this, d, k); },
  logsumexp(this: Tensor, d?: Dims, k?: boolean) { return red.logsumexp(this, d, k); },
  softmax(this: Tensor, d?: number) { return red.softmax(this, d); },
  logSoftmax(this: Tensor, d?: number) { return red.logSoftmax(this, d); },
  matmul(this: Tensor, o: Tensor) { return mmul.matmul(this, o); },
  mm(this: Tensor, o: Tensor) { return mmul.mm(this, o); },
  reshape(this: Tensor, ...s: number[]) { return vw.reshape(this, shapeFromArgs(s)); },
  view(this: Tensor, ...s: number[]) { return vw.view(this, shapeFromArgs(s)); },
  transpose(this: Tensor, a: number, b: number) { return vw.transpose(this, a, b); },
  permute(this: Tensor, ...s: number[]) { return vw.permute(this, shapeFromArgs(s)); },
  expand(this: Tensor, ...s: number[]) { return vw.expand(this, shapeFromArgs(s)); },
  expandAs(this: Tensor, o: Tensor) { return vw.expand(this, o.shape); },
  flatten(this: Tensor, s?: number, e?: number) { return vw.flatten(this, s, e); },
  squeeze(this: Tensor, d?: number | readonly number[]) { return vw.squeeze(this, d); },
  unsqueeze(this: Tensor, d: number) { return vw.unsqueeze(this, d); },
  narrow(this: Tensor, d: number, s: number, l: number) { return vw.narrow(this, d, s, l); },
  slice(this: Tensor, d: number, s?: number, e?: number, st?: number) { return vw.slice(this, d, s, e, st); },
  contiguous(this: Tensor) { return vw.contiguous(this); },
  clone(this: Tensor) { return vw.clone(this); },
  detach(this: Tensor) { return vw.detach(this); },
  gather(this: Tensor, d: number, i: Tensor) { return idx.gather(this, d, i); },
  indexSelect(this: Tensor, d: number, i: Tensor) { return idx.indexSelect(this, d, i); },
  add_(this: Tensor, o: Operand, a?: number) { return inp.add_(this, o, a); },
  sub_(this: Tensor, o: Operand, a?: number) { return inp.sub_(this, o, a); },
  mul_(this: Tensor, o: Operand) { return inp.mul_(this, o); },
  div_(this: Tensor, o: Operand) { return inp.div_(this, o); },
  zero_(this: Tensor) { return inp.zero_(this); },
  fill_(this: Tensor, v: number) { return inp.fill_(this, v); },
  copy_(this: Tensor, s: Tensor) { return inp.copy_(this, s); },
  normal_(this: Tensor, m?: number, s?: number, o?: inp.RandomFillOptions) { return inp.normal_(this, m, s, o); },
  uniform_(this: Tensor, l?: number, h?: number, o?: inp.RandomFillOptions) { return inp.uniform_(this, l, h, o); },
  requiresGrad_(this: Tensor, flag = true) {
    if (!this.isLeaf) throw new Error("requiresGrad_: you can only change requiresGrad flags of leaf tensors; use detach() first");
    this.requiresGrad = flag;
    return this;
  },
  backward(this: Tensor, g?: Tensor, o?: BackwardOptions) { backward(this, g, o); },
};

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
