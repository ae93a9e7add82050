import fs from 'node:fs';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const BUSY_RETRY_MS = 5;
const BUSY_GIVE_UP_MS = 1000;

/**
 * Log lines to stdout, written synchronously as pino's default does, but a stdout that is gone (its reader
 * exited: EPIPE) drops lines instead of failing. pino's own destination retries such a write forever at exit,
 * so a server whose parent had gone never exited on SIGTERM. A pipe that is only full is waited on, up to 1 s.
 */
export function stdoutDestination(fd = 1): DestinationStream & { gone: boolean } {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const dest = {
    gone: false,
    write(line: string) {
      if (dest.gone) return;
      let buf = Buffer.from(line);
      const started = Date.now();
      while (buf.length) {
        try {
          buf = buf.subarray(fs.writeSync(fd, buf));
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if ((code === 'EAGAIN' || code === 'EBUSY') && Date.now() - started < BUSY_GIVE_UP_MS) Atomics.wait(pause, 0, 0, BUSY_RETRY_MS);
          else if (code === 'EAGAIN' || code === 'EBUSY') return; // a reader that stopped reading: this line is dropped
          else {
            dest.gone = true;
            return;
          }
        }
      }
    },
  };
  return dest;
}

/**
 * JSON logs on stdout; readable lines instead when a person watches a terminal.
 * Secrets that may appear in headers are redacted either way.
 */
export function createLogger(level: string): Logger {
  const options = { level, redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'] };
  if (process.stdout.isTTY) return pino({ ...options, transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } });
  // A write to a closed stdout by anything else (the first-run line) must not crash the server either.
  process.stdout.on('error', () => {});
  return pino(options, stdoutDestination());
}
