import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stdout; readable lines instead when a person watches a terminal.
 * Secrets that may appear in headers are redacted either way.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    ...(process.stdout.isTTY && { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }),
  });
}
