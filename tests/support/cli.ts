import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** Runs the real `steward` CLI (through tsx) with the given stdin; no network, no credentials. */
export function runCli(args: string[], input = '', env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(root, 'src/cli.ts'), ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
