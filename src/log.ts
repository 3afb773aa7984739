import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured logs on stderr, so stdout stays free for the simulator's output. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'steward' } }, pino.destination({ fd: 2, sync: true }));
}

export const silentLogger: Logger = pino({ level: 'silent' });
