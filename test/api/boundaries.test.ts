/**
 * Every public function and class, given a bad argument of each kind it takes (a non-tensor, a fractional
 * or NaN dim, a string size, an unknown option key, …), throws a plain Error whose message starts with
 * the op's name — never a TypeError or RangeError from inside, and never a silently wrong result. The
 * functions come from the modules' exports, so a new export without a case in ./cases.ts fails here.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import * as tsgrad from "../../src/index.js";
import { Tensor } from "../../src/index.js";
import { METHOD_NAMES } from "../../src/autograd/methods.js";
import { INPLACE_CASES, METHOD_ONLY_CASES, NAMESPACE_CASES, ROOT_CASES, type Case } from "./cases.js";

/** Exports that take no arguments worth checking, or are not functions of user input. */
const NOT_CHECKED: Record<string, string> = {
  Tensor: "the class; tensors are made by the creation functions",
  Generator: "its seed is checked by manualSeed's case (the same code)",
  FunctionContext: "constructed by customOp, not by users",
  setWorkerUrl: "sets where browsers load the matmul worker from (a global setting); its argument check is in bad-input.test.ts",
};
/** Namespace exports outside this test's reach, with the reason. */
const NAMESPACE_NOT_CHECKED = new Set([
  // File and network I/O, async, owned by the platform layer and tested in test/nn/serialization.test.ts and test/data/.
  "nn.save", "nn.load", "nn.saveSafetensors", "nn.loadSafetensors", "nn.encodeSafetensors", "nn.decodeSafetensors",
  "data.readIdxFile", "data.parseIdx", "data.decodeIdx", "data.fetchBytes", "data.downloadFile", "data.downloadFashionMnist", "data.FashionMNIST", "data.resizeBilinear",
  "data.clearFashionMnistCache", "data.getFashionMnistLabels", "data.isBatchDataset",
  // Base classes: abstract, never constructed by users.
  "nn.Module", "nn.Loss", "nn.Parameter", "optim.Optimizer",
]);

function functionExports(prefix: string, ns: Record<string, unknown>): string[] {
  return Object.entries(ns).filter(([, v]) => typeof v === "function").map(([k]) => (prefix === "" ? k : `${prefix}.${k}`));
}

test("every public function has a case (or a stated reason not to)", () => {
  const root = functionExports("", tsgrad as unknown as Record<string, unknown>);
  const missing = root.filter((name) => !(name in ROOT_CASES) && !(name in NOT_CHECKED));
  assert.equal(missing, [], "root exports without a boundary case");
  const namespaced = [
    ...functionExports("nn", tsgrad.nn as unknown as Record<string, unknown>),
    ...functionExports("nn.functional", tsgrad.nn.functional as unknown as Record<string, unknown>),
    ...functionExports("nn.init", tsgrad.nn.init as unknown as Record<string, unknown>),
    ...functionExports("linalg", tsgrad.linalg as unknown as Record<string, unknown>),
    ...functionExports("optim", tsgrad.optim as unknown as Record<string, unknown>),
    ...functionExports("data", tsgrad.data as unknown as Record<string, unknown>),
  ];
  const uncovered = namespaced.filter((name) => !(name in NAMESPACE_CASES) && !NAMESPACE_NOT_CHECKED.has(name));
  assert.equal(uncovered, [], "namespace exports without a boundary case");
});

/**
 * Each Tensor method as a case: the function case of the same name called as a method on its first
 * (tensor) argument, so only the remaining arguments are substituted; methods with no such function
 * have their own case in METHOD_ONLY_CASES.
 */
