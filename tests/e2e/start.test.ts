import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeBotApi, groupText } from '../support/fakeBotApi.js';
import { tempDir } from '../support/recording.js';

let tmp: ReturnType<typeof tempDir>;
let api: FakeBotApi;
beforeEach(async () => {
  tmp = tempDir();
  api = await new FakeBotApi().start();
});
afterEach(async () => {
  await api.stop();
  tmp.cleanup();
});

describe('steward start', () => {
  it('runs the configured Telegram bot, answers, and stops cleanly on SIGTERM', async () => {
    const config = join(tmp.dir, 'config.json');
    writeFileSync(config, JSON.stringify({ database: join(tmp.dir, 'prod.db'), log: { level: 'warn' }, telegram: { apiRoot: api.apiRoot } }));
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('src/cli.ts'), 'start', '--config', config], {
      env: { PATH: process.env.PATH ?? '', STEWARD_TELEGRAM_TOKEN: '123:FROM_ENV' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      await api.until((calls) => calls.some((c) => c.method === 'getMe'), 30_000);
      api.push(groupText(-1001, { id: 5, first_name: 'Ann' }, '/rules', { date: Math.floor(Date.now() / 1000) }));
      await api.until(() => api.callsOf('sendMessage').length === 1, 30_000);
      expect(api.callsOf('sendMessage')[0]!.payload.text).toBe('本群还没有设置群规。管理员可以用 /setrules 设置。');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
  });
});
