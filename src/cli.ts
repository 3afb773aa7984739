#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/load.js';
import { features } from '../commands/index.js';
import { runDashboard, runShell, runStart } from './main.js';
import { MigrationError } from './storage/migrate.js';
import { RegistryError } from './engine/registry.js';

const USAGE = `Usage:
  steward start [--config FILE]
  steward shell [--json] [--platform telegram|wechat] [--config FILE] [--db FILE]
  steward dashboard [--config FILE] [--db FILE] [--port N]
  steward check-config FILE
  steward eval spam FILE.jsonl [--train DEV.jsonl] [--mode on|strict]
      rows {"text", "label": "spam"|"ham"}; the shipped model unless --train fits one on DEV
  steward eval topic FILE.jsonl --history PAST.jsonl
      rows {"text", "label": "on"|"off"}; the group has learned from PAST (same rows)`;

const settingDefinitions = features.flatMap((f) => f.settings ?? []);

async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      platform: { type: 'string', default: 'telegram' },
      port: { type: 'string' },
      train: { type: 'string' },
      history: { type: 'string' },
      mode: { type: 'string', default: 'on' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  switch (command) {
    case 'start': {
      const { config, file } = loadConfig(values.config, process.env, settingDefinitions);
      await runStart(config, file);
      return 0;
    }
    case 'shell': {
      if (values.platform !== 'telegram' && values.platform !== 'wechat') {
        process.stderr.write(`--platform must be telegram or wechat, not "${values.platform}"\n${USAGE}\n`);
        return 2;
      }
      const { config, file } = loadConfig(values.config, process.env, settingDefinitions);
      await runShell({ config, configFile: file, json: values.json, imitate: values.platform, dbPath: values.db, input: process.stdin, output: process.stdout });
      return 0;
    }
    case 'dashboard': {
      const { config, file } = loadConfig(values.config, process.env, settingDefinitions);
      const port = values.port === undefined ? undefined : Number(values.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
        process.stderr.write(`--port must be a port number\n${USAGE}\n`);
        return 2;
      }
      const dashboard = await runDashboard(config, file, values.db, port);
      process.stdout.write(`dashboard: ${dashboard.url}/?token=…\n`);
      await new Promise(() => undefined); // serves until a signal stops it
      return 0;
    }
    case 'eval': {
      const [task, file] = positionals;
      const mode = values.mode;
      if ((task !== 'spam' && task !== 'topic') || !file || (mode !== 'on' && mode !== 'strict') || (task === 'topic' && !values.history)) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const { readJsonl } = await import('./features/adfilter/evaluate.js');
      if (task === 'topic') {
        const { evaluateTopic } = await import('./features/workhours/evaluate.js');
        process.stdout.write(`${JSON.stringify(evaluateTopic(readJsonl(file), readJsonl(values.history!)))}\n`);
        return 0;
      }
      const { evaluateSpam, scorerOf, trainSpamModel } = await import('./features/adfilter/evaluate.js');
      const { loadModel } = await import('./features/adfilter/models.js');
      const { THRESHOLDS } = await import('./features/adfilter/settings.js');
      // --train: a model fitted on the given rows (evaluation use of a research-only source) instead of the shipped one.
      const model = values.train ? trainSpamModel(readJsonl(values.train)) : loadModel();
      const rows = readJsonl<{ text: string; label: string }>(file);
      process.stdout.write(`${JSON.stringify(evaluateSpam(rows, THRESHOLDS[mode].remove, scorerOf(model)))}\n`);
      return 0;
    }
    case 'check-config': {
      const path = positionals[0] ?? values.config;
      if (!path) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const { config, file } = loadConfig(path, process.env, settingDefinitions);
      const platforms = [config.telegram && 'telegram', config.wechat && 'wechat'].filter(Boolean);
      process.stdout.write(`${file}: OK (${platforms.length ? platforms.join(', ') : 'no platform: the shell simulator'})\n`);
      return 0;
    }
    default:
      process.stderr.write(`unknown command "${command}"\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Start-up problems the operator can fix get a plain message, not a stack trace.
    const operatorError = err instanceof ConfigError || err instanceof MigrationError || err instanceof RegistryError || (err instanceof Error && err.name === 'WechatLoginError');
    if (operatorError) {
      process.stderr.write(`steward: ${err.message}\n`);
    } else {
      process.stderr.write(`steward: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exitCode = 1;
  },
);
