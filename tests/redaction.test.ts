import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/load.js';
import { createLogger, redactor, secretsOf } from '../src/log.js';
import { freePort } from './support/cli.js';
import { tempDir } from './support/recording.js';

const TOKEN = 'not-a-botfather-token_S3CRET"x'; // not digits:secret, and with a character JSON escapes

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());


describe('no configured secret reaches a log line, whatever its format', () => {
  it('is taken out of messages, fields, error messages and stacks, raw, JSON-escaped and URL-encoded', () => {
    let out = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
    const log = createLogger('debug', { secrets: [TOKEN], destination: sink });
    const err = new Error(`request to http://127.0.0.1/bot${TOKEN}/getMe failed`);
    log.error({ err, url: `http://x/bot${encodeURIComponent(TOKEN)}/getMe` }, `calling with ${TOKEN}`);
    expect(out).toContain('[redacted]');
    expect(out).not.toContain('S3CRET');
  });

  it('every secret of the config counts: tokens and the language model’s key, from the file or the environment', () => {
    const config = parseConfig({ dashboard: { token: 'dashboard-token-0123456789' }, secondOpinion: { url: 'https://llm.example/v1', model: 'm' } }, 'c.json', { STEWARD_SECOND_OPINION_KEY: 'sk-llm-key-42' });
    expect(secretsOf(config).sort()).toEqual(['dashboard-token-0123456789', 'sk-llm-key-42']);
  });

  it('a secret is replaced as text, never read as a pattern', () => {
    expect(redactor(['a.*b'])('xa.*bx axxb')).toBe('x[redacted]x axxb');
  });

  it('the logs of a failing Telegram call at start-up do not show the token', async () => {
    const config = join(tmp.dir, 'config.json');
    writeFileSync(config, JSON.stringify({ database: join(tmp.dir, 'r.db'), log: { level: 'debug' }, telegram: { apiRoot: `http://127.0.0.1:${await freePort()}` } }));
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('src/cli.ts'), 'start', '--config', config], {
      env: { PATH: process.env.PATH ?? '', STEWARD_TELEGRAM_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).not.toBe(0);
    expect(output).toMatch(/ECONNREFUSED|fetch failed|request to/);
    expect(output).not.toContain('S3CRET');
  }, 30_000);
});
