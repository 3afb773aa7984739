// Charts as pictures. ECharts draws a chart definition to SVG on the server (no DOM, no browser),
// and resvg turns the SVG into a PNG with the font the project ships: a subset of Noto Sans SC
// holding the glyphs chart labels use (assets/fonts), so a fresh machine draws Chinese without
// installing anything. A definition is plain JSON, so it can wait in the outbox like any message.
import { join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import { packageRoot } from '../paths.js';

/** One chart: its size in pixels and its ECharts option (plain JSON: no functions). */
export interface ChartSpec {
  width: number;
  height: number;
  option: Record<string, unknown>;
}

/** The family name inside the shipped font file. */
export const CHART_FONT = 'Noto Sans CJK SC';
export const CHART_FONT_FILE = join(packageRoot, 'assets', 'fonts', 'NotoSansSC-chart-subset.otf');

type ECharts = typeof import('echarts');

/** Renders chart definitions; ECharts is loaded on the first chart, not at start-up. */
export class Charts {
  private echarts?: Promise<ECharts>;

  constructor(private readonly fontFile = CHART_FONT_FILE) {}

  /** The chart as SVG (the dashboard shows this inline). */
  async svg(spec: ChartSpec): Promise<string> {
    const echarts = await (this.echarts ??= import('echarts'));
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
    try {
      chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: CHART_FONT }, ...spec.option });
      return chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
  }

  /** The chart as a PNG; the rasterizing runs on libuv's thread pool, off the event loop. */
  async png(spec: ChartSpec): Promise<Buffer> {
    const svg = await this.svg(spec);
    const image = await renderAsync(svg, { font: { fontFiles: [this.fontFile], loadSystemFonts: false, defaultFontFamily: CHART_FONT }, background: '#ffffff' });
    return image.asPng();
  }
}
