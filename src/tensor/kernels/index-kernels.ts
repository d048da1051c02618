import { Tensor } from "../tensor.js";
import { fmtShape, numelOf } from "../shape.js";
import { emptyTensor } from "./elementwise.js";
import { rowOffsets } from "../strided-offsets.js";

/** Indices are read from tensor data, so they can only be checked here; negative ones are an error, as in PyTorch. */
function checkIndex(op: string, value: number, size: number): number {
  if (!Number.isInteger(value)) throw new Error(`${op}: index ${value} is not an integer (indices are whole numbers)`);
  if (value < 0 || value >= size) throw new Error(`${op}: index ${value} is out of bounds for dimension with size ${size}`);
  return value;
}

/**
 * Gathers along `dim`: `out[…, j, …] = x[…, index[…, j, …], …]`; `out` has `index`'s shape.
 * With `scatter`, does the reverse into a zero tensor of `targetShape`: `out[…, index[…, j, …], …] += x[…, j, …]`.
 */
export function gatherScatterKernel(op: string, x: Tensor, dim: number, index: Tensor, scatterShape?: readonly number[]): Tensor {
  const scatter = scatterShape !== undefined;
  if (index.ndim === 0 && x.ndim === 0) {
    // A 0-d gather/scatter is the 1-element case; rowOffsets needs at least one dim.
    const one = (t: Tensor): Tensor => new Tensor(t.storage, [1], [1], t.offset, undefined, t.dtype);
    const r = gatherScatterKernel(op, one(x), 0, one(index), scatter ? [1] : undefined);
    return new Tensor(r.storage, [], [], r.offset, undefined, r.dtype);
  }
  if (index.dtype === "bool") throw new Error(`${op}: index must be an integer tensor (int32), got bool`);
  const big = scatter ? emptyTensor(scatterShape, x.dtype) : x;
  const small = scatter ? x : emptyTensor(index.shape, x.dtype);
  if (index.ndim !== big.ndim) {
    throw new Error(`${op}: index ${fmtShape(index.shape)} must have as many dims as the input ${fmtShape(big.shape)}`);
  }
  for (let d = 0; d < index.ndim; d++) {
    if (d !== dim && index.shape[d]! > big.shape[d]!) {
      throw new Error(`${op}: index ${fmtShape(index.shape)} is larger than the input ${fmtShape(big.shape)} outside dim ${dim}`);
    }
    if (scatter && index.shape[d]! > small.shape[d]!) {
      throw new Error(`${op}: index ${fmtShape(index.shape)} is larger than the source ${fmtShape(small.shape)} at dim ${d}`);
    }
  }
  const rowsBig = rowOffsets(index.shape, big.strides, big.offset, dim);
  const rowsSmall = rowOffsets(index.shape, small.strides, small.offset, dim);
  const rowsIdx = rowOffsets(index.shape, index.strides, index.offset, dim);
  const len = index.shape[dim]!;
  const size = big.shape[dim]!;
  const sBig = big.strides[dim]!;
  const sSmall = small.strides[dim]!;
  const sIdx = index.strides[dim]!;
  const bs = big.storage;
  const ss = small.storage;
  const is = index.storage;
  for (let r = 0; r < rowsIdx.length; r++) {
    for (let j = 0; j < len; j++) {
      const k = checkIndex(op, is[rowsIdx[r]! + j * sIdx]!, size);
      const pb = rowsBig[r]! + k * sBig;
      const ps = rowsSmall[r]! + j * sSmall;
      if (scatter) bs[pb] = bs[pb]! + ss[ps]!;
      else ss[ps] = bs[pb]!;
    }
  }
  return scatter ? big : small;
}

/** Index of the largest (`sign` = 1) or smallest (`sign` = -1) element along `dim`; first one on ties, NaN wins as in PyTorch. */
export function argReduceKernel(x: Tensor, dim: number, sign: 1 | -1): Tensor {
  const outShape = x.shape.map((d, i) => (i === dim ? 1 : d));
  const out = emptyTensor(outShape, "int32");
  const rows = rowOffsets(x.shape, x.strides, x.offset, dim);
  const len = x.shape[dim]!;
  const s = x.strides[dim]!;
  const data = x.storage;
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r]!;
    let best = 0;
    let bestValue = data[base]! * sign;
    for (let j = 1; j < len && bestValue === bestValue; j++) {
      const v = data[base + j * s]! * sign;
      if (v > bestValue || v !== v) {
        best = j;
        bestValue = v;
      }
    }
    out.storage[r] = best;
  }
  return out;
}
