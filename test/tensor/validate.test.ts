import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  checkAllocatable, checkOptions, describeValue, expectBoolean, expectFiniteNumber, expectGenerator, expectInteger, expectNumber, expectShape,
  expectTensor, expectTensorList, MAX_ELEMENTS,
} from "../../src/tensor/validate.js";
import { Generator, tensor, zeros } from "../../src/index.js";
import { throwsError } from "../helpers/assert.js";

test("describeValue names what was found: strings quoted, typed arrays and classes by name, objects by keys", () => {
  assert.is(describeValue("0.1"), '"0.1" (a string)');
  assert.is(describeValue(null), "null");
  assert.is(describeValue(undefined), "undefined");
  assert.is(describeValue(NaN), "NaN");
  assert.is(describeValue([1, "2"]), 'an Array [1, "2"]');
  assert.is(describeValue(new Float32Array(2)), "a Float32Array");
  assert.is(describeValue({ batch_size: 4 }), "an object { batch_size }");
  assert.is(describeValue(new Generator(1)), "a Generator");
});

test("each checker returns what it accepts and names the op, the argument and the value otherwise", () => {
  const t = zeros(2);
  assert.is(expectTensor("op", "x", t), t);
  throwsError(() => expectTensor("matmul", "other", [1, 2]), "matmul: expected other to be a Tensor, got an Array [1, 2]");
  assert.equal(expectTensorList("cat", "tensors", [t]), [t]);
  throwsError(() => expectTensorList("cat", "tensors", [t, 3]), "cat: expected tensors[1] to be a Tensor, got 3");
  throwsError(() => expectTensorList("cat", "tensors", t), "cat: expected tensors to be an array of Tensors, got a Tensor");
  assert.ok(Number.isNaN(expectNumber("full", "value", NaN)), "NaN is data, accepted where any number is");
  throwsError(() => expectNumber("full", "value", "1"), 'full: expected value to be a number, got "1" (a string)');
  throwsError(() => expectFiniteNumber("arange", "end", Infinity), "arange: expected end to be a finite number, got Infinity");
  assert.is(expectInteger("slice", "start", -3), -3);
  throwsError(() => expectInteger("slice", "start", 0.5), "slice: expected start to be an integer, got 0.5, which is not an integer");
  throwsError(() => expectInteger("slice", "start", NaN), "slice: expected start to be an integer, got NaN");
  assert.is(expectBoolean("sum", "keepdim", undefined, false), false);
  throwsError(() => expectBoolean("sum", "keepdim", 1, false), "sum: expected keepdim to be true or false, got 1");
  assert.is(expectGenerator("rand", undefined), undefined);
  throwsError(() => expectGenerator("rand", { seed: 1 }), "rand: expected generator to be a Generator (new Generator(seed)), got an object { seed }");
});

test("shapes: strings, NaN, fractions, negatives and sizes no typed array can hold are refused", () => {
  assert.equal(expectShape("zeros", [2, 0, 3]), [2, 0, 3]);
  throwsError(() => expectShape("zeros", "2, 3"), 'zeros: expected a shape (an array of sizes), got "2, 3" (a string)');
  throwsError(() => expectShape("zeros", ["2", 3]), "zeros: invalid shape", 'size "2" (a string) at position 0');
  throwsError(() => expectShape("zeros", [NaN]), "size NaN at position 0");
  throwsError(() => expectShape("zeros", [2, 0.5]), "size 0.5 at position 1");
  throwsError(() => expectShape("zeros", [-1]), "size -1 at position 0");
  throwsError(() => expectShape("zeros", [1e6, 1e6]), "zeros: shape [1000000, 1000000] has 1.00e+12 elements", `at most ${MAX_ELEMENTS}`);
  // 2³² − 1 is V8's typed-array length limit: new Float32Array(2 ** 32) throws "Invalid typed array length".
  assert.throws(() => new Float32Array(2 ** 32 + 1), RangeError);
  checkAllocatable("zeros", [MAX_ELEMENTS]);
  throwsError(() => checkAllocatable("zeros", [MAX_ELEMENTS + 1]), "zeros:", "more than a tensor can hold");
});

test("options: undefined is {}, an unknown key names itself and the known ones, a non-object is named", () => {
  assert.equal(checkOptions("DataLoader", undefined, ["batchSize"]), {});
  const opts = { batchSize: 4 };
  assert.is(checkOptions("DataLoader", opts, ["batchSize", "shuffle"]), opts);
  throwsError(() => checkOptions("DataLoader", { batch_size: 4 }, ["batchSize", "shuffle"]), 'DataLoader: unknown option "batch_size" (known: batchSize, shuffle)');
  throwsError(() => checkOptions("zeros", 3 as unknown as object, ["requiresGrad"]), "zeros: expected an options object { requiresGrad }, got 3");
  throwsError(() => checkOptions("zeros", tensor(1), ["requiresGrad"]), "got a Tensor");
});

test.run();
