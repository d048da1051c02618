// SVG figures written by hand: plain numbers in, SVG text out. Imports nothing else from tsgrad.
export type { FigureOptions, AxesText } from "./axes.js";
export { lineChart, type LineChartOptions, type Series } from "./line-chart.js";
export { imageGrid, type GrayImage, type ImageGridOptions } from "./image-grid.js";
export { barChart, type Bar, type BarChartOptions } from "./bar-chart.js";
export { writeFigure } from "./write.js";
export { createScale, niceTicks, logTicks, autoDomain, type Scale, type ScaleKind, type Interval } from "./scale.js";
export { formatLabel, fixMinus, powerOfTen, powerOfTenLabel } from "./format.js";
export {
  escapeXml,
  formatNumber,
  element,
  textElement,
  svgDocument,
  type Attributes,
  type AttributeValue,
} from "./svg.js";
export { encodePng, crc32, pngDataUri, type RasterImage } from "./png.js";
export { applyColormap, viridis, type Colormap } from "./colormap.js";
export { DEFAULT_COLORS, DEFAULT_STYLES, type LineStyle } from "./line-style.js";
