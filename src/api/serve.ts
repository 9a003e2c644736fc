import type { FastifyInstance } from 'fastify';
import type { WorkerContext } from '../workers/worker-context.js';
import { buildApp, type BuildAppOptions } from './build-app.js';

export interface ServeOptions extends Pick<WorkerContext, 'config' | 'connection' | 'logger' | 'queues'>, Pick<BuildAppOptions, 'metrics' | 'subscribers'> {
  /** Default: config.api.host. */
  host?: string;
  /** Default: config.api.port (0: a free port). */
  port?: number;
}

export interface RunningServer {
  app: FastifyInstance;
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Stops accepting, ends open event streams, waits for in-flight requests. Queues and Redis stay open. */
  close(): Promise<void>;
}

/** What `sitrep serve` runs: the API listening on api.host:api.port. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { config, logger } = options;
  if (config.api.tokens.length === 0) {
    logger.warn('api.tokens is empty: every route but /healthz and /readyz answers 401 (set SITREP_API_TOKENS)');
  }
  const app = await buildApp(options);
  await app.listen({ host: options.host ?? config.api.host, port: options.port ?? config.api.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? config.api.port);
  const host = options.host ?? config.api.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ url }, 'sitrep API listening');
  return { app, url, close: () => app.close() };
}
