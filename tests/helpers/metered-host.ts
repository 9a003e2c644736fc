import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP server on one loopback address (127.0.0.2 … 127.0.0.9 are different hosts to sitrep)
 * that measures what politeness is about, as the site would see it: requests in flight at once,
 * and when each request arrived. Every request counts, robots.txt included.
 */
export interface MeteredHost {
  host: string;
  baseUrl: string;
  url(path: string): string;
  /** Arrival time (ms, performance clock) and path of every request, in order. */
  log: Array<{ at: number; path: string }>;
  /** Most requests in flight at once (arrival to the response's last byte). */
  maxInFlight(): number;
  /** Requests for a path so far. */
  requests(path: string): number;
  close(): Promise<void>;
}

export type MeteredHandler = (req: IncomingMessage, res: ServerResponse, path: string, count: number) => void | Promise<void>;

export async function startMeteredHost(host: string, handler: MeteredHandler): Promise<MeteredHost> {
  const log: MeteredHost['log'] = [];
  const counts = new Map<string, number>();
  let inFlight = 0;
  let max = 0;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    log.push({ at: performance.now(), path });
    counts.set(path, (counts.get(path) ?? 0) + 1);
    inFlight++;
    max = Math.max(max, inFlight);
    let done = false;
    const end = () => {
      if (!done) inFlight--;
      done = true;
    };
    res.on('finish', end);
    res.on('close', end);
    Promise.resolve()
      .then(() => handler(req, res, path, counts.get(path) ?? 0))
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    host,
    baseUrl,
    url: (path) => new URL(path, baseUrl).href,
    log,
    maxInFlight: () => max,
    requests: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Most arrivals within any window of `windowMs` (sliding), and the smallest gap between two arrivals. */
export function arrivalStats(times: readonly number[], windowMs = 1000): { maxInWindow: number; minGapMs: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let maxInWindow = 0;
  let minGapMs = Number.POSITIVE_INFINITY;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    if (i > 0) minGapMs = Math.min(minGapMs, sorted[i] - sorted[i - 1]);
    while (sorted[i] - sorted[j] >= windowMs) j++;
    maxInWindow = Math.max(maxInWindow, i - j + 1);
  }
  return { maxInWindow, minGapMs };
}
