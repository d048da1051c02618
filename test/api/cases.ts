/**
 * The public functions and classes, each with a valid call and what kind of value each argument is —
 * the table the boundary property tests drive. `slots` has one letter per argument:
 *   T a Tensor   O a Tensor or number   L a list of Tensors   D a dim   I an integer   S a shape
 *   F a finite number   N a number   M a number or null   B a boolean   P an options object   . not checked here
 * A public function with no case here fails `boundaries.test.ts`, so new functions get covered.
 */
import * as tsgrad from "../../src/index.js";
import * as inplace from "../../src/autograd/ops/inplace.js";
import { nn, optim, data, linalg, tensor, zeros, arange, Generator, type Tensor } from "../../src/index.js";

export interface Case {
  /** The name the error message must start with. */
  op: string;
  slots: string;
  /** Fresh valid arguments (in-place ops write into them). */
  args: () => unknown[];
  call: (...args: unknown[]) => unknown;
}

const x = (): Tensor => tensor([[1, -2, 3], [0.5, 4, -1]]);
const pos = (): Tensor => tensor([[1, 2, 3], [0.5, 4, 1]]);
const idx = (): Tensor => tensor([[0, 2], [1, 1]]);
const vec = (): Tensor => tensor([0, 2]);
const leaf = (): Tensor => tensor([1, 2], { requiresGrad: true });
const sq = (): Tensor => leaf().mul(leaf()).sum();

/** Any function: the table calls them with substituted, ill-typed arguments on purpose. */
type AnyFn = (...args: never[]) => unknown;
function fn(name: string, f: AnyFn, slots: string, args: () => unknown[]): Case {
  return { op: name, slots, args, call: f as unknown as (...a: unknown[]) => unknown };
}
function ctor(op: string, C: new (...args: never[]) => unknown, slots: string, args: () => unknown[]): Case {
  return { op, slots, args, call: (...a) => new (C as unknown as new (...b: unknown[]) => unknown)(...a) };
}

const unaryNames = ["neg", "exp", "log", "sqrt", "abs", "relu", "sigmoid", "tanh", "contiguous", "clone", "detach"] as const;
const binaryNames = ["add", "sub", "mul", "div", "pow", "maximum", "minimum", "eq", "ne", "gt", "ge", "lt", "le"] as const;
const t = tsgrad as unknown as Record<string, AnyFn>;

