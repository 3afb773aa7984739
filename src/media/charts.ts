// Charts as pictures. ECharts draws a chart definition to SVG on the server (no DOM, no browser),
// and resvg turns the SVG into a PNG with the font the project ships: a subset of Noto Sans SC
// holding the glyphs chart labels use (assets/fonts), so a fresh machine draws Chinese without
// installing anything. A definition is plain JSON, so it can wait in the outbox like any message.
// Both steps run in one worker thread: drawing a chart takes tens of milliseconds, which on the
// main thread would hold up every other group's messages.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
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

/** Plain JavaScript, evaluated in the worker, so it runs the same under tsx, vitest and a build. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvg);
const raster = { font: { fontFiles: [workerData.font], loadSystemFonts: false, defaultFontFamily: workerData.family }, background: '#ffffff' };
let echarts;
parentPort.on('message', async (m) => {
  try {
    echarts = echarts || (await import(workerData.echarts));
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: m.spec.width, height: m.spec.height });
    let svg;
    try {
      chart.setOption(Object.assign({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: workerData.family } }, m.spec.option));
      svg = chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
    parentPort.postMessage({ id: m.id, svg, png: m.png ? new Resvg(svg, raster).render().asPng() : undefined });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String((err && err.stack) || err) });
  }
});
`;

interface Pending {
  resolve(r: { svg: string; png?: Uint8Array }): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/** Draws charts in a worker thread, started with the first chart; a hung one is replaced. */
export class Charts {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(
    private readonly fontFile = CHART_FONT_FILE,
    private readonly timeoutMs = 20_000,
  ) {}

  /** The chart as SVG (the dashboard shows this inline). */
  async svg(spec: ChartSpec): Promise<string> {
    return (await this.draw(spec, false)).svg;
  }

  /** The chart as a PNG. */
  async png(spec: ChartSpec): Promise<Buffer> {
    const { png } = await this.draw(spec, true);
    return Buffer.from(png!.buffer, png!.byteOffset, png!.byteLength);
  }

  private draw(spec: ChartSpec, png: boolean): Promise<{ svg: string; png?: Uint8Array }> {
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      this.worker ??= this.spawn();
      const timer = setTimeout(() => this.replace(new Error(`chart not drawn within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, spec, png });
    });
  }

  private spawn(): Worker {
    const require = createRequire(import.meta.url);
    // ECharts' ES modules (lib/), which the image keeps; its browser bundles stay out of it.
    const echarts = pathToFileURL(join(dirname(require.resolve('echarts/package.json')), 'index.js')).href;
    const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { echarts, resvg: require.resolve('@resvg/resvg-js'), font: this.fontFile, family: CHART_FONT } });
    w.on('message', (m: { id: number; svg?: string; png?: Uint8Array; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.error !== undefined || m.svg === undefined) p.reject(new Error(m.error ?? 'no chart'));
      else p.resolve({ svg: m.svg, ...(m.png ? { png: m.png } : {}) });
    });
    w.on('error', (err) => this.replace(err));
    // An idle renderer never keeps the process alive; after the listeners, which would ref it again.
    w.unref();
    return w;
  }

  /** The worker died or hung: what it was drawing fails (its text goes instead); the next chart starts a fresh one. */
  private replace(err: Error): void {
    const w = this.worker;
    this.worker = undefined;
    w?.removeAllListeners();
    void w?.terminate();
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(err);
    }
  }

  async close(): Promise<void> {
    this.replace(new Error('closed'));
  }
}
