import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildFeatures } from '../commands/index.js';
import { ConfigError, checkDefaults, loadConfig, parseConfig } from '../src/config/load.js';
import { silentLogger } from '../src/log.js';
import { openApp } from '../src/main.js';
import { ManualClock } from '../src/time/clock.js';
import { tempDir } from './support/recording.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const settingDefs = buildFeatures().flatMap((f) => f.settings ?? []);

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('an empty config gives working defaults: no platform, so the simulator', () => {
    const c = parseConfig({}, 'x');
    expect(c.database).toBe('data/steward.db');
    expect(c.telegram).toBeUndefined();
    expect(c.wechat).toBeUndefined();
    expect(c.scheduler.tickSeconds).toBe(1);
  });

  it('cache budgets have sensible defaults, and a bad one is named', () => {
    expect(parseConfig({}, 'x').caches).toEqual({ membersMB: 4, groupsMB: 2, settingsMB: 4, adFilterMB: 8, topicModelsMB: 16, floodMB: 4 });
    expect(parseConfig({ caches: { membersMB: 64 } }, 'x').caches.membersMB).toBe(64);
    expect(problems(() => parseConfig({ caches: { membersMB: 0 } }, 'x'))).toEqual([expect.stringMatching(/^caches\.membersMB: /)]);
  });

  it('config.example.json documents a valid configuration', () => {
    const { config } = loadConfig('config.example.json', {});
    expect(config.telegram?.mode).toBe('polling');
    expect(config.wechat?.endpoint).toBe('127.0.0.1:8788');
    expect(checkDefaults(config, 'config.example.json', settingDefs).get('timezone')).toBe('Asia/Shanghai');
  });

  it('names the path of every bad key and why', () => {
    const p = problems(() =>
      parseConfig({ log: { level: 'loud' }, scheduler: { tickSeconds: 0 }, telegram: { token: 'x', mode: 'webhook' }, typo: 1 }, 'bad.json'),
    );
    expect(p).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^log\.level: /),
        expect.stringMatching(/^scheduler\.tickSeconds: /),
        expect.stringMatching(/^telegram\.webhook: mode "webhook" needs a webhook section/),
        expect.stringMatching(/^\(top level\): .*typo/),
      ]),
    );
  });

  it('puppet-service without an endpoint is refused (no internet discovery)', () => {
    const p = problems(() => parseConfig({ wechat: { token: 'insecure_x' } }, 'w.json'));
    expect(p).toEqual([expect.stringMatching(/^wechat\.endpoint: required/)]);
  });

  it('the error message carries the file path', () => {
    const file = join(tmp.dir, 'steward.json');
    writeFileSync(file, JSON.stringify({ database: 42 }));
    expect(() => loadConfig(file, {})).toThrow(`${file}: invalid configuration`);
    expect(() => loadConfig(file, {})).toThrow(/database: /);
  });

  it('broken JSON and a missing named file are reported, not thrown as stack traces', () => {
    const file = join(tmp.dir, 'broken.json');
    writeFileSync(file, '{ "database": ');
    expect(problems(() => loadConfig(file, {}))[0]).toMatch(/^\(file\): not valid JSON/);
    expect(problems(() => loadConfig(join(tmp.dir, 'nope.json'), {}))).toEqual(['(file): not found']);
  });

  it('environment variables override secrets and create the platform section', () => {
    const c = parseConfig({ telegram: { token: 'from-file' } }, 'x', { STEWARD_TELEGRAM_TOKEN: 'from-env', STEWARD_DATABASE: '/var/steward.db' });
    expect(c.telegram?.token).toBe('from-env');
    expect(c.database).toBe('/var/steward.db');
    const w = parseConfig({}, 'x', { STEWARD_WECHAT_TOKEN: 'insecure_t', STEWARD_WECHAT_ENDPOINT: '127.0.0.1:1' });
    expect(w.wechat).toMatchObject({ token: 'insecure_t', endpoint: '127.0.0.1:1', puppet: 'wechaty-puppet-service' });
  });

  it('structure and setting defaults are reported together, in one run', () => {
    const p = problems(() => parseConfig({ log: { level: 'loud' }, defaults: { timezone: 'X/Y' } }, 'x', {}, settingDefs));
    expect(p).toEqual([expect.stringMatching(/^log\.level: /), 'defaults.timezone: not an IANA time zone']);
  });

  it('setting defaults are checked against the settings features declare', () => {
    const c = parseConfig({ defaults: { timezone: 'Mars/Olympus', language: 'fr', nosuch: 1 } }, 'x');
    const p = problems(() => checkDefaults(c, 'defaults.json', settingDefs));
    expect(p).toEqual(
      expect.arrayContaining([
        'defaults.timezone: not an IANA time zone',
        expect.stringMatching(/^defaults\.language: /),
        'defaults.nosuch: unknown setting',
      ]),
    );
  });
});

describe('a database path that cannot work stops start-up like any config error', () => {
  const openWith = (database: string) => () =>
    openApp({ config: parseConfig({ database }, 'c.json'), configFile: 'c.json', clock: new ManualClock(0), log: silentLogger, adapters: [], features: buildFeatures() });

  it('names the key, the path and the problem', () => {
    const file = join(tmp.dir, 'a-file');
    writeFileSync(file, 'x');
    expect(problems(openWith(join(file, 'steward.db')))).toEqual([`database: ${file} is a file, not a directory`]);
    expect(problems(openWith(tmp.dir))).toEqual([`database: ${tmp.dir} is a directory; name a file in it, such as ${join(tmp.dir, 'steward.db')}`]);
    expect(problems(openWith('/dev/null'))).toEqual(['database: /dev/null is not a regular file (a device, a pipe or a socket)']);
    expect(problems(openWith('/proc/self/steward.db'))[0]).toMatch(/^database: \/proc\/self\/steward\.db is on a kernel filesystem/);
  });

  it('a file that is not a database is refused with its path, not a stack trace', () => {
    const file = join(tmp.dir, 'notes.txt');
    writeFileSync(file, 'these are not the pages you are looking for '.repeat(200));
    expect(problems(openWith(file))).toEqual([expect.stringMatching(new RegExp(`^database: ${file} cannot be opened: file is not a database`))]);
  });
});
