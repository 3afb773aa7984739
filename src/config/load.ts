import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import type { SettingDef } from '../settings/definition.js';
import { validateSettings } from '../settings/service.js';
import { type Config, configSchema } from './schema.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Keys starting with "//" are comments (JSON has none); they document config.example.json. */
function stripComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripComments);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !k.startsWith('//'))
        .map(([k, v]) => [k, stripComments(v)]),
    );
  }
  return value;
}

/** Secrets and deployment paths come from the environment when set, over the file. */
function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out = { ...raw };
  const section = (name: string) => ({ ...((out[name] as Record<string, unknown> | undefined) ?? {}) });
  if (env.STEWARD_TELEGRAM_TOKEN) out.telegram = { ...section('telegram'), token: env.STEWARD_TELEGRAM_TOKEN };
  if (env.STEWARD_WECHAT_TOKEN) out.wechat = { ...section('wechat'), token: env.STEWARD_WECHAT_TOKEN };
  if (env.STEWARD_WECHAT_ENDPOINT) out.wechat = { ...section('wechat'), endpoint: env.STEWARD_WECHAT_ENDPOINT };
  if (env.STEWARD_SECOND_OPINION_KEY) out.secondOpinion = { ...section('secondOpinion'), apiKey: env.STEWARD_SECOND_OPINION_KEY };
  if (env.STEWARD_DASHBOARD_TOKEN) out.dashboard = { ...section('dashboard'), token: env.STEWARD_DASHBOARD_TOKEN };
  if (env.STEWARD_DATABASE) out.database = env.STEWARD_DATABASE;
  if (env.STEWARD_LOG_LEVEL) out.log = { ...section('log'), level: env.STEWARD_LOG_LEVEL };
  return out;
}

function describeIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
}

/**
 * Validates a config object. With the features' setting definitions, the `defaults` are checked
 * too, so one run reports every problem in the file.
 */
export function parseConfig(raw: unknown, file: string, env: NodeJS.ProcessEnv = {}, definitions?: SettingDef[]): Config {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(file, ['(top level): expected a JSON object']);
  const input = applyEnv(stripComments(raw) as Record<string, unknown>, env);
  const result = configSchema.safeParse(input);
  const problems = result.success ? [] : describeIssues(result.error.issues);
  const defaults = input.defaults;
  if (definitions && defaults && typeof defaults === 'object' && !Array.isArray(defaults)) {
    problems.push(...defaultProblems(definitions, defaults as Record<string, unknown>));
  }
  if (problems.length || !result.success) throw new ConfigError(file, problems);
  return result.data;
}

function defaultProblems(definitions: SettingDef[], defaults: Record<string, unknown>): string[] {
  const { problems } = validateSettings(new Map(definitions.map((d) => [d.key, d])), defaults);
  return problems.map((p) => `defaults.${p.key}: ${p.problem}`);
}

/**
 * The config file named on the command line (or STEWARD_CONFIG), else ./config.json if there is
 * one, else the built-in defaults. Any problem stops start-up with the file and each bad key.
 */
export function loadConfig(
  path: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  definitions?: SettingDef[],
): { config: Config; file: string; warnings: string[] } {
  const named = path ?? env.STEWARD_CONFIG;
  const file = resolve(named ?? 'config.json');
  if (!existsSync(file)) {
    if (named) throw new ConfigError(file, ['(file): not found']);
    return { config: parseConfig({}, '(built-in defaults)', env, definitions), file: '(built-in defaults)', warnings: [] };
  }
  // Editors on Windows save UTF-8 with a byte-order mark; it is not part of the JSON.
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, [`(file): not valid JSON: ${(err as Error).message}`]);
  }
  const warnings = duplicateKeys(text).map((k) => `${k}: appears more than once; the last one counts`);
  return { config: parseConfig(raw, file, env, definitions), file, warnings };
}

interface Frame {
  /** Keys seen so far (objects only). */
  keys?: Set<string>;
  path: string;
  key?: string;
  index: number;
}

/**
 * Keys that appear twice in one object of a valid JSON text (JSON.parse keeps the last silently),
 * as dotted paths. One pass over the text.
 */
export function duplicateKeys(json: string): string[] {
  const dups: string[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  const childPath = () => {
    const top = stack.at(-1);
    if (!top) return '';
    const name = top.keys ? top.key! : String(top.index);
    return top.path ? `${top.path}.${name}` : name;
  };
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (expectKey && top?.keys) {
        const key = JSON.parse(json.slice(i, j + 1)) as string;
        if (top.keys.has(key) && !key.startsWith('//')) dups.push(top.path ? `${top.path}.${key}` : key);
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === '{') {
      stack.push({ keys: new Set(), path: childPath(), index: 0 });
      expectKey = true;
    } else if (c === '[') {
      stack.push({ path: childPath(), index: 0 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
  }
  return dups;
}

/** The file's `defaults` must be values the settings accept; checked once the features are known. */
export function checkDefaults(config: Config, file: string, definitions: SettingDef[]): Map<string, unknown> {
  const problems = defaultProblems(definitions, config.defaults);
  if (problems.length) throw new ConfigError(file, problems);
  return validateSettings(new Map(definitions.map((d) => [d.key, d])), config.defaults).valid;
}
