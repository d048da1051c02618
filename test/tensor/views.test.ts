import { test } from "uvu";
import * as assert from "uvu/assert";
import fc from "fast-check";
import { Tensor, arange, fromArray, noGrad, tensor, zeros } from "../../src/index.js";
import { arbDim, arbPermutation, arbSameNumel, arbShape, arbStrided, buildStrided, expectedOf } from "../helpers/arbitraries.js";
import { allClose, assertTensor, EXACT, throwsError } from "../helpers/assert.js";
import { ref, refNumel, refPermute, unravel } from "../helpers/reference.js";

/** A contiguous base holding 1 … n, so every position is distinguishable. */
function base(shape: readonly number[]): Tensor {
  const n = refNumel(shape);
  return fromArray(Float32Array.from({ length: n }, (_, i) => i + 1), [...shape]);
}

/** A view op with its arguments, and which base positions (multi-indices) the view reaches. */
interface ViewCase {
  name: string;
  args: number[];
  apply: (t: Tensor) => Tensor;
  covers: (idx: readonly number[]) => boolean;
}

const everywhere = (): boolean => true;
const norm = (d: number, n: number): number => (d < 0 ? d + n : d);

function arbViewCase(shape: number[]): fc.Arbitrary<ViewCase> {
  const r = shape.length;
  const cases: fc.Arbitrary<ViewCase>[] = [
    arbSameNumel(shape).map((s) => ({ name: "reshape", args: s, apply: (t) => t.reshape(s), covers: everywhere })),
    arbSameNumel(shape).map((s) => ({ name: "view", args: s, apply: (t) => t.view(...s), covers: everywhere })),
    fc.tuple(arbDim(r), arbDim(r)).map(([a, b]) => ({ name: "transpose", args: [a, b], apply: (t) => t.transpose(a, b), covers: everywhere })),
    arbPermutation(r).map((p) => ({ name: "permute", args: p, apply: (t) => t.permute(p), covers: everywhere })),
    fc.constant({ name: "T", args: [], apply: (t: Tensor) => t.T, covers: everywhere }),
    fc.tuple(arbDim(r), arbDim(r)).map(([a, b]) => {
      const [s, e] = norm(a, r) <= norm(b, r) ? [a, b] : [b, a];
      return { name: "flatten", args: [s, e], apply: (t: Tensor) => t.flatten(s, e), covers: everywhere };
    }),
    fc.integer({ min: -r - 1, max: r }).map((d) => ({ name: "unsqueeze", args: [d], apply: (t: Tensor) => t.unsqueeze(d), covers: everywhere })),
    fc.constant({ name: "squeeze", args: [], apply: (t: Tensor) => t.squeeze(), covers: everywhere }),
    arbDim(r).map((d) => ({ name: "squeeze(dim)", args: [d], apply: (t: Tensor) => t.squeeze(d), covers: everywhere })),
    arbDim(r).chain((d) => {
      const size = shape[norm(d, r)]!;
      return fc
        .integer({ min: 0, max: size })
        .chain((start) => fc.tuple(fc.constant(start), fc.integer({ min: 0, max: size - start }), fc.boolean()))
        .map(([start, length, negative]) => {
          const s = negative && start > 0 ? start - size : start;
          return {
            name: "narrow",
            args: [d, s, length],
            apply: (t: Tensor) => t.narrow(d, s, length),
            covers: (idx: readonly number[]) => idx[norm(d, r)]! >= start && idx[norm(d, r)]! < start + length,
          };
        });
    }),
    fc.tuple(arbDim(r), fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 3 })).map(
      ([d, start, end, step]) => {
        const size = shape[norm(d, r)]!;
        // Python's slice rule, restated: negative bounds count from the end, then clip to [0, size].
        const clip = (i: number): number => Math.min(size, Math.max(0, i < 0 ? i + size : i));
        const lo = clip(start);
        const hi = clip(end);
        return {
          name: "slice",
          args: [d, start, end, step],
          apply: (t: Tensor) => t.slice(d, start, end, step),
          covers: (idx: readonly number[]) => {
            const i = idx[norm(d, r)]!;
            return i >= lo && i < hi && (i - lo) % step === 0;
          },
        };
      },
    ),
  ];
  const ones = shape.map((s) => s === 1);
  if (ones.some(Boolean)) {
    cases.push(
      fc
        .tuple(fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: r, maxLength: r }))
        .map(([lead, sizes]) => {
          const target = [...lead, ...shape.map((s, i) => (s === 1 ? sizes[i]! : i % 2 === 0 ? -1 : s))];
          return { name: "expand", args: target, apply: (t: Tensor) => t.expand(target), covers: everywhere };
        }),
    );
  }
  return fc.oneof(...cases);
}

