import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('the container image', () => {
  it('holds what the bot reads beside its code at start: migrations, the shipped model, the launcher', () => {
    // The run stage: everything after the last FROM.
    const run = readFileSync(join(root, 'Dockerfile'), 'utf8').split(/^FROM /m).at(-1)!;
    for (const dir of ['migrations', 'models', 'bin']) expect(run).toMatch(new RegExp(`^COPY ${dir} \\./${dir}$`, 'm'));
  });
});
