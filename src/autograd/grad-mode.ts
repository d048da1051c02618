import { describeValue } from "../tensor/describe.js";

/** Whether differentiable ops record onto the tape. One process-wide switch, as PyTorch's grad mode. */
let enabled = true;

/** True when ops record for autograd. PyTorch: `torch.is_grad_enabled()`. @example isGradEnabled() // true */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Sets grad mode and returns the previous value. PyTorch: `torch.set_grad_enabled(mode)`. @example setGradEnabled(false) */
export function setGradEnabled(mode: boolean): boolean {
  if (typeof mode !== "boolean") throw new Error(`setGradEnabled: expected mode to be true or false, got ${describeValue(mode)}`);
  const previous = enabled;
  enabled = mode;
  return previous;
}

function withGradMode<T>(op: string, mode: boolean, fn: () => T): T {
  if (typeof fn !== "function") throw new Error(`${op}: expected a function to run, got ${fn === null ? "null" : typeof fn}`);
  const previous = setGradEnabled(mode);
  let result: T;
  try {
    result = fn();
  } finally {
    enabled = previous;
  }
  if (isThenable(result)) {
    // The mode is one process-wide switch: it is restored when fn returns, i.e. at its first `await`,
    // so the rest of an async function would run in the wrong mode (and other code in it meanwhile).
    Promise.resolve(result).catch(() => undefined);
    throw new Error(
      `${op}: the function returned a Promise; grad mode is one global switch restored when the function returns, so everything after its first await would run with grad mode ${mode ? "off" : "on"}. Call ${op} on the synchronous parts inside the async function instead`,
    );
  }
  return result;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";
}

/**
 * Runs `fn` with recording off: nothing it computes is tracked. `fn` must be synchronous: one that returns
 * a Promise is an error (the mode would come back on at its first `await`). PyTorch: `with torch.no_grad():`.
 * @example noGrad(() => w.sub_(w.grad!.mul(lr)))
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode("noGrad", false, fn);
}

/** Runs `fn` with recording on, even inside `noGrad`. PyTorch: `with torch.enable_grad():`. @example enableGrad(() => x.mul(x)) */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode("enableGrad", true, fn);
}
