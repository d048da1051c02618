import { contiguousStrides, isContiguousLayout, normalizeDim, numelOf } from "./shape.js";
import { formatTensor } from "./format.js";
import { rowOffsets } from "./strided-offsets.js";
import { allocStorage, dtypeOfStorage, isFloating, type DType, type Storage } from "./dtype.js";

/**
 * What the tensor layer knows of an autograd node: only its name. `src/autograd/` records the
 * real nodes; keeping this interface here lets `Tensor` point at them without importing autograd.
 */
export interface GradNode {
  readonly name: string;
}

/**
 * Counts in-place writes to one storage. Views share their base's counter, so a write through a
 * view bumps the version that autograd checks on every tensor saved for backward.
 */
export class VersionCounter {
  value = 0;
}

/** Nested JS arrays as returned by `toArray()`; a 0-d tensor gives a plain number (booleans for bool tensors). */
export type NestedArray = number | boolean | NestedArray[];

/**
 * A strided view over flat typed storage of one dtype: element `(i0, i1, …)` lives at
 * `storage[offset + i0*strides[0] + i1*strides[1] + …]`.
 *
 * The tensor layer defines the data and its read-out; the differentiable operations
 * (`add`, `matmul`, `reshape`, …) are attached to this class by `src/autograd/methods.ts`,
 * so every op a user calls passes through the tape. PyTorch: `torch.Tensor`.
 */
export class Tensor {
  storage: Storage;
  /** The element type; the storage is the matching typed array (bool: a Uint8Array of 0/1). PyTorch: `Tensor.dtype`. */
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  private _requiresGrad = false;
  /** Accumulated gradient of a leaf after `backward()`; `null` until then. */
  grad: Tensor | null = null;
  /** The autograd node that produced this tensor (`null` for leaves and untracked results). */
  _node: GradNode | null = null;
  /** Shared with every view of the same storage; bumped by in-place writes. */
  readonly _version: VersionCounter;
  /**
   * The tensor this one is a view of (the root of a chain of views), or `null` for a tensor that owns its
   * layout. Autograd needs it for an in-place write through a view: the base's history is rewritten
   * (PyTorch's `_base` and CopySlices). `detach()` views have none, as in PyTorch.
   */
  _base: Tensor | null = null;

  constructor(
    storage: Storage,
    shape: readonly number[],
    strides?: readonly number[],
    offset = 0,
    version?: VersionCounter,
    dtype: DType = dtypeOfStorage(storage),
  ) {
    this.storage = storage;
    this.dtype = dtype;
    this.shape = shape;
    this.strides = strides ?? contiguousStrides(shape);
    this.offset = offset;
    this._version = version ?? new VersionCounter();
  }

