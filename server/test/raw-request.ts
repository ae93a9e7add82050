import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/**
 * The app on a real port, asked with node:http: answers come as they went over the wire, not unzipped as the
 * test client would. `close` stops the server.
 */
export async function rawClient(app: Express) {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const request = (method: 'GET' | 'HEAD', path: string, headers: Record<string, string> = {}) =>
    new Promise<RawAnswer>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  return { request, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
