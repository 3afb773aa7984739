import type { HourCount } from '../../storage/activity.js';
import { localParts } from '../../time/calendar.js';
import { encodePng } from './png.js';

/** Messages by local weekday (rows, Monday first) × hour (columns). */
export type Heatmap = number[][];

export function heatmap(rows: HourCount[], timeZone: string): Heatmap {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const r of rows) {
    const p = localParts(new Date(r.hour * 1000), timeZone);
    grid[(p.weekday + 6) % 7]![p.hour]! += r.count;
  }
  return grid;
}

/** The n busiest hours of the day over the whole week, in order of the clock. */
export function bestHours(grid: Heatmap, n = 3): number[] {
  const totals = Array.from({ length: 24 }, (_, h) => grid.reduce((sum, row) => sum + row[h]!, 0));
  return totals
    .map((count, hour) => ({ hour, count }))
    .filter((h) => h.count > 0)
    .sort((a, b) => b.count - a.count || a.hour - b.hour)
    .slice(0, n)
    .map((h) => h.hour)
    .sort((a, b) => a - b);
}

const CELL = 20;
const GAP = 2;
const AXIS = 6; // a strip marking 00, 06, 12, 18 above the grid and the weekend beside it

/** A PNG of the grid: white for silence, deep blue for the busiest hour. */
export function heatmapPng(grid: Heatmap): Buffer {
  const max = Math.max(1, ...grid.flat());
  const width = AXIS + 24 * (CELL + GAP);
  const height = AXIS + 7 * (CELL + GAP);
  return encodePng(width, height, (x, y) => {
    if (y < AXIS) return x >= AXIS && ((x - AXIS) / (CELL + GAP)) % 6 < 1 ? [120, 120, 120] : [255, 255, 255];
    if (x < AXIS) return Math.floor((y - AXIS) / (CELL + GAP)) >= 5 ? [200, 120, 80] : [255, 255, 255];
    const cx = x - AXIS;
    const cy = y - AXIS;
    if (cx % (CELL + GAP) >= CELL || cy % (CELL + GAP) >= CELL) return [255, 255, 255];
    const v = grid[Math.floor(cy / (CELL + GAP))]![Math.floor(cx / (CELL + GAP))]! / max;
    return [Math.round(235 - 205 * v), Math.round(242 - 150 * v), Math.round(250 - 60 * v)];
  });
}

const SHADES = ' ░▒▓█';

/** The same grid in text, for places without pictures. */
export function heatmapText(grid: Heatmap, dayNames: string[]): string {
  const max = Math.max(1, ...grid.flat());
  const lines = grid.map((row, d) => `${dayNames[d]} ${row.map((v) => SHADES[v === 0 ? 0 : Math.min(4, 1 + Math.floor((v / max) * 3.999))]).join('')}`);
  return [`   0     6     12    18   `.padStart(3), ...lines].join('\n');
}