/** Cases by export name of the root module. */
export const ROOT_CASES: Record<string, Case> = {
  tensor: fn("tensor", tsgrad.tensor, ".P", () => [[1, 2], {}]),
  fromArray: fn("fromArray", tsgrad.fromArray, ".SP", () => [[1, 2, 3, 4], [2, 2], {}]),
  zeros: fn("zeros", tsgrad.zeros, "SP", () => [[2, 3], {}]),
  ones: fn("ones", tsgrad.ones, "SP", () => [[2, 3], {}]),
  full: fn("full", tsgrad.full, "SNP", () => [[2], 7, {}]),
  zerosLike: fn("zerosLike", tsgrad.zerosLike, "TP", () => [x(), {}]),
  onesLike: fn("onesLike", tsgrad.onesLike, "TP", () => [x(), {}]),
  fullLike: fn("fullLike", tsgrad.fullLike, "TNP", () => [x(), 2, {}]),
  arange: fn("arange", tsgrad.arange, "FFFP", () => [0, 5, 1, {}]),
  linspace: fn("linspace", tsgrad.linspace, "FFIP", () => [0, 1, 5, {}]),
  eye: fn("eye", tsgrad.eye, "IIP", () => [2, 3, {}]),
  randn: fn("randn", tsgrad.randn, "SP", () => [[2, 3], {}]),
  rand: fn("rand", tsgrad.rand, "SP", () => [[2, 3], {}]),
  normal: fn("normal", tsgrad.normal, "FFSP", () => [0, 1, [2], {}]),
  randint: fn("randint", tsgrad.randint, "IISP", () => [0, 10, [3], {}]),
  manualSeed: fn("manualSeed", tsgrad.manualSeed, "I", () => [0]),
  matmulNaive: fn("matmulNaive", tsgrad.matmulNaive, "TT", () => [x(), x().T]),
  setNumThreads: fn("setNumThreads", tsgrad.setNumThreads, "I", () => [tsgrad.getNumThreads()]),
  setBackend: fn("setBackend", tsgrad.setBackend, ".", () => [tsgrad.getBackend()]),
  getBackend: fn("getBackend", tsgrad.getBackend, "", () => []),
  wasmFeatures: fn("wasmFeatures", tsgrad.wasmFeatures, "", () => []),
  threadsAvailable: fn("threadsAvailable", tsgrad.threadsAvailable, "", () => []),
  getNumThreads: fn("getNumThreads", tsgrad.getNumThreads, "", () => []),
  noGrad: fn("noGrad", tsgrad.noGrad, ".", () => [() => 1]),
  enableGrad: fn("enableGrad", tsgrad.enableGrad, ".", () => [() => 1]),
  isGradEnabled: fn("isGradEnabled", tsgrad.isGradEnabled, "", () => []),
  setGradEnabled: fn("setGradEnabled", (m: boolean) => tsgrad.setGradEnabled(tsgrad.setGradEnabled(m)), "B", () => [true]),
  backward: fn("backward", tsgrad.backward, "T.P", () => [sq(), undefined, {}]),
  grad: fn("grad", tsgrad.grad, "LLP", () => { const a = leaf(); return [[a.mul(a).sum()], [a], {}]; }),
  gradcheck: fn("gradcheck", tsgrad.gradcheck, ".LP", () => [(a: Tensor) => a.mul(a), [leaf()], {}]),
  customOp: fn("customOp", tsgrad.customOp, "P", () => [{ name: "Id", forward: (_c: unknown, a: Tensor) => a.clone(), backward: (_c: unknown, g: Tensor) => g }]),
  ...Object.fromEntries(unaryNames.map((n) => [n, fn(n, t[n]!, "T", () => [pos()])])),
  ...Object.fromEntries(binaryNames.map((n) => [n, fn(n, t[n]!, "OO", () => [pos(), x()])])),
  clamp: fn("clamp", tsgrad.clamp, "TMM", () => [x(), -1, 1]),
  where: fn("where", tsgrad.where, "TOO", () => [x().gt(0), x(), 0]),
  sum: fn("sum", tsgrad.sum, "TDB", () => [x(), 1, false]),
  mean: fn("mean", tsgrad.mean, "TDB", () => [x(), 1, false]),
  max: fn("max", tsgrad.max, "TDB", () => [x(), 1, false]),
  min: fn("min", tsgrad.min, "TDB", () => [x(), 1, false]),
  amax: fn("amax", t.amax!, "TDB", () => [x(), 1, false]),
  amin: fn("amin", t.amin!, "TDB", () => [x(), 1, false]),
  argmax: fn("argmax", tsgrad.argmax, "TDB", () => [x(), 1, false]),
  argmin: fn("argmin", tsgrad.argmin, "TDB", () => [x(), 1, false]),
  logsumexp: fn("logsumexp", tsgrad.logsumexp, "TDB", () => [x(), 1, false]),
  softmax: fn("softmax", tsgrad.softmax, "TD", () => [x(), 1]),
  logSoftmax: fn("logSoftmax", tsgrad.logSoftmax, "TD", () => [x(), 1]),
  reshape: fn("reshape", tsgrad.reshape, "TS", () => [x(), [3, 2]]),
  view: fn("view", tsgrad.view, "TS", () => [x(), [3, 2]]),
  transpose: fn("transpose", tsgrad.transpose, "TDD", () => [x(), 0, 1]),
  permute: fn("permute", tsgrad.permute, "T.", () => [x(), [1, 0]]),
  expand: fn("expand", tsgrad.expand, "TS", () => [x(), [2, 2, 3]]),
  squeeze: fn("squeeze", tsgrad.squeeze, "TD", () => [zeros(2, 1), 1]),
  unsqueeze: fn("unsqueeze", tsgrad.unsqueeze, "TD", () => [x(), 0]),
  flatten: fn("flatten", tsgrad.flatten, "TDD", () => [x(), 0, 1]),
  narrow: fn("narrow", tsgrad.narrow, "TDII", () => [x(), 1, 0, 2]),
  slice: fn("slice", tsgrad.slice, "TDIII", () => [x(), 1, 0, 2, 1]),
  gather: fn("gather", tsgrad.gather, "TDT", () => [x(), 1, idx()]),
  scatterAdd: fn("scatterAdd", tsgrad.scatterAdd, "TDTS", () => [x().narrow(1, 0, 2), 1, idx(), [2, 3]]),
  indexSelect: fn("indexSelect", tsgrad.indexSelect, "TDT", () => [x(), 1, vec()]),
  cat: fn("cat", tsgrad.cat, "LD", () => [[x(), x()], 0]),
  stack: fn("stack", tsgrad.stack, "LD", () => [[x(), x()], 0]),
  matmul: fn("matmul", tsgrad.matmul, "TT", () => [x(), x().T]),
  mm: fn("mm", tsgrad.mm, "TT", () => [x(), x().T]),
  addmm: fn("addmm", tsgrad.addmm, "TTT", () => [zeros(2), x(), x().T]),
  to: fn("to", tsgrad.to, "T.", () => [x(), "float64"]),
  promoteTypes: fn("promoteTypes", tsgrad.promoteTypes, "..", () => ["int32", "float32"]),
  resultType: fn("resultType", tsgrad.resultType, ".", () => [[x(), 2.5]]),
  canCast: fn("canCast", tsgrad.canCast, "..", () => ["int32", "float32"]),
  isFloating: fn("isFloating", tsgrad.isFloating, ".", () => ["float64"]),
  gradgradcheck: fn("gradgradcheck", tsgrad.gradgradcheck, ".LP", () => [(a: Tensor) => a.mul(a).mul(a), [leaf()], {}]),
};