function methodCase(name: string): Case | undefined {
  const own = METHOD_ONLY_CASES[name];
  if (own !== undefined) return own;
  const c = ROOT_CASES[name] ?? INPLACE_CASES[name];
  if (c === undefined || (c.slots[0] !== "T" && c.slots[0] !== "O")) return undefined;
  return {
    op: c.op,
    slots: `.${c.slots.slice(1)}`,
    args: c.args,
    call: (self, ...rest) => (Tensor.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!.call(self, ...rest),
  };
}

const METHOD_CASES: [string, Case][] = METHOD_NAMES.flatMap((name) => {
  const c = methodCase(name);
  return c === undefined ? [] : [[`Tensor#${name}`, c] as [string, Case]];
});

test("every Tensor method has a case", () => {
  assert.equal(METHOD_NAMES.filter((name) => methodCase(name) === undefined), [], "methods without a boundary case");
});

const ALL: [string, Case][] = [
  ...Object.entries(ROOT_CASES), ...Object.entries(INPLACE_CASES), ...Object.entries(NAMESPACE_CASES), ...METHOD_CASES,
];

test("every case's valid call succeeds (so the failures below come from the substituted argument)", () => {
  for (const [name, c] of ALL) {
    try {
      c.call(...c.args());
    } catch (e) {
      assert.unreachable(`${name}: the valid call threw ${String(e)}`);
    }
  }
});

const notTensor = fc.anything().filter((v) => !(v instanceof Tensor));
const nonNumberNonTensor = notTensor.filter((v) => typeof v !== "number" && v !== undefined);
const fractional = fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true });
const notADim = fc.oneof(fractional, fc.constantFrom(NaN, Infinity, -Infinity, "1", "0", null, {}, true));
const notAnInteger = fc.oneof(notADim, fc.constantFrom([1]));
const notANumber = fc.constantFrom("1", "0.1", null, [1], {}, true, 1n);
const notFinite = fc.oneof(notANumber, fc.constantFrom(NaN, Infinity, -Infinity));
const notABoolean = fc.constantFrom("true", 1, 0, null, {}, []);
const badShape = fc.oneof(
  fc.constantFrom(["2", 3], [0.5], [NaN], [2, -1.5], "2, 3", [Infinity], [1e6, 1e6, 1e6], null),
  fc.array(fc.oneof(fractional, fc.string()), { minLength: 1, maxLength: 3 }),
);
const badList = fc.oneof(fc.constantFrom(null, "ab", 3), fc.array(notTensor, { minLength: 1, maxLength: 3 }).map((a) => [tsgrad.zeros(2), ...a]));
const unknownKey = fc.stringMatching(/^[a-z][a-z_]{1,10}$/).map((k) => `x_${k}`);
const badOptions = unknownKey.map((k) => ({ [k]: 1 }));

/** The bad values of each slot kind, and whether `undefined` would be a valid default (then it is left out). */
const BAD: Record<string, fc.Arbitrary<unknown>> = {
  T: notTensor,
  O: nonNumberNonTensor,
  L: badList,
  D: notADim,
  I: notAnInteger,
  S: badShape,
  F: notFinite,
  N: notANumber,
  M: notANumber.filter((v) => v !== null),
  B: notABoolean,
  P: badOptions,
};

/** Asserts `fn` throws a plain Error whose message starts with `op`. */
function throwsNamed(fn: () => unknown, op: string, what: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (caught === undefined) assert.unreachable(`${what}: nothing was thrown`);
  assert.instance(caught, Error, `${what}: threw ${String(caught)}`);
  const err = caught as Error;
  if (err.constructor !== Error) assert.unreachable(`${what}: threw a ${err.constructor.name}: ${err.message}`);
  if (!err.message.startsWith(`${op}:`)) assert.unreachable(`${what}: message does not name ${op}: ${err.message}`);
}

for (const kind of Object.keys(BAD)) {
  test(`property: a bad ${kind === "P" ? "option key" : `argument of kind ${kind}`} is an Error naming the op, for every public function taking one`, () => {
    const failures: string[] = [];
    for (const [name, c] of ALL) {
      [...c.slots].forEach((slot, position) => {
        if (slot !== kind) return;
        const result = fc.check(
          fc.property(BAD[kind]!, (bad) => {
            const args = c.args();
            args[position] = bad;
            throwsNamed(() => c.call(...args), c.op, `${name} with ${fc.stringify(bad)} at argument ${position}`);
          }),
          { numRuns: 15, seed: 14 },
        );
        if (result.failed) failures.push(result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance));
      });
    }
    assert.equal(failures, [], "functions that let a bad argument through");
  });
}

test.run();
