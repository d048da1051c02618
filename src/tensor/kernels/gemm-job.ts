/**
 * The job protocol between `gemmParallel` (./gemm-parallel.ts) and its helper threads
 * (./gemm-worker.ts): the slots of the shared Int32Array control block, the message that hands a helper
 * a new data buffer, who claims a job, and how a helper runs one.
 */
import { BACKENDS, gemmFor } from "../backend.js";

/** Slots of a helper's Int32Array control block. */
export const Slot = {
  /** Set to 1 by the helper once it is waiting for jobs. */
  READY: 0,
  /** Number of the job coming: bumped (and notified) before its operands are copied, to wake the helper early. */
  JOB: 1,
  /** Number of the last job whose operands and fields are in place (the helper spins on it). */
  POSTED: 2,
  /**
   * Number of the last job claimed, by the helper or by the caller: whoever moves it from job − 1 to
   * job (compare-and-swap) computes the job. The caller claims a job the helper has not started once
   * its own part is done: a helper that takes milliseconds to wake (a descheduled vCPU) costs nothing.
   */
  CLAIMED: 3,
  /** Number of the last job the helper finished (the caller waits on it). */
  DONE: 4,
  /** 0 if the last job the helper ran went through, 1 if it threw. */
  FAILED: 5,
  /** Generation of the data buffer the job's offsets refer to. */
  GENERATION: 6,
  M: 7, N: 8, K: 9,
  A: 10, A_ROW_STRIDE: 11, A_COL_STRIDE: 12,
  B: 13, B_ROW_STRIDE: 14, B_COL_STRIDE: 15,
  C: 16, LDC: 17,
  ACCUMULATE: 18,
  /** Offset of the bias row in the data buffer, −1 without bias (its stride is 1). */
  BIAS: 19,
  /** How long the helper's last job took, in µs (for balancing the next cut). */
  MICROS: 20,
  /** The caller's backend (its index in `BACKENDS`): the helper runs the same kernel. */
  BACKEND: 21,
} as const;
/** Length of the control block: one past the last slot. */
export const CONTROL_SLOTS = Math.max(...Object.values(Slot)) + 1;

/** The message that hands a helper a new data buffer. */
export interface DataBufferMessage {
  generation: number;
  buffer: SharedArrayBuffer;
}

/**
 * Claims job number `job` for whoever calls (helper or caller): true if it was still unclaimed.
 * @example if (claimJob(control, job)) runGemmJob(control, data)
 */
export function claimJob(control: Int32Array, job: number): boolean {
  const previous = (job - 1) | 0;
  return Atomics.compareExchange(control, Slot.CLAIMED, previous, job) === previous;
}

/**
 * Runs the job described in `control` on `data` (a helper's side of the protocol): one `gemm` call on
 * the copies the caller made.
 * @example runGemmJob(new Int32Array(sharedControl), new Float32Array(sharedData))
 */
export function runGemmJob(control: Int32Array, data: Float32Array): void {
  const at = (slot: number): number => control[slot]!;
  const bias = at(Slot.BIAS);
  gemmFor(BACKENDS[at(Slot.BACKEND)])(
    at(Slot.M), at(Slot.N), at(Slot.K),
    data, at(Slot.A), at(Slot.A_ROW_STRIDE), at(Slot.A_COL_STRIDE),
    data, at(Slot.B), at(Slot.B_ROW_STRIDE), at(Slot.B_COL_STRIDE),
    data, at(Slot.C), at(Slot.LDC),
    at(Slot.ACCUMULATE) === 1,
    bias < 0 ? undefined : data, Math.max(bias, 0), 1,
  );
}

