import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs on stdout; secrets that may appear in headers are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
  });
}
