const SUPERSCRIPT_DIGITS: Readonly<Record<string, string>> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "-": "⁻",
};

/**
 * Formats a number for a tick or value label: plain decimals for moderate magnitudes,
 * compact scientific notation (`3.3e-6`) for very small or very large ones.
 *
 * @param value - the number to show (NaN and ±Infinity are written as such)
 * @param significantDigits - digits kept, 1..15 (tick values use many so exact ticks stay exact)
 * @returns the label text
 * @example formatLabel(0.30000000000000004) // "0.3"
 * @example formatLabel(0.0000033, 2) // "3.3e-6"
 *
 * matplotlib: `ScalarFormatter` / the `%.3g` labels of `bar_label`.
 */
export function formatLabel(value: number, significantDigits = 12): string {
  if (!Number.isInteger(significantDigits) || significantDigits < 1 || significantDigits > 15) {
    throw new Error(`formatLabel: significantDigits must be an integer in 1..15, got ${significantDigits}`);
  }
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  const rounded = Number(value.toPrecision(significantDigits));
  if (rounded === 0) return "0";
  const magnitude = Math.abs(rounded);
  if (magnitude >= 1e5 || magnitude < 1e-3) {
    const [mantissa = "", exponent = ""] = rounded.toExponential().split("e");
    return `${mantissa}e${exponent.replace("+", "")}`;
  }
  return String(rounded);
}

/**
 * Writes every hyphen-minus as the minus sign U+2212, as matplotlib's tick labels do
 * (`axes.unicode_minus`, on by default).
 *
 * @param label - a formatted number, e.g. `"-0.5"` or `"1e-6"`
 * @returns the label with `−` for `-`
 * @example fixMinus("-3.3e-6") // "−3.3e−6"
 *
 * matplotlib: `Formatter.fix_minus`.
 */
export function fixMinus(label: string): string {
  return label.replace(/-/g, "\u2212");
}

/**
 * 10^k, read from a decimal literal so that it is exactly the double nearest 10^k
 * (`10 ** -7` can be off by one ulp).
 *
 * @param exponent - an integer exponent
 * @returns the number 10^exponent
 * @example powerOfTen(-6) // 0.000001
 *
 * numpy: `10.0 ** k`, as `np.logspace` computes decades.
 */
export function powerOfTen(exponent: number): number {
  return Number(`1e${exponent}`);
}

/**
 * Writes a power of ten the way matplotlib's log axes do, with a superscript exponent.
 *
 * @param exponent - an integer exponent
 * @returns `"10"` followed by the exponent in Unicode superscripts
 * @example powerOfTenLabel(-6) // "10⁻⁶"
 *
 * matplotlib: `LogFormatterSciNotation`.
 */
export function powerOfTenLabel(exponent: number): string {
  if (!Number.isInteger(exponent)) {
    throw new Error(`powerOfTenLabel: exponent must be an integer, got ${exponent}`);
  }
  const digits = [...String(exponent)].map((ch) => SUPERSCRIPT_DIGITS[ch] ?? ch).join("");
  return `10${digits}`;
}
