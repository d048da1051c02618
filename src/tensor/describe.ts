/**
 * How a value a user passed is named in error messages: `3`, `0.5`, `NaN`, `"1"` (strings quoted),
 * `null`, `undefined`, `an Array [1, 2]`, `a Float32Array`, `an object { batch_size: 4 }`. Imports nothing,
 * so the shape helpers and the validators can both use it.
 * @example describeValue("0.1") // '"0.1" (a string)'
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  switch (typeof value) {
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    case "string":
      return `${JSON.stringify(value)} (a string)`;
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
  }
  if (Array.isArray(value)) return `an Array [${value.slice(0, 6).map(short).join(", ")}${value.length > 6 ? ", …" : ""}]`;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof name === "string" && name !== "Object" && name !== "") return `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`;
  const keys = Object.keys(value);
  return `an object { ${keys.slice(0, 4).join(", ")}${keys.length > 4 ? ", …" : ""} }`;
}

function short(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "[…]";
  if (v !== null && typeof v === "object") return describeValue(v);
  return String(v);
}
