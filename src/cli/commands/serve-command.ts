import { serve } from '../../api/serve.js';
import { openRuntime, type GlobalOptions } from '../runtime.js';

export interface ServeCommandOptions extends GlobalOptions {
  host?: string;
  port?: string;
}

/** `sitrep serve`: the HTTP API, status page and dashboard until SIGINT/SIGTERM. */
export async function serveCommand(options: ServeCommandOptions): Promise<number> {
  const rt = await openRuntime(options, undefined, { waitForRedis: true });
  const server = await serve({ ...rt, ...(options.host ? { host: options.host } : {}), ...(options.port ? { port: Number(options.port) } : {}) });
  process.stderr.write(`sitrep API listening on ${server.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
  await rt.close();
  return 0;
}