const arbBaseAndView = arbShape({ minRank: 1, maxRank: 4, minSize: 1, maxSize: 4 }).chain((shape) =>
  fc.tuple(fc.constant(shape), arbViewCase(shape)),
);

test("property: views share storage, and a write through the view reaches exactly the positions it covers", () => {
  fc.assert(
    fc.property(arbBaseAndView, ([shape, c]) => {
      const b = base(shape);
      const original = b.toFloat32Array();
      const v = c.apply(b);
      assert.ok(v.storage === b.storage, `${c.name} shares storage`);
      if (v.shape.some((size, i) => size > 1 && v.strides[i] === 0)) {
        // PyTorch: torch.zeros(1, 3).expand(2, 3).fill_(1) raises "unsupported operation: more than one
        // element of the written-to tensor refers to a single memory location".
        throwsError(() => noGrad(() => v.fill_(-7)), "fill_: unsupported operation", "single memory location");
        return;
      }
      noGrad(() => v.fill_(-7));
      assert.ok(v.toFloat32Array().every((x) => x === -7), "the view reads back its own write");
      const after = b.toFloat32Array();
      for (let i = 0; i < after.length; i++) {
        const want = c.covers(unravel(i, shape)) ? -7 : original[i]!;
        if (after[i] !== want) assert.unreachable(`${c.name}(${c.args.join(", ")}): base[${i}] is ${after[i]}, expected ${want}`);
      }
      if (c.name !== "expand") {
        // mul_ through a view: every covered position is multiplied exactly once.
        const b2 = base(shape);
        noGrad(() => c.apply(b2).mul_(10));
        const scaled = b2.toFloat32Array();
        for (let i = 0; i < scaled.length; i++) {
          const want = c.covers(unravel(i, shape)) ? original[i]! * 10 : original[i]!;
          if (scaled[i] !== want) assert.unreachable(`${c.name} mul_: base[${i}] is ${scaled[i]}, expected ${want}`);
        }
      }
    }),
    { numRuns: 300 },
  );
});

test("views are O(1) rewrites: the same version counter as the base", () => {
  const b = zeros(2, 3);
  const v = b.T.narrow(0, 1, 2).unsqueeze(0);
  assert.ok(v._version === b._version);
  noGrad(() => v.add_(1));
  assert.is(b._version.value, 1);
});

test("property: reshape of a non-viewable layout copies (no shared storage) and keeps the values; view refuses", () => {
  fc.assert(
    fc.property(
      arbShape({ minRank: 2, maxRank: 4, minSize: 2, maxSize: 4 }),
      fc.integer({ min: 0, max: 3 }),
      (shape, k) => {
        const b = base(shape);
        const d = k % (shape.length - 1);
        const t = b.transpose(d, d + 1);
        const expected = refPermute(ref(shape, b.toFloat32Array()), swapOrder(shape.length, d, d + 1));
        const r = t.reshape(-1);
        assert.ok(r.storage !== b.storage, "reshape of a transposed tensor copies");
        allClose(r, expected.data, EXACT);
        noGrad(() => r.fill_(0));
        assert.equal([...b.toFloat32Array()], Array.from({ length: refNumel(shape) }, (_, i) => i + 1), "the base is untouched");
        throwsError(() => t.view(-1), "view:", "reshape()");
      },
    ),
    { numRuns: 50 },
  );
});

function swapOrder(n: number, a: number, b: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  [order[a], order[b]] = [order[b]!, order[a]!];
  return order;
}

test("property: on any strided layout, reshape(-1) shares storage exactly when view(-1) succeeds, with the same values", () => {
  fc.assert(
    fc.property(arbStrided(arbShape({ minRank: 1, maxRank: 4 })), (c) => {
      const t = buildStrided(c);
      const expected = expectedOf(c);
      const r = t.reshape(-1);
      allClose(r, expected.data, EXACT);
      let viewable = true;
      try {
        allClose(t.view(-1), expected.data, EXACT);
      } catch (e) {
        if (!(e instanceof Error) || !e.message.startsWith("view:")) throw e;
        viewable = false;
      }
      assert.is(r.storage === t.storage, viewable);
    }),
    { numRuns: 150 },
  );
});

