#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { loadConfig } from './config/load.js';
import { redactError, secretsOf } from './log.js';
import { buildFeatures } from '../commands/index.js';
import { configuredSpamModel, runDashboard, runShell, runStart } from './main.js';

const USAGE = `Usage:
  steward start [--config FILE]
  steward shell [--json] [--platform telegram|wechat] [--config FILE] [--db FILE]
  steward dashboard [--config FILE] [--db FILE] [--port N]
  steward check-config FILE
  steward health [--config FILE] [--db FILE]
      exit 0 when the running bot wrote its heartbeat lately, every platform is connected and the
      outbox is moving; 1 otherwise, saying what is wrong (a container's HEALTHCHECK)
  steward bans import FILE.csv [--platform telegram|wechat] [--source NAME] [--config FILE] [--db FILE]
      adds a published ban list (e.g. the CAS export: an account id in each line's first column) to
      the bot's database; people on it are removed when they join a group that keeps bans.imported on
  steward train MODEL.json FILE.jsonl [FILE.jsonl ...]
      fits the ad filter's text model on your rows {"text", "label": "spam"|"ham"} and prints a
      5-fold estimate; "adfilter": {"model": "MODEL.json"} in the config puts it to work
  steward eval spam FILE.jsonl [--model MODEL.json | --train DEV.jsonl] [--mode on|strict]
      rows {"text", "label": "spam"|"ham"}; the shipped model unless --model or --train names one
  steward eval topic FILE.jsonl --history PAST.jsonl
      rows {"text", "label": "on"|"off"}; the group has learned from PAST (same rows)`;

const NO_PLATFORM = [
  'no Telegram or WeChat credentials are configured, and there is no terminal to run the shell simulator in.',
  'Set STEWARD_TELEGRAM_TOKEN (or a config file with "telegram" or "wechat") to run the bot; to try the',
  'simulator, run it in a terminal (docker run -it …), or script it with `steward shell`.',
].join('\n  ');

const settingDefinitions = buildFeatures().flatMap((f) => f.settings ?? []);

/** The config, with its warnings (a key given twice) on stderr; its secrets join `secrets`. */
function load(path: string | undefined, secrets: string[]): { config: ReturnType<typeof loadConfig>['config']; file: string } {
  const { config, file, warnings } = loadConfig(path, process.env, settingDefinitions);
  for (const w of warnings) process.stderr.write(`steward: ${file}: warning: ${w}\n`);
  secrets.push(...secretsOf(config));
  return { config, file };
}

/** Whatever fails, no configured secret reaches the error the CLI prints. */
async function main(argv: string[]): Promise<number> {
  const secrets: string[] = [];
  try {
    return await run(argv, secrets);
  } catch (err) {
    throw redactError(err, secrets);
  }
}

async function run(argv: string[], secrets: string[]): Promise<number> {
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
      model: { type: 'string' },
      history: { type: 'string' },
      mode: { type: 'string', default: 'on' },
      source: { type: 'string', default: 'cas' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  switch (command) {
    case 'start': {
      const { config, file } = load(values.config, secrets);
      // Without credentials `start` is the simulator, which needs someone typing: in a container
      // started with -d it would read end-of-input, exit 0, and be restarted over and over.
      if (!config.telegram && !config.wechat && !process.stdin.isTTY) {
        process.stderr.write(`steward: ${NO_PLATFORM}\n`);
        return 2;
      }
      await runStart(config, file);
      return 0;
    }
    case 'shell': {
      if (values.platform !== 'telegram' && values.platform !== 'wechat') {
        process.stderr.write(`--platform must be telegram or wechat, not "${values.platform}"\n${USAGE}\n`);
        return 2;
      }
      const { config, file } = load(values.config, secrets);
      await runShell({ config, configFile: file, json: values.json, imitate: values.platform, dbPath: values.db, input: process.stdin, output: process.stdout });
      return 0;
    }
    case 'dashboard': {
      const { config, file } = load(values.config, secrets);
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
    case 'train': {
      const [out, ...files] = positionals;
      if (!out || !files.length) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const { trainOwnModel } = await import('./features/adfilter/training.js');
      process.stdout.write(`${JSON.stringify(trainOwnModel(files, out))}\n`);
      return 0;
    }
    case 'eval': {
      const [task, file] = positionals;
      const mode = values.mode;
      const badSpam = task === 'spam' && values.model && values.train;
      if ((task !== 'spam' && task !== 'topic') || !file || (mode !== 'on' && mode !== 'strict') || (task === 'topic' && !values.history) || badSpam) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const { readLabeledRows } = await import('./features/adfilter/training.js');
      if (task === 'topic') {
        const { evaluateTopic } = await import('./features/workhours/evaluate.js');
        const labels = ['on', 'off'] as const;
        process.stdout.write(`${JSON.stringify(evaluateTopic(readLabeledRows([file], labels), readLabeledRows([values.history!], labels)))}\n`);
        return 0;
      }
      const { evaluateSpamFile, scorerOf, trainSpamModel } = await import('./features/adfilter/evaluate.js');
      const { loadModel } = await import('./features/adfilter/models.js');
      const { THRESHOLDS } = await import('./features/adfilter/settings.js');
      const labels = ['spam', 'ham'] as const;
      // --train: a model fitted on the given rows (evaluation use of a research-only source) instead of the shipped one.
      const model = values.train ? trainSpamModel(readLabeledRows([values.train], labels)) : loadModel(values.model);
      process.stdout.write(`${JSON.stringify(evaluateSpamFile(readLabeledRows([file], labels), THRESHOLDS[mode].remove, scorerOf(model)))}\n`);
      return 0;
    }
    case 'health': {
      const { config } = load(values.config, secrets);
      const { checkHealth } = await import('./main.js');
      const r = checkHealth(config, values.db, Date.now());
      process.stdout.write(`${JSON.stringify(r)}\n`);
      return r.ok ? 0 : 1;
    }
    case 'bans': {
      const [sub, path] = positionals;
      if (sub !== 'import' || !path || (values.platform !== 'telegram' && values.platform !== 'wechat') || !/^[\w.-]{1,40}$/.test(values.source)) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const { config, file } = load(values.config, secrets);
      const { importBanList } = await import('./main.js');
      const r = importBanList(config, file, values.db, path, values.platform, values.source);
      process.stdout.write(`${JSON.stringify(r)}\n`);
      return 0;
    }
    case 'check-config': {
      const path = positionals[0] ?? values.config;
      if (!path) {
        process.stderr.write(`${USAGE}\n`);
        return 2;
      }
      const { config, file } = load(path, secrets);
      configuredSpamModel(config, file);
      const platforms = [config.telegram && 'telegram', config.wechat && 'wechat'].filter(Boolean);
      process.stdout.write(`${file}: OK (${platforms.length ? platforms.join(', ') : 'no platform: the shell simulator'})\n`);
      return 0;
    }
    default:
      process.stderr.write(`unknown command "${command}"\n${USAGE}\n`);
      return 2;
  }
}

/** Start-up and data problems the operator can fix: a plain message, not a stack trace. */
const OPERATOR_ERRORS = new Set(['ConfigError', 'MigrationError', 'RegistryError', 'WechatLoginError', 'DataError', 'ModelFileError']);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof Error && OPERATOR_ERRORS.has(err.name)) {
      process.stderr.write(`steward: ${err.message}\n`);
    } else {
      process.stderr.write(`steward: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exitCode = 1;
  },
);
