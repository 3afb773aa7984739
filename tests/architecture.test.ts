import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

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
