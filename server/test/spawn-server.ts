import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { SERVER_ENV, serverNodeFlags } from '../runtime-flags.js';

export type RunningServer = {
  child: ChildProcess;
  baseUrl: string;
  /** Every JSON log line the server printed so far. */
  lines: Record<string, unknown>[];
  readyMs: number;
  /** SIGTERM and wait: resolves to the exit code. */
  stop(): Promise<number | null>;
};

/** Starts `server/main.ts` as a real process on a free port and waits for its ready line. */
export function spawnServer(
  env: Record<string, string>,
  /** `nodeFlags` go after the server's own (a benchmark's experiment: a later V8 flag wins, `--cpu-prof`). */
  opts: { keepLogs?: boolean; nodeFlags?: string[] } = {},
): Promise<RunningServer> {
  // Started as `npm run serve` starts it, with the same Node flags and environment.
  const childEnv = { ...process.env, ...SERVER_ENV, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DEMO_DATA: 'auto', ...env };
  const child = spawn(process.execPath, [...serverNodeFlags(childEnv), ...(opts.nodeFlags ?? []), '--import', 'tsx', 'server/main.ts'], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    return code as number | null;
  };
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        // Log lines are JSON; the first-run line is plain text, for a person at a terminal.
        const raw = buffer.slice(0, nl);
        const line = (raw.startsWith('{') ? JSON.parse(raw) : { msg: raw, plain: true }) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        const m = /ready at (http:\/\/[^/]+)\//.exec(String(line.msg));
        if (m) {
          resolve({ child, baseUrl: m[1], lines, readyMs: Number(line.readyMs), stop });
          // A benchmark's load makes thousands of lines a second: drained, not parsed, when not wanted.
          if (opts.keepLogs === false) {
            child.stdout!.removeAllListeners('data');
            child.stdout!.resume();
            return;
          }
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)));
  });
}
