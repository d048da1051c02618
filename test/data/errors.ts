/** Assertions on error messages, shared by the data tests. */
import * as assert from "uvu/assert";

/** The message of the Error `fn` throws (fails the test when it returns or throws a non-Error). */
export function thrownMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.instance(err, Error);
    return (err as Error).message;
  }
  assert.unreachable("expected an Error to be thrown");
  return "";
}

/** The message of the Error `promise` rejects with. */
export async function rejectionMessage(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    assert.instance(err, Error);
    return (err as Error).message;
  }
  assert.unreachable("expected a rejection");
  return "";
}

/** Asserts `message` contains every one of `parts`. */
export function assertIncludesAll(message: string, parts: readonly string[]): void {
  for (const part of parts) assert.ok(message.includes(part), `message ${JSON.stringify(message)} lacks ${JSON.stringify(part)}`);
}
