/**
 * tsgrad's linear algebra, PyTorch's `torch.linalg`: small dense solvers, not differentiable.
 * @example
 * import { linalg, tensor } from "tsgrad";
 * linalg.solve(tensor([[2, 1], [1, 3]]), tensor([3, 5])) // tensor([0.8, 1.4])
 */
export { solve, inv } from "./solve.js";
