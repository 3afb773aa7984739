import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.js';
import { parseConfig } from '../src/config/load.js';
import { type Dashboard, startDashboard } from '../src/dashboard/server.js';
import { silentLogger } from '../src/log.js';
import { openApp } from '../src/main.js';
import { ManualClock } from '../src/time/clock.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/recording.js';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'a-long-dashboard-token-for-tests';
const lines = (...l: string[]) => `${l.join('\n')}\n`;

let tmp: ReturnType<typeof tempDir>;
let app: App;
let dashboard: Dashboard;

beforeAll(async () => {
  tmp = tempDir();
  const db = join(tmp.dir, 'story.db');
  // A week in a group, told through the simulator: joins, talk, check-ins, a strike.
  const story = runCli(
    ['shell', '--json', '--db', db],
    lines(
      ':clock 2026-11-16T09:00:00+08:00',
      '/worktime mon-fri 09:00-18:00',
      '/topic-words add 前端',
      '/focus strict',
      ':join ann 安妮',
      ':join bob 小波',
      ':advance 1m',
      ':as ann',
      '打卡',
      '前端构建慢怎么办：试试开启缓存',
      ':as bob',
      '哈哈哈哈',
      ':advance 1d',
      ':as ann',
      '打卡',
      '<script>alert(1)</script> 前端',
      ':as owner',
      ':reply m5 加精',
    ),
  );
  expect(story.stderr).toBe('');
  const clock = new ManualClock('2026-11-17T12:00:00+08:00');
  app = openApp({ config: parseConfig({}, 'test'), configFile: 'test', dbPath: db, clock, log: silentLogger, adapters: [] });
  dashboard = await startDashboard({ store: app.store, settings: app.settings, charts: app.charts, clock, token: TOKEN, host: '127.0.0.1', port: 0, log: silentLogger });
});

afterAll(async () => {
  await dashboard?.close();
  app?.store.db.close();
  tmp?.cleanup();
});

describe('the dashboard over HTTP', () => {
  it('refuses requests without the token', async () => {
    const res = await fetch(`${dashboard.url}/`);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('需要口令');
    expect((await fetch(`${dashboard.url}/`, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
  });

  it('a token link sets a cookie and drops the token from the address', async () => {
    const res = await fetch(`${dashboard.url}/?token=${TOKEN}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toMatch(/^steward_token=.+; HttpOnly; SameSite=Strict/);
  });

  it('lists the groups and shows one, with every value escaped', async () => {
    const auth = { headers: { authorization: `Bearer ${TOKEN}` } };
    const list = await (await fetch(`${dashboard.url}/`, auth)).text();
    expect(list).toContain('href="/group/shell/demo"');
    const page = await (await fetch(`${dashboard.url}/group/shell/demo`, auth)).text();
    expect(page).toContain('最近 7 天');
    expect(page).not.toContain('<script>');
    expect(page).toContain('最近的精华');
    expect(page).toContain('href="/group/shell/demo/digest"');
    expect((await fetch(`${dashboard.url}/group/shell/nope`, auth)).status).toBe(404);
    // The digest page keeps every marked message (精华), newest first, with who marked it.
    const digest = await (await fetch(`${dashboard.url}/group/shell/demo/digest`, auth)).text();
    expect(digest).toMatch(/<td>2026-11-17 \d\d:\d\d<\/td><td>安妮<\/td><td>前端构建慢怎么办：试试开启缓存<\/td><td>[^<]+<\/td>/);
  });
});

const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for the dashboard's browser test`);

describe.skipIf(!haveBrowser)(`the dashboard in a real browser (${haveBrowser ? CHROMIUM : `skipped: no ${CHROMIUM}; apt-get install chromium`})`, () => {
  it('shows what an operator needs: the group, its figures, heatmap, layers and the moderation log', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await page.goto(`${dashboard.url}/?token=${TOKEN}`);
      expect(page.url()).toBe(`${dashboard.url}/`); // the token left the address bar
      await page.getByRole('link', { name: 'demo' }).click();
      await page.waitForURL('**/group/shell/demo');
      const text = await page.locator('main').innerText();
      expect(text).toContain('最近 7 天');
      expect(text).toMatch(/现有成员\s*3/);
      expect(text).toContain('打卡率');
      expect(text).toContain('成员分层');
      expect(text).toMatch(/记违规\s+小波/);
      expect(dialogs).toBe(0); // a member's "<script>" stays text, never runs
      // The heatmap is the chat's chart definition, drawn inline: labelled, and in the shipped font.
      const heat = page.locator('[aria-label="活跃热力图"] svg');
      for (const label of ['周一', '周日', '23', '近四周每小时消息数']) expect(await heat.locator('text', { hasText: label }).count()).toBeGreaterThan(0);
      const faces = await page.evaluate(`document.fonts.ready.then((all) => [...all].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans CJK SC').map((f) => f.status))`);
      expect(faces).toEqual(['loaded']); // from the dashboard, not from whatever fonts the machine has
      // Drawn glyphs, not empty boxes: with no font for them, 周一 and 周二 would be the same two boxes.
      const glyphs = (label: string) => heat.locator('text', { hasText: new RegExp(`^${label}$`) }).first().screenshot();
      expect((await glyphs('周一')).equals(await glyphs('周二'))).toBe(false);
      const shot = join(process.env.STEWARD_SCREENSHOTS ?? tmp.dir, 'dashboard.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
