/**
 * How an in-place op on a tensor autograd tracks is recorded, as PyTorch records it. The op's value is
 * computed out of place by the differentiable op (`compute(old)`, recorded with edges to the target's
 * history as it was), written into the target's storage, and then:
 * - on a tensor that is not a view, the target's history is rebased: its node becomes the op's node,
 *   whose input is the old history;
 * - through a view of a base, the base's history is rewritten (PyTorch's CopySlices): the base's new node
 *   takes the old base and the op's result, and the view becomes a view of the new base.
 * The write bumps the shared version counter, so a tensor saved earlier and overwritten here still fails
 * at backward. The backward of the view bookkeeping (AsStridedBackward, CopySlices) uses kernels, so a
 * createGraph pass does not differentiate through it again.
 */
import { Tensor } from "../tensor/tensor.js";
import { fmtShape, sameShape } from "../tensor/shape.js";
import { unaryKernel } from "../tensor/kernels/elementwise.js";
import { allocStorage, type DType, type Storage } from "../tensor/dtype.js";
import { isGradEnabled } from "./grad-mode.js";
import { record } from "./node.js";

/** The layout of a tensor over its storage, so gradients can be laid out like the base and cut like the view. */
interface Layout {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

const layoutOf = (t: Tensor): Layout => ({ shape: t.shape, strides: t.strides, offset: t.offset });
const over = (buffer: Storage, l: Layout, dtype: DType): Tensor => new Tensor(buffer, l.shape, l.strides, l.offset, undefined, dtype);

/** `g`, shaped like the view, placed into zeros laid out like the base: the gradient a view sends its base. */
function embedInBase(g: Tensor, base: Layout, view: Layout, storageLength: number): Tensor {
  const buffer = allocStorage(g.dtype, storageLength);
  unaryKernel("copy", g, 0, 0, over(buffer, view, g.dtype));
  return over(buffer, base, g.dtype);
}

/** The view `view` of `base`, recorded as a differentiable op on the base's current history. */
function regionOf(base: Tensor, view: Layout): Tensor {
  const region = new Tensor(base.storage, view.shape, view.strides, view.offset, base._version, base.dtype);
  region._base = base;
  const layout = layoutOf(base);
  const length = base.storage.length;
  return record("AsStridedBackward", region, [base], [], (g) => [embedInBase(g, layout, view, length)]);
}

/**
 * Checks that an in-place op may write into `target` and says whether it must be recorded: it must when
 * grad mode is on and the target, its base or an operand requires grad. A leaf that requires grad, or a
 * view of one, is refused outside `noGrad` (as in PyTorch); so is a write into an expanded view, where
 * several elements share one memory location.
 */
export function mustRecordInPlace(op: string, target: Tensor, operands: readonly Tensor[]): boolean {
  target.shape.forEach((size, i) => {
    if (size > 1 && target.strides[i] === 0) {
      throw new Error(`${op}: unsupported operation: more than one element of the written-to tensor refers to a single memory location (an expanded view, shape ${fmtShape(target.shape)}); call clone() first`);
    }
  });
  if (!isGradEnabled()) return false;
  const base = target._base;
  if (target.requiresGrad && target.isLeaf) {
    throw new Error(`${op}: a leaf tensor that requires grad is being used in an in-place operation; wrap the update in noGrad(() => ...)`);
  }
  if (base !== null && base.requiresGrad && base.isLeaf) {
    throw new Error(`${op}: a view of a leaf tensor that requires grad is being used in an in-place operation; wrap the update in noGrad(() => ...)`);
  }
  return target.requiresGrad || base?.requiresGrad === true || operands.some((t) => t.requiresGrad);
}

/**
 * Records `target ← compute(old value of target)` in place (see the file comment); `compute` builds the
 * new value with differentiable ops from a tensor holding the old value and its history.
 */
export function recordInPlace(op: string, target: Tensor, compute: (old: Tensor) => Tensor): void {
  const base = target._base;
  const y = compute(base === null ? target : regionOf(base, layoutOf(target)));
  if (!sameShape(y.shape, target.shape)) {
    throw new Error(`${op}: output with shape ${fmtShape(target.shape)} doesn't match the broadcast shape ${fmtShape(y.shape)}`);
  }
  unaryKernel("copy", y, 0, 0, target);
  target._version.value++;
  if (base === null) {
    target._node = y._node;
    target.requiresGrad = y.requiresGrad;
    return;
  }
  const baseLayout = layoutOf(base);
  const viewLayout = layoutOf(target);
  const length = base.storage.length;
  record("CopySlices", base, [base, y], [], (g, { needsInputGrad: [needsBase, needsValue] }) => {
    const laidOut = embedInBase(g, baseLayout, baseLayout, length);
    const region = over(laidOut.storage, viewLayout, laidOut.dtype);
    const gValue = needsValue === true ? unaryKernel("copy", region) : null;
    if (needsBase !== true) return [null, gValue];
    unaryKernel("fill", region, 0, 0, region);
    return [laidOut, gValue];
  });
  record("AsStridedBackward", target, [base], [], (g) => [embedInBase(g, baseLayout, viewLayout, length)]);
}
