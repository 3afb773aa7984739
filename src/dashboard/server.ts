import { timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bestHours, heatmap } from '../features/insights/heatmap.js';
import { layers } from '../features/insights/layers.js';
import { dailyChart, heatmapChart, layerCounts, layersChart } from '../features/insights/charts.js';
import { type Charts, CHART_FONT_FILE } from '../media/charts.js';
import { readFileSync } from 'node:fs';
import { lurkerDaysSetting } from '../features/insights/settings.js';
import { dailySeries, groupStats } from '../features/insights/stats.js';
import { logAction, logOutcome } from '../features/penalties/index.js';
import { messages } from '../i18n/index.js';
import type { Logger } from '../log.js';
import type { SettingsService } from '../settings/service.js';
import type { Store } from '../storage/store.js';
import type { Clock } from '../time/clock.js';
import { formatLocal, formatTimeOfDay } from '../time/calendar.js';
import { type DigestLine, deniedPage, digestPage, groupPage, groupsPage } from './page.js';
import { DigestsRepo } from '../features/digest/digests.sql.js';
import { InsightsRepo } from '../features/insights/insights.sql.js';

export interface DashboardOptions {
  store: Store;
  /** Draws the group's charts (the same definitions as the chat's pictures). */
  charts: Charts;
  settings: SettingsService;
  clock: Clock;
  token: string;
  host: string;
  port: number;
  log: Logger;
}

export interface Dashboard {
  url: string;
  close(): Promise<void>;
}

const COOKIE = 'steward_token';
const DAY = 86_400_000;

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE && v) return decodeURIComponent(v);
  }
  return undefined;
}

function send(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', ...headers });
  res.end(html);
}

/**
 * A small read-only web page over the database: groups, each group's figures, heatmap, layers and
 * moderation log. Loopback by default; every request needs the token (a `?token=` link sets a
 * cookie, so the token leaves the address bar).
 */
export async function startDashboard(o: DashboardOptions): Promise<Dashboard> {
  const server = createServer((req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://dashboard');
      const fromQuery = url.searchParams.get('token') ?? undefined;
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (sameToken(fromQuery, o.token)) {
        url.searchParams.delete('token');
        res.writeHead(303, { location: url.pathname + url.search, 'set-cookie': `${COOKIE}=${encodeURIComponent(o.token)}; HttpOnly; SameSite=Strict; Path=/` });
        res.end();
        return;
      }
      if (!sameToken(bearer, o.token) && !sameToken(cookieToken(req), o.token)) return send(res, 401, deniedPage());
      if (req.method !== 'GET') return send(res, 405, 'method not allowed');
      if (url.pathname === '/') return send(res, 200, listGroups(o));
      if (url.pathname === '/chart-font.otf') {
        res.writeHead(200, { 'content-type': 'font/otf', 'cache-control': 'private, max-age=86400', 'x-content-type-options': 'nosniff' });
        res.end(readFileSync(CHART_FONT_FILE));
        return;
      }
      const m = /^\/group\/([^/]+)\/([^/]+)(\/digest)?$/.exec(url.pathname);
      if (m) {
        const g = { platform: decodeURIComponent(m[1]!), groupId: decodeURIComponent(m[2]!) };
        if (!o.store.groups.exists(g)) return send(res, 404, 'no such group');
        if (m[3]) return send(res, 200, showDigests(o, g));
        showGroup(o, g).then(
          (html) => send(res, 200, html),
          (err: unknown) => {
            o.log.error({ err }, 'dashboard request failed');
            send(res, 500, 'internal error');
          },
        );
        return;
      }
      send(res, 404, 'not found');
    } catch (err) {
      o.log.error({ err }, 'dashboard request failed');
      send(res, 500, 'internal error');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  o.log.info({ url }, 'dashboard listening');
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listGroups(o: DashboardOptions): string {
  o.store.activity.flush();
  const now = o.clock.now().getTime();
  return groupsPage(
    o.store.groups.list().map((g) => ({
      platform: g.platform,
      groupId: g.groupId,
      title: g.title ?? g.groupId,
      members: o.store.of(InsightsRepo).present(g).length,
      messages7d: o.store.of(InsightsRepo).messagesByUser(g, now - 7 * DAY, now).reduce((sum, u) => sum + u.n, 0),
    })),
  );
}

const groupPath = (g: { platform: string; groupId: string }) => `/group/${encodeURIComponent(g.platform)}/${encodeURIComponent(g.groupId)}`;

function digestLines(o: DashboardOptions, g: { platform: string; groupId: string }, n: number): DigestLine[] {
  const tz = o.settings.for(g).timezone;
  const name = (id: string) => o.store.members.get(g, id)?.name ?? id;
  return o.store.of(DigestsRepo).last(g, n).map((d) => ({ when: formatLocal(new Date(d.at), tz), member: d.userName, text: d.text, by: name(d.by) }));
}

function showDigests(o: DashboardOptions, g: { platform: string; groupId: string }): string {
  return digestPage(o.store.groups.label(g), groupPath(g), digestLines(o, g, 500));
}

async function showGroup(o: DashboardOptions, g: { platform: string; groupId: string }): Promise<string> {
  const s = o.settings.for(g);
  const tz = s.timezone;
  const now = o.clock.now();
  const grid = heatmap(o.store.activity.hourly(g, new Date(now.getTime() - 28 * DAY), now), tz);
  // The dashboard speaks Chinese, as its labels do.
  const t = messages('zh-CN');
  const log = o.store.actionLog.recent(g, 30).map((e) => ({
    when: formatLocal(new Date(e.at), tz),
    action: logAction(t, e.action),
    member: e.userId ? (o.store.members.get(g, e.userId)?.name ?? e.userId) : '',
    reason: e.reason ?? '',
    outcome: logOutcome(t, e.outcome),
  }));
  const w = t.insights.chart;
  const best = bestHours(grid);
  const members = layers(o.store, g, now, tz, s.get(lurkerDaysSetting));
  const charts = {
    heatmap: await o.charts.svg(heatmapChart(grid, best, w)),
    daily: await o.charts.svg(dailyChart(dailySeries(o.store, g, now, 30, tz), w.dailyTitle, w)),
    layers: await o.charts.svg(layersChart(layerCounts(members, t.insights.layerNames), w)),
  };
  return groupPage(
    o.store.groups.label(g),
    groupStats(o.store, g, now, 7, tz),
    groupStats(o.store, g, now, 30, tz),
    charts,
    best.map((h) => formatTimeOfDay(h * 60)).join('、'),
    members,
    messages('zh-CN').insights.layerNames,
    log,
    { recent: digestLines(o, g, 10), path: `${groupPath(g)}/digest` },
  );
}
