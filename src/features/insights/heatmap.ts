import type { HourCount } from '../../storage/activity.js';
import { localParts } from '../../time/calendar.js';

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

const SHADES = ' ░▒▓█';

/** The same grid in text, for places without pictures. */
export function heatmapText(grid: Heatmap, dayNames: string[]): string {
  const max = Math.max(1, ...grid.flat());
  const lines = grid.map((row, d) => `${dayNames[d]} ${row.map((v) => SHADES[v === 0 ? 0 : Math.min(4, 1 + Math.floor((v / max) * 3.999))]).join('')}`);
  return [`   0     6     12    18   `.padStart(3), ...lines].join('\n');
}
