import type { FastifyInstance } from 'fastify';
import { SitrepError } from '../errors/sitrep-error.js';
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

const LISTEN_REASONS: Record<string, string> = {
  EADDRINUSE: 'the port is in use (another sitrep serve?): choose another with --port or SITREP_API_PORT',
  EACCES: 'not permitted (ports below 1024 need privileges): choose another with --port or SITREP_API_PORT',
  EADDRNOTAVAIL: 'no such address on this machine: check --host or SITREP_API_HOST',
  ENOTFOUND: 'the host name does not resolve: check --host or SITREP_API_HOST',
};

function listenError(error: unknown, host: string, port: number): SitrepError {
  const code = (error as { code?: string }).code ?? '';
  const reason = LISTEN_REASONS[code] ?? (error as Error).message;
  return new SitrepError('SITREP_ERR_LISTEN', `cannot listen on ${host}:${port}: ${reason}${code ? ` (${code})` : ''}`, { cause: error });
}

/** What `sitrep serve` runs: the API listening on api.host:api.port. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { config, logger } = options;
  if (config.api.tokens.length === 0) {
    logger.warn('api.tokens is empty: every route but /healthz and /readyz answers 401 (set SITREP_API_TOKENS)');
  }
  const app = await buildApp(options);
  const host = options.host ?? config.api.host;
  const wanted = options.port ?? config.api.port;
  try {
    await app.listen({ host, port: wanted });
  } catch (error) {
    await app.close();
    throw listenError(error, host, wanted);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : wanted;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.info({ url }, 'sitrep API listening');
  return { app, url, close: () => app.close() };
}
