import fs from 'node:fs';
import type { RunningServer } from '../server/test/spawn-server.js';

/** A process's resident memory in bytes, as the kernel counts it. */
export const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** What the server's /health says of V8's heap and the memory outside it (PGlite's WebAssembly memory counts as external). */
export async function heapOf(server: RunningServer) {
  const m = ((await (await fetch(`${server.baseUrl}/health`)).json()) as { memory: Record<string, number> }).memory;
  return `heap used ${m.heapUsedMb} MB of ${m.heapTotalMb} MB, external ${m.externalMb} MB`;
}
