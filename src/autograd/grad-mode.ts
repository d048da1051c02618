/** Whether differentiable ops record onto the tape. One process-wide switch, as PyTorch's grad mode. */
let enabled = true;

/** True when ops record for autograd. PyTorch: `torch.is_grad_enabled()`. @example isGradEnabled() // true */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Sets grad mode and returns the previous value. PyTorch: `torch.set_grad_enabled(mode)`. @example setGradEnabled(false) */
export function setGradEnabled(mode: boolean): boolean {
  const previous = enabled;
  enabled = mode;
  return previous;
}

function withGradMode<T>(mode: boolean, fn: () => T): T {
  const previous = setGradEnabled(mode);
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/**
 * Runs `fn` with recording off: nothing it computes is tracked. PyTorch: `with torch.no_grad():`.
 * @example noGrad(() => w.sub_(w.grad!.mul(lr)))
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with recording on, even inside `noGrad`. PyTorch: `with torch.enable_grad():`. @example enableGrad(() => x.mul(x)) */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}
