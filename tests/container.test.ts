import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
// The run stage: everything after the last FROM.
const run = dockerfile.split(/^FROM /m).at(-1)!;
const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

describe('the container image', () => {
  it('holds every runtime path the package ships (package.json "files"), copied into the run stage', () => {
    const files = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] }).files;
    const copied = run.split('\n').flatMap((l) => /^COPY (?:--from=build \/app\/)?(\S+) \.\/\S*$/.exec(l)?.slice(1, 2) ?? []);
    expect(files.filter((path) => !copied.includes(path))).toEqual([]);
  });

  it('runs the Node.js LTS that CI tests the suite on, pinned to a release', () => {
    const lts = /^LTS=(\d+)\.(\d+)\.(\d+)$/m.exec(readFileSync(join(root, '.ci', 'run'), 'utf8'));
    const image = /^ARG NODE_IMAGE=node:(\d+)\.(\d+)\.(\d+)-bookworm-slim$/m.exec(dockerfile);
    expect(lts?.[1]).toBeDefined();
    expect(image?.[1]).toBe(lts?.[1]);
    expect(dockerfile.match(/^FROM .*$/gm)).toEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE}']);
  });

  it('checks its own health with steward health', () => {
    expect(run).toMatch(/^HEALTHCHECK .*CMD \["node", "bin\/steward\.js", "health"\]$/m);
  });

  it('leaves better-sqlite3 build leftovers behind: only the binding goes', () => {
    expect(dockerfile).toMatch(/rm -rf deps src/);
    expect(dockerfile).toMatch(/! -name better_sqlite3\.node -exec rm -rf/);
  });

  it('keeps secrets, local databases, logs and nested dependencies out of the build context', () => {
    for (const pattern of ['**/node_modules', 'config.json', '.env', '*.log', '*.db-wal', '*.db-shm', '.git']) expect(ignored).toContain(pattern);
    expect(ignored).toContain('!config.example.json');
  });
});