/** In-place ops (methods; their functions live in src/autograd/ops/inplace.ts), on fresh tensors. */
export const INPLACE_CASES: Record<string, Case> = {
  add_: fn("add_", inplace.add_, "TON", () => [x(), 1, 1]),
  sub_: fn("sub_", inplace.sub_, "TON", () => [x(), 1, 1]),
  mul_: fn("mul_", inplace.mul_, "TO", () => [x(), 2]),
  div_: fn("div_", inplace.div_, "TO", () => [x(), 2]),
  fill_: fn("fill_", inplace.fill_, "TN", () => [x(), 3]),
  zero_: fn("zero_", inplace.zero_, "T", () => [x()]),
  copy_: fn("copy_", inplace.copy_, "TT", () => [x(), pos()]),
  normal_: fn("normal_", inplace.normal_, "TFFP", () => [x(), 0, 1, {}]),
  uniform_: fn("uniform_", inplace.uniform_, "TFFP", () => [x(), 0, 1, {}]),
};

/** Tensor methods with no function of the same name (or a different argument order), called on their first argument. */
export const METHOD_ONLY_CASES: Record<string, Case> = {
  where: fn("where", (self: Tensor, c: Tensor, o: Tensor) => self.where(c, o), ".TO", () => [x(), x().gt(0), 0]),
  expandAs: fn("expandAs", (self: Tensor, o: Tensor) => self.expandAs(o), ".T", () => [tensor([[1], [2]]), x()]),
  float: fn("to", (self: Tensor) => self.float(), ".", () => [x()]),
  double: fn("to", (self: Tensor) => self.double(), ".", () => [x()]),
  int: fn("to", (self: Tensor) => self.int(), ".", () => [x()]),
  bool: fn("to", (self: Tensor) => self.bool(), ".", () => [x()]),
  requiresGrad_: fn("requiresGrad_", (self: Tensor, f: boolean) => self.requiresGrad_(f), ".B", () => [x(), true]),
  backward: fn("backward", (self: Tensor, g: undefined, o: object) => self.backward(g, o), "..P", () => [sq(), undefined, {}]),
};