  /** Whether autograd tracks operations on this tensor; only floating tensors can. PyTorch: `requires_grad`. */
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }

  set requiresGrad(flag: boolean) {
    if (flag && !isFloating(this.dtype)) {
      throw new Error(`requiresGrad: only Tensors of floating point dtype can require gradients (got ${this.dtype})`);
    }
    this._requiresGrad = flag;
  }

  /** Number of dimensions. PyTorch: `Tensor.ndim`. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of dimensions, as a method. PyTorch: `Tensor.dim()`. */
  dim(): number {
    return this.shape.length;
  }

  /**
   * The shape, or the size of one (possibly negative) dim. PyTorch: `Tensor.size(dim)`.
   * @example zeros(2, 3).size(-1) // 3
   */
  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): number | readonly number[] {
    if (dim === undefined) return this.shape;
    return this.shape[normalizeDim("size", dim, this.ndim)]!;
  }

  /** Number of elements. PyTorch: `Tensor.numel()`. */
  numel(): number {
    return numelOf(this.shape);
  }

  /** Name of the op that produced this tensor, e.g. `"MulBackward"`; `null` for leaves. PyTorch: `grad_fn`. */
  get gradFn(): string | null {
    return this._node === null ? null : this._node.name;
  }

  /** True for tensors not produced by a recorded op. PyTorch: `Tensor.is_leaf`. */
  get isLeaf(): boolean {
    return this._node === null;
  }

  /** Whether the elements are laid out row-major without gaps. PyTorch: `is_contiguous()`. */
  isContiguous(): boolean {
    return isContiguousLayout(this.shape, this.strides);
  }

  /**
   * The single value of a one-element tensor (0 or 1 for bool: a number either way). PyTorch: `Tensor.item()`.
   * @example tensor([[3]]).item() // 3
   */
  item(): number {
    const n = this.numel();
    if (n !== 1) throw new Error(`item: a Tensor with ${n} elements cannot be converted to a number`);
    return this.storage[this.offset]!;
  }

  /**
   * A contiguous row-major copy of the elements as float32 (converted from other dtypes).
   * PyTorch: `t.contiguous().view(-1).float().numpy().copy()`.
   * @example tensor([[1, 2], [3, 4]]).T.toFloat32Array() // Float32Array [1, 3, 2, 4]
   */
  toFloat32Array(): Float32Array {
    const n = this.numel();
    if (this.isContiguous()) {
      const part = this.storage.subarray(this.offset, this.offset + n);
      return part instanceof Float32Array ? part.slice() : Float32Array.from(part);
    }
    return this.copyInto(new Float32Array(n));
  }

  /**
   * A contiguous row-major copy of the elements in their own typed array (Int32Array for int32,
   * Uint8Array of 0/1 for bool). PyTorch: `t.contiguous().view(-1).numpy().copy()`.
   * @example tensor([1, 2], { dtype: "int32" }).toTypedArray() // Int32Array [1, 2]
   */
  toTypedArray(): Storage {
    const n = this.numel();
    if (this.isContiguous()) return this.storage.slice(this.offset, this.offset + n);
    return this.copyInto(allocStorage(this.dtype, n));
  }

  /** Writes the elements row-major into `out` (of `numel()` elements) and returns it. */
  private copyInto<T extends Storage>(out: T): T {
    const n = out.length;
    if (n === 0) return out;
    const { shape, strides, storage } = this;
    const last = shape.length - 1;
    const size = shape[last]!;
    const stride = strides[last]!;
    const rows = rowOffsets(shape, strides, this.offset, last);
    for (let r = 0, i = 0; r < rows.length; r++) {
      for (let j = 0, p = rows[r]!; j < size; j++, p += stride) out[i++] = storage[p]!;
    }
    return out;
  }

  /**
   * The elements as nested JS arrays (a number for a 0-d tensor). PyTorch: `Tensor.tolist()`.
   * @example tensor([[1, 2], [3, 4]]).toArray() // [[1, 2], [3, 4]]
   */
  toArray(): NestedArray {
    const values = this.toTypedArray();
    const flat: ArrayLike<number | boolean> = this.dtype === "bool" ? Array.from(values, (v) => v !== 0) : values;
    const shape = this.shape;
    if (shape.length === 0) return flat[0]!;
    let pos = 0;
    const build = (d: number): NestedArray[] => {
      const out: NestedArray[] = [];
      const n = shape[d]!;
      if (d === shape.length - 1) {
        for (let i = 0; i < n; i++) out.push(flat[pos++]!);
      } else {
        for (let i = 0; i < n; i++) out.push(build(d + 1));
      }
      return out;
    };
    return build(0);
  }

  /** Printed like PyTorch: `tensor([[1., 2.], [3., 4.]], requiresGrad=true)`. PyTorch: `repr(t)`. */
  toString(): string {
    return formatTensor(this.storage, this.shape, this.strides, this.offset, {
      dtype: this.dtype,
      requiresGrad: this.requiresGrad && this._node === null,
      gradFn: this.gradFn,
    });
  }

  /**
   * What `JSON.stringify(t)` writes: the shape, the values as nested arrays, and the autograd flags —
   * not the storage, strides or graph internals. PyTorch has no JSON form; this is `t.tolist()` plus the shape.
   * @example JSON.stringify(tensor([[1, 2]])) // '{"shape":[1,2],"data":[[1,2]],"requiresGrad":false}'
   */
  toJSON(): { shape: number[]; data: NestedArray; requiresGrad: boolean; gradFn?: string } {
    const json: { shape: number[]; data: NestedArray; requiresGrad: boolean; gradFn?: string } = {
      shape: [...this.shape], data: this.toArray(), requiresGrad: this.requiresGrad,
    };
    if (this.gradFn !== null) json.gradFn = this.gradFn;
    return json;
  }

  /** Node's `console.log` shows the PyTorch-style print too. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
