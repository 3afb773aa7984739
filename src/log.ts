import { type DestinationStream, type Logger, pino } from 'pino';
import type { Config } from './config/schema.js';

export type { Logger };

/** Every secret the configuration holds, whatever its format. */
export function secretsOf(config: Config): string[] {
  return [config.telegram?.token, config.telegram?.webhook?.secretToken, config.wechat?.token, config.dashboard?.token, config.secondOpinion?.apiKey].filter(
    (s): s is string => typeof s === 'string' && s.length >= 4,
  );
}

/**
 * Replaces each secret, as written, as it appears inside a JSON string and inside a URL, with
 * "[redacted]". Plain string replacement: a secret never becomes a pattern.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)]))].sort((a, b) => b.length - a.length);
  if (!forms.length) return (text) => text;
  return (text) => {
    let out = text;
    for (const f of forms) if (out.includes(f)) out = out.split(f).join('[redacted]');
    return out;
  };
}

/** Takes every configured secret out of an error's message and stack before anything prints it. */
export function redactError(err: unknown, secrets: readonly string[]): unknown {
  if (!(err instanceof Error) || !secrets.length) return err;
  const redact = redactor(secrets);
  err.message = redact(err.message);
  if (err.stack) err.stack = redact(err.stack);
  return err;
}

/**
 * Structured logs on stderr, so stdout stays free for the simulator's output. Every line passes
 * through the redactor, so no configured secret reaches a log in any field, message or stack.
 */
export function createLogger(level: string, o: { secrets?: readonly string[]; destination?: DestinationStream } = {}): Logger {
  const redact = redactor(o.secrets ?? []);
  return pino({ level, base: { app: 'steward' }, hooks: { streamWrite: redact } }, o.destination ?? pino.destination({ fd: 2, sync: true }));
}

export const silentLogger: Logger = pino({ level: 'silent' });
