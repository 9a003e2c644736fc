import { serve } from '../../api/serve.js';
import { openRuntime, type GlobalOptions } from '../runtime.js';
import { closeOnSignal, shutdownSignal } from '../shutdown.js';

export interface ServeCommandOptions extends GlobalOptions {
  host?: string;
  port?: number;
  /** Seconds to wait for in-flight requests at shutdown. Default 10. */
  grace?: number;
}

/** `sitrep serve`: the HTTP API, status page and dashboard until SIGINT/SIGTERM. */
export async function serveCommand(options: ServeCommandOptions): Promise<number> {
  const rt = await openRuntime(options, { waitForRedis: true });
  const signal = shutdownSignal(rt.logger);
  let server;
  try {
    server = await serve({ ...rt, ...(options.host ? { host: options.host } : {}), ...(options.port !== undefined ? { port: options.port } : {}) });
  } catch (error) {
    await rt.close();
    throw error;
  }
  process.stderr.write(`sitrep API listening on ${server.url}\n`);
  return closeOnSignal(signal, async () => {
    await server.close();
    await rt.close();
  }, (options.grace ?? 10) * 1000, rt.logger, 'sitrep serve');
}
