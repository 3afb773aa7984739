import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { SIMULATED } from '../adapters/shell/capabilities.js';
import { buildFeatures } from '../commands/index.js';
import { chartCharacters } from '../src/features/insights/charts.js';
import { CHART_FONT_FILE } from '../src/media/charts.js';
import { inkedPixels } from './support/png.js';
import { perTest, sentTexts } from './support/recording.js';

const scratch = perTest();
const owner = { role: 'owner' as const };
const open = (o: Parameters<typeof scratch.bot>[0] = {}) => scratch.bot({ features: buildFeatures(), ...o });

describe('the chart font the project ships', () => {
  it('holds every character a chart draws, in every language (else: npx tsx bench/fontSubset.ts)', () => {
    const held = new Set(readFileSync(join(CHART_FONT_FILE, '..', 'subset-chars.txt'), 'utf8').replace(/\n$/, ''));
    expect([...chartCharacters()].filter((c) => !held.has(c))).toEqual([]);
    expect(statSync(CHART_FONT_FILE).size).toBeLessThan(100_000);
  });
});

describe('charts in the chat', () => {
  async function groupWithTalk(bot: ReturnType<typeof open>) {
    for (const who of ['ann', 'bob', 'cat']) await bot.say(who, '早上好');
    await bot.say('ann', '打卡');
    bot.clock.advance(60_000);
  }

  it('/stats carries a 30-day chart of messages, members who spoke and check-ins, with the figures as its caption', async () => {
    const bot = open();
    await groupWithTalk(bot);
    const [photo] = await bot.say('o', '/stats', owner);
    if (photo?.type !== 'photo' || !photo.chart) throw new Error('no chart');
    expect(photo.caption).toMatch(/^📊 最近 7 天\n/);
    const svg = await bot.app.charts.svg(photo.chart);
    for (const label of ['近 30 天', '消息', '发言人数', '打卡', '>10-26<']) expect(svg).toContain(label);
    const picture = bot.adapter.pictures.at(-1)!;
    const png = PNG.sync.read(picture);
    expect([png.width, png.height]).toEqual([720, 320]);
    expect(inkedPixels(picture, { x: 200, y: 290, width: 320, height: 30 })).toBeGreaterThan(100); // the legend is drawn
  });

  it('/layers is a bar chart of the layers; with names it is text (a caption has no room for a list)', async () => {
    const bot = open();
    await groupWithTalk(bot);
    const [photo] = await bot.say('o', '/layers', owner);
    if (photo?.type !== 'photo' || !photo.chart) throw new Error('no chart');
    const svg = await bot.app.charts.svg(photo.chart);
    for (const label of ['成员分层', '核心', '潜水', '新人']) expect(svg).toContain(label);
    expect((await bot.say('o', '/layers names', owner)).map((a) => a.type)).toEqual(['send']);
  });

  it('a chart that cannot be drawn goes as its text; a platform without pictures gets the text too', async () => {
    const bot = open();
    await groupWithTalk(bot);
    bot.app.charts.png = async () => {
      throw new Error('renderer broke');
    };
    await bot.say('o', '/heatmap', owner);
    expect(bot.adapter.performed.at(-1)).toMatchObject({ type: 'send', text: expect.stringMatching(/^🔥 近四周活跃时段[\s\S]*\n一 /) });
    const noPictures = open({ db: 'b.db', capabilities: { ...SIMULATED.wechat, photo: false } });
    await groupWithTalk(noPictures);
    await noPictures.say('o', '/stats', owner);
    expect(noPictures.adapter.performed.at(-1)).toMatchObject({ type: 'send', text: expect.stringMatching(/^📊 最近 7 天/) });
    expect(sentTexts(await noPictures.say('o', '/layers', owner))[0]).toMatch(/^👥 成员分层/);
  });
});
