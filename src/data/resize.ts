/** Bilinear image resizing with PyTorch's `align_corners=False` convention (no antialiasing). */
import { fmtShape, numelOf } from "../tensor/shape.js";
import { contiguousCopy } from "../tensor/views.js";
import { castKernel } from "../tensor/kernels/elementwise.js";
import { Tensor } from "../tensor/tensor.js";

/** For each output index along one axis: the two source indices and the weight of the second. */
export interface BilinearAxis {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly weightHi: Float64Array;
}

/** Precomputed sampling positions for resizing `inH × inW` planes to `outH × outW`. */
export interface BilinearPlan {
  readonly inH: number;
  readonly inW: number;
  readonly outH: number;
  readonly outW: number;
  readonly rows: BilinearAxis;
  readonly cols: BilinearAxis;
}

/**
 * Sampling positions along one axis. Output pixel `d` samples the source at
 * `(d + 0.5) · in/out − 0.5` clamped below at 0 (pixel centres line up, `align_corners=False`);
 * past the last source pixel the second neighbour is the last pixel again.
 * PyTorch: `area_pixel_compute_source_index` in `UpSample.h`.
 * @example bilinearAxis(2, 4) // lo [0, 0, 0, 1], hi [1, 1, 1, 1], weightHi [0, 0.25, 0.75, 0.25]
 */
export function bilinearAxis(inSize: number, outSize: number): BilinearAxis {
  const lo = new Int32Array(outSize);
  const hi = new Int32Array(outSize);
  const weightHi = new Float64Array(outSize);
  const scale = inSize / outSize;
  for (let d = 0; d < outSize; d++) {
    const src = Math.max((d + 0.5) * scale - 0.5, 0);
    const i0 = Math.min(Math.floor(src), inSize - 1);
    lo[d] = i0;
    hi[d] = i0 < inSize - 1 ? i0 + 1 : i0;
    weightHi[d] = src - i0;
  }
  return { lo, hi, weightHi };
}

/**
 * The sampling plan for `inH × inW → outH × outW`; build it once, reuse it for every image.
 * @example const plan = bilinearPlan(28, 28, 64, 64);
 */
export function bilinearPlan(inH: number, inW: number, outH: number, outW: number): BilinearPlan {
  for (const [name, v] of [["inH", inH], ["inW", inW], ["outH", outH], ["outW", outW]] as const) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`resize: ${name} must be a positive integer, found ${v}`);
  }
  return { inH, inW, outH, outW, rows: bilinearAxis(inH, outH), cols: bilinearAxis(inW, outW) };
}

/**
 * Resizes one row-major plane read from `src` at `srcOffset` (a Float32Array or the uint8 pixels
 * themselves) into `out` at `outOffset`, following `plan`.
 * PyTorch: the per-plane loop of `upsample_bilinear2d`.
 * @example resizePlane(image, 0, out, 0, bilinearPlan(2, 2, 4, 4));
 */
export function resizePlane(
  src: Float32Array | Uint8Array,
  srcOffset: number,
  out: Float32Array,
  outOffset: number,
  plan: BilinearPlan,
): void {
  const { inW, outH, outW, rows, cols } = plan;
  const { lo: x0s, hi: x1s, weightHi: wx1s } = cols;
  let o = outOffset;
  for (let oy = 0; oy < outH; oy++) {
    const r0 = srcOffset + rows.lo[oy]! * inW;
    const r1 = srcOffset + rows.hi[oy]! * inW;
    const wy1 = rows.weightHi[oy]!;
    const wy0 = 1 - wy1;
    for (let ox = 0; ox < outW; ox++) {
      const x0 = x0s[ox]!;
      const x1 = x1s[ox]!;
      const wx1 = wx1s[ox]!;
      const wx0 = 1 - wx1;
      out[o++] = wy0 * (wx0 * src[r0 + x0]! + wx1 * src[r0 + x1]!) + wy1 * (wx0 * src[r1 + x0]! + wx1 * src[r1 + x1]!);
    }
  }
}

/**
 * Resizes the last two dims of `input` (`[..., H, W]`) to `size` (`[h, w]`, or `n` for `[n, n]`)
 * by bilinear interpolation. Returns a new contiguous tensor `[..., h, w]`.
 * PyTorch: `F.interpolate(x, size, mode="bilinear", align_corners=False)`, torchvision
 * `Resize(size, antialias=False)` on a tensor.
 * @example resizeBilinear(fromArray([0, 1, 2, 3], [1, 2, 2]), 4).shape // [1, 4, 4]
 */
export function resizeBilinear(input: Tensor, size: number | readonly [number, number]): Tensor {
  const [outH, outW] = typeof size === "number" ? [size, size] : size;
  const nd = input.shape.length;
  if (nd < 2) throw new Error(`resizeBilinear: expected a tensor shaped [..., H, W], found ${fmtShape(input.shape)}`);
  const inH = input.shape[nd - 2]!;
  const inW = input.shape[nd - 1]!;
  const plan = bilinearPlan(inH, inW, outH, outW);
  // Bytes (pixels) and float32 are read as they are; other dtypes are resized as float32.
  const src = contiguousCopy(input.dtype === "uint8" || input.dtype === "float32" ? input : castKernel(input, "float32"));
  const storage = src.storage as Float32Array | Uint8Array;
  const planes = numelOf(input.shape) / (inH * inW);
  const out = new Float32Array(planes * outH * outW);
  for (let p = 0; p < planes; p++) resizePlane(storage, src.offset + p * inH * inW, out, p * outH * outW, plan);
  return new Tensor(out, [...input.shape.slice(0, -2), outH, outW]);
}