test("contiguous() returns the very same tensor when contiguous, and a packed copy otherwise", () => {
  const b = arange(6).reshape(2, 3);
  assert.ok(b.contiguous() === b);
  const row = b.narrow(0, 1, 1);
  assert.ok(row.contiguous() === row, "a contiguous view at an offset is contiguous too");
  const t = b.T;
  assert.not.ok(t.isContiguous());
  const c = t.contiguous();
  assert.ok(c !== t && c.storage !== b.storage && c.isContiguous());
  assertTensor(c, [3, 2], [0, 3, 1, 4, 2, 5]);
  assert.equal([...c.strides], [2, 1]);
});

test("property: transpose∘transpose = id, permute∘inverse = id, reshape round-trips (layout and values)", () => {
  fc.assert(
    fc.property(
      arbStrided(arbShape({ minRank: 1, maxRank: 4 })).chain((c) =>
        fc.tuple(fc.constant(c), arbDim(c.shape.length), arbDim(c.shape.length), arbPermutation(c.shape.length)),
      ),
      ([c, a, b, perm]) => {
        const t = buildStrided(c);
        const expected = expectedOf(c);
        const tt = t.transpose(a, b).transpose(a, b);
        assert.equal([...tt.shape], [...t.shape]);
        assert.equal([...tt.strides], [...t.strides]);
        assert.is(tt.offset, t.offset);
        allClose(tt, expected, EXACT);

        const inverse = new Array<number>(perm.length);
        perm.forEach((d, i) => (inverse[d] = i));
        const p = t.permute(perm);
        allClose(p, refPermute(expected, perm), EXACT);
        const back = p.permute(inverse);
        assert.equal([...back.strides], [...t.strides]);
        allClose(back, expected, EXACT);

        const flat = t.reshape(-1);
        allClose(flat.reshape(c.shape), expected, EXACT);
        allClose(t.T.T, expected, EXACT);
      },
    ),
    { numRuns: 150 },
  );
});

test("shapes are accepted both ways: reshape(4, 6) and reshape([4, 6]); view, permute, expand too", () => {
  const x = arange(24);
  assert.equal([...x.reshape(4, 6).shape], [4, 6]);
  assert.equal([...x.reshape([4, 6]).shape], [4, 6]);
  assert.equal([...x.view(2, -1, 3).shape], [2, 4, 3]);
  assert.equal([...x.view([2, -1, 3]).shape], [2, 4, 3]);
  const y = x.reshape(2, 3, 4);
  assert.equal([...y.permute(2, 0, 1).shape], [4, 2, 3]);
  assert.equal([...y.permute([2, 0, 1]).shape], [4, 2, 3]);
  const z = tensor([[1], [2]]);
  assertTensor(z.expand(2, 3), [2, 3], [1, 1, 1, 2, 2, 2]);
  assertTensor(z.expand([3, 2, -1]), [3, 2, 1], [1, 2, 1, 2, 1, 2]);
});

test("view layouts by hand: T of a 3-D tensor reverses dims; expand uses stride 0; slice with a step", () => {
  const x = arange(24).reshape(2, 3, 4);
  assert.equal([...x.T.shape], [4, 3, 2]);
  assert.equal([...x.T.strides], [1, 4, 12]);
  const e = tensor([1, 2, 3]).expand(2, 3);
  assert.equal([...e.strides], [0, 1]);
  assertTensor(e, [2, 3], [1, 2, 3, 1, 2, 3]);
  const s = arange(10).slice(0, 1, 8, 3);
  assertTensor(s, [3], [1, 4, 7]);
  assertTensor(arange(10).slice(0, -3), [3], [7, 8, 9]);
  assertTensor(arange(10).slice(0, 8, 2), [0], []);
  assertTensor(x.narrow(2, 1, 2).narrow(1, -1, 1), [2, 1, 2], [9, 10, 21, 22]);
  assert.equal([...tensor(5).unsqueeze(0).unsqueeze(-1).shape], [1, 1]);
  assert.equal([...zeros(2, 1, 3, 1).squeeze().shape], [2, 3]);
  assert.equal([...zeros(2, 1, 3, 1).squeeze(-1).shape], [2, 1, 3]);
  assert.equal([...zeros(2, 1, 3, 1).squeeze([1, 3]).shape], [2, 3]);
  assert.equal([...zeros(2, 3, 4).flatten(1).shape], [2, 12]);
  assert.equal([...zeros(2, 3, 4).flatten().shape], [24]);
  assert.equal([...tensor(5).flatten().shape], [1]);
});

test.run();
