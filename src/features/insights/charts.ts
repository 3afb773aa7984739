// The group's figures as chart definitions (ECharts options, plain JSON): drawn as pictures for the
// chat (src/media/charts.ts) and inline on the dashboard, from the same definition.
import { LANGUAGES, type Messages, messages } from '../../i18n/index.js';
import type { ChartSpec } from '../../media/charts.js';
import type { Heatmap } from './heatmap.js';
import { LAYERS, type LayeredMember } from './layers.js';

type ChartWords = Messages['insights']['chart'];
const BLUE = '#1e5cbe';
const ORANGE = '#d9622b';
const GREEN = '#2f9e5b';

/** Weekday × hour, Monday first, with the hour labels of the busiest hours marked. */
export function heatmapChart(grid: Heatmap, best: readonly number[], w: ChartWords): ChartSpec {
  const max = Math.max(1, ...grid.flat());
  const data = grid.flatMap((row, d) => row.map((v, h) => [h, d, v]));
  const hours = Array.from({ length: 24 }, (_, h) => (best.includes(h) ? { value: String(h), textStyle: { color: ORANGE, fontWeight: 'bold' } } : String(h)));
  return {
    width: 720,
    height: 320,
    option: {
      title: { text: w.heatmapTitle, subtext: `${w.heatmapBusiest}: ${best.map((h) => `${h}:00`).join('  ')}`, left: 'center', textStyle: { fontSize: 15 }, subtextStyle: { color: ORANGE } },
      grid: { left: 52, right: 16, top: 58, bottom: 62 },
      xAxis: { type: 'category', data: hours, splitArea: { show: true }, axisTick: { show: false } },
      yAxis: { type: 'category', data: w.days, inverse: true, axisTick: { show: false } },
      visualMap: { min: 0, max, orient: 'horizontal', left: 'center', bottom: 6, itemHeight: 140, text: [w.scale[1], w.scale[0]], inRange: { color: ['#edf2fa', BLUE] } },
      series: [{ type: 'heatmap', data, itemStyle: { borderColor: '#ffffff', borderWidth: 1 } }],
    },
  };
}

export interface DailySeries {
  /** Local days, oldest first, as MM-DD. */
  days: string[];
  messages: number[];
  active: number[];
  checkins: number[];
}

/** Daily messages (bars), members who spoke and check-ins (lines). */
export function dailyChart(s: DailySeries, title: string, w: ChartWords, size: { width: number; height: number } = { width: 720, height: 320 }): ChartSpec {
  return {
    ...size,
    option: {
      title: { text: title, left: 'center', textStyle: { fontSize: 15 } },
      legend: { bottom: 4, data: [w.messages, w.active, w.checkins] },
      grid: { left: 48, right: 20, top: 44, bottom: 56 },
      xAxis: { type: 'category', data: s.days, axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: w.messages, type: 'bar', data: s.messages, itemStyle: { color: BLUE } },
        { name: w.active, type: 'line', data: s.active, itemStyle: { color: ORANGE }, symbolSize: 5 },
        { name: w.checkins, type: 'line', data: s.checkins, itemStyle: { color: GREEN }, symbolSize: 5 },
      ],
    },
  };
}

/** How many members each layer holds, named in the group's language, in the layers' order. */
export const layerCounts = (members: readonly LayeredMember[], names: Record<string, string>) =>
  LAYERS.map((layer) => ({ name: names[layer] ?? layer, n: members.filter((m) => m.layer === layer).length }));

/** How many members each layer has, as bars with their counts. */
export function layersChart(counts: readonly { name: string; n: number }[], w: ChartWords): ChartSpec {
  return {
    width: 560,
    height: 300,
    option: {
      title: { text: w.layersTitle, left: 'center', textStyle: { fontSize: 15 } },
      grid: { left: 40, right: 20, top: 44, bottom: 36 },
      xAxis: { type: 'category', data: counts.map((c) => c.name), axisTick: { show: false } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: counts.map((c) => c.n), itemStyle: { color: BLUE }, barMaxWidth: 56, label: { show: true, position: 'top' } }],
    },
  };
}

/** Every character a chart may draw, in every language: what the shipped font must hold. */
export function chartCharacters(): string {
  const words = LANGUAGES.flatMap((l) => {
    const t = messages(l).insights;
    return [...Object.values(t.chart).flat(), ...Object.values(t.layerNames)];
  });
  const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
  return [...new Set([...ascii, ...words.join('')])].sort().join('');
}
