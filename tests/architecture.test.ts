import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as commandsIndex from '../commands/index.js';
import { Registry } from '../src/engine/registry.js';

const root = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const imports = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/from ['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('the wall between the engine and the platforms', () => {
  const core = [...files('src'), ...files('commands')].filter((f) => f !== join('src', 'main.ts'));

  it('nothing in src/ or commands/ imports a platform SDK', () => {
    const offenders = core.filter((f) => imports(f).some((i) => /^(telegraf|wechaty)/.test(i)));
    expect(offenders).toEqual([]);
  });

  it('only the composition root (src/main.ts) reaches into adapters/', () => {
    const offenders = core.filter((f) => imports(f).some((i) => i.includes('adapters/')));
    expect(offenders).toEqual([]);
  });

  it('decisions take time from the injected clock, never from Date.now() or new Date()', () => {
    const decisionCode = [...files('src/engine'), ...files('commands'), ...(safeFiles('src/features'))];
    const offenders = decisionCode.filter((f) => /Date\.now\(\)|new Date\(\)/.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders.map((f) => relative(root, join(root, f)))).toEqual([]);
  });
});

describe('text from members and owners', () => {
  it('never becomes a regular expression: RegExp is built only from the code\'s own constants', () => {
    // Each of these builds its pattern from a table in the same file, reviewed here once.
    const reviewed = new Map([
      [join('src', 'text', 'normalize.ts'), 2],
      [join('src', 'features', 'adfilter', 'checks.ts'), 2],
      [join('src', 'features', 'adfilter', 'taxonomy.ts'), 1],
    ]);
    const built = [...files('src'), ...files('commands'), ...files('adapters')]
      .map((f) => [f, readFileSync(join(root, f), 'utf8').match(/new RegExp\(|RegExp\(/g)?.length ?? 0] as const)
      .filter(([f, n]) => n > 0 && reviewed.get(f) !== n);
    expect(built).toEqual([]);
  });
});

function safeFiles(dir: string): string[] {
  try {
    return files(dir);
  } catch {
    return [];
  }
}

/** What a file imports, as paths from the repository root (relative imports only). */
const importsFrom = (file: string) =>
  imports(file)
    .filter((i) => i.startsWith('.'))
    .map((i) => relative(root, join(root, dirname(file), i)).replace(/\.js$/, '.ts'));
const featureOf = (path: string) => (path.startsWith(join('src', 'features') + sep) ? path.split(sep)[2] : undefined);

describe('the dependency rule: one home per feature', () => {
  const core = ['engine', 'storage', 'time', 'text', 'i18n', 'settings', 'config', 'media', 'eval'].flatMap((d) => safeFiles(join('src', d)));

  it('the core (engine, storage, time, text, i18n, settings, config) names no feature and no command', () => {
    const offenders = core.flatMap((f) => importsFrom(f).filter((i) => featureOf(i) || i.startsWith(`commands${sep}`)).map((i) => `${f} -> ${i}`));
    expect(offenders).toEqual([]);
  });

  it('adapters import no feature and no command', () => {
    const offenders = files('adapters').flatMap((f) => importsFrom(f).filter((i) => featureOf(i) || i.startsWith(`commands${sep}`)).map((i) => `${f} -> ${i}`));
    expect(offenders).toEqual([]);
  });

  it("a feature reaches another feature only through that feature's index.ts", () => {
    const offenders = files(join('src', 'features')).flatMap((f) =>
      importsFrom(f)
        .filter((i) => featureOf(i) && featureOf(i) !== featureOf(f) && !i.endsWith(`${sep}index.ts`))
        .map((i) => `${f} -> ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("a command file holds its feature's commands: it imports no other command file, and other features only through index.ts", () => {
    const offenders = files('commands')
      .filter((f) => !f.endsWith('index.ts'))
      .flatMap((f) => {
        const own = f.split(sep)[1]!.replace(/\.ts$/, '');
        return importsFrom(f)
          .filter((i) => i.startsWith(`commands${sep}`) || (featureOf(i) && featureOf(i) !== own && !i.endsWith(`${sep}index.ts`)))
          .map((i) => `${f} -> ${i}`);
      });
    expect(offenders).toEqual([]);
  });

  it('no app shares built features with another: commands/index.ts exports only the builder and the rule order, and each build has its own stateful rules', () => {
    expect(Object.keys(commandsIndex).sort()).toEqual(['RULE_ORDER', 'buildFeatures']);
    const [a, b] = [commandsIndex.buildFeatures(), commandsIndex.buildFeatures()];
    const rule = (fs: typeof a, id: string) => fs.flatMap((f) => f.rules ?? []).find((r) => r.id === id);
    for (const id of ['adfilter', 'flood', 'workhours.focus']) expect(rule(a, id)).not.toBe(rule(b, id));
  });
});

describe('tests read as stories', () => {
  it('no raw SQL outside the migration tests: tests read the state through the repositories, as the bot does', () => {
    const offenders = files('tests').filter((f) => f !== join('tests', 'migrations.test.ts') && /\.prepare\(|\bdb\.exec\(/.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('stages, not priorities', () => {
  it('every rule is in the one order list, and the guards run first, in the order a message meets them', () => {
    const registry = new Registry(commandsIndex.buildFeatures(), commandsIndex.RULE_ORDER);
    expect([...registry.rules.map((r) => r.id)].sort()).toEqual([...commandsIndex.RULE_ORDER].sort());
    expect(registry.rules.filter((r) => r.stage === 'guard').map((r) => r.id)).toEqual(['family.banned', 'raid.detect', 'onboarding.newcomer-messages', 'adfilter', 'locks', 'locks.bots', 'locks.newcomers', 'flood', 'workhours.focus']);
    expect(() => new Registry(commandsIndex.buildFeatures(), ['adfilter', 'raid'])).toThrow(/rules no feature has: raid/);
  });
});
