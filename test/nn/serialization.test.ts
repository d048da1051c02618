import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import "../../src/autograd/methods.js";
import { Tensor } from "../../src/tensor/tensor.js";
import { fromArray, randn } from "../../src/tensor/creation.js";
import { Generator } from "../../src/tensor/random.js";
import { noGrad } from "../../src/autograd/grad-mode.js";
import { Sequential, Flatten, Linear, save, load, loadSafetensors, encodeSafetensors, decodeSafetensors } from "../../src/nn/index.js";
import { throwsError } from "../helpers/assert.js";

const dir = mkdtempSync(join(tmpdir(), "tsgrad-nn-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const bits = (t: Tensor): number[] => [...new Uint32Array(t.toFloat32Array().buffer)];

/** A safetensors file assembled by hand: u64 LE header length, the header (JSON of `header`, or a raw string), then `data`. */
function handMade(header: unknown, data: Uint8Array = new Uint8Array(0), lengthOverride?: bigint): Uint8Array {
  const json = new TextEncoder().encode(typeof header === "string" ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, lengthOverride ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function d2lNet(): Sequential {
  return new Sequential(new Flatten(), new Linear(6, 4));
}

test("save then load round-trips bit-exactly, special values included, into the same parameter objects", () => {
  const net = d2lNet();
  const special = [0, -0, Infinity, -Infinity, NaN, 1e-45, 3.4028234663852886e38, -1.5];
  noGrad(() => net.at<Linear>(1).bias!.copy_(fromArray(special.slice(0, 4), [4])));
  noGrad(() => net.at<Linear>(1).weight.narrow(0, 0, 1).narrow(1, 0, 4).copy_(fromArray(special.slice(4), [1, 4])));
  const path = join(dir, "net.safetensors");
  save(net, path);
  const other = d2lNet();
  const weight = other.at<Linear>(1).weight;
  assert.is(load(other, path), other);
  assert.is(other.at<Linear>(1).weight, weight);
  assert.equal(bits(weight), bits(net.at<Linear>(1).weight));
  assert.equal(bits(other.at<Linear>(1).bias!), bits(net.at<Linear>(1).bias!));
});

test("save(module) with no path gives the file's bytes, and load(module, bytes) reads them back bit-exactly", () => {
  const net = d2lNet();
  const bytes = save(net);
  const path = join(dir, "bytes.safetensors");
  save(net, path);
  assert.equal(bytes, new Uint8Array(readFileSync(path)));
  const other = d2lNet();
  assert.is(load(other, bytes), other);
  assert.equal(bits(other.at<Linear>(1).weight), bits(net.at<Linear>(1).weight));
  throwsError(() => load(other, bytes.subarray(0, 4)), "load: safetensors bytes is not a valid safetensors file");
  throwsError(() => load(new Sequential(new Flatten(), new Linear(3, 2)), bytes), "load: safetensors bytes does not fit Sequential");
});

test("the file follows the safetensors layout: u64 LE header length, JSON header, little-endian float32 data", () => {
  const net = d2lNet();
  const path = join(dir, "layout.safetensors");
  save(net, path);
  const bytes = readFileSync(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  assert.is((8 + headerLength) % 8, 0, "data section aligned to 8 bytes");
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString("utf8")) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  assert.equal(header, {
    "1.weight": { dtype: "F32", shape: [4, 6], data_offsets: [0, 96] },
    "1.bias": { dtype: "F32", shape: [4], data_offsets: [96, 112] },
  });
  assert.is(bytes.length, 8 + headerLength + 112);
  const w = net.at<Linear>(1).weight.toFloat32Array();
  for (let i = 0; i < w.length; i++) assert.is(view.getFloat32(8 + headerLength + 4 * i, true), w[i]);
});

test("encode/decode in memory: insertion order, 0-d and empty tensors, non-contiguous views", () => {
  const g = new Generator(1);
  const m = randn([3, 5], { generator: g });
  const tensors = { scalar: fromArray([7.5], []), empty: new Tensor(new Float32Array(0), [0, 3]), transposed: m.T };
  const back = decodeSafetensors(encodeSafetensors(tensors));
  assert.equal(Object.keys(back), ["scalar", "empty", "transposed"]);
  assert.equal(back.scalar!.shape, []);
  assert.is(back.scalar!.item(), 7.5);
  assert.equal(back.empty!.shape, [0, 3]);
  assert.equal(back.transposed!.shape, [5, 3]);
  assert.equal(bits(back.transposed!), bits(m.T));
});

test("load errors: missing file, shape mismatch, missing keys", () => {
  throwsError(() => load(d2lNet(), join(dir, "nope.safetensors")), "load: cannot read", "nope.safetensors");
  const path = join(dir, "small.safetensors");
  save(new Sequential(new Flatten(), new Linear(5, 4)), path);
  throwsError(() => load(d2lNet(), path), "small.safetensors does not fit Sequential", 'size mismatch for "1.weight"', "[4, 5]", "[4, 6]");
  throwsError(() => load(new Sequential(new Linear(6, 4)), path), 'missing keys "0.weight", "0.bias"', 'unexpected keys "1.weight", "1.bias"');
  assert.ok(loadSafetensors(path)["1.weight"] instanceof Tensor);
});

test("corrupt files give a clear error naming the file", () => {
  const f32 = (n: number): Uint8Array => new Uint8Array(4 * n);
  const cases: [string, Uint8Array, string][] = [
    ["short", new Uint8Array(5), "it is 5 bytes long, too short"],
    ["huge-header", handMade({}, new Uint8Array(0), 1000n), "the header length 1000 exceeds the 2 bytes"],
    ["not-json", handMade("{not json"), "the header is not valid JSON"],
    ["array", handMade([1, 2]), "the header is not a JSON object"],
    ["dtype", handMade({ w: { dtype: "F16", shape: [2], data_offsets: [0, 4] } }, f32(1)), 'tensor "w" has dtype "F16"; only F32 is supported'],
    ["shape", handMade({ w: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } }, f32(1)), 'tensor "w" has an invalid shape [-1]'],
    ["size", handMade({ w: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }, f32(2)), 'tensor "w" of shape [3] needs 12 bytes but its data_offsets span 8'],
    ["outside", handMade({ w: { dtype: "F32", shape: [2], data_offsets: [4, 12] } }, f32(2)), "outside the 8-byte data section"],
    ["gap", handMade({ w: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, f32(2)), "leave a gap or overlap at byte 0"],
    ["trailing", handMade({ w: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }, f32(2)), "the data section is 8 bytes but the tensors cover 4"],
    ["truncated", handMade({ w: { dtype: "F32", shape: [4], data_offsets: [0, 16] } }, f32(2)), "outside the 8-byte data section"],
  ];
  for (const [name, bytes, message] of cases) {
    const path = join(dir, `${name}.safetensors`);
    writeFileSync(path, bytes);
    throwsError(() => loadSafetensors(path), `load: ${path} is not a valid safetensors file`, message);
  }
  const ok = handMade({ __metadata__: { format: "pt" }, w: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }, f32(1));
  assert.equal(Object.keys(decodeSafetensors(ok)), ["w"], "__metadata__ is skipped");
});

test.run();
