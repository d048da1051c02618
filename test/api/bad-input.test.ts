/**
 * The bad inputs of issue 14 §1–2, one by one: each was a TypeError/RangeError from inside, or a silently
 * wrong result, and is now an Error naming the op, the argument and the value. (The property tests in
 * boundaries.test.ts cover the same kinds for every public function.)
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  arange, backward, cat, data, gather, indexSelect, isGradEnabled, matmul, noGrad, enableGrad, tensor, where, zeros, ones, Generator, nn, optim, setWorkerUrl,
} from "../../src/index.js";
import { parseIdx } from "../../src/data/idx.js";
import { throwsError } from "../helpers/assert.js";

test("§1 non-tensors where a tensor belongs name the op and the argument", () => {
  throwsError(() => cat([zeros(2), [1, 2] as never]), "cat: expected tensors[1] to be a Tensor, got an Array [1, 2]");
  throwsError(() => matmul(zeros(2, 2), [[1], [2]] as never), "matmul: expected other to be a Tensor");
  throwsError(() => gather(zeros(2, 2), 1, [[0], [1]] as never), "gather: expected index to be a Tensor");
  throwsError(() => where([1, 0] as never, ones(2), 0), "where: expected condition to be a Tensor");
  const y = tensor([1, 2], { requiresGrad: true }).mul(2);
  throwsError(() => y.backward([1, 1] as never), "backward: expected the gradient to be a Tensor of shape [2], got an Array [1, 1]");
  throwsError(() => new data.TensorDataset(zeros(3, 2), [1, 2, 3] as never), "TensorDataset: expected tensor 1 to be a Tensor, got an Array");
  throwsError(() => new data.DataLoader(null as never), "DataLoader: expected a dataset", "got null");
  const ds = new data.TensorDataset(zeros(3, 2));
  throwsError(() => new data.DataLoader(ds, { generator: { seed: 1 } as never }), "DataLoader: expected generator to be a Generator");
  throwsError(() => zeros("3" as never), "zeros: invalid shape", '"3" (a string)');
  throwsError(() => parseIdx(new Uint8Array(8), "pixels" as never, "mem"), 'parseIdx: unknown IDX kind "pixels" (a string) (known: images, labels)');
  throwsError(() => zeros(1e6, 1e6), "zeros: shape [1000000, 1000000] has 1.00e+12 elements, more than a tensor can hold");
  throwsError(() => arange(0, Infinity), "arange: expected end to be a finite number, got Infinity");
  throwsError(() => setWorkerUrl(3 as never), "setWorkerUrl: expected a URL or a string, got 3");
});

test("§2 fractional and NaN bounds and dims are errors, not views at offset 1.5", () => {
  throwsError(() => arange(4).slice(0, 0.5, 2), "slice: expected start to be an integer, got 0.5");
  throwsError(() => zeros(2, 3).flatten(0.5), "flatten: expected dim to be an integer, got 0.5");
  throwsError(() => arange(0, NaN), "arange: expected end to be a finite number, got NaN");
  throwsError(() => zeros(2, 3).sum(NaN), "sum: expected dim to be an integer, got NaN");
  throwsError(() => zeros(2, 3).narrow(1, 0.5, 1), "narrow: expected start to be an integer, got 0.5");
});

test("§2/§4 indices: negative is an index error as in PyTorch, a fraction is named as one, indexSelect names itself", () => {
  // PyTorch: torch.tensor([1., 2., 3.]).index_select(0, torch.tensor([-1])) raises IndexError "index out of range".
  throwsError(() => indexSelect(tensor([1, 2, 3]), 0, tensor([-1])), "indexSelect: index -1 is out of bounds for dimension with size 3");
  throwsError(() => gather(tensor([1, 2, 3]), 0, tensor([0.5])), "gather: index 0.5 is not an integer");
  throwsError(() => indexSelect(tensor([1, 2, 3]), 0, tensor([3])), "indexSelect: index 3 is out of bounds");
});

test("§2 misspelt options are errors naming the key and the known ones", () => {
  const ds = new data.TensorDataset(zeros(4, 2));
  throwsError(() => new data.DataLoader(ds, { batch_size: 4 } as never), 'DataLoader: unknown option "batch_size" (known: batchSize, shuffle, dropLast, generator)');
  throwsError(() => new data.FashionMNIST({ trian: false } as never), 'FashionMNIST: unknown option "trian" (known: root, train, resize, searchDirs)');
  throwsError(() => zeros(2, { requires_grad: true } as never), 'zeros: unknown option "requires_grad" (known: requiresGrad, dtype)');
  throwsError(() => new data.DataLoader(ds, { batchSize: 2, generator: new Generator(0), shuffle: "yes" as never }), "DataLoader: expected shuffle to be true or false");
});

test("§2 noGrad/enableGrad of an async function throw, saying why, and leave grad mode as it was", async () => {
  const message = throwsError(() => noGrad(async () => 1), "noGrad: the function returned a Promise", "first await");
  assert.ok(message.includes("grad mode is one global switch"));
  assert.ok(isGradEnabled(), "grad mode is back on after the throw");
  throwsError(() => enableGrad(() => Promise.resolve(1)), "enableGrad: the function returned a Promise");
  // A rejected promise from the refused function does not surface as an unhandled rejection.
  throwsError(() => noGrad(async () => { throw new Error("inside"); }), "noGrad:");
  await new Promise((r) => setTimeout(r, 5));
});

test("§4 backward's options may come first (the Python habit): backward({ retainGraph: true }) keeps the graph", () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const y = x.mul(x).sum();
  y.backward({ retainGraph: true });
  y.backward();
  // d/dx Σx² = 2x, accumulated twice: 4x = [4, 8] (by hand).
  assert.equal([...x.grad!.toFloat32Array()], [4, 8]);
  const z = x.mul(3).sum();
  backward(z, { retainGraph: true });
  throwsError(() => backward(z, { retain_graph: true } as never), 'backward: unknown option "retain_graph" (known: retainGraph, createGraph)');
  throwsError(() => z.backward({ retainGraph: true }, { retainGraph: true }), "backward: got options twice");
});

test("modules and optimizers check their arguments too", () => {
  const net = new nn.Linear(2, 1);
  throwsError(() => net.loadStateDict(null as never), "loadStateDict: expected a state dict", "got null");
  throwsError(() => net.loadStateDict({ weight: [[1, 2]], bias: zeros(1) } as never), '"weight" is not a Tensor (got an Array');
  throwsError(() => net.apply("init" as never), 'apply: expected a function of a module, got "init" (a string)');
  throwsError(() => net.zeroGrad({ set_to_none: false } as never), 'zeroGrad: unknown option "set_to_none" (known: setToNone)');
  const opt = new optim.SGD(net.parameters(), { lr: 0.1 });
  throwsError(() => opt.step(1 as never), "SGD.step: expected closure to be a function returning the loss, got 1");
  throwsError(() => tensor([1]).expandAs([2, 1] as never), "expandAs: expected other to be a Tensor");
});

test("§4 tensor() says what it found: a string, null, a typed array (pointing to fromArray), a ragged row", () => {
  throwsError(() => tensor(["1"] as never), 'tensor: expected numbers, booleans or nested arrays of them, found "1" (a string) at index [0]');
  throwsError(() => tensor([1, null] as never), "found null at index [1]");
  throwsError(() => tensor(new Float32Array(2) as never), "tensor: found a Float32Array as data; build tensors from typed arrays with fromArray(values, shape)");
  throwsError(() => tensor([[1, 2], [3]]), "tensor: ragged nested array: length 1 at index [1] (shape [2, 2]), expected 2");
});

test("§4 net.forward() with no input names the module; a string index names itself", () => {
  const net = new nn.Sequential(new nn.Linear(2, 1));
  type NoInput = { forward(...a: unknown[]): unknown };
  throwsError(() => (net as unknown as NoInput).forward(), "Sequential.forward: expected input to be a Tensor, got undefined");
  throwsError(() => (new nn.Linear(2, 1) as unknown as NoInput).forward(), "Linear.forward: expected input to be a Tensor, got undefined");
  throwsError(() => (new nn.MSELoss() as unknown as NoInput).forward(zeros(2)), "mseLoss: expected target to be a Tensor, got undefined");
  throwsError(() => new data.TensorDataset(zeros(2)).get("0" as never), 'TensorDataset.get: index "0" (a string) is out of range');
});

test.run();
