import { test } from "uvu";
import * as assert from "uvu/assert";
import { arange, grad, ones, tensor } from "../../../src/index.js";
import { allClose, gradOf } from "../../helpers/assert.js";

test("gradients flow through gather and indexSelect to the right elements", () => {
  const gsrc = tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]], { requiresGrad: true });
  gsrc.gather(1, tensor([[0, 0], [2, 1]])).sum().backward();
  assert.equal(gradOf(gsrc), [2, 0, 0, 0, 1, 1]);

  const rows = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
  rows.indexSelect(0, tensor([2, 0, 2])).sum().backward();
  assert.equal(gradOf(rows), [1, 1, 0, 0, 2, 2]);
});

test.run();