const ds = (): data.TensorDataset => new data.TensorDataset(arange(6).reshape(3, 2), arange(3));
const mod = (M: new (...a: never[]) => nn.Module, ...a: unknown[]) => new (M as unknown as new (...b: unknown[]) => nn.Module)(...a);

/** Cases of the nn, optim and data namespaces, by `namespace.name`. */
export const NAMESPACE_CASES: Record<string, Case> = {
  "nn.Linear": ctor("Linear", nn.Linear, "IIP", () => [2, 3, {}]),
  "nn.Linear#forward": fn("Linear.forward", (a: Tensor) => mod(nn.Linear, 3, 1).forward(a), "T", () => [x()]),
  "nn.Sequential": ctor("Sequential", nn.Sequential, ".", () => [new nn.ReLU()]),
  "nn.Sequential#forward": fn("Sequential.forward", (a: Tensor) => new nn.Sequential(new nn.Linear(3, 1)).forward(a), "T", () => [x()]),
  "nn.Flatten": ctor("Flatten", nn.Flatten, "II", () => [0, -1]),
  "nn.Flatten#forward": fn("Flatten.forward", (a: Tensor) => new nn.Flatten().forward(a), "T", () => [x()]),
  "nn.ReLU": ctor("ReLU", nn.ReLU, "", () => []),
  "nn.ReLU#forward": fn("ReLU.forward", (a: Tensor) => new nn.ReLU().forward(a), "T", () => [x()]),
  "nn.MSELoss": ctor("MSELoss", nn.MSELoss, "P", () => [{}]),
  "nn.MSELoss#forward": fn("mseLoss", (a: Tensor, b: Tensor) => new nn.MSELoss().forward(a, b), "TT", () => [x(), pos()]),
  "nn.HuberLoss": ctor("HuberLoss", nn.HuberLoss, "P", () => [{}]),
  "nn.HuberLoss#forward": fn("huberLoss", (a: Tensor, b: Tensor) => new nn.HuberLoss().forward(a, b), "TT", () => [x(), pos()]),
  "nn.L1Loss": ctor("L1Loss", nn.L1Loss, "P", () => [{}]),
  "nn.L1Loss#forward": fn("l1Loss", (a: Tensor, b: Tensor) => new nn.L1Loss().forward(a, b), "TT", () => [x(), pos()]),
  "nn.SmoothL1Loss": ctor("SmoothL1Loss", nn.SmoothL1Loss, "P", () => [{}]),
  "nn.SmoothL1Loss#forward": fn("smoothL1Loss", (a: Tensor, b: Tensor) => new nn.SmoothL1Loss().forward(a, b), "TT", () => [x(), pos()]),
  "nn.CrossEntropyLoss": ctor("CrossEntropyLoss", nn.CrossEntropyLoss, "P", () => [{}]),
  "nn.CrossEntropyLoss#forward": fn("crossEntropy", (a: Tensor, b: Tensor) => new nn.CrossEntropyLoss().forward(a, b), "TT", () => [x(), vec()]),
  "nn.functional.linear": fn("linear", nn.functional.linear, "TT.", () => [x(), zeros(1, 3), null]),
  "nn.functional.mseLoss": fn("mseLoss", nn.functional.mseLoss, "TTP", () => [x(), pos(), {}]),
  "nn.functional.huberLoss": fn("huberLoss", nn.functional.huberLoss, "TTP", () => [x(), pos(), {}]),
  "nn.functional.l1Loss": fn("l1Loss", nn.functional.l1Loss, "TTP", () => [x(), pos(), {}]),
  "nn.functional.smoothL1Loss": fn("smoothL1Loss", nn.functional.smoothL1Loss, "TTP", () => [x(), pos(), {}]),
  "nn.functional.crossEntropy": fn("crossEntropy", nn.functional.crossEntropy, "TTP", () => [x(), vec(), {}]),
  "nn.functional.relu": fn("relu", nn.functional.relu, "T", () => [x()]),
  "nn.functional.softmax": fn("softmax", nn.functional.softmax, "TD", () => [x(), 1]),
  "nn.functional.logSoftmax": fn("logSoftmax", nn.functional.logSoftmax, "TD", () => [x(), 1]),
  "nn.Module#apply": fn("apply", (f: unknown) => new nn.Linear(2, 1).apply(f as () => void), ".", () => [() => undefined]),
  "nn.Module#train": fn("train", (m: boolean) => new nn.Linear(2, 1).train(m), "B", () => [true]),
  "nn.Module#zeroGrad": fn("zeroGrad", (o: object) => new nn.Linear(2, 1).zeroGrad(o), "P", () => [{ setToNone: false }]),
  "nn.Module#loadStateDict": fn("loadStateDict", (sd: nn.StateDict, o: object) => { const l = new nn.Linear(2, 1); return l.loadStateDict(sd ?? l.stateDict(), o); }, ".P", () => [undefined, {}]),
  "optim.SGD#zeroGrad": fn("zeroGrad", (o: object) => new optim.SGD([leaf()], { lr: 0.1 }).zeroGrad(o), "P", () => [{}]),
  "nn.init.normal_": fn("init.normal_", nn.init.normal_, "TFFP", () => [zeros(2, 3), 0, 1, {}]),
  "nn.init.uniform_": fn("init.uniform_", nn.init.uniform_, "TFFP", () => [zeros(2, 3), 0, 1, {}]),
  "nn.init.constant_": fn("init.constant_", nn.init.constant_, "TN", () => [zeros(2, 3), 1]),
  "nn.init.zeros_": fn("init.zeros_", nn.init.zeros_, "T", () => [zeros(2, 3)]),
  "nn.init.ones_": fn("init.ones_", nn.init.ones_, "T", () => [zeros(2, 3)]),
  "nn.init.fans": fn("init.fans", nn.init.fans, "T", () => [zeros(2, 3)]),
  "nn.init.calculateGain": fn("calculateGain", nn.init.calculateGain, "..", () => ["relu", undefined]),
  "nn.init.xavierUniform_": fn("init.xavierUniform_", nn.init.xavierUniform_, "TP", () => [zeros(2, 3), {}]),
  "nn.init.xavierNormal_": fn("init.xavierNormal_", nn.init.xavierNormal_, "TP", () => [zeros(2, 3), {}]),
  "nn.init.kaimingUniform_": fn("init.kaimingUniform_", nn.init.kaimingUniform_, "TP", () => [zeros(2, 3), {}]),
  "nn.init.kaimingNormal_": fn("init.kaimingNormal_", nn.init.kaimingNormal_, "TP", () => [zeros(2, 3), {}]),
  "linalg.solve": fn("linalg.solve", linalg.solve, "TT", () => [tensor([[2, 1], [1, 3]]), tensor([3, 5])]),
  "linalg.inv": fn("linalg.inv", linalg.inv, "T", () => [tensor([[2, 1], [1, 3]])]),
  "optim.SGD": ctor("SGD", optim.SGD, ".P", () => [[leaf()], { lr: 0.1 }]),
  "data.TensorDataset": ctor("TensorDataset", data.TensorDataset, "TT", () => [arange(6).reshape(3, 2), arange(3)]),
  "data.TensorDataset#get": fn("TensorDataset.get", (i: number) => ds().get(i), "I", () => [1]),
  "data.DataLoader": ctor("DataLoader", data.DataLoader, ".P", () => [ds(), { batchSize: 2, generator: new Generator(0) }]),
};
