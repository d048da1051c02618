import { platform } from "#platform";

/**
 * Writes a figure to a file, creating its parent directories first (Node; a page puts the SVG text
 * into its document instead).
 *
 * @param path - where to write, absolute or relative to the working directory (e.g. `"figures/3.1-normal.svg"`)
 * @param svg - the figure's SVG text
 * @returns the absolute path written
 * @example const file = writeFigure("figures/loss.svg", lineChart({ series })); console.log(`wrote ${file}`);
 *
 * matplotlib: `Figure.savefig(path)`.
 */
export function writeFigure(path: string, svg: string): string {
  if (typeof path !== "string" || path === "") {
    throw new Error(`writeFigure: path must be a non-empty string, got ${JSON.stringify(path)}`);
  }
  if (typeof svg !== "string" || !svg.includes("<svg")) {
    throw new Error(`writeFigure: expected SVG text for ${path}, got ${JSON.stringify(String(svg).slice(0, 40))}`);
  }
  return platform.writeFile(path, svg);
}
